/**
 * `npm run bench`: one run of every measurement against the local runtime, then the budgets.
 * Writes bench/results.json and bench/results.md and prints the markdown. Timings on a shared
 * machine are noisy; compare runs on the same machine, and read the request counts as exact.
 *
 * Phases: bundles and cold loads → bare node:http ceiling → webhook ingest (runtime without
 * consumers) → requests per message (first contact, follow-up) → end to end at 100 msg/s → ramp.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FUNCTIONS } from '../shared/definitions.ts';
import { evaluateBudgets } from './budgets.ts';
import { measureBundles } from './bundles.ts';
import { costPerMillionMessages } from './cost.ts';
import { closedLoop, openLoop, type Sample, type Target } from './load.ts';
import { type BenchResults, renderMarkdown } from './report.ts';
import { type RequestCounts, requestsPerMessage } from './requests.ts';
import type { ChildRequest, ChildSnapshot, SendCall } from './runtime-child.ts';
import { summarize } from './stats.ts';
import { type BenchChannel, signedWebhook } from './webhooks.ts';

const benchDir = import.meta.dirname;
const repoRoot = resolve(benchDir, '..');
/** Short phases keep the whole run under 5 minutes on 2 cores. */
const SETTINGS = {
  coldLoadRuns: Number(process.env.BENCH_COLD_RUNS ?? 5),
  ingestConcurrency: 32,
  ingestSeconds: 5,
  warmupSeconds: 1,
  e2eSeconds: 10,
  rampSeconds: 6,
  /** Ramp steps above 100 msg/s when 100 held its p99 under 1 s, below it when it did not. */
  rampUp: [150, 200, 300, 400, 500, 600],
  rampDown: [5, 10, 20, 40, 70],
  /** How long after the last message of a phase to wait for replies before counting them missing. */
  replyGraceMs: 8_000,
  countingChats: 60,
  /** Well under the local capacity, so the Lambda batches hold what a quiet system gives them. */
  countingRate: 8,
} as const;
/**
 * Lambda billed duration per invocation (assumptions; see docs/scaling.md): the webhook makes one
 * SQS call; the worker ~15 DynamoDB calls at ~5 ms plus the bot turn; the sender waits on the
 * platform's API (~150 ms) plus ~6 DynamoDB calls.
 */
const BILLED_MS = { webhook: 30, conversationWorker: 150, sender: 200 } as const;
/** Lambda's own JSON log records per invocation (platform.start + platform.report), bytes. */
const PLATFORM_LOG_BYTES_PER_INVOCATION = 600;

const log = (message: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

interface RuntimeChild {
  readonly url: string;
  readonly process: ChildProcess;
  stdoutBytes(): number;
  ask<T>(request: ChildRequest): Promise<T>;
  stop(): Promise<void>;
}

async function startRuntimeChild(dataDir: string, consumers: boolean): Promise<RuntimeChild> {
  const child = fork(join(benchDir, 'runtime-child.ts'), [], {
    cwd: repoRoot,
    // BENCH_CPU_PROF=1 leaves a V8 CPU profile of each runtime process in .local/bench/profiles.
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_CPU_PROF === '1'
        ? ['--cpu-prof', `--cpu-prof-dir=${join(repoRoot, '.local', 'bench', 'profiles')}`]
        : []),
    ],
    env: {
      ...process.env,
      PORT: '0',
      LOCAL_DATA_DIR: dataDir,
      // Lambda's Powertools default, so the log volume (a cost line) is what AWS would ingest.
      POWERTOOLS_LOG_LEVEL: 'INFO',
      BENCH_CONSUMERS: consumers ? 'on' : 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stdoutBytes = 0;
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdoutBytes += chunk.length;
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const url = await new Promise<string>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`runtime did not start:\n${stderr}`)), 60_000);
    child.once('message', (message: { type: string; url: string }) => {
      clearTimeout(timer);
      resolveReady(message.url);
    });
    child.once('exit', (code) => reject(new Error(`runtime exited with ${code}:\n${stderr}`)));
  });
  return {
    url,
    process: child,
    stdoutBytes: () => stdoutBytes,
    ask<T>(request: ChildRequest) {
      return new Promise<T>((resolveAnswer) => {
        const onMessage = (message: { type: string } & Record<string, unknown>) => {
          if (message.type !== request.type) return;
          child.off('message', onMessage);
          resolveAnswer(message as T);
        };
        child.on('message', onMessage);
        child.send(request);
      });
    },
    async stop() {
      child.send({ type: 'stop' } satisfies ChildRequest);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The ceiling: a bare node:http server in its own process that reads the body and answers 200. */
async function startBareServer(): Promise<{ url: string; stop(): void }> {
  const script = `
    const server = require('node:http').createServer((request, response) => {
      request.resume();
      request.on('end', () => { response.writeHead(200, { 'content-type': 'application/json' }); response.end('{"ok":true}'); });
    });
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolvePort) =>
    child.stdout.once('data', (chunk: Buffer) => resolvePort(chunk.toString().trim())),
  );
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

/** Unique ids across the whole run: chats and events never repeat between phases. */
let nextChat = 1_000_000;
let nextEvent = 500_000_000;
const channelOf = (index: number): BenchChannel => (index % 2 === 0 ? 'telegram' : 'whatsapp');

function webhookTarget(
  url: string,
  channel: BenchChannel,
  chat: number,
  text: string,
): Target & { recipient: string } {
  const webhook = signedWebhook(channel, chat, nextEvent++, text);
  return { url, ...webhook };
}

async function measureIngest(
  url: string,
): Promise<{ rps: number; latency: ReturnType<typeof summarize>; errors: number }> {
  const next = (index: number) => webhookTarget(url, channelOf(index), nextChat++, 'hi');
  await closedLoop(next, SETTINGS.ingestConcurrency, SETTINGS.warmupSeconds * 1000);
  const { samples, durationMs } = await closedLoop(
    next,
    SETTINGS.ingestConcurrency,
    SETTINGS.ingestSeconds * 1000,
  );
  const ok = samples.filter((sample) => sample.status === 200);
  return {
    rps: (ok.length * 1000) / durationMs,
    latency: summarize(ok.map((sample) => sample.latencyMs)),
    errors: samples.length - ok.length,
  };
}

interface SentMessage {
  readonly recipient: string;
  readonly sample: Sample;
}

/** Collects the sandbox's send calls until every recipient has one or the grace time ends. */
async function awaitReplies(
  runtime: RuntimeChild,
  sent: readonly SentMessage[],
  replies: Map<string, number>,
): Promise<void> {
  const deadline = Date.now() + SETTINGS.replyGraceMs;
  const waiting = () => sent.some((message) => !replies.has(message.recipient));
  do {
    const { sends } = await runtime.ask<{ sends: SendCall[] }>({ type: 'sends' });
    for (const send of sends) if (!replies.has(send.recipient)) replies.set(send.recipient, send.at);
    if (!waiting()) return;
    await sleep(200);
  } while (Date.now() < deadline);
}

/** Open-loop webhooks at `rate`, each remembered with the recipient its reply will go to. */
async function sendMessages(
  next: (index: number) => Target & { recipient: string },
  rate: number,
  durationMs: number,
): Promise<SentMessage[]> {
  const recipients: string[] = [];
  const samples = await openLoop(
    (index) => {
      const target = next(index);
      recipients.push(target.recipient);
      return target;
    },
    rate,
    durationMs,
  );
  return samples.map((sample, index) => ({ recipient: recipients[index]!, sample }));
}

/** Open-loop traffic of first-contact messages at `rate`; each reply matched to its message. */
async function endToEnd(runtime: RuntimeChild, rate: number, seconds: number) {
  const sent = await sendMessages(
    (index) => webhookTarget(runtime.url, channelOf(index), nextChat++, 'hi'),
    rate,
    seconds * 1000,
  );
  const replies = new Map<string, number>();
  await awaitReplies(runtime, sent, replies);
  const latencies = sent
    .filter((message) => replies.has(message.recipient))
    .map((message) => replies.get(message.recipient)! - message.sample.startedAtEpoch);
  const missing = sent.length - latencies.length;
  // A missing reply is slower than any budget: it counts as infinitely late in the percentiles.
  const latency = summarize([
    ...latencies,
    ...Array.from({ length: missing }, () => Number.POSITIVE_INFINITY),
  ]);
  // What the system kept up with: replies made while the phase was sending, per second.
  const phaseStart = sent[0]!.sample.startedAtEpoch;
  const phaseEnd = sent.at(-1)!.sample.startedAtEpoch;
  const repliesInPhase = [...replies.values()].filter((at) => at >= phaseStart && at <= phaseEnd).length;
  return {
    rate,
    latency,
    missing,
    repliesPerSecond: (repliesInPhase * 1000) / Math.max(1, phaseEnd - phaseStart),
    webhook: summarize(sent.map((message) => message.sample.latencyMs)),
  };
}

async function waitForDrain(runtime: RuntimeChild, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { snapshot } = await runtime.ask<{ snapshot: ChildSnapshot }>({ type: 'snapshot' });
    if (Object.values(snapshot.queueDepth).every((depth) => depth === 0) && snapshot.recordsInFlight <= 0)
      return true;
    await sleep(200);
  }
  return false;
}

/** Between load phases: a short drain, then whatever an overload left queued is dropped. */
async function settle(runtime: RuntimeChild): Promise<void> {
  if (await waitForDrain(runtime, 5_000)) return;
  log('  backlog left: purged so the next phase starts clean');
  await runtime.ask({ type: 'purge' });
  // Invocations already running finish their batches (their deletes then find nothing).
  if (!(await waitForDrain(runtime, 30_000))) log('  invocations still running after 30 s');
}

/** Requests made for `chats` messages at a gentle rate, from the moment of the reset until drained. */
async function countRequests(
  runtime: RuntimeChild,
  chats: readonly number[],
  text: string,
): Promise<{ counts: RequestCounts; logBytes: number; cpuMs: number }> {
  await runtime.ask({ type: 'reset' });
  const logBefore = runtime.stdoutBytes();
  const { snapshot: before } = await runtime.ask<{ snapshot: ChildSnapshot }>({ type: 'snapshot' });
  const sent = await sendMessages(
    (index) => webhookTarget(runtime.url, channelOf(index), chats[index]!, text),
    SETTINGS.countingRate,
    (chats.length / SETTINGS.countingRate) * 1000,
  );
  const replies = new Map<string, number>();
  await awaitReplies(runtime, sent, replies);
  if (!(await waitForDrain(runtime))) log('  queues did not drain within 60 s: counts are incomplete');
  const { snapshot } = await runtime.ask<{ snapshot: ChildSnapshot }>({ type: 'snapshot' });
  return {
    counts: snapshot.counts,
    logBytes: runtime.stdoutBytes() - logBefore,
    cpuMs: (snapshot.cpuMicros - before.cpuMicros) / 1000,
  };
}

function mergeCounts(a: RequestCounts, b: RequestCounts): RequestCounts {
  const add = (x: Record<string, number>, y: Record<string, number>) =>
    Object.fromEntries(
      [...new Set([...Object.keys(x), ...Object.keys(y)])].map((key) => [key, (x[key] ?? 0) + (y[key] ?? 0)]),
    );
  return {
    dynamo: [...a.dynamo, ...b.dynamo],
    sqs: add(a.sqs, b.sqs),
    pollerReceives: add(a.pollerReceives, b.pollerReceives),
    pollerEmptyReceives: add(a.pollerEmptyReceives, b.pollerEmptyReceives),
    pollerDeletes: add(a.pollerDeletes, b.pollerDeletes),
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.versions.node,
    loadAverage: loadavg(),
  };
  const scratch = mkdtempSync(join(tmpdir(), 'omnichannel-bench-'));
  try {
    log(`bundles and cold loads (${SETTINGS.coldLoadRuns} fresh processes each)`);
    const bundles = await measureBundles(join(repoRoot, '.local', 'bench', 'bundles'), SETTINGS.coldLoadRuns);

    log('ingest ceiling: bare node:http server');
    const bare = await startBareServer();
    const bareIngest = await measureIngest(bare.url);
    bare.stop();

    log('ingest: local runtime webhooks, consumers off');
    const ingestRuntime = await startRuntimeChild(join(scratch, 'ingest'), false);
    const runtimeIngest = await measureIngest(ingestRuntime.url);
    const { snapshot: ingestSnapshot } = await ingestRuntime.ask<{ snapshot: ChildSnapshot }>({
      type: 'snapshot',
    });
    await ingestRuntime.stop();

    log('end to end: local runtime with consumers');
    const runtime = await startRuntimeChild(join(scratch, 'e2e'), true);
    await endToEnd(runtime, 10, 2); // warm-up: JIT, table and queue files
    await waitForDrain(runtime);

    // Counted first, on an idle system: a backlog would change how full the Lambda batches are.
    log('requests per message: first contact, then a follow-up in the same chats');
    const chats = Array.from({ length: SETTINGS.countingChats }, () => nextChat++);
    const first = await countRequests(runtime, chats, 'hi');
    const followUp = await countRequests(runtime, chats, 'where is my order');

    log('end to end at 100 msg/s');
    const at100 = await endToEnd(runtime, 100, SETTINGS.e2eSeconds);
    log(
      `  100 msg/s: p99 ${at100.latency.p99.toFixed(0)} ms, ${at100.missing} missing, ${at100.repliesPerSecond.toFixed(0)} replies/s`,
    );
    await settle(runtime);

    log('ramp: highest steady rate with p99 under 1 s');
    const ramp: BenchResults['e2e']['ramp'][number][] = [];
    const at100Held = at100.latency.p99 < 1000;
    let sustainedRate = at100Held ? 100 : 0;
    for (const rate of at100Held ? SETTINGS.rampUp : SETTINGS.rampDown) {
      if (Date.now() - started > 240_000) {
        log('ramp stopped early to stay within 5 minutes');
        break;
      }
      const step = await endToEnd(runtime, rate, SETTINGS.rampSeconds);
      const pass = step.latency.p99 < 1000;
      ramp.push({
        rate,
        latency: step.latency,
        missing: step.missing,
        repliesPerSecond: step.repliesPerSecond,
        pass,
      });
      log(
        `  ${rate} msg/s: p99 ${step.latency.p99.toFixed(0)} ms, ${step.missing} missing, ${step.repliesPerSecond.toFixed(0)} replies/s`,
      );
      if (!pass) break;
      sustainedRate = rate;
      await settle(runtime);
    }
    const { snapshot: finalSnapshot } = await runtime.ask<{ snapshot: ChildSnapshot }>({ type: 'snapshot' });
    await runtime.stop();

    const firstContact = requestsPerMessage(first.counts, chats.length);
    const followUpPerMessage = requestsPerMessage(followUp.counts, chats.length);
    const conversation = requestsPerMessage(mergeCounts(first.counts, followUp.counts), 2 * chats.length);
    const logBytesPerMessage = (first.logBytes + followUp.logBytes) / (2 * chats.length);
    const invocations = {
      webhook: 1,
      conversationWorker: (conversation.sqsBreakdown['ReceiveMessage inbound.fifo'] ?? 1) as number,
      sender: (conversation.sqsBreakdown['ReceiveMessage outbound.fifo'] ?? 1) as number,
    };
    const platformLogBytes =
      PLATFORM_LOG_BYTES_PER_INVOCATION *
      (invocations.webhook + invocations.conversationWorker + invocations.sender);
    const estimate = costPerMillionMessages({
      httpRequestsPerMessage: 1,
      // Per customer message only the pipeline runs; the agent API is billed per agent action.
      lambdas: (['webhook', 'conversationWorker', 'sender'] as const).map((name) => ({
        name,
        memoryMb: FUNCTIONS[name].memoryMb,
        invocationsPerMessage: invocations[name],
        billedMsPerInvocation: BILLED_MS[name],
      })),
      sqsRequestsPerMessage: conversation.sqs,
      dynamoReadUnitsPerMessage: conversation.readUnits,
      dynamoWriteUnitsPerMessage: conversation.writeUnits,
      logBytesPerMessage: logBytesPerMessage + platformLogBytes,
    });
    const cost = {
      ...estimate,
      assumptions: [
        'traffic = two-message conversations (a first contact and a follow-up), each message with one reply, half Telegram and half WhatsApp',
        `Lambda billed ms per invocation: webhook ${BILLED_MS.webhook}, worker ${BILLED_MS.conversationWorker}, sender ${BILLED_MS.sender} (memory from shared/definitions.ts)`,
        `invocations per message from the measured batch fill (worker ${invocations.conversationWorker.toFixed(2)}, sender ${invocations.sender.toFixed(2)})`,
        `logs: ${logBytesPerMessage.toFixed(0)} B of application logs per message measured at INFO, plus ${PLATFORM_LOG_BYTES_PER_INVOCATION} B of Lambda platform records per invocation`,
        "request units as DynamoDB reported them (ReturnConsumedCapacity); the event source mapping's idle polling is a fixed cost per queue, not per message, and is left out",
        'Amazon Connect chat at $0.01 per message sent or received',
      ],
    };
    const webhookBundle = bundles.find((bundle) => bundle.name === 'webhook')!;
    const workerBundle = bundles.find((bundle) => bundle.name === 'conversationWorker')!;
    const ingest = {
      concurrency: SETTINGS.ingestConcurrency,
      bare: bareIngest,
      runtime: runtimeIngest,
      ratio: runtimeIngest.rps / bareIngest.rps,
    };
    const results: BenchResults = {
      startedAt,
      durationSeconds: (Date.now() - started) / 1000,
      machine,
      bundles,
      ingest,
      e2e: { at100, ramp, sustainedRate },
      requests: {
        firstContact,
        followUp: followUpPerMessage,
        conversation,
        logBytesPerMessage,
        runtimeCpuMsPerMessage: (first.cpuMs + followUp.cpuMs) / (2 * chats.length),
      },
      cost,
      memory: {
        runtimePeakRssBytes: finalSnapshot.maxRssBytes,
        ingestRuntimePeakRssBytes: ingestSnapshot.maxRssBytes,
      },
      budgets: evaluateBudgets({
        webhookBundleBytes: webhookBundle.bytes,
        webhookColdLoadMs: webhookBundle.coldLoadMs,
        workerBundleBytes: workerBundle.bytes,
        workerColdLoadMs: workerBundle.coldLoadMs,
        ingestRatio: ingest.ratio,
        e2eP99At100Ms: at100.latency.p99,
        sustainedRate,
        dynamoRequestsPerMessage: conversation.dynamo,
        sqsRequestsPerMessage: conversation.sqs,
        awsUsdPerMillion: estimate.totalUsd,
      }),
    };
    const markdown = renderMarkdown(results);
    writeFileSync(join(benchDir, 'results.json'), `${JSON.stringify(results, jsonNumbers, 2)}\n`);
    writeFileSync(join(benchDir, 'results.md'), markdown);
    process.stdout.write(markdown);
    log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s: bench/results.json, bench/results.md`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** JSON has no Infinity: a missing reply's latency is written as null. */
function jsonNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

await main();
