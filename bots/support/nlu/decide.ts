import type { IntentScore } from './scoring.ts';
import type { Intent } from './types.ts';

/** Below this score nothing was understood: `unknown`. Tuned on the dev set. */
export const THRESHOLD = 2;
/**
 * An explicit ask for a person, a complaint or a link code this strong is the message's intent even
 * when it also names a topic: "talk to a human about my refund" goes to a person (see docs/nlu.md).
 */
export const STRONG = 3.5;
const PRECEDENCE: readonly Intent[] = ['link_account', 'human_agent', 'complaint'];
/** Greetings and thanks only count when nothing else was said ("hi, where is my order" → order_status). */
const SOCIAL: ReadonlySet<Intent> = new Set(['greeting', 'goodbye']);
/**
 * Two topics this close, each named by a real phrase (not just a loose word like "email"): the one
 * mentioned first is the main one, as a person would read it.
 */
const FIRST_MENTION_RATIO = 0.5;
const TOPIC_PHRASE = 2.5;

export interface Decision {
  readonly intent: Intent;
  readonly confidence: number;
  readonly article: string | null;
  readonly secondaryIntent?: Intent;
}

export function decide(scores: ReadonlyMap<Intent, IntentScore>): Decision {
  const all = [...scores.values()].sort((a, b) => b.score - a.score);
  const content = all.filter((entry) => !SOCIAL.has(entry.intent) && entry.score >= THRESHOLD);
  const social = all.find((entry) => SOCIAL.has(entry.intent) && entry.score >= THRESHOLD);
  let main = precedence(scores) ?? firstMentioned(content) ?? social;
  // Retrieval alone (no lexicon phrase) is weaker evidence than a greeting: "/start" is not the Wi-Fi
  // article's "quick-start guide".
  if (main && main.positions.size === 0 && social) main = social;
  if (!main) {
    const best = all[0]?.score ?? 0;
    return { intent: 'unknown', confidence: round(1 - 0.5 * Math.min(1, best / THRESHOLD)), article: null };
  }
  const secondary = content.find(
    (entry) => entry.intent !== main.intent && entry.positions.size > 0 && disjoint(entry, main),
  );
  const rival = all.find((entry) => entry.intent !== main.intent && entry !== secondary)?.score ?? 0;
  return {
    intent: main.intent,
    confidence: confidence(main.score, rival),
    article: main.article,
    ...(secondary ? { secondaryIntent: secondary.intent } : {}),
  };
}

function precedence(scores: ReadonlyMap<Intent, IntentScore>): IntentScore | undefined {
  for (const intent of PRECEDENCE) {
    const entry = scores.get(intent);
    if (entry && entry.score >= STRONG) return entry;
  }
  return undefined;
}

function firstMentioned(content: readonly IntentScore[]): IntentScore | undefined {
  const top = content[0];
  if (!top) return undefined;
  let main = top;
  for (const other of content.slice(1)) {
    const comparable = other.score >= FIRST_MENTION_RATIO * top.score && other.strongest >= TOPIC_PHRASE;
    if (comparable && disjoint(other, top) && other.first < main.first) main = other;
  }
  return main;
}

function disjoint(a: IntentScore, b: IntentScore): boolean {
  for (const position of a.positions) if (b.positions.has(position)) return false;
  return true;
}

/**
 * Grows with the evidence and shrinks when a rival intent is close. Not fitted (the dev set is tuned
 * to near 100 %, so it cannot calibrate); measured on the test set it is monotone and conservative:
 * see the calibration table in docs/nlu.md.
 */
function confidence(score: number, rival: number): number {
  const strength = 1 - Math.exp(-score / 3);
  const margin = score / (score + Math.max(0, rival));
  return round(Math.min(0.99, strength * (0.5 + 0.5 * margin)));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
