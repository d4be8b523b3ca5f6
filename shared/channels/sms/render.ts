import type { OutboundMessage } from '../../domain/messages.ts';
import { UndeliverableMessageError } from '../errors.ts';
import { numberedOptions } from './choices.ts';
import { characterCost, segmentsFor } from './segments.ts';
import type { TwilioCreateMessageParams } from './wire-types.ts';

/** Twilio refuses a Body over 1600 characters (error 21617). */
export const SMS_MAX_BODY_CHARS = 1600;
/** Longer concatenated messages are delivered unreliably and cost a segment each; we split before. */
export const SMS_MAX_SEGMENTS_PER_PART = 10;

export interface SmsRenderOptions {
  /**
   * Where Twilio reports sent/delivered/failed for one part: PUBLIC_BASE_URL + /webhooks/sms with our
   * tag, which tells the last part of a split message from the earlier ones.
   */
  readonly statusCallbackUrl?: (part: { readonly morePartsFollow: boolean }) => string;
  /** The line under numbered options; English by default. */
  readonly numberedPrompt?: string;
}

/**
 * The Messages.json requests that deliver one message: text split on line or word boundaries so
 * each part stays within 10 segments (and so under 1600 characters), quick replies as a numbered
 * list on the last part (or a part of their own when they do not fit), never a blank part.
 */
export function renderSmsMessage(
  message: OutboundMessage,
  options: SmsRenderOptions = {},
): TwilioCreateMessageParams[] {
  const to = message.to.chatId.trim();
  const from = message.to.accountId.trim();
  if (!to || !from)
    throw new UndeliverableMessageError('sms', 'an SMS needs our number and the customer number');
  const parts = splitSmsText(message.text);
  if (message.quickReplies.length > 0) {
    const list = numberedOptions(message.quickReplies, options.numberedPrompt);
    const last = parts.at(-1);
    const joined = last === undefined ? list : `${last}\n${list}`;
    if (fitsOnePart(joined)) parts.splice(-1, last === undefined ? 0 : 1, joined);
    else parts.push(...splitSmsText(list));
  }
  if (parts.length === 0) throw new UndeliverableMessageError('sms', 'an SMS cannot be empty');
  const callbackUrl = options.statusCallbackUrl;
  return parts.map((body, index) => ({
    To: to,
    From: from,
    Body: body,
    ...(callbackUrl ? { StatusCallback: callbackUrl({ morePartsFollow: index < parts.length - 1 }) } : {}),
  }));
}

/** Parts of `text` within the per-part budget, cut at a line break or space when one is in the second half. */
export function splitSmsText(text: string): string[] {
  const chars = Array.from(text);
  const parts: string[] = [];
  let start = skipSpace(chars, 0);
  while (start < chars.length) {
    const fit = longestFittingPrefix(chars, start);
    let end = start + fit;
    if (end < chars.length) {
      const window = chars.slice(start, end);
      const newline = window.lastIndexOf('\n');
      const space = window.lastIndexOf(' ');
      const cut = newline > fit / 2 ? newline : space > fit / 2 ? space : -1;
      if (cut > 0) end = start + cut;
    }
    const part = chars.slice(start, end).join('').trimEnd();
    if (part.trim() !== '') parts.push(part);
    start = skipSpace(chars, end);
  }
  return parts;
}

function fitsOnePart(text: string): boolean {
  return longestFittingPrefix(Array.from(text), 0) === Array.from(text).length;
}

/** How many characters from `start` fit in one part: cost only grows, so the first overflow ends it. */
function longestFittingPrefix(chars: readonly string[], start: number): number {
  let septets = 0;
  let codeUnits = 0;
  let gsm = true;
  for (let index = start; index < chars.length; index++) {
    const cost = characterCost(chars[index] as string);
    codeUnits += cost.ucs2;
    if (cost.gsm7 === undefined) gsm = false;
    else septets += cost.gsm7;
    const segments = gsm ? segmentsFor('GSM-7', septets) : segmentsFor('UCS-2', codeUnits);
    if (segments > SMS_MAX_SEGMENTS_PER_PART || codeUnits > SMS_MAX_BODY_CHARS)
      return Math.max(1, index - start);
  }
  return chars.length - start;
}

function skipSpace(chars: readonly string[], from: number): number {
  let index = from;
  while (index < chars.length && /\s/u.test(chars[index] as string)) index++;
  return index;
}
