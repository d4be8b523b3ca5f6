import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMPILED_PATH, compileKnowledgeBase } from '../../../../../bots/support/knowledge-base/compile.ts';
import {
  ARTICLE_INTENTS,
  article,
  articleIds,
  articles,
} from '../../../../../bots/support/knowledge-base/index.ts';
import { LANGUAGES } from '../../../../../shared/domain/channel.ts';

describe('the knowledge base shipped with the bot', () => {
  const { knowledgeBase, problems } = compileKnowledgeBase();

  it('has valid articles (ids, locales, intents, titles, tags and bodies)', () => {
    expect(problems).toEqual([]);
  });

  it('compiled.json is up to date with articles/*.md — run `npm run kb:build` after editing them', () => {
    const committed: unknown = JSON.parse(readFileSync(COMPILED_PATH, 'utf8'));
    expect(committed).toEqual(knowledgeBase);
  });

  it('has the same article ids in every language', () => {
    const ids = articleIds();
    expect(ids.length).toBeGreaterThan(0);
    for (const language of LANGUAGES) {
      expect(
        articles(language)
          .map((entry) => entry.id)
          .sort(),
      ).toEqual([...ids].sort());
    }
  });

  it('gives every article an allowed intent and a non-empty body', () => {
    for (const language of LANGUAGES) {
      for (const entry of articles(language)) {
        expect(ARTICLE_INTENTS).toContain(entry.intent);
        expect(entry.body.trim().length).toBeGreaterThan(20);
        expect(entry.locale).toBe(language);
      }
    }
  });

  it('looks articles up by id and language', () => {
    expect(article('password-reset-help', 'pl')?.title).toBe('Jak zresetować hasło');
    expect(article('password-reset-help', 'pt')?.intent).toBe('password_reset');
    expect(article('no-such-article', 'en')).toBeUndefined();
  });

  it('keeps the demo help centre: 20 articles in en, pt and pl', () => {
    expect(articleIds()).toHaveLength(20);
    expect(articles('en')).toHaveLength(20);
  });
});
