import type { Intent } from '../types.ts';

/**
 * What a lexicon entry points at: an intent without articles ("greeting", "human_agent", …) or a
 * knowledge-base article id prefixed with "@" (its intent comes from the article's front matter).
 */
export type LexiconTarget = Exclude<Intent, 'unknown' | 'faq'> | `@${string}`;

/**
 * A group of patterns with one weight. Pattern syntax, on folded text (lowercase, no diacritics):
 * - words separated by spaces must all occur, in any order, within a short window
 *   (free word order in Polish and Portuguese: "haslo nie pamietam" = "nie pamietam hasla");
 * - `a|b` accepts either word at that place; `word*` accepts any word starting with `word`;
 * - words of 5+ letters also match with one typo (see text/fuzzy.ts), unless written `=word`: for
 *   words one typo away from a common word ("smart"/"start", "dziena"/"dzien").
 */
export interface LexiconGroup {
  readonly to: LexiconTarget;
  /** Added to the target's score once per matching pattern; negative weights argue against it. */
  readonly w: number;
  readonly p: readonly string[];
  /** Only when the message has at most this many words: "agent" alone asks for one, "agent hours" not. */
  readonly max?: number;
}

/** One word of the lexicons' vocabulary, as it is compared with message tokens. */
export interface Term {
  readonly text: string;
  readonly kind: 'word' | 'exact' | 'prefix';
}

export interface CompiledPattern {
  readonly to: LexiconTarget;
  readonly weight: number;
  /** Per place in the pattern, the ids (into CompiledLexicon.terms) of the accepted terms. */
  readonly slots: readonly (readonly number[])[];
  readonly max?: number;
  /** For reports and debugging: the pattern as written. */
  readonly source: string;
}

export interface CompiledLexicon {
  readonly patterns: readonly CompiledPattern[];
  readonly terms: readonly Term[];
}
