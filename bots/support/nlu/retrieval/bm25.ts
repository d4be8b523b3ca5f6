import type { Language } from '../../../../shared/domain/channel.ts';
import { articles, type KbArticle } from '../../knowledge-base/index.ts';
import { tokenise } from '../text/normalise.ts';

/**
 * BM25 over the knowledge base, one index per language, built at module load (60 short articles:
 * a few milliseconds) so that a company that replaces the articles needs no extra build step.
 * Title words count ×3 and tags ×2: they are what the article is about; the body also mentions
 * neighbouring topics ("refund" appears in the cancel-order article).
 */
const FIELD_WEIGHTS = { title: 3, tags: 2, body: 1 } as const;
const K1 = 1.2;
const B = 0.75;

/** Light stemming by truncation: one rule for three languages, and it suits inflected Polish. */
export const STEM_LENGTH = 5;

export function stem(token: string): string {
  return token.slice(0, STEM_LENGTH);
}

export function stems(text: string): string[] {
  return tokenise(text)
    .filter((token) => token.length > 2 && !token.startsWith(':'))
    .map(stem);
}

interface IndexedArticle {
  readonly article: KbArticle;
  readonly termFrequency: ReadonlyMap<string, number>;
  readonly length: number;
}

interface LanguageIndex {
  readonly documents: readonly IndexedArticle[];
  readonly idf: ReadonlyMap<string, number>;
  readonly averageLength: number;
}

function buildIndex(language: Language): LanguageIndex {
  const documents = articles(language).map((article) => {
    const termFrequency = new Map<string, number>();
    const add = (text: string, weight: number) => {
      for (const term of stems(text)) termFrequency.set(term, (termFrequency.get(term) ?? 0) + weight);
    };
    add(article.title, FIELD_WEIGHTS.title);
    add(article.tags.join(' '), FIELD_WEIGHTS.tags);
    add(article.body, FIELD_WEIGHTS.body);
    const length = [...termFrequency.values()].reduce((sum, count) => sum + count, 0);
    return { article, termFrequency, length };
  });
  const documentFrequency = new Map<string, number>();
  for (const document of documents) {
    for (const term of document.termFrequency.keys()) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  const n = documents.length;
  const idf = new Map<string, number>();
  for (const [term, df] of documentFrequency) idf.set(term, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
  const averageLength = documents.reduce((sum, document) => sum + document.length, 0) / Math.max(1, n);
  return { documents, idf, averageLength };
}

const indexes = new Map<Language, LanguageIndex>();

function indexFor(language: Language): LanguageIndex {
  let index = indexes.get(language);
  if (!index) {
    index = buildIndex(language);
    indexes.set(language, index);
  }
  return index;
}

export interface Retrieved {
  readonly id: string;
  readonly score: number;
}

/** Every article of the language with its BM25 score for the message, best first. */
export function retrieve(text: string, language: Language): Retrieved[] {
  const index = indexFor(language);
  const query = [...new Set(stems(text))];
  return index.documents
    .map(({ article, termFrequency, length }) => {
      let score = 0;
      for (const term of query) {
        const tf = termFrequency.get(term);
        if (!tf) continue;
        const norm = tf + K1 * (1 - B + (B * length) / index.averageLength);
        score += (index.idf.get(term) ?? 0) * ((tf * (K1 + 1)) / norm);
      }
      return { id: article.id, score };
    })
    .sort((a, b) => b.score - a.score);
}
