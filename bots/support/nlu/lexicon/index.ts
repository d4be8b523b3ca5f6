import { EN } from './en.ts';
import { compileLexicon } from './match.ts';
import { PL } from './pl.ts';
import { PT } from './pt.ts';
import { SHARED } from './shared.ts';
import type { CompiledLexicon } from './types.ts';

export { matchLexicon, type TargetEvidence } from './match.ts';
export type { LexiconTarget } from './types.ts';

/**
 * Every language's patterns, applied to every message: customers mix languages ("meu refund", "mój
 * order"), and a message in the wrong language's lexicon costs little because the words differ.
 */
export const LEXICON: CompiledLexicon = compileLexicon([...SHARED, ...EN, ...PT, ...PL]);

/** Every word and prefix the lexicons know, for telling dictionary words from pasted secrets. */
export function lexiconVocabulary(): Set<string> {
  return new Set(LEXICON.terms.map((term) => term.text));
}
