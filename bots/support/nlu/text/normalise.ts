/**
 * Text folding shared by language detection, intent matching and retrieval. People on phones type
 * without diacritics ("nao", "zalogowac"), shout, stretch words ("oiii") and use emoji instead of words,
 * so every comparison happens on the folded form.
 */

/** Emoji that carry meaning for support, mapped to tokens the lexicons can use (`:anger:`). */
const EMOJI_TOKENS: ReadonlyArray<readonly [RegExp, string]> = [
  [/[😡😠🤬👿💢🖕😤]/gu, 'anger'],
  [/[😢😭😞😔☹🙁😩😫😟]/gu, 'sad'],
  [/🙏/gu, 'thanks'],
  [/[👍👌✅🆗]/gu, 'ok'],
  [/👋/gu, 'wave'],
  [/[😊🙂😀😃😄😁☺😍🥰❤♥😘]/gu, 'happy'],
  [/[😂🤣]/gu, 'laugh'],
];

/** Lowercase, no diacritics, ł→l, apostrophes dropped ("can't" → "cant"), letter runs of 3+ collapsed. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase()
    .replace(/[’'`´]/g, '')
    .replace(/(\p{L})\1{2,}/gu, '$1');
}

/** Emoji become `:name:` tokens; other symbols and punctuation separate words. */
export function mapEmoji(text: string): string {
  let out = text;
  for (const [pattern, name] of EMOJI_TOKENS) out = out.replace(pattern, ` :${name}: `);
  return out;
}

/** The longest message we read in full: later text rarely changes the topic and costs time. */
export const MAX_CHARS = 2000;

/** Folded word tokens (letters/digits) plus emoji tokens, in order. */
export function tokenise(text: string): string[] {
  return fold(mapEmoji(text.slice(0, MAX_CHARS))).match(/:[a-z]+:|[\p{L}\p{N}]+/gu) ?? [];
}

/** True for a message typed in capitals (at least 6 letters, 80 % upper case). */
export function isShouting(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length < 6) return false;
  const upper = letters.filter((letter) => letter !== letter.toLowerCase()).length;
  return upper / letters.length >= 0.8;
}
