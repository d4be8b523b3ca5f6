import type { WeeklyReport } from '../../shared/domain/report.ts';

export type ReportFormat = 'table' | 'csv' | 'json';
type Figures = WeeklyReport['overall'];

const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)} %`);
const seconds = (value: number | null) =>
  value === null ? '–' : value === Number.POSITIVE_INFINITY || value === null ? '> 7 d' : `≤ ${value} s`;
const number = (value: number | null) => (value === null ? '–' : String(value));

/** The headline figures of one slice, as label → value. */
function headline(figures: Figures): [string, string][] {
  return [
    ['conversations', String(figures.conversations)],
    ['bot containment', percent(figures.containmentRate)],
    ['escalations', `${figures.handoffs} (${percent(figures.escalationRate)})`],
    [
      'first response median / p90',
      `${seconds(figures.firstResponse.medianSecondsAtMost)} / ${seconds(figures.firstResponse.p90SecondsAtMost)}`,
    ],
    [
      'resolution median / p90',
      `${seconds(figures.resolution.medianSecondsAtMost)} / ${seconds(figures.resolution.p90SecondsAtMost)}`,
    ],
    ['satisfaction average', number(figures.satisfaction.average)],
    ['survey response rate', percent(figures.satisfaction.responseRate)],
    ['repeat customers', String(figures.repeatCustomers)],
    ['delivery failures', String(figures.deliveryFailures)],
  ];
}

function table(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => [...(row[column] ?? '')].length))) ?? [];
  return `${rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')).join('\n')}\n`;
}

/** The report as a terminal table, CSV (one figure per line) or JSON. */
export function formatReport(report: WeeklyReport, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const slices: [string, Figures][] = [
    ['overall', report.overall],
    ...Object.entries(report.byChannel).map(([channel, figures]): [string, Figures] => [
      `channel ${channel}`,
      figures,
    ]),
    ...Object.entries(report.byTeam).map(([team, figures]): [string, Figures] => [`team ${team}`, figures]),
    ...Object.entries(report.byDay).map(([day, figures]): [string, Figures] => [day, figures]),
  ];
  if (format === 'csv') {
    const lines = ['slice,figure,value'];
    for (const [slice, figures] of slices)
      for (const [label, value] of headline(figures))
        lines.push([slice, label, value].map(csvCell).join(','));
    for (const { reason, count } of report.escalationReasons)
      lines.push(['overall', `escalation reason ${reason}`, String(count)].map(csvCell).join(','));
    for (const { intent, count } of report.topIntents)
      lines.push(['overall', `intent ${intent}`, String(count)].map(csvCell).join(','));
    for (const article of report.knowledgeBase)
      lines.push(
        [
          'overall',
          `article ${article.article} used/helped/not helped`,
          `${article.used}/${article.helped}/${article.notHelped}`,
        ]
          .map(csvCell)
          .join(','),
      );
    for (const failure of report.deliveryFailures)
      lines.push(
        [`channel ${failure.channel}`, `delivery failure ${failure.code}`, String(failure.count)]
          .map(csvCell)
          .join(','),
      );
    return `${lines.join('\n')}\n`;
  }
  const labels = headline(report.overall).map(([label]) => label);
  const columns = slices.filter(([name]) => !/^\d{4}-/.test(name));
  let out = `Week ${report.week} (${report.days[0]} – ${report.days[6]})\n\n`;
  out += table([
    ['', ...columns.map(([name]) => name)],
    ...labels.map((label, row) => [
      label,
      ...columns.map(([, figures]) => headline(figures)[row]?.[1] ?? ''),
    ]),
  ]);
  out += `\nPer day: ${Object.entries(report.byDay)
    .map(([day, figures]) => `${day.slice(5)} ${figures.conversations}`)
    .join(', ')} conversations\n`;
  const list = (title: string, items: string[]) =>
    items.length ? `\n${title}\n${items.map((item) => `  ${item}`).join('\n')}\n` : '';
  out += list(
    'Escalation reasons',
    report.escalationReasons.map(({ reason, count }) => `${count}  ${reason}`),
  );
  out += list(
    'Top intents',
    report.topIntents.slice(0, 10).map(({ intent, count }) => `${count}  ${intent}`),
  );
  out += list(
    'Knowledge base (did not help / used)',
    report.knowledgeBase.map((a) => `${a.notHelped} / ${a.used}  ${a.article}`),
  );
  out += list(
    'Delivery failures',
    report.deliveryFailures.map((f) => `${f.count}  ${f.channel} ${f.code}`),
  );
  const distribution = report.overall.satisfaction.distribution;
  out += `\nSatisfaction 1–5: ${Object.entries(distribution)
    .map(([rating, count]) => `${rating}:${count}`)
    .join(
      ' ',
    )} (${report.overall.satisfaction.answered} of ${report.overall.satisfaction.sent} surveys answered)\n`;
  return out;
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
