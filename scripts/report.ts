/**
 * Prints the week's report from the agent API:
 *   npm run report -- [--week 2026-W48] [--format table|csv|json] [--url <base URL>] [--token <JWT>]
 * Locally (the default URL) it signs an admin token with the local key; against a deployed stack pass
 * the stack's ApiUrl and a Cognito token of an admin or team lead (or set AGENT_TOKEN).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { issueLocalToken, localSigningKey } from '../infra/local/agent-auth.ts';
import { loadDotEnv } from '../infra/local/dotenv.ts';
import type { WeeklyReport } from '../shared/domain/report.ts';
import { formatReport, type ReportFormat } from './report/format.ts';

loadDotEnv();
const USAGE =
  'usage: npm run report -- [--week YYYY-Www] [--format table|csv|json] [--url <base URL>] [--token <JWT>]';
const { values } = parseArgs({
  options: {
    week: { type: 'string' },
    format: { type: 'string', default: 'table' },
    url: { type: 'string' },
    token: { type: 'string' },
  },
});
const format = values.format as ReportFormat;
if (!['table', 'csv', 'json'].includes(format) || (values.week && !/^\d{4}-W\d{2}$/.test(values.week))) {
  console.error(USAGE);
  process.exit(2);
}
const base = (values.url ?? `http://127.0.0.1:${process.env.PORT || '3000'}`).replace(/\/$/, '');
const local = !values.url || /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(base);
const token =
  values.token ??
  process.env.AGENT_TOKEN ??
  (local
    ? await issueLocalToken(await localSigningKey(resolve(process.env.LOCAL_DATA_DIR || '.local')), {
        agentId: 'report',
        teams: [],
        admin: true,
      })
    : undefined);
if (!token) {
  console.error(`A deployed stack needs --token (or AGENT_TOKEN) of an admin or team lead.\n${USAGE}`);
  process.exit(2);
}
const response = await fetch(`${base}/api/reports/weekly${values.week ? `?week=${values.week}` : ''}`, {
  headers: { authorization: `Bearer ${token}` },
});
if (!response.ok) {
  console.error(`${response.status} ${await response.text()}`);
  process.exit(1);
}
process.stdout.write(formatReport((await response.json()) as WeeklyReport, format));
