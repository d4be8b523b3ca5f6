/**
 * The local runtime as the benchmark's system under test, in its own process so the load generator
 * does not share its event loop. It counts every DynamoDB and SQS request the handlers make (SDK
 * middleware on the shared clients) and every receive/delete the Lambda-style pollers make (the
 * calls Lambda's event source mapping would bill), and answers the parent over IPC.
 *
 * Started by bench/run.ts with `fork`; BENCH_CONSUMERS=off runs the webhooks alone.
 */
import { LocalFifoQueue } from '../infra/local/queue/fifo-queue.ts';
import { startLocalRuntime } from '../infra/local/runtime.ts';
import { sqsClient } from '../shared/queue/fifo-sender.ts';
import { documentClient } from '../shared/store/dynamo.ts';
import { describeDynamoRequest, type RequestCounts } from './requests.ts';

export type ChildRequest =
  | { readonly type: 'reset' }
  | { readonly type: 'snapshot' }
  | { readonly type: 'sends' }
  /** Drops the backlog an overloaded phase left behind, so the next phase starts clean. */
  | { readonly type: 'purge' }
  | { readonly type: 'stop' };

/** A platform send call as the sandbox recorded it: who it went to and when (epoch ms). */
export interface SendCall {
  readonly recipient: string;
  readonly at: number;
}

export interface ChildSnapshot {
  readonly counts: RequestCounts;
  readonly maxRssBytes: number;
  readonly cpuMicros: number;
  readonly queueDepth: Record<string, number>;
  /** Records received by a poller and not yet deleted: invocations still running. */
  readonly recordsInFlight: number;
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

let counts = emptyCounts();
function emptyCounts(): RequestCounts {
  return { dynamo: [], sqs: {}, pollerReceives: {}, pollerEmptyReceives: {}, pollerDeletes: {} };
}

// The pollers call the queue directly (no HTTP); on AWS these are the event source mapping's
// ReceiveMessage and DeleteMessage calls, so they are counted here.
const queues = new Map<string, LocalFifoQueue>();
let recordsInFlight = 0;
const receive = LocalFifoQueue.prototype.receive;
LocalFifoQueue.prototype.receive = async function (this: LocalFifoQueue, input) {
  queues.set(this.name, this);
  const received = await receive.call(this, input);
  recordsInFlight += received.length;
  const bucket = received.length > 0 ? counts.pollerReceives : counts.pollerEmptyReceives;
  bucket[this.name] = (bucket[this.name] ?? 0) + 1;
  return received;
};
const remove = LocalFifoQueue.prototype.delete;
LocalFifoQueue.prototype.delete = async function (this: LocalFifoQueue, handle) {
  counts.pollerDeletes[this.name] = (counts.pollerDeletes[this.name] ?? 0) + 1;
  recordsInFlight -= 1;
  return remove.call(this, handle);
};

const runtime = await startLocalRuntime(process.env, { consumers: process.env.BENCH_CONSUMERS !== 'off' });

// The handlers share one client per service (created lazily, after the runtime set the endpoints).
documentClient().middlewareStack.add(
  (next, context) => async (args) => {
    const input = args.input as Record<string, unknown>;
    // Ask for the consumed capacity so the cost model uses real request units, not guesses.
    if (!('ReturnConsumedCapacity' in input)) input.ReturnConsumedCapacity = 'TOTAL';
    const operation = context.commandName ?? 'unknown';
    try {
      const result = await next(args);
      const output = result.output as {
        ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[];
      };
      const consumed = [output.ConsumedCapacity ?? []]
        .flat()
        .reduce((sum, capacity) => sum + (capacity.CapacityUnits ?? 0), 0);
      counts.dynamo.push(describeDynamoRequest(operation, input, consumed));
      return result;
    } catch (error) {
      // A failed conditional write is billed too (1 unit for our small items), with no capacity
      // in the error.
      const failed = describeDynamoRequest(operation, input, 0);
      counts.dynamo.push({ ...failed, units: failed.kind === 'write' ? 1 : 0.5 });
      throw error;
    }
  },
  { step: 'serialize', priority: 'high', name: 'benchCountDynamo' },
);
sqsClient().middlewareStack.add(
  (next, context) => async (args) => {
    const name = context.commandName ?? 'unknown';
    counts.sqs[name] = (counts.sqs[name] ?? 0) + 1;
    return next(args);
  },
  { step: 'initialize', name: 'benchCountSqs' },
);

let sendCursor = { telegram: 0, whatsapp: 0 };
function newSends(): SendCall[] {
  const telegram = runtime.sandboxes.telegram.calls.slice(sendCursor.telegram);
  const whatsapp = runtime.sandboxes.whatsapp.calls.slice(sendCursor.whatsapp);
  sendCursor = {
    telegram: sendCursor.telegram + telegram.length,
    whatsapp: sendCursor.whatsapp + whatsapp.length,
  };
  return [
    ...telegram
      .filter((call) => call.method === 'sendMessage')
      .map((call) => ({ recipient: `telegram:${String(call.params.chat_id)}`, at: Date.parse(call.at) })),
    ...whatsapp
      // Read receipts and typing indicators go to the same endpoint; only messages count.
      .filter((call) => call.body.to !== undefined && call.body.status === undefined)
      .map((call) => ({ recipient: `whatsapp:${String(call.body.to)}`, at: Date.parse(call.at) })),
  ];
}

function snapshot(): ChildSnapshot {
  return {
    counts,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    cpuMicros: (() => {
      const usage = process.cpuUsage();
      return usage.user + usage.system;
    })(),
    queueDepth: Object.fromEntries(
      [...queues].map(([name, queue]) => {
        const stats = queue.stats();
        return [name, stats.visible + stats.inFlight];
      }),
    ),
    recordsInFlight,
  };
}

process.on('message', (message: ChildRequest) => {
  switch (message.type) {
    case 'reset':
      counts = emptyCounts();
      process.send?.({ type: 'reset' });
      break;
    case 'snapshot':
      process.send?.({ type: 'snapshot', snapshot: snapshot() });
      break;
    case 'sends':
      process.send?.({ type: 'sends', sends: newSends() });
      break;
    case 'purge':
      void Promise.all([...queues.values()].map((queue) => queue.purge())).then(() =>
        process.send?.({ type: 'purge' }),
      );
      break;
    case 'stop':
      void runtime.close().then(() => process.exit(0));
      break;
  }
});
// A parent that dies (Ctrl-C, a crash) must not leave the runtime serving on its port.
process.on('disconnect', () => process.exit(1));
process.send?.({ type: 'ready', url: runtime.url });
