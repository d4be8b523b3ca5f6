import { LANGUAGES } from '../../../shared/domain/channel.ts';
import { isArticleIntent, type KbArticle } from './article.ts';

/**
 * Every problem that would make the bot answer badly: an article missing in one language (the bot
 * would answer in the wrong language), an intent the bot does not know, an empty answer.
 */
export function validateArticles(articles: readonly KbArticle[]): string[] {
  const problems: string[] = [];
  const idsByLanguage = new Map(LANGUAGES.map((language) => [language, new Set<string>()]));
  for (const article of articles) {
    const where = `${article.locale}/${article.id}`;
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(article.id)) problems.push(`${where}: id must be kebab-case`);
    if (!LANGUAGES.includes(article.locale)) problems.push(`${where}: unknown locale "${article.locale}"`);
    if (!article.title.trim()) problems.push(`${where}: empty title`);
    if (article.tags.length === 0) problems.push(`${where}: no tags`);
    if (!isArticleIntent(article.intent)) problems.push(`${where}: unknown intent "${article.intent}"`);
    if (!article.body.trim()) problems.push(`${where}: empty body`);
    if (article.url !== undefined && !/^https?:\/\/\S+$/.test(article.url)) {
      problems.push(`${where}: url must be an http(s) URL`);
    }
    const ids = idsByLanguage.get(article.locale);
    if (ids?.has(article.id)) problems.push(`${where}: duplicate id`);
    ids?.add(article.id);
  }
  const allIds = new Set(articles.map((article) => article.id));
  for (const [language, ids] of idsByLanguage) {
    for (const id of allIds) if (!ids.has(id)) problems.push(`${language}/${id}: missing in ${language}`);
  }
  // The same article must answer the same intent everywhere, or the bot's flow would depend on language.
  const intentById = new Map<string, string>();
  for (const article of articles) {
    const first = intentById.get(article.id);
    if (first === undefined) intentById.set(article.id, article.intent);
    else if (first !== article.intent) {
      problems.push(`${article.locale}/${article.id}: intent "${article.intent}" differs from "${first}"`);
    }
  }
  return problems;
}
