import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { article } from '../../../../../bots/support/knowledge-base/index.ts';
import {
  accuracy,
  evaluate,
  type LabelledExample,
  parseLabelledSet,
} from '../../../../../bots/support/nlu/eval/evaluate.ts';
import { formatReport } from '../../../../../bots/support/nlu/eval/report.ts';
import { INTENTS } from '../../../../../bots/support/nlu/index.ts';
import { LANGUAGES } from '../../../../../shared/domain/channel.ts';

const load = (name: string): LabelledExample[] =>
  parseLabelledSet(
    readFileSync(new URL(`../../../../../bots/support/nlu/eval/${name}`, import.meta.url), 'utf8'),
  );

/** The targets from the issue, per language: a regression below them fails CI. */
const INTENT_TARGET = 0.9;
const ARTICLE_TARGET = 0.85;

describe.each([
  ['test-set.jsonl', 150],
  ['dev-set.jsonl', 200],
])('%s', (name, minimum) => {
  const examples = load(name);

  it(`is a valid labelled set of at least ${minimum} messages covering every intent in every language`, () => {
    expect(examples.length).toBeGreaterThanOrEqual(minimum);
    for (const language of LANGUAGES) {
      const intents = new Set(
        examples.filter((example) => example.language === language).map((e) => e.intent),
      );
      expect([...intents].sort()).toEqual([...INTENTS].sort());
    }
    for (const example of examples) {
      if (example.article === null) {
        expect(['greeting', 'goodbye', 'human_agent', 'complaint', 'link_account', 'unknown']).toContain(
          example.intent,
        );
      } else {
        expect(article(example.article, example.language)?.intent, example.text).toBe(example.intent);
      }
    }
  });

  it(`meets ≥ ${INTENT_TARGET * 100} % intent and ≥ ${ARTICLE_TARGET * 100} % top-1 article accuracy per language`, () => {
    const report = evaluate(examples);
    const summary = formatReport(report, { misses: true });
    for (const language of LANGUAGES) {
      expect(accuracy(report.byLanguage[language].intent), summary).toBeGreaterThanOrEqual(INTENT_TARGET);
      expect(accuracy(report.byLanguage[language].article), summary).toBeGreaterThanOrEqual(ARTICLE_TARGET);
    }
  });
});

describe('parseLabelledSet', () => {
  it('names the line of a malformed example', () => {
    expect(() =>
      parseLabelledSet('{"text":"hi","language":"en","intent":"greeting","article":null}\n{"text":"x"}'),
    ).toThrow(/line 2/);
    expect(() =>
      parseLabelledSet('{"text":"hi","language":"de","intent":"greeting","article":null}'),
    ).toThrow(/line 1/);
  });
});
