import { isShouting } from './text/normalise.ts';

/** Words that ask for speed, in folded form; they raise the handoff priority, not the intent. */
const URGENT =
  /\b(urgent\w*|asap|emergency|immediately|right now|urgente|urgencia|rapido|imediatamente|agora mesmo|pilne|pilnie|natychmiast|jak najszybciej)\b/;

/** Anger the priority rules care about: an angry emoji, or shouting with exclamation marks. */
export function soundsAngry(text: string, tokens: readonly string[]): boolean {
  return tokens.includes(':anger:') || (isShouting(text) && /!{2,}/.test(text));
}

export function soundsUrgent(folded: string): boolean {
  return URGENT.test(folded);
}
