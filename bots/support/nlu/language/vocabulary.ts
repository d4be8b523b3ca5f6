import { LANGUAGES, type Language } from '../../../../shared/domain/channel.ts';
import { EN } from '../lexicon/en.ts';
import { PL } from '../lexicon/pl.ts';
import { PT } from '../lexicon/pt.ts';
import type { LexiconGroup } from '../lexicon/types.ts';

/**
 * The intent lexicons double as language evidence: "disgraceful", "dostawy" or "estorno" say which
 * language a message is in even when it has no function words ("czas dostawy?").
 */
const LEXICONS: Readonly<Record<Language, readonly LexiconGroup[]>> = { en: EN, pt: PT, pl: PL };
const WORD_WEIGHT = 1;
const PREFIX_WEIGHT = 0.75;
/** Shorter prefixes ("rat*", "bon*") are in too many words of the other languages. */
const MIN_PREFIX = 4;
/** Brand names, commands and loanwords every language uses: "LINK 123456" says nothing about language. */
const NEUTRAL = new Set(
  'link status plus alpha whatsapp telegram messenger paypal wifi email mail app sms pdf vat blik pix ok bot smart pixel start menu google apple pay klarna voucher gift card refund order'.split(
    ' ',
  ),
);

interface Vocabulary {
  readonly words: ReadonlySet<string>;
  readonly prefixes: readonly string[];
}

function vocabulary(groups: readonly LexiconGroup[]): Vocabulary {
  const words = new Set<string>();
  const prefixes = new Set<string>();
  for (const group of groups) {
    for (const pattern of group.p) {
      for (const alternative of pattern.split(/[\s|]+/)) {
        const word = alternative.replace(/^=/, '');
        if (word.startsWith(':') || /^\d+$/.test(word) || NEUTRAL.has(word)) continue;
        if (word.endsWith('*')) {
          if (word.length > MIN_PREFIX) prefixes.add(word.slice(0, -1));
        } else if (word.length > 2) {
          words.add(word);
        }
      }
    }
  }
  return { words, prefixes: [...prefixes] };
}

let vocabularies: ReadonlyMap<Language, Vocabulary> | undefined;

/** Per language: how many of the tokens its lexicon knows (prefix matches count a little less). */
export function lexiconEvidence(tokens: readonly string[]): Record<Language, number> {
  vocabularies ??= new Map(LANGUAGES.map((language) => [language, vocabulary(LEXICONS[language])]));
  const scores = { en: 0, pt: 0, pl: 0 };
  for (const language of LANGUAGES) {
    const { words, prefixes } = vocabularies.get(language)!;
    for (const token of tokens) {
      if (words.has(token)) scores[language] += WORD_WEIGHT;
      else if (prefixes.some((prefix) => token.startsWith(prefix))) scores[language] += PREFIX_WEIGHT;
    }
  }
  return scores;
}
