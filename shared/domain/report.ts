import type { Channel } from './channel.ts';

/**
 * Facts the reports count, written once when they happen (never by scanning the table). Each is one
 * counter increment on its day, with the dimensions the report breaks figures down by.
 */
export type ReportFact =
  | { readonly metric: 'conversations'; readonly channel: Channel }
  | { readonly metric: 'handoffs'; readonly channel: Channel; readonly team: string; readonly reason: string }
  /** The bot closed a conversation no person touched. */
  | { readonly metric: 'bot_closed'; readonly channel: Channel }
  /** A new conversation within 24 h of one the bot closed alone: that one was not contained after all. */
  | { readonly metric: 'recontacts_24h'; readonly channel: Channel }
  | {
      readonly metric: 'first_response';
      readonly channel: Channel;
      readonly team: string;
      readonly seconds: number;
    }
  | {
      readonly metric: 'resolution';
      readonly channel: Channel;
      readonly team: string;
      readonly seconds: number;
    }
  | { readonly metric: 'surveys_sent'; readonly channel: Channel; readonly team: string }
  | {
      readonly metric: 'survey_ratings';
      readonly channel: Channel;
      readonly team: string;
      readonly rating: number;
    }
  | { readonly metric: 'intents'; readonly channel: Channel; readonly intent: string }
  | { readonly metric: 'kb_used'; readonly article: string }
  | { readonly metric: 'kb_feedback'; readonly article: string; readonly helped: boolean }
  /** A customer's second conversation in the same ISO week (counted once per customer and week). */
  | { readonly metric: 'repeat_customers'; readonly channel: Channel }
  | { readonly metric: 'delivery_failures'; readonly channel: Channel; readonly code: string };

/** Team of a conversation no person was involved in. */
export const BOT_TEAM = 'bot';

/**
 * Upper edges (seconds) of the duration histogram: percentiles are reported as the upper edge of the
 * bucket holding them, so "p90 ≤ 300 s" is exact about the bucket and never scans conversations.
 */
export const DURATION_BUCKETS_SECONDS = [
  5,
  10,
  20,
  30,
  45,
  60,
  90,
  120,
  180,
  240,
  300,
  450,
  600,
  900,
  1200,
  1800,
  2700,
  3600,
  5400,
  7200,
  10_800,
  14_400,
  21_600,
  28_800,
  43_200,
  86_400,
  172_800,
  345_600,
  604_800,
  Number.POSITIVE_INFINITY,
] as const;

export function durationBucket(seconds: number): number {
  const index = DURATION_BUCKETS_SECONDS.findIndex((edge) => seconds <= edge);
  return index === -1 ? DURATION_BUCKETS_SECONDS.length - 1 : index;
}

/** The counter a fact increments: its metric and its dimensions as `name=value`, in a fixed order. */
export function factDimensions(fact: ReportFact): Record<string, string> {
  const { metric: _metric, ...rest } = fact;
  const dimensions: Record<string, string> = {};
  for (const [name, value] of Object.entries(rest)) {
    if (name === 'seconds') dimensions.bucket = String(durationBucket(value as number));
    else dimensions[name] = String(value);
  }
  return dimensions;
}

/** ISO week `YYYY-Www` of a day, and the seven days (UTC) of a week. */
export function isoWeekOf(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = new Date(Date.UTC(day.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((day.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function daysOfIsoWeek(week: string): string[] {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) throw new RangeError(`not an ISO week: ${week}`);
  const year = Number(match[1]);
  const number = Number(match[2]);
  // Week 1 holds January 4th; its Monday starts the ISO year.
  const january4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(january4.getTime() - ((january4.getUTCDay() || 7) - 1) * 86_400_000);
  const start = monday.getTime() + (number - 1) * 7 * 86_400_000;
  const days = Array.from({ length: 7 }, (_, index) =>
    new Date(start + index * 86_400_000).toISOString().slice(0, 10),
  );
  if (number < 1 || isoWeekOf(new Date(`${days[3]}T00:00:00Z`)) !== week)
    throw new RangeError(`no such ISO week: ${week}`);
  return days;
}

/** One stored counter: day, metric, dimensions, how many, and the sum of durations where relevant. */
export interface CounterRow {
  readonly day: string;
  readonly metric: ReportFact['metric'];
  readonly dimensions: Readonly<Record<string, string>>;
  readonly count: number;
  readonly sum?: number;
}

interface Figures {
  conversations: number;
  handoffs: number;
  escalationRate: number | null;
  botClosed: number;
  recontacts24h: number;
  /** Conversations the bot settled alone with no new contact within 24 h, over all conversations. */
  containmentRate: number | null;
  firstResponse: DurationFigures;
  resolution: DurationFigures;
  satisfaction: {
    sent: number;
    answered: number;
    responseRate: number | null;
    average: number | null;
    distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
  };
  repeatCustomers: number;
  deliveryFailures: number;
}

interface DurationFigures {
  count: number;
  /** Upper edge (seconds) of the bucket holding the median / the 90th percentile. */
  medianSecondsAtMost: number | null;
  p90SecondsAtMost: number | null;
  averageSeconds: number | null;
}

export interface WeeklyReport {
  readonly week: string;
  readonly days: readonly string[];
  readonly overall: Figures;
  readonly byDay: Readonly<Record<string, Figures>>;
  readonly byChannel: Readonly<Record<string, Figures>>;
  readonly byTeam: Readonly<Record<string, Figures>>;
  readonly escalationReasons: readonly { reason: string; count: number }[];
  readonly topIntents: readonly { intent: string; count: number }[];
  readonly knowledgeBase: readonly { article: string; used: number; helped: number; notHelped: number }[];
  readonly deliveryFailures: readonly { channel: string; code: string; count: number }[];
}

const ratio = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;

function durations(rows: readonly CounterRow[]): DurationFigures {
  const counts = new Array<number>(DURATION_BUCKETS_SECONDS.length).fill(0);
  let total = 0;
  let sum = 0;
  for (const row of rows) {
    const bucket = Number(row.dimensions.bucket);
    counts[bucket] = (counts[bucket] ?? 0) + row.count;
    total += row.count;
    sum += row.sum ?? 0;
  }
  const percentile = (p: number) => {
    if (total === 0) return null;
    const rank = Math.ceil(p * total);
    let seen = 0;
    for (const [bucket, count] of counts.entries()) {
      seen += count;
      if (seen >= rank) return DURATION_BUCKETS_SECONDS[bucket] ?? null;
    }
    return null;
  };
  return {
    count: total,
    medianSecondsAtMost: percentile(0.5),
    p90SecondsAtMost: percentile(0.9),
    averageSeconds: total > 0 ? Math.round(sum / total) : null,
  };
}

function figures(rows: readonly CounterRow[]): Figures {
  const total = (metric: CounterRow['metric'], filter: (row: CounterRow) => boolean = () => true) =>
    rows.filter((row) => row.metric === metric && filter(row)).reduce((sum, row) => sum + row.count, 0);
  const conversations = total('conversations');
  const handoffs = total('handoffs');
  const botClosed = total('bot_closed');
  const recontacts24h = total('recontacts_24h');
  const ratings = rows.filter((row) => row.metric === 'survey_ratings');
  const answered = ratings.reduce((sum, row) => sum + row.count, 0);
  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  let ratingSum = 0;
  for (const row of ratings) {
    const rating = row.dimensions.rating as keyof typeof distribution;
    if (rating in distribution) distribution[rating] += row.count;
    ratingSum += Number(rating) * row.count;
  }
  const sent = total('surveys_sent');
  return {
    conversations,
    handoffs,
    escalationRate: ratio(handoffs, conversations),
    botClosed,
    recontacts24h,
    containmentRate: ratio(Math.max(0, botClosed - recontacts24h), conversations),
    firstResponse: durations(rows.filter((row) => row.metric === 'first_response')),
    resolution: durations(rows.filter((row) => row.metric === 'resolution')),
    satisfaction: {
      sent,
      answered,
      responseRate: ratio(answered, sent),
      average: answered > 0 ? Math.round((ratingSum / answered) * 100) / 100 : null,
      distribution,
    },
    repeatCustomers: total('repeat_customers'),
    deliveryFailures: total('delivery_failures'),
  };
}

function groupBy(
  rows: readonly CounterRow[],
  key: (row: CounterRow) => string | undefined,
): Record<string, Figures> {
  const groups = new Map<string, CounterRow[]>();
  for (const row of rows) {
    const value = key(row);
    if (value === undefined) continue;
    groups.set(value, [...(groups.get(value) ?? []), row]);
  }
  return Object.fromEntries(
    [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([value, group]) => [value, figures(group)]),
  );
}

function ranked<T extends string>(rows: readonly CounterRow[], metric: CounterRow['metric'], dimension: T) {
  const totals = new Map<string, number>();
  for (const row of rows) {
    if (row.metric !== metric) continue;
    const value = row.dimensions[dimension] ?? '';
    totals.set(value, (totals.get(value) ?? 0) + row.count);
  }
  return [...totals.entries()]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([value, count]) => ({ [dimension]: value, count }) as Record<T, string> & { count: number });
}

/** The week's report from its counters, pure: every figure is a sum of counters, nothing is sampled. */
export function buildWeeklyReport(week: string, rows: readonly CounterRow[]): WeeklyReport {
  const days = daysOfIsoWeek(week);
  const inWeek = rows.filter((row) => days.includes(row.day));
  const kb = new Map<string, { article: string; used: number; helped: number; notHelped: number }>();
  for (const row of inWeek) {
    const article = row.dimensions.article;
    if (!article || (row.metric !== 'kb_used' && row.metric !== 'kb_feedback')) continue;
    const entry = kb.get(article) ?? { article, used: 0, helped: 0, notHelped: 0 };
    if (row.metric === 'kb_used') entry.used += row.count;
    else if (row.dimensions.helped === 'true') entry.helped += row.count;
    else entry.notHelped += row.count;
    kb.set(article, entry);
  }
  return {
    week,
    days,
    overall: figures(inWeek),
    byDay: Object.fromEntries(days.map((day) => [day, figures(inWeek.filter((row) => row.day === day))])),
    byChannel: groupBy(inWeek, (row) => row.dimensions.channel),
    byTeam: groupBy(
      inWeek.filter((row) => row.dimensions.team !== undefined && row.dimensions.team !== BOT_TEAM),
      (row) => row.dimensions.team,
    ),
    escalationReasons: ranked(inWeek, 'handoffs', 'reason'),
    topIntents: ranked(inWeek, 'intents', 'intent'),
    // The gaps to write next first: most "did not help", then most used.
    knowledgeBase: [...kb.values()].sort(
      (a, b) => b.notHelped - a.notHelped || b.used - a.used || a.article.localeCompare(b.article),
    ),
    deliveryFailures: [
      ...inWeek
        .filter((row) => row.metric === 'delivery_failures')
        .reduce((map, row) => {
          const key = `${row.dimensions.channel}|${row.dimensions.code}`;
          map.set(key, (map.get(key) ?? 0) + row.count);
          return map;
        }, new Map<string, number>()),
    ]
      .map(([key, count]) => {
        const [channel = '', code = ''] = key.split('|');
        return { channel, code, count };
      })
      .sort((a, b) => b.count - a.count || a.channel.localeCompare(b.channel)),
  };
}
