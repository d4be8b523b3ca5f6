import { LANGUAGES, type Language } from '../../../shared/domain/channel.ts';
import { isArticleIntent, type KbArticle } from './article.ts';
import compiled from './compiled.json' with { type: 'json' };

export type { ArticleIntent, KbArticle } from './article.ts';
export { ARTICLE_INTENTS, isArticleIntent } from './article.ts';

/**
 * The help centre the bot answers from, compiled from articles/<lang>/<id>.md by `npm run kb:build`.
 * A company replaces the Markdown files and rebuilds; a unit test fails when compiled.json is stale.
 */
const ALL: readonly KbArticle[] = load(compiled.articles);
const BY_LANGUAGE = new Map<Language, readonly KbArticle[]>(
  LANGUAGES.map((language) => [language, ALL.filter((article) => article.locale === language)]),
);
const BY_KEY = new Map(ALL.map((article) => [`${article.locale}/${article.id}`, article]));

/** Every article in one language, in id order. */
export function articles(language: Language): readonly KbArticle[] {
  return BY_LANGUAGE.get(language) ?? [];
}

/** One article, or undefined when the id is not in the knowledge base. */
export function article(id: string, language: Language): KbArticle | undefined {
  return BY_KEY.get(`${language}/${id}`);
}

/** Every article id (the same set in every language). */
export function articleIds(): readonly string[] {
  return [...new Set(ALL.map((entry) => entry.id))];
}

interface RawArticle {
  readonly id: string;
  readonly locale: string;
  readonly title: string;
  readonly tags: readonly string[];
  readonly intent: string;
  readonly body: string;
  readonly url?: string;
}

/** Narrows the JSON's string fields to our unions; a hand-edited file with a bad value fails at load. */
function load(raw: readonly RawArticle[]): readonly KbArticle[] {
  return raw.map((entry) => {
    const locale = LANGUAGES.find((language) => language === entry.locale);
    if (!locale || !isArticleIntent(entry.intent)) {
      throw new Error(
        `knowledge base: bad locale or intent in ${entry.locale}/${entry.id}; run npm run kb:build`,
      );
    }
    return { ...entry, locale, intent: entry.intent };
  });
}
