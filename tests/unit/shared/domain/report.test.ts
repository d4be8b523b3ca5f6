import { describe, expect, it } from 'vitest';
import { formatReport } from '../../../../scripts/report/format.ts';
import {
  buildWeeklyReport,
  type CounterRow,
  DURATION_BUCKETS_SECONDS,
  daysOfIsoWeek,
  durationBucket,
  isoWeekOf,
} from '../../../../shared/domain/report.ts';

const row = (
  day: string,
  metric: CounterRow['metric'],
  dimensions: Record<string, string>,
  count: number,
  sum?: number,
): CounterRow => ({
  day,
  metric,
  dimensions,
  count,
  ...(sum === undefined ? {} : { sum }),
});

describe('ISO weeks', () => {
  it.each([
    ['2026-11-26', '2026-W48'],
    ['2025-12-29', '2026-W01'],
    ['2021-01-03', '2020-W53'],
    ['2024-12-30', '2025-W01'],
  ])('%s is in %s', (day, week) => {
    expect(isoWeekOf(new Date(`${day}T12:00:00Z`))).toBe(week);
    expect(daysOfIsoWeek(week)).toContain(day);
  });

  it('lists Monday to Sunday and refuses weeks that do not exist', () => {
    expect(daysOfIsoWeek('2026-W48')).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
    expect(daysOfIsoWeek('2026-W53')[0]).toBe('2026-12-28'); // 2026 starts on a Thursday: 53 weeks
    expect(() => daysOfIsoWeek('2025-W53')).toThrow(RangeError);
    expect(() => daysOfIsoWeek('2026-W00')).toThrow(RangeError);
    expect(() => daysOfIsoWeek('next week')).toThrow(RangeError);
  });
});

describe('buildWeeklyReport', () => {
  const rows: CounterRow[] = [
    row('2026-11-23', 'conversations', { channel: 'sms' }, 6),
    row('2026-11-24', 'conversations', { channel: 'whatsapp' }, 4),
    row('2026-11-30', 'conversations', { channel: 'sms' }, 99), // next week: ignored
    row('2026-11-23', 'bot_closed', { channel: 'sms' }, 5),
    row('2026-11-24', 'recontacts_24h', { channel: 'sms' }, 1),
    row('2026-11-24', 'handoffs', { channel: 'whatsapp', team: 'support', reason: 'complaint' }, 3),
    row('2026-11-24', 'handoffs', { channel: 'whatsapp', team: 'orders', reason: 'asked' }, 1),
    // 10 first responses: 5 within 30 s (bucket 3), 4 within 120 s (bucket 7), 1 within 3600 s (bucket 17).
    row(
      '2026-11-24',
      'first_response',
      { channel: 'whatsapp', team: 'support', bucket: String(durationBucket(25)) },
      5,
      100,
    ),
    row(
      '2026-11-24',
      'first_response',
      { channel: 'whatsapp', team: 'support', bucket: String(durationBucket(100)) },
      4,
      400,
    ),
    row(
      '2026-11-25',
      'first_response',
      { channel: 'whatsapp', team: 'orders', bucket: String(durationBucket(3000)) },
      1,
      3000,
    ),
    row('2026-11-25', 'surveys_sent', { channel: 'sms', team: 'bot' }, 4),
    row('2026-11-25', 'survey_ratings', { channel: 'sms', team: 'bot', rating: '5' }, 2),
    row('2026-11-25', 'survey_ratings', { channel: 'sms', team: 'bot', rating: '2' }, 1),
    row('2026-11-25', 'kb_used', { article: 'a' }, 3),
    row('2026-11-25', 'kb_used', { article: 'b' }, 1),
    row('2026-11-25', 'kb_feedback', { article: 'b', helped: 'false' }, 1),
    row('2026-11-25', 'delivery_failures', { channel: 'whatsapp', code: '131026' }, 2),
  ];
  const report = buildWeeklyReport('2026-W48', rows);

  it('sums the week and only the week, with rates over conversations', () => {
    expect(report.overall).toMatchObject({
      conversations: 10,
      handoffs: 4,
      escalationRate: 0.4,
      botClosed: 5,
      recontacts24h: 1,
      containmentRate: 0.4,
      deliveryFailures: 2,
    });
    expect(report.byChannel.sms?.conversations).toBe(6);
    expect(report.byDay['2026-11-23']?.conversations).toBe(6);
    expect(report.byTeam.support?.handoffs).toBe(3);
    expect(Object.keys(report.byTeam)).toEqual(['orders', 'support']); // the bot is not a team
  });

  it('reads the median and p90 from the histogram as bucket upper edges', () => {
    expect(report.overall.firstResponse).toEqual({
      count: 10,
      medianSecondsAtMost: DURATION_BUCKETS_SECONDS[durationBucket(25)],
      p90SecondsAtMost: DURATION_BUCKETS_SECONDS[durationBucket(100)],
      averageSeconds: 350,
    });
  });

  it('reports satisfaction, reasons, and the help-centre gaps first', () => {
    expect(report.overall.satisfaction).toEqual({
      sent: 4,
      answered: 3,
      responseRate: 0.75,
      average: 4,
      distribution: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 2 },
    });
    expect(report.escalationReasons).toEqual([
      { reason: 'complaint', count: 3 },
      { reason: 'asked', count: 1 },
    ]);
    expect(report.knowledgeBase.map((article) => article.article)).toEqual(['b', 'a']);
  });

  it('prints one CSV line per figure and a readable table', () => {
    const csv = formatReport(report, 'csv').trim().split('\n');
    expect(csv[0]).toBe('slice,figure,value');
    expect(csv).toContain('overall,conversations,10');
    expect(csv).toContain('overall,bot containment,40.0 %');
    expect(csv).toContain('channel whatsapp,delivery failure 131026,2');
    const table = formatReport(report, 'table');
    expect(table).toContain('Week 2026-W48 (2026-11-23 – 2026-11-29)');
    expect(table).toMatch(/first response median \/ p90\s+≤ 30 s \/ ≤ 120 s/);
  });
});
