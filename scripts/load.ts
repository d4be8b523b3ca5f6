/**
 * Load and fault run against the local runtime: nothing lost, nothing answered twice.
 *
 *   npm run load -- --messages 5000 --duplicates 10 --crash [--concurrency 16] [--report docs/file.md]
 *
 * Starts `npm start`'s entry point as a child process (its own data dir and port), with the platform
 * APIs (Telegram, Graph, Twilio sandboxes) served from this process so they outlive a crash and can
 * be told to answer 429s and 5xx. Sends N signed webhooks across the four channels, one new customer
 * per message; R % of them are delivered twice, half at once and half after the local queue's
 * deduplication window (shortened to a few seconds here, so "Meta retried hours later" takes
 * seconds). With --crash the runtime is killed with SIGKILL twice, each time in the middle of a
 * send (at 30 % answered the platform never gets that message, at 60 % it takes it), and started
 * again on the same data. WhatsApp, Messenger and Twilio post their "sent" reports back, as the
 * platforms do.
 * Exits 1 when any message was lost or answered twice. A Telegram reply the store flags "delivery
 * uncertain" (a send the kill cut off; Telegram reports nothing that could settle it) is counted on
 * its own: the documented ambiguous send, shown to agents rather than risked twice.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { startEmbeddedDynamo } from '../infra/local/embedded-dynamodb.ts';
import { DEDUP_WINDOW_ENV } from '../infra/local/queue/queue-registry.ts';
import { LOCAL_DEFAULTS } from '../infra/local/runtime.ts';
import { messengerSandboxFailures } from '../infra/local/sandbox/graph-messenger-sandbox.ts';
import { whatsappSandboxFailures } from '../infra/local/sandbox/graph-whatsapp-sandbox.ts';
import { createPlatformSandboxes, SANDBOX_PATHS } from '../infra/local/sandbox/platform-sandboxes.ts';
import { twilioErrorReply } from '../infra/local/sandbox/twilio-sandbox.ts';
import { ENV, TABLE, type WebhookChannel } from '../shared/definitions.ts';
import {
  customerAddress,
  type SignedWebhook,
  signedCustomerText,
  WEBHOOK_CHANNELS,
} from './lib/customer-webhooks.ts';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000' },
    duplicates: { type: 'string', default: '10' },
    crash: { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '16' },
    /** Seconds the local queue remembers a deduplication id during the run (SQS: 300). */
    'dedup-window': { type: 'string', default: '5' },
    /**
     * Give up waiting for replies after this many seconds without progress: long enough for a send
     * interrupted by the kill to come back (visibility timeout 180 s) and settle (120 s).
     */
    'settle-timeout': { type: 'string', default: '420' },
    report: { type: 'string' },
    'keep-data': { type: 'boolean', default: false },
  },
});
const total = Number(values.messages);
const duplicatePercent = Number(values.duplicates);
const concurrency = Number(values.concurrency);
const dedupWindowSeconds = Number(values['dedup-window']);
const settleTimeoutMs = Number(values['settle-timeout']) * 1000;
const repoRoot = resolve(import.meta.dirname, '..');
const log = (line: string) =>
  process.stderr.write(`[load ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

/** Small deterministic PRNG, so two runs with the same arguments send the same plan. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(20261126);

// ---- the platform APIs, in this process -------------------------------------------------------
const dataDir = mkdtempSync(join(tmpdir(), 'omni-load-'));
const port = await freePort();
const runtimeUrl = `http://127.0.0.1:${port}`;
// Like the real platforms, WhatsApp, Messenger and Twilio report each message they accept to the
// runtime's webhooks (retrying while it is down): that is what settles a send interrupted by the kill.
const sandboxes = createPlatformSandboxes(
  {
    telegramBotToken: LOCAL_DEFAULTS.TELEGRAM_BOT_TOKEN,
    whatsappAccessToken: LOCAL_DEFAULTS.WHATSAPP_ACCESS_TOKEN,
    messengerPageAccessToken: LOCAL_DEFAULTS.MESSENGER_PAGE_ACCESS_TOKEN,
    twilioAccountSid: LOCAL_DEFAULTS.TWILIO_ACCOUNT_SID,
    twilioAuthToken: LOCAL_DEFAULTS.TWILIO_AUTH_TOKEN,
  },
  undefined,
  {
    statusCallbacks: {
      webhookBaseUrl: runtimeUrl,
      whatsappAppSecret: LOCAL_DEFAULTS.WHATSAPP_APP_SECRET,
      messengerAppSecret: LOCAL_DEFAULTS.MESSENGER_APP_SECRET,
    },
  },
);
const platformServer: Server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const listener = sandboxes.listenerFor(path);
    if (!listener) {
      response.writeHead(404).end();
      return;
    }
    const body = Buffer.concat(chunks);
    if (pendingKill && killsThisSend(path, body)) {
      // The runtime dies while this send is in flight: the ambiguous case no platform helps with.
      const { platformGetsIt, done } = pendingKill;
      pendingKill = undefined;
      child?.kill('SIGKILL');
      done({ channel: channelOf(path), recipient: recipientOf(path, body), platformGotIt: platformGetsIt });
      if (!platformGetsIt) {
        response.destroy();
        return;
      }
    }
    void listener(request, response, body).catch(() => response.writeHead(500).end());
  });
});
await new Promise<void>((done) => platformServer.listen(0, '127.0.0.1', () => done()));
const platformUrl = `http://127.0.0.1:${(platformServer.address() as AddressInfo).port}`;

let injected = 0;
/** One throttle or server error at a random platform; the sender must wait it out and send once. */
function injectFailure(): void {
  injected += 1;
  switch (Math.floor(rand() * 6)) {
    case 0:
      sandboxes.telegram.injectFailures({
        status: 429,
        body: {
          ok: false,
          error_code: 429,
          description: 'Too Many Requests: retry after 1',
          parameters: { retry_after: 1 },
        },
      });
      return;
    case 1:
      sandboxes.whatsapp.injectFailures(whatsappSandboxFailures.throughput());
      return;
    case 2:
      sandboxes.whatsapp.injectFailures(whatsappSandboxFailures.serviceUnavailable());
      return;
    case 3:
      sandboxes.messenger.injectFailures(messengerSandboxFailures.temporarySendFailure());
      return;
    case 4:
      sandboxes.twilio.injectFailures(twilioErrorReply(429, 20429, 'Too Many Requests'));
      return;
    default:
      sandboxes.twilio.injectFailures(twilioErrorReply(500, 20500, 'Internal Server Error'));
  }
}

// ---- the runtime, as a child process ------------------------------------------------------------
let child: ChildProcess | undefined;
let restarts = 0;

async function startRuntime(): Promise<void> {
  const started = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      LOCAL_DATA_DIR: dataDir,
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      [DEDUP_WINDOW_ENV]: String(dedupWindowSeconds),
      [ENV.telegramApiUrl]: `${platformUrl}${SANDBOX_PATHS.telegram}`,
      [ENV.graphApiUrl]: `${platformUrl}${SANDBOX_PATHS.graph}/v23.0`,
      [ENV.twilioApiUrl]: `${platformUrl}${SANDBOX_PATHS.twilio}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = started;
  let output = '';
  started.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  started.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (started.exitCode !== null) throw new Error(`runtime exited:\n${output}`);
    try {
      if ((await fetch(`${runtimeUrl}/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`runtime did not become healthy:\n${output}`);
}

async function killRuntime(): Promise<void> {
  const running = child;
  if (!running || running.exitCode !== null) return;
  const exited = new Promise<void>((done) => running.once('exit', () => done()));
  running.kill('SIGKILL');
  await exited;
}

// ---- the plan -----------------------------------------------------------------------------------
interface PlannedMessage {
  readonly index: number;
  readonly channel: WebhookChannel;
  readonly from: string;
  readonly webhook: SignedWebhook;
  acceptedAt?: number;
}
interface Delivery {
  readonly message: PlannedMessage;
  readonly kind: 'original' | 'duplicate' | 'late_duplicate';
}

const runId = Date.now() % 1_000_000;
const messages: PlannedMessage[] = Array.from({ length: total }, (_, index) => {
  const channel = WEBHOOK_CHANNELS[index % WEBHOOK_CHANNELS.length] as WebhookChannel;
  const from = customerAddress(channel, runId * 10_000 + index);
  const webhook = signedCustomerText(
    channel,
    { from, id: runId * 100_000 + index, text: 'hello', timestamp: Math.floor(Date.now() / 1000) },
    LOCAL_DEFAULTS,
    runtimeUrl,
  );
  return { index, channel, from, webhook };
});
const immediate: Delivery[] = [];
const late: Delivery[] = [];
for (const message of messages) {
  immediate.push({ message, kind: 'original' });
  if (rand() * 100 < duplicatePercent) {
    if (rand() < 0.5) immediate.push({ message, kind: 'duplicate' });
    else late.push({ message, kind: 'late_duplicate' });
  }
}

const counts = {
  posted: 0,
  accepted: 0,
  retriedPosts: 0,
  duplicatesDelivered: 0,
  lateDuplicatesDelivered: 0,
};
const statuses = new Map<number, number>();

/** Posts until the runtime says 200, as platforms redeliver on errors and timeouts. */
async function deliver(delivery: Delivery): Promise<void> {
  const { webhook } = delivery.message;
  for (let attempt = 0; ; attempt++) {
    counts.posted += 1;
    try {
      const response = await fetch(`${runtimeUrl}${webhook.path}`, {
        method: 'POST',
        headers: webhook.headers,
        body: webhook.body,
        signal: AbortSignal.timeout(15_000),
      });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 200) {
        counts.accepted += 1;
        if (delivery.kind === 'original') delivery.message.acceptedAt ??= Date.now();
        if (delivery.kind === 'duplicate') counts.duplicatesDelivered += 1;
        if (delivery.kind === 'late_duplicate') counts.lateDuplicatesDelivered += 1;
        return;
      }
      if (response.status < 500) throw new Error(`webhook answered ${response.status}`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('webhook answered')) throw error;
    }
    counts.retriedPosts += 1;
    await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 4)));
  }
}

async function runPool(deliveries: readonly Delivery[]) {
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: concurrency }, async () => {
    while (next < deliveries.length) {
      const delivery = deliveries[next++] as Delivery;
      await deliver(delivery);
      done += 1;
      if (done % Math.max(1, Math.floor(total / 25)) === 0) injectFailure();
    }
  });
  await Promise.all(workers);
}

// ---- the run ------------------------------------------------------------------------------------
const repliesTo = (): Map<string, number[]> => {
  const replies = new Map<string, number[]>();
  const add = (channel: WebhookChannel, to: string, at: string) => {
    const key = `${channel}:${to}`;
    const list = replies.get(key) ?? [];
    list.push(Date.parse(at));
    replies.set(key, list);
  };
  for (const message of sandboxes.telegram.allMessages()) add('telegram', message.chatId, message.at);
  for (const message of sandboxes.whatsapp.allMessages()) add('whatsapp', message.recipient, message.at);
  for (const message of sandboxes.messenger.allMessages()) add('messenger', message.recipientId, message.at);
  for (const message of sandboxes.twilio.allMessages()) add('sms', message.to, message.at);
  return replies;
};
const answeredCount = () => {
  const replies = repliesTo();
  return messages.filter((message) => replies.has(`${message.channel}:${message.from}`)).length;
};

interface InterruptedSend {
  readonly channel: WebhookChannel;
  readonly recipient: string;
  readonly platformGotIt: boolean;
}
let pendingKill: { platformGetsIt: boolean; done: (send: InterruptedSend) => void } | undefined;
const interrupted: InterruptedSend[] = [];

/**
 * Once `threshold` messages are answered, SIGKILLs the runtime the moment its next WhatsApp,
 * Messenger or SMS send reaches the platform (which then takes the message, or never gets it), and
 * starts it again on the same data. Telegram is left out: an interrupted Telegram send stays flagged
 * "delivery uncertain" by design, which the crash-point tests cover.
 */
async function crashDuringSend(threshold: number, platformGetsIt: boolean): Promise<void> {
  while (answeredCount() < threshold) await sleep(100);
  const send = await new Promise<InterruptedSend>((done) => {
    pendingKill = { platformGetsIt, done };
  });
  interrupted.push(send);
  log(
    `SIGKILL the runtime during a ${send.channel} send the platform ${platformGetsIt ? 'took' : 'never got'} (${answeredCount()} of ${total} answered)`,
  );
  await new Promise<void>((done) => (child?.exitCode !== null ? done() : child.once('exit', () => done())));
  await sleep(500);
  restarts += 1;
  await startRuntime();
  log('runtime restarted on the same data');
}

/** A message send (not a read receipt or typing) to a platform that reports what it accepts. */
function killsThisSend(path: string, body: Buffer): boolean {
  if (path.endsWith('/Messages.json')) return true;
  if (!path.endsWith('/messages')) return false;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { message?: unknown; type?: unknown };
    return parsed.message !== undefined || parsed.type !== undefined;
  } catch {
    return false;
  }
}

function channelOf(path: string): WebhookChannel {
  if (path.endsWith('/Messages.json')) return 'sms';
  return path.endsWith('/me/messages') ? 'messenger' : 'whatsapp';
}

/** The customer a send request is addressed to, as the load plan names them. */
function recipientOf(path: string, body: Buffer): string {
  const text = body.toString('utf8');
  if (path.endsWith('/Messages.json')) return new URLSearchParams(text).get('To') ?? '';
  const parsed = JSON.parse(text) as { to?: string; recipient?: { id?: string } };
  return parsed.to ?? parsed.recipient?.id ?? '';
}

const startedAt = Date.now();
log(`runtime on ${runtimeUrl}, platforms on ${platformUrl}, data in ${dataDir}`);
await startRuntime();
log(`sending ${total} messages (${immediate.length - total} immediate and ${late.length} late duplicates)`);
// Two kills while replies go out, each in the middle of a send: at 30 % answered the platform never
// gets that message (it must be sent again, not lost); at 60 % it took it (it must not be sent twice).
const crash = values.crash
  ? crashDuringSend(Math.floor(total * 0.3), false).then(() => crashDuringSend(Math.floor(total * 0.6), true))
  : Promise.resolve();
const lateTimer = sleep((dedupWindowSeconds + 1) * 1000);
await runPool(immediate);
const sendDoneAt = Date.now();
await lateTimer;
log(`replaying ${late.length} deliveries after the ${dedupWindowSeconds}s dedup window`);
await runPool(late);
await crash;

// Wait until every message is answered, or nothing moves for the settle timeout.
let lastAnswered = -1;
let lastProgress = Date.now();
for (;;) {
  const answered = answeredCount();
  if (answered !== lastAnswered) {
    lastAnswered = answered;
    lastProgress = Date.now();
    log(`${answered}/${total} answered`);
  }
  if (answered === total || Date.now() - lastProgress > settleTimeoutMs) break;
  await sleep(1000);
}
// Late duplicates and retries would show up as second replies within a few seconds.
await sleep(5000);
const elapsedMs = Date.now() - startedAt;

const replies = repliesTo();
// What the store says about the replies: the runtime must be down before its data can be opened.
await killRuntime();
await sandboxes.close();
const flagged = await uncertainReplies();
const latencies: number[] = [];
let answered = 0;
let duplicated = 0;
let uncertainUnanswered = 0;
for (const message of messages) {
  const times = replies.get(`${message.channel}:${message.from}`) ?? [];
  if (times.length > 0) answered += 1;
  // Only Telegram, which reports nothing, may leave a cut-off send flagged for agents; on the
  // other channels the sender must settle it, so an unanswered flag there counts as lost.
  const excused = message.channel === 'telegram' && flagged.has(`${message.channel}:${message.from}`);
  if (times.length === 0 && excused) uncertainUnanswered += 1;
  if (times.length > 1) duplicated += 1;
  if (times.length > 0 && message.acceptedAt) latencies.push(Math.min(...times) - message.acceptedAt);
}
latencies.sort((a, b) => a - b);
const percentile = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
const callbacks = sandboxes.callbackStats();
const report = {
  messages: total,
  channels: WEBHOOK_CHANNELS,
  duplicatePercent,
  webhooks: {
    sent: counts.accepted,
    duplicatesDelivered: counts.duplicatesDelivered,
    lateDuplicatesDelivered: counts.lateDuplicatesDelivered,
    postsIncludingRetries: counts.posted,
    statuses: Object.fromEntries(statuses),
  },
  answered,
  duplicated,
  // No reply on the phone, other than a flagged Telegram send: the customer waits.
  lost: total - answered - uncertainUnanswered,
  // The documented ambiguous send: the attempt died mid-call on a platform that reports nothing
  // (Telegram), so the reply is flagged "delivery uncertain" for agents rather than risk a second copy.
  deliveryUncertain: {
    unanswered: uncertainUnanswered,
    flaggedReplies: flagged.size,
    byChannel: Object.fromEntries(
      WEBHOOK_CHANNELS.map((channel) => [
        channel,
        [...flagged].filter((key) => key.startsWith(`${channel}:`)).length,
      ]),
    ),
  },
  platformStatusCallbacks: callbacks,
  latencyMs: { p50: percentile(50), p90: percentile(90), p99: percentile(99), max: latencies.at(-1) ?? 0 },
  faults: {
    crash: values.crash ?? false,
    restarts,
    injectedPlatformFailures: injected,
    // Each send the kill cut off, and how many copies reached that customer's phone (must be 1).
    interruptedSends: interrupted.map((send) => ({
      ...send,
      repliesOnPhone: replies.get(`${send.channel}:${send.recipient}`)?.length ?? 0,
    })),
  },
  durationSeconds: {
    sending: Math.round((sendDoneAt - startedAt) / 1000),
    total: Math.round(elapsedMs / 1000),
  },
  throughputPerSecond: Math.round((answered / elapsedMs) * 1000 * 10) / 10,
  concurrency,
  dedupWindowSeconds,
  node: process.version,
};
console.log(JSON.stringify(report, null, 2));
if (values.report) writeFileSync(values.report, `${JSON.stringify(report, null, 2)}\n`);

await new Promise<void>((done) => {
  platformServer.closeAllConnections();
  platformServer.close(() => done());
});
if (!values['keep-data']) rmSync(dataDir, { recursive: true, force: true });
process.exit(report.lost > 0 || report.duplicated > 0 ? 1 : 0);

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** `<channel>:<customer>` of every reply the store flags `uncertain`, read from the runtime's data dir. */
async function uncertainReplies(): Promise<Set<string>> {
  const dynamo = await startEmbeddedDynamo(join(dataDir, 'dynamodb'));
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const found = new Set<string>();
  try {
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: TABLE.localName,
          FilterExpression: 'begins_with(sk, :message) AND #status = :uncertain',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':message': 'MESSAGE#', ':uncertain': 'uncertain' },
          ...(cursor ? { ExclusiveStartKey: cursor } : {}),
        }),
      );
      for (const item of page.Items ?? []) found.add(`${item.to?.channel}:${item.to?.chatId}`);
      cursor = page.LastEvaluatedKey;
    } while (cursor);
  } finally {
    client.destroy();
    await dynamo.close();
  }
  return found;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as AddressInfo;
      probe.close(() => done(free));
    });
  });
}
