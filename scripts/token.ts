/**
 * Prints a bearer token for the local agent API:
 *   npm run --silent token -- --agent ana --teams support,orders [--admin] [--lead] [--name "Ana Silva"] [--ttl 3600]
 * Signed with the local key in LOCAL_DATA_DIR (default .local), which `npm start` uses to verify it.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { issueLocalToken, localSigningKey } from '../infra/local/agent-auth.ts';
import { loadDotEnv } from '../infra/local/dotenv.ts';
import { LOCAL_DEFAULTS } from '../infra/local/runtime.ts';

const USAGE =
  'usage: npm run --silent token -- --agent <id> --teams <team,...> [--admin] [--lead] [--name <name>] [--ttl <seconds>]';

loadDotEnv();
let values: ReturnType<typeof parse>['values'];
function parse() {
  return parseArgs({
    options: {
      agent: { type: 'string' },
      teams: { type: 'string', default: '' },
      admin: { type: 'boolean', default: false },
      lead: { type: 'boolean', default: false },
      name: { type: 'string' },
      ttl: { type: 'string' },
    },
  });
}
try {
  ({ values } = parse());
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const teams = (values.teams ?? '')
  .split(',')
  .map((team) => team.trim())
  .filter(Boolean);
const ttlSeconds = values.ttl === undefined ? undefined : Number(values.ttl);
if (
  !values.agent ||
  (teams.length === 0 && !values.admin) ||
  (ttlSeconds !== undefined && !(ttlSeconds > 0))
) {
  console.error(USAGE);
  process.exit(2);
}
const key = await localSigningKey(resolve(process.env.LOCAL_DATA_DIR || LOCAL_DEFAULTS.LOCAL_DATA_DIR));
const token = await issueLocalToken(
  key,
  {
    agentId: values.agent,
    teams,
    admin: values.admin ?? false,
    ...(values.name ? { name: values.name } : {}),
  },
  ttlSeconds === undefined ? {} : { ttlSeconds },
);
process.stdout.write(`${token}\n`);
