/**
 * True when `a` and `b` differ by at most one insertion, deletion, substitution or swap of two
 * neighbours (Damerau-Levenshtein ≤ 1): the typos thumbs make ("pasword", "cancle", "zalgowac").
 * Linear time, no matrix: it runs for every (message token, lexicon word) pair.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1); // deletion / insertion
}

/** Words shorter than this only match exactly: one edit turns "card" into "cart" or "hard". */
export const FUZZY_MIN_LENGTH = 5;

/**
 * Does `token` match `word` exactly, or within one edit when the word is long enough? The first letter
 * must agree: thumbs rarely miss it, and without this rule "tenha" (have) would read as "senha".
 */
export function fuzzyEquals(token: string, word: string): boolean {
  if (token === word) return true;
  return (
    word.length >= FUZZY_MIN_LENGTH &&
    token.length >= FUZZY_MIN_LENGTH - 1 &&
    token[0] === word[0] &&
    withinOneEdit(token, word)
  );
}

/**
 * Does `token` start with `prefix`, allowing one edit inside the prefix when it is long enough? The
 * prefix's last letter must still end the matched part, so the edit is inside the word's stem:
 * "cancle" starts with "cancel", but "zalozyc" (set up) does not start with "zalog" (log in).
 */
export function fuzzyStartsWith(token: string, prefix: string): boolean {
  if (token.startsWith(prefix)) return true;
  if (prefix.length < FUZZY_MIN_LENGTH || token[0] !== prefix[0]) return false;
  const last = prefix[prefix.length - 1];
  for (const length of [prefix.length - 1, prefix.length, prefix.length + 1]) {
    const head = token.slice(0, length);
    if (head.length === length && head[length - 1] === last && withinOneEdit(head, prefix)) return true;
  }
  return false;
}
