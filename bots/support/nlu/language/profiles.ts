import { LANGUAGES, type Language } from '../../../../shared/domain/channel.ts';
import { articles } from '../../knowledge-base/index.ts';
import { EN } from '../lexicon/en.ts';
import { PL } from '../lexicon/pl.ts';
import { PT } from '../lexicon/pt.ts';
import type { LexiconGroup } from '../lexicon/types.ts';
import { fold } from '../text/normalise.ts';
import { LANGUAGE_WORDS } from './words.ts';

/**
 * Character trigram profiles per language, built at load time from the knowledge base (title, tags,
 * body), the language's word list and its lexicon. Trigrams catch what word lists miss: "zamówię" and
 * "rzeczy" look Polish ("rze", "szy", "cz ") even when no listed word occurs.
 */
type Profile = { readonly logProbability: ReadonlyMap<string, number>; readonly unseen: number };

const LEXICONS: Readonly<Record<Language, readonly LexiconGroup[]>> = { en: EN, pt: PT, pl: PL };

export function trigrams(folded: string): string[] {
  const grams: string[] = [];
  for (const word of folded.split(/[^a-z]+/)) {
    if (!word) continue;
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3));
  }
  return grams;
}

function trainingText(language: Language): string {
  const parts: string[] = [];
  for (const article of articles(language)) parts.push(article.title, article.tags.join(' '), article.body);
  for (const [word, weights] of LANGUAGE_WORDS) if (weights[language]) parts.push(word);
  for (const group of LEXICONS[language]) {
    for (const pattern of group.p) parts.push(pattern.replace(/[|*]/g, ' '));
  }
  return fold(parts.join(' '));
}

function buildProfile(language: Language): Profile {
  const counts = new Map<string, number>();
  let total = 0;
  for (const gram of trigrams(trainingText(language))) {
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
    total++;
  }
  // Add-one smoothing over the trigrams seen in this language plus one bucket for everything else.
  const denominator = total + counts.size + 1;
  const logProbability = new Map<string, number>();
  for (const [gram, count] of counts) logProbability.set(gram, Math.log((count + 1) / denominator));
  return { logProbability, unseen: Math.log(1 / denominator) };
}

let profiles: ReadonlyMap<Language, Profile> | undefined;

/** Log-likelihood of the folded text under each language's trigram model. */
export function trigramLogLikelihood(folded: string): { scores: Record<Language, number>; count: number } {
  profiles ??= new Map(LANGUAGES.map((language) => [language, buildProfile(language)]));
  const grams = trigrams(folded).slice(0, 600);
  const scores = { en: 0, pt: 0, pl: 0 };
  for (const language of LANGUAGES) {
    const profile = profiles.get(language)!;
    for (const gram of grams) scores[language] += profile.logProbability.get(gram) ?? profile.unseen;
  }
  return { scores, count: grams.length };
}
