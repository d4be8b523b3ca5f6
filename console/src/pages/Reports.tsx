import { useEffect, useState } from 'react';
import type { Api, ReportFigures, WeeklyReport } from '../api.ts';
import { type MessageKey, useI18n } from '../i18n.ts';

/** ISO week (YYYY-Www) of a date, in UTC: the format of <input type="week"> and of the API. */
export function isoWeek(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  day.setUTCDate(day.getUTCDate() + 4 - (day.getUTCDay() || 7));
  const start = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - start) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const percent = (value: number | null) => (value === null ? '–' : `${Math.round(value * 1000) / 10} %`);

/** The week in figures, for admins and team leads: headline cards, per-day bars, and the tables behind them. */
export function Reports({ api }: { api: Api }) {
  const { t } = useI18n();
  const [week, setWeek] = useState(() => isoWeek(new Date()));
  const [report, setReport] = useState<WeeklyReport>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!/^\d{4}-W\d{2}$/.test(week)) return;
    const abort = new AbortController();
    setError(undefined);
    api
      .get<WeeklyReport>(`/api/reports/weekly?week=${week}`, abort.signal)
      .then(setReport, (cause: Error) => {
        if (!abort.signal.aborted) setError(cause.message);
      });
    return () => abort.abort();
  }, [api, week]);

  const seconds = (value: number | null) =>
    value === null ? '–' : t('atMostSeconds', { n: formatDuration(value) });
  const cards: [MessageKey, string][] = report
    ? [
        ['reportConversations', String(report.overall.conversations)],
        ['reportContainment', percent(report.overall.containmentRate)],
        ['reportEscalations', `${report.overall.handoffs} (${percent(report.overall.escalationRate)})`],
        [
          'reportFirstResponse',
          `${seconds(report.overall.firstResponse.medianSecondsAtMost)} · p90 ${seconds(report.overall.firstResponse.p90SecondsAtMost)}`,
        ],
        [
          'reportResolution',
          `${seconds(report.overall.resolution.medianSecondsAtMost)} · p90 ${seconds(report.overall.resolution.p90SecondsAtMost)}`,
        ],
        [
          'reportSatisfaction',
          report.overall.satisfaction.average === null ? '–' : `${report.overall.satisfaction.average} / 5`,
        ],
        ['reportResponseRate', percent(report.overall.satisfaction.responseRate)],
        ['reportRepeatCustomers', String(report.overall.repeatCustomers)],
        ['reportDeliveryFailures', String(report.overall.deliveryFailures)],
      ]
    : [];

  return (
    <main id="main" className="reports">
      <div className="reports-head">
        <h2>{t('reportsTitle', { week })}</h2>
        <label>
          <span>{t('reportWeek')}</span>
          <input type="week" value={week} onChange={(event) => setWeek(event.target.value)} />
        </label>
      </div>
      {error && <p role="alert">{t('error', { message: error })}</p>}
      {!report && !error && <p>{t('loading')}</p>}
      {report && (
        <>
          <dl className="cards" data-testid="report-cards">
            {cards.map(([label, value]) => (
              <div key={label} className="card">
                <dt>{t(label)}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <section aria-labelledby="per-day">
            <h3 id="per-day">{t('reportPerDay')}</h3>
            <Bars
              items={Object.entries(report.byDay).map(([day, figures]) => ({
                label: day.slice(5),
                value: figures.conversations,
              }))}
            />
          </section>
          <section aria-labelledby="ratings">
            <h3 id="ratings">{t('reportRatings')}</h3>
            <Bars
              items={Object.entries(report.overall.satisfaction.distribution).map(([rating, count]) => ({
                label: `${rating}★`,
                value: count,
              }))}
            />
          </section>
          <Breakdown title={t('reportByChannel')} rows={report.byChannel} />
          <Breakdown title={t('reportByTeam')} rows={report.byTeam} />
          <Ranked
            title={t('reportReasons')}
            rows={report.escalationReasons.map((row) => [row.reason, row.count])}
          />
          <Ranked
            title={t('reportIntents')}
            rows={report.topIntents.slice(0, 10).map((row) => [row.intent, row.count])}
          />
          <Ranked
            title={t('reportArticles')}
            rows={report.knowledgeBase.map((row) => [row.article, `${row.notHelped} / ${row.used}`])}
          />
          <Ranked
            title={t('reportFailures')}
            rows={report.deliveryFailures.map((row) => [`${row.channel} ${row.code}`, row.count])}
          />
        </>
      )}
    </main>
  );
}

function Breakdown({ title, rows }: { title: string; rows: Readonly<Record<string, ReportFigures>> }) {
  const { t } = useI18n();
  const entries = Object.entries(rows);
  if (entries.length === 0) return null;
  return (
    <section>
      <h3>{title}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{title}</th>
            <th scope="col">{t('reportConversations')}</th>
            <th scope="col">{t('reportEscalations')}</th>
            <th scope="col">{t('reportSatisfaction')}</th>
            <th scope="col">{t('reportDeliveryFailures')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map(([name, figures]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{figures.conversations}</td>
              <td>{figures.handoffs}</td>
              <td>{figures.satisfaction.average ?? '–'}</td>
              <td>{figures.deliveryFailures}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Ranked({ title, rows }: { title: string; rows: [string, string | number][] }) {
  const { t } = useI18n();
  return (
    <section>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t('reportNothing')}</p>
      ) : (
        <ol className="ranked">
          {rows.map(([name, value]) => (
            <li key={name}>
              <span>{name}</span> <strong>{value}</strong>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Horizontal bars: the numbers are in the text, the bars only show proportion. */
function Bars({ items }: { items: { label: string; value: number }[] }) {
  const max = Math.max(1, ...items.map((item) => item.value));
  return (
    <ul className="bars">
      {items.map((item) => (
        <li key={item.label}>
          <span className="bar-label">{item.label}</span>
          <span className="bar" aria-hidden="true" style={{ width: `${(item.value / max) * 100}%` }} />
          <span className="bar-value">{item.value}</span>
        </li>
      ))}
    </ul>
  );
}

function formatDuration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}
