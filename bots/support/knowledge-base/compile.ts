import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGES, type Language } from '../../../shared/domain/channel.ts';
import type { ArticleIntent, KbArticle } from './article.ts';
import { type FrontMatterValue, parseMarkdown } from './front-matter.ts';
import { validateArticles } from './validate.ts';

/**
 * Compiles `articles/<lang>/<id>.md` into the JSON the bot imports. Build-time only (it reads the
 * file system): the Lambda bundle imports compiled.json through index.ts and never this file.
 */
export const ARTICLES_DIR = fileURLToPath(new URL('./articles/', import.meta.url));
export const COMPILED_PATH = fileURLToPath(new URL('./compiled.json', import.meta.url));

export interface CompiledKnowledgeBase {
  readonly version: 1;
  readonly articles: readonly KbArticle[];
}

export interface CompileResult {
  readonly knowledgeBase: CompiledKnowledgeBase;
  /** Empty when every article is valid; the build refuses to write otherwise. */
  readonly problems: readonly string[];
}

export function compileKnowledgeBase(dir: string = ARTICLES_DIR): CompileResult {
  const articles: KbArticle[] = [];
  const problems: string[] = [];
  for (const language of LANGUAGES) {
    for (const file of markdownFiles(join(dir, language))) {
      const where = `${language}/${file}`;
      try {
        const article = toArticle(readFileSync(join(dir, language, file), 'utf8'), language, file, problems);
        if (article) articles.push(article);
      } catch (error) {
        problems.push(`${where}: ${(error as Error).message}`);
      }
    }
  }
  articles.sort(
    (a, b) => LANGUAGES.indexOf(a.locale) - LANGUAGES.indexOf(b.locale) || a.id.localeCompare(b.id),
  );
  problems.push(...validateArticles(articles));
  return { knowledgeBase: { version: 1, articles }, problems };
}

/** Stable JSON so that a rebuild without edits changes nothing in git. */
export function serialiseKnowledgeBase(knowledgeBase: CompiledKnowledgeBase): string {
  return `${JSON.stringify(knowledgeBase, null, 2)}\n`;
}

function markdownFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.md'))
      .sort();
  } catch {
    return [];
  }
}

function toArticle(
  source: string,
  language: Language,
  file: string,
  problems: string[],
): KbArticle | undefined {
  const where = `${language}/${file}`;
  const { data, body } = parseMarkdown(source);
  const text = (key: string): string => {
    const value: FrontMatterValue | undefined = data[key];
    if (typeof value === 'string') return value;
    problems.push(`${where}: front matter "${key}" must be a string`);
    return '';
  };
  const id = text('id');
  if (id !== file.replace(/\.md$/, '')) problems.push(`${where}: id "${id}" differs from the file name`);
  if (text('locale') !== language) problems.push(`${where}: locale differs from the folder "${language}"`);
  const tags = data.tags;
  if (!Array.isArray(tags)) problems.push(`${where}: front matter "tags" must be a list`);
  const url = data.url;
  return {
    id,
    locale: language,
    title: text('title'),
    tags: Array.isArray(tags) ? tags : [],
    // validateArticles reports an unknown intent; keeping the value makes that report name it.
    intent: text('intent') as ArticleIntent,
    body,
    ...(typeof url === 'string' && url !== '' ? { url } : {}),
  };
}
