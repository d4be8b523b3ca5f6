import { LANGUAGES, type Language, languageFromLocale } from '../../../../shared/domain/channel.ts';
import { fold, tokenise } from '../text/normalise.ts';
import type { LanguageDetection, UnderstandOptions } from '../types.ts';
import { languageOverride } from './overrides.ts';
import { trigramLogLikelihood } from './profiles.ts';
import { lexiconEvidence } from './vocabulary.ts';
import { LANGUAGE_WORDS } from './words.ts';

/** Letters only one of the languages uses (ó is in both Portuguese and Polish, so it is left out). */
const DIACRITICS: Readonly<Record<Language, RegExp>> = {
  en: /(?!)/g,
  pt: /[ãõçâêôàáéíú]/g,
  pl: /[ąęłńśźżć]/g,
};
const DIACRITIC_WEIGHT = 1.5;
const DIACRITIC_CAP = 4.5;
/** Nats of trigram log-likelihood worth one point of word evidence. */
const TRIGRAM_WEIGHT = 0.3;
/** Below this much evidence, or this probability, the text alone does not decide. */
const MIN_EVIDENCE = 1.5;
const MIN_PROBABILITY = 0.7;

export interface LanguageScores {
  readonly probabilities: Readonly<Record<Language, number>>;
  /** How much the text says about its language at all (listed words + diacritics + length). */
  readonly evidence: number;
}

/** What the text alone says about its language. */
export function scoreLanguages(text: string): LanguageScores {
  const scores: Record<Language, number> = { en: 0, pt: 0, pl: 0 };
  let evidence = 0;
  const tokens = tokenise(text).slice(0, 300);
  for (const token of tokens) {
    const weights = LANGUAGE_WORDS.get(token);
    if (!weights) continue;
    let strongest = 0;
    for (const language of LANGUAGES) {
      const weight = weights[language] ?? 0;
      scores[language] += weight;
      strongest = Math.max(strongest, weight);
    }
    evidence += strongest;
  }
  const known = lexiconEvidence(tokens);
  for (const language of LANGUAGES) scores[language] += known[language];
  evidence += Math.max(...LANGUAGES.map((language) => known[language]));
  const lower = text.slice(0, 2000).toLowerCase().normalize('NFC');
  for (const language of LANGUAGES) {
    const marks = Math.min(
      DIACRITIC_CAP,
      (lower.match(DIACRITICS[language])?.length ?? 0) * DIACRITIC_WEIGHT,
    );
    scores[language] += marks;
    evidence += marks;
  }
  const trigram = trigramLogLikelihood(fold(text.slice(0, 2000)));
  const best = Math.max(...LANGUAGES.map((language) => trigram.scores[language]));
  for (const language of LANGUAGES) scores[language] += (trigram.scores[language] - best) * TRIGRAM_WEIGHT;
  evidence += Math.min(2, trigram.count / 15);
  return { probabilities: softmax(scores), evidence };
}

/**
 * The message's language: an explicit request wins; then the text when it is clear enough; then the
 * platform's locale hint (short messages: "ok", "👍", "LINK 123456"); then the remembered language.
 */
export function detectLanguage(text: string, options: UnderstandOptions = {}): LanguageDetection {
  const requested = languageOverride(fold(text));
  if (requested) return { language: requested, confidence: 1, override: true, source: 'override' };
  const { probabilities, evidence } = scoreLanguages(text);
  const [top] = [...LANGUAGES].sort((a, b) => probabilities[b] - probabilities[a]) as [Language];
  if (evidence >= MIN_EVIDENCE && probabilities[top] >= MIN_PROBABILITY) {
    return { language: top, confidence: round(probabilities[top]), source: 'text' };
  }
  const hint = languageFromLocale(options.localeHint);
  if (hint) return { language: hint, confidence: round(Math.max(0.5, probabilities[hint])), source: 'hint' };
  if (options.remembered) {
    const remembered = options.remembered;
    return {
      language: remembered,
      confidence: round(Math.max(0.4, probabilities[remembered])),
      source: 'remembered',
    };
  }
  if (evidence >= MIN_EVIDENCE / 2)
    return { language: top, confidence: round(probabilities[top]), source: 'text' };
  return { language: 'en', confidence: round(probabilities.en), source: 'default' };
}

function softmax(scores: Record<Language, number>): Record<Language, number> {
  const max = Math.max(...LANGUAGES.map((language) => scores[language]));
  const exp = LANGUAGES.map((language) => Math.exp(scores[language] - max));
  const sum = exp.reduce((total, value) => total + value, 0);
  return { en: exp[0]! / sum, pt: exp[1]! / sum, pl: exp[2]! / sum };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
