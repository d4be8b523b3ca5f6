import type { Language } from '../../../shared/domain/channel.ts';
import { article as findArticle } from '../knowledge-base/index.ts';
import { LEXICON, type LexiconTarget, matchLexicon, type TargetEvidence } from './lexicon/index.ts';
import { LEXICON_ARTICLE_INTENTS } from './lexicon/targets.ts';
import { retrieve } from './retrieval/bm25.ts';
import type { Intent } from './types.ts';

/**
 * Retrieval adds at most this much to an article's score, so it decides between articles the
 * lexicons like equally and recognises questions they do not cover, but never outvotes a clear phrase.
 */
export const RETRIEVAL_WEIGHT = 3;
/** The BM25 score that counts as half of RETRIEVAL_WEIGHT. */
export const RETRIEVAL_HALF = 6;

export interface IntentScore {
  readonly intent: Intent;
  readonly score: number;
  /** Message word positions behind the score (lexicon hits only). */
  readonly positions: ReadonlySet<number>;
  /** First word position of that evidence; Infinity when only retrieval found it. */
  readonly first: number;
  /** The weight of the strongest lexicon phrase behind the score (0: retrieval only). */
  readonly strongest: number;
  /** The best article for a topic intent or faq. */
  readonly article: string | null;
}

const NONE: ReadonlySet<number> = new Set();

/** Scores every intent that has any evidence, from the lexicons and the knowledge-base retriever. */
export function scoreIntents(
  text: string,
  tokens: readonly string[],
  language: Language,
): Map<Intent, IntentScore> {
  // Numbers ("14.90", "3 days") carry no intent and would push a phrase's words out of its window.
  const evidence = matchLexicon(
    LEXICON,
    tokens.filter((token) => !/^\d+$/.test(token)),
  );
  const scores = new Map<Intent, IntentScore>();
  const offer = (candidate: IntentScore) => {
    const current = scores.get(candidate.intent);
    if (!current || candidate.score > current.score) scores.set(candidate.intent, candidate);
  };

  const retrieved = retrieve(text, language);
  for (const { id, score } of retrieved) {
    const found = findArticle(id, language);
    if (!found) continue;
    const lexicon = evidence.get(`@${id}`);
    offer({
      intent: found.intent,
      score: (lexicon?.score ?? 0) + (RETRIEVAL_WEIGHT * score) / (score + RETRIEVAL_HALF),
      positions: lexicon?.positions ?? NONE,
      first: lexicon?.first ?? Number.POSITIVE_INFINITY,
      strongest: lexicon?.strongest ?? 0,
      article: id,
    });
  }

  for (const [target, hit] of evidence) {
    if (target.startsWith('@')) {
      // A lexicon article the knowledge base no longer has (a company replaced the articles): keep the
      // intent, and let retrieval pick the article among that intent's articles.
      const id = target.slice(1);
      const intent = LEXICON_ARTICLE_INTENTS[id];
      if (!intent || findArticle(id, language)) continue;
      const best = retrieved.find((entry) => findArticle(entry.id, language)?.intent === intent);
      offer(fromEvidence(intent, hit, best?.id ?? null));
    } else {
      offer(fromEvidence(target as Exclude<LexiconTarget, `@${string}`>, hit, null));
    }
  }
  return scores;
}

function fromEvidence(intent: Intent, hit: TargetEvidence, article: string | null): IntentScore {
  return {
    intent,
    score: hit.score,
    positions: hit.positions,
    first: hit.first,
    strongest: hit.strongest,
    article,
  };
}
