import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileKnowledgeBase } from '../../../../../bots/support/knowledge-base/compile.ts';

const article = (id: string, locale: string, intent = 'faq', extra = '') =>
  `---\nid: ${id}\nlocale: ${locale}\ntitle: "A title"\ntags: [one, two]\nintent: ${intent}\n${extra}---\n\nSome body text for the article.\n`;

describe('compileKnowledgeBase', () => {
  let dir = '';
  const write = (language: string, file: string, source: string) => {
    mkdirSync(join(dir, language), { recursive: true });
    writeFileSync(join(dir, language, file), source);
  };
  const writeAll = (id: string, intent = 'faq') => {
    for (const language of ['en', 'pt', 'pl']) write(language, `${id}.md`, article(id, language, intent));
  };

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('compiles valid articles, with an optional url', () => {
    dir = mkdtempSync(join(tmpdir(), 'kb-'));
    writeAll('store-hours');
    write('en', 'store-hours.md', article('store-hours', 'en', 'faq', 'url: https://help.example/hours\n'));
    const { knowledgeBase, problems } = compileKnowledgeBase(dir);
    expect(problems).toEqual([]);
    expect(knowledgeBase.articles).toHaveLength(3);
    expect(knowledgeBase.articles[0]).toEqual({
      id: 'store-hours',
      locale: 'en',
      title: 'A title',
      tags: ['one', 'two'],
      intent: 'faq',
      body: 'Some body text for the article.',
      url: 'https://help.example/hours',
    });
    expect(knowledgeBase.articles[1]).not.toHaveProperty('url');
  });

  it('reports an article missing in one language, a wrong intent, an id that differs from its file', () => {
    dir = mkdtempSync(join(tmpdir(), 'kb-'));
    writeAll('store-hours');
    write('en', 'gift-cards.md', article('gift-cards', 'en'));
    write('pt', 'warranty.md', article('warranty', 'pt', 'chit_chat'));
    write('pl', 'wrong-name.md', article('other-id', 'pl'));
    const { problems } = compileKnowledgeBase(dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        'pt/gift-cards: missing in pt',
        'pl/gift-cards: missing in pl',
        'pt/warranty: unknown intent "chit_chat"',
        'pl/wrong-name.md: id "other-id" differs from the file name',
      ]),
    );
  });

  it('reports a file without front matter and an empty body', () => {
    dir = mkdtempSync(join(tmpdir(), 'kb-'));
    write('en', 'broken.md', 'no front matter here');
    for (const language of ['en', 'pt', 'pl']) {
      write(language, 'empty.md', article('empty', language).replace('Some body text for the article.', ''));
    }
    const { problems } = compileKnowledgeBase(dir);
    expect(problems).toContain('en/broken.md: missing front matter (--- … ---) at the top of the file');
    expect(problems).toContain('en/empty: empty body');
  });
});
