/** The benchmark's results as markdown: budgets first, then the measurements behind them. */
import type { BudgetResult } from './budgets.ts';
import type { CostEstimate } from './cost.ts';
import type { RequestsPerMessage } from './requests.ts';
import type { LatencySummary } from './stats.ts';

export interface EndToEndPhase {
  readonly rate: number;
  /** Missing replies count as infinitely late. */
  readonly latency: LatencySummary;
  readonly missing: number;
  /** Replies the sandboxes received per second while the phase was sending: what the system kept up with. */
  readonly repliesPerSecond: number;
}

export interface EndToEndPhase {
  readonly rate: number;
  /** Missing replies count as infinitely late. */
  readonly latency: LatencySummary;
  readonly missing: number;
  /** Replies the sandboxes received per second while the phase was sending: what the system kept up with. */
  readonly repliesPerSecond: number;
}

export interface BenchResults {
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly machine: {
    readonly cpus: number;
    readonly cpuModel: string;
    readonly node: string;
    readonly loadAverage: readonly number[];
  };
  readonly bundles: readonly {
    readonly name: string;
    readonly bytes: number;
    readonly coldLoadMs: number;
    readonly coldLoadNoSourceMapsMs: number;
    readonly externalsLoadMs: number;
    readonly externals: readonly string[];
  }[];
  readonly ingest: {
    readonly concurrency: number;
    readonly bare: { readonly rps: number; readonly latency: LatencySummary; readonly errors: number };
    readonly runtime: { readonly rps: number; readonly latency: LatencySummary; readonly errors: number };
    readonly ratio: number;
  };
  readonly e2e: {
    readonly at100: EndToEndPhase & { readonly webhook: LatencySummary };
    readonly ramp: readonly (EndToEndPhase & { readonly pass: boolean })[];
    readonly sustainedRate: number;
  };
  readonly requests: {
    readonly firstContact: RequestsPerMessage;
    readonly followUp: RequestsPerMessage;
    readonly conversation: RequestsPerMessage;
    readonly logBytesPerMessage: number;
    /** CPU time of the whole local runtime process (handlers, emulators, sandboxes) per message. */
    readonly runtimeCpuMsPerMessage: number;
  };
  readonly cost: CostEstimate & { readonly assumptions: readonly string[] };
  readonly memory: { readonly runtimePeakRssBytes: number; readonly ingestRuntimePeakRssBytes: number };
  readonly budgets: readonly BudgetResult[];
}

const ms = (value: number) =>
  Number.isNaN(value) ? 'n/a' : Number.isFinite(value) ? `${value.toFixed(0)} ms` : 'no reply';
const GRACE_NOTE = '(8 s after the last message)';
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const usd = (value: number) =>
  value >= 100 ? `$${value.toLocaleString('en-US', { maximumFractionDigits: 0 })}` : `$${value.toFixed(2)}`;
const round = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));

export function renderMarkdown(results: BenchResults): string {
  const { ingest, e2e, requests, cost } = results;
  const lines: string[] = [];
  lines.push(
    `Run ${results.startedAt}, ${results.durationSeconds.toFixed(0)} s, ${results.machine.cpus} × ${results.machine.cpuModel}, Node ${results.machine.node}, load average at start ${results.machine.loadAverage.map((value) => value.toFixed(2)).join(' / ')}.`,
    '',
    '| budget | limit | measured | |',
    '| --- | --- | --- | --- |',
    ...results.budgets.map(
      (budget) =>
        `| ${budget.name} | ${budget.limit} | ${budget.actual} | ${budget.pass ? 'pass' : '**FAIL**'} |`,
    ),
    '',
    '| function | bundle | cold load (median, with source maps) | without source maps | of which AWS SDK import |',
    '| --- | --- | --- | --- | --- |',
    ...results.bundles.map(
      (bundle) =>
        `| ${bundle.name} | ${kb(bundle.bytes)} | ${ms(bundle.coldLoadMs)} | ${ms(bundle.coldLoadNoSourceMapsMs)} | ${ms(bundle.externalsLoadMs)} |`,
    ),
    '',
    `| ingest (${ingest.concurrency} connections) | requests/s | p50 | p99 | errors |`,
    '| --- | --- | --- | --- | --- |',
    `| bare node:http 200 | ${ingest.bare.rps.toFixed(0)} | ${ingest.bare.latency.p50.toFixed(1)} ms | ${ingest.bare.latency.p99.toFixed(1)} ms | ${ingest.bare.errors} |`,
    `| local runtime webhook | ${ingest.runtime.rps.toFixed(0)} | ${ingest.runtime.latency.p50.toFixed(1)} ms | ${ingest.runtime.latency.p99.toFixed(1)} ms | ${ingest.runtime.errors} |`,
    '',
    `| end to end (webhook sent → platform send call) | p50 | p99 | max | no reply ${GRACE_NOTE} | replies/s while sending |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...[{ ...e2e.at100, pass: true }, ...e2e.ramp].map(
      (step) =>
        `| ${step.rate} msg/s${step.pass ? '' : ' (p99 over 1 s: ramp stops)'} | ${ms(step.latency.p50)} | ${ms(step.latency.p99)} | ${ms(step.latency.max)} | ${step.missing} | ${step.repliesPerSecond.toFixed(0)} |`,
    ),
    '',
    `The webhook's 200 during the 100 msg/s phase: p50 ${ms(e2e.at100.webhook.p50)}, p99 ${ms(e2e.at100.webhook.p99)}. Highest steady rate with p99 under 1 s: **${e2e.sustainedRate} msg/s**. Peak RSS of the local runtime: ${(results.memory.runtimePeakRssBytes / 1024 ** 2).toFixed(0)} MB (webhooks only: ${(results.memory.ingestRuntimePeakRssBytes / 1024 ** 2).toFixed(0)} MB). CPU of the local runtime process per message with its reply: ${requests.runtimeCpuMsPerMessage.toFixed(0)} ms (handlers, SDK clients and the emulators they call), so ${results.machine.cpus} cores top out near ${((results.machine.cpus * 1000) / requests.runtimeCpuMsPerMessage).toFixed(0)} msg/s.`,
    '',
    '| requests per inbound message with its reply | first contact | follow-up | two-message conversation (budgeted) |',
    '| --- | --- | --- | --- |',
    `| DynamoDB requests | ${round(requests.firstContact.dynamo)} | ${round(requests.followUp.dynamo)} | ${round(requests.conversation.dynamo)} |`,
    `| – reads / writes | ${round(requests.firstContact.dynamoReads)} / ${round(requests.firstContact.dynamoWrites)} | ${round(requests.followUp.dynamoReads)} / ${round(requests.followUp.dynamoWrites)} | ${round(requests.conversation.dynamoReads)} / ${round(requests.conversation.dynamoWrites)} |`,
    `| – read / write request units | ${round(requests.firstContact.readUnits)} / ${round(requests.firstContact.writeUnits)} | ${round(requests.followUp.readUnits)} / ${round(requests.followUp.writeUnits)} | ${round(requests.conversation.readUnits)} / ${round(requests.conversation.writeUnits)} |`,
    `| SQS requests (handlers + event source mapping) | ${round(requests.firstContact.sqs)} (${round(requests.firstContact.sqsHandler)} + ${round(requests.firstContact.sqsPoller)}) | ${round(requests.followUp.sqs)} (${round(requests.followUp.sqsHandler)} + ${round(requests.followUp.sqsPoller)}) | ${round(requests.conversation.sqs)} (${round(requests.conversation.sqsHandler)} + ${round(requests.conversation.sqsPoller)}) |`,
    '',
    '| DynamoDB request (operation, pk / sk family) | first contact | follow-up |',
    '| --- | --- | --- |',
    ...dynamoRows(requests.firstContact, requests.followUp),
    '',
    '| SQS request | first contact | follow-up |',
    '| --- | --- | --- |',
    ...[
      ...new Set([
        ...Object.keys(requests.firstContact.sqsBreakdown),
        ...Object.keys(requests.followUp.sqsBreakdown),
      ]),
    ]
      .sort()
      .map(
        (name) =>
          `| ${name} | ${round(requests.firstContact.sqsBreakdown[name] ?? 0)} | ${round(requests.followUp.sqsBreakdown[name] ?? 0)} |`,
      ),
    '',
    `| AWS cost per 1 M inbound messages with one reply | usage | USD |`,
    '| --- | --- | --- |',
    ...cost.lines.map(
      (line) => `| ${line.item} | ${formatUsage(line.usage)} ${line.unit} | ${usd(line.usd)} |`,
    ),
    `| **total** | | **${usd(cost.totalUsd)}** |`,
    `| Amazon Connect chat, same traffic (2 M messages × $0.01) | | ${usd(cost.connectUsd)} |`,
    '',
    `Assumptions: ${cost.assumptions.join('; ')}.`,
  );
  return `${lines.join('\n')}\n`;
}

function formatUsage(value: number): string {
  if (value >= 1_000_000) return `${(value / 1_000_000).toFixed(2)} M`;
  if (value >= 1000) return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
  return value.toFixed(2);
}

function dynamoRows(first: RequestsPerMessage, followUp: RequestsPerMessage): string[] {
  const id = (line: { operation: string; key: string }) => `${line.operation} ${line.key}`;
  const firstById = new Map(first.dynamoBreakdown.map((line) => [id(line), line.perMessage]));
  const followById = new Map(followUp.dynamoBreakdown.map((line) => [id(line), line.perMessage]));
  return [...new Set([...firstById.keys(), ...followById.keys()])].map(
    (name) => `| ${name} | ${round(firstById.get(name) ?? 0)} | ${round(followById.get(name) ?? 0)} |`,
  );
}
