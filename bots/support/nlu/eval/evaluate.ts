import { LANGUAGES, type Language } from '../../../../shared/domain/channel.ts';
import { INTENTS, type Intent, type Understanding } from '../types.ts';
import { understand } from '../understand.ts';

/** One line of a labelled set: what a customer wrote and what the bot should make of it. */
export interface LabelledExample {
  readonly text: string;
  readonly language: Language;
  readonly intent: Intent;
  /** The article a topic or faq message should get; null for the other intents. */
  readonly article: string | null;
}

/** Parses a JSONL labelled set, naming the line of anything malformed. */
export function parseLabelledSet(jsonl: string): LabelledExample[] {
  return jsonl
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      const value = JSON.parse(line) as Record<string, unknown>;
      const { text, language, intent, article } = value;
      const known = (list: readonly string[], item: unknown) =>
        typeof item === 'string' && list.includes(item);
      if (typeof text !== 'string' || !known(LANGUAGES, language) || !known(INTENTS, intent)) {
        throw new Error(`line ${number}: needs text, language (en|pt|pl) and a known intent`);
      }
      if (article !== null && typeof article !== 'string')
        throw new Error(`line ${number}: article must be a string or null`);
      return { text, language: language as Language, intent: intent as Intent, article };
    });
}

export interface Tally {
  total: number;
  correct: number;
}

export interface LanguageResult {
  readonly intent: Tally;
  /** Top-1 article accuracy over the examples that expect an article. */
  readonly article: Tally;
  /** How often the detector named the labelled language (without a locale hint). */
  readonly detection: Tally;
}

export interface Miss {
  readonly example: LabelledExample;
  readonly got: Understanding;
}

export interface EvaluationReport {
  readonly overall: LanguageResult;
  readonly byLanguage: Readonly<Record<Language, LanguageResult>>;
  readonly byIntent: ReadonlyMap<Intent, Readonly<Record<Language | 'all', Tally>>>;
  /** expected → predicted intent pairs that went wrong, most frequent first. */
  readonly confusions: ReadonlyArray<{ expected: Intent; predicted: Intent; count: number }>;
  readonly misses: readonly Miss[];
  /** Intent accuracy per band of stated confidence: is "0.8" right about 80 % of the time? */
  readonly calibration: ReadonlyArray<{ readonly from: number; readonly to: number; readonly tally: Tally }>;
}

const CONFIDENCE_BANDS = [0, 0.5, 0.7, 0.85, 1.0001];

const tally = (): Tally => ({ total: 0, correct: 0 });
const result = (): LanguageResult => ({ intent: tally(), article: tally(), detection: tally() });
const count = (entry: Tally, ok: boolean) => {
  entry.total++;
  if (ok) entry.correct++;
};

/** Runs the NLU over every example (no locale hint, nothing remembered: the text alone). */
export function evaluate(
  examples: readonly LabelledExample[],
  analyse: (text: string) => Understanding = (text) => understand(text),
): EvaluationReport {
  const overall = result();
  const byLanguage = { en: result(), pt: result(), pl: result() };
  const byIntent = new Map<Intent, Record<Language | 'all', Tally>>();
  const confusions = new Map<string, number>();
  const misses: Miss[] = [];
  const calibration = CONFIDENCE_BANDS.slice(0, -1).map((from, i) => ({
    from,
    to: Math.min(1, CONFIDENCE_BANDS[i + 1]!),
    tally: tally(),
  }));
  for (const example of examples) {
    const got = analyse(example.text);
    const intentOk = got.intent === example.intent;
    const articleOk = got.article === example.article;
    for (const target of [overall, byLanguage[example.language]]) {
      count(target.intent, intentOk);
      if (example.article !== null) count(target.article, articleOk);
      count(target.detection, got.language === example.language);
    }
    const perIntent = byIntent.get(example.intent) ?? { all: tally(), en: tally(), pt: tally(), pl: tally() };
    count(perIntent.all, intentOk);
    count(perIntent[example.language], intentOk);
    byIntent.set(example.intent, perIntent);
    const band = calibration.find(({ from, to }) => got.confidence >= from && got.confidence < to + 1e-9);
    if (band) count(band.tally, intentOk);
    if (!intentOk) {
      const key = `${example.intent}>${got.intent}`;
      confusions.set(key, (confusions.get(key) ?? 0) + 1);
    }
    if (!intentOk || (example.article !== null && !articleOk)) misses.push({ example, got });
  }
  return {
    overall,
    byLanguage,
    byIntent: new Map(
      INTENTS.filter((intent) => byIntent.has(intent)).map((intent) => [intent, byIntent.get(intent)!]),
    ),
    confusions: [...confusions]
      .map(([key, value]) => {
        const [expected, predicted] = key.split('>') as [Intent, Intent];
        return { expected, predicted, count: value };
      })
      .sort((a, b) => b.count - a.count),
    misses,
    calibration,
  };
}

export function accuracy(entry: Tally): number {
  return entry.total === 0 ? 1 : entry.correct / entry.total;
}
