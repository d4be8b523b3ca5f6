import { describe, expect, it } from 'vitest';
import { article } from '../../../../../bots/support/knowledge-base/index.ts';
import { EN } from '../../../../../bots/support/nlu/lexicon/en.ts';
import { PL } from '../../../../../bots/support/nlu/lexicon/pl.ts';
import { PT } from '../../../../../bots/support/nlu/lexicon/pt.ts';
import { SHARED } from '../../../../../bots/support/nlu/lexicon/shared.ts';
import { LEXICON_ARTICLE_INTENTS } from '../../../../../bots/support/nlu/lexicon/targets.ts';
import { fold } from '../../../../../bots/support/nlu/text/normalise.ts';
import { LANGUAGES } from '../../../../../shared/domain/channel.ts';

const GROUPS = [...SHARED, ...EN, ...PT, ...PL];

describe('the intent lexicons', () => {
  it('are written in folded form, since messages are folded before matching', () => {
    for (const group of GROUPS) {
      for (const pattern of group.p) {
        for (const word of pattern.split(/[\s|]+/)) {
          const bare = word.replace(/^=/, '').replace(/\*$/, '');
          if (bare.startsWith(':')) continue;
          expect(fold(bare), `"${pattern}" → ${group.to}`).toBe(bare);
          expect(bare, `"${pattern}" → ${group.to}`).toMatch(/^[a-z0-9]+$/);
        }
      }
    }
  });

  it('point at articles the demo knowledge base has, with the intent its front matter gives', () => {
    for (const group of GROUPS) {
      if (!group.to.startsWith('@')) continue;
      const id = group.to.slice(1);
      for (const language of LANGUAGES) {
        expect(article(id, language)?.intent, group.to).toBe(LEXICON_ARTICLE_INTENTS[id]);
      }
    }
  });
});
