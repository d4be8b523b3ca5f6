import type { QuickReply } from '../../domain/messages.ts';

/** What follows the numbered options; English unless the caller gives its own words. */
export const DEFAULT_NUMBERED_PROMPT = 'Reply with a number.';

/**
 * SMS has no buttons: quick replies become a numbered list under the text, e.g.
 * "1. Reset my password\n2. Order status\nReply with a number."
 */
export function numberedOptions(offered: readonly QuickReply[], prompt = DEFAULT_NUMBERED_PROMPT): string {
  const lines = offered.map((reply, index) => `${index + 1}. ${reply.label}`);
  return [...lines, prompt].join('\n');
}

/** "2", " 2 ", "2.", "2)", "#2", "(2)", "2️⃣": a number alone, with the decorations people type. */
const CHOSEN_NUMBER = /^[#(]?\s*0*(\d{1,3})\s*(?:[.)]|\uFE0F?\u20E3)?$/u;

/**
 * The quick reply a customer picked by answering with its number, or by typing its label
 * exactly (case, spacing and accents ignored). Anything else, or a number not offered → undefined.
 */
export function numberedChoice(text: string, offered: readonly QuickReply[]): QuickReply | undefined {
  const answer = text.normalize('NFKC').trim();
  const number = CHOSEN_NUMBER.exec(answer)?.[1];
  if (number !== undefined) return offered[Number(number) - 1];
  const typed = comparable(answer);
  if (typed === '') return undefined;
  return offered.find((reply) => comparable(reply.label) === typed);
}

function comparable(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim().toLocaleLowerCase('en');
}
