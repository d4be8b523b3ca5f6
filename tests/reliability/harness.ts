/**
 * The whole pipeline in one test process, made of the real parts: the webhook function's
 * receiveWebhook with the real inbound adapters, the local FIFO queues (with their dead-letter
 * queues, on disk), the conversation worker and sender handlers driven by the local poller, and
 * the embedded DynamoDB table. Only the platforms' send APIs are recording fakes, and the clock is
 * a number the test moves, so visibility timeouts and the 5-minute dedup window are deterministic.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { createConversationWorkerHandler } from '../../functions/conversation-worker/create-handler.ts';
import { createSenderHandler } from '../../functions/sender/create-handler.ts';
import { inboundAdapters } from '../../functions/webhook/inbound-adapters.ts';
import { LocalFifoQueue } from '../../infra/local/queue/fifo-queue.ts';
import { createSqsHttpListener, queueUrl } from '../../infra/local/queue/sqs-endpoint.ts';
import { pollOnce } from '../../infra/local/queue-poller.ts';
import { LOCAL_DEFAULTS } from '../../infra/local/runtime.ts';
import { signedWhatsappValue } from '../../infra/local/simulator/platform-webhooks.ts';
import {
  type ChannelSecretsForSigning,
  type CustomerText,
  type SignedWebhook,
  signedCustomerText,
} from '../../scripts/lib/customer-webhooks.ts';
import { CHANNEL_SECRET_NAMES } from '../../shared/channels/credentials.ts';
import type { OutboundAdapter } from '../../shared/channels/outbound-adapter.ts';
import { DEAD_LETTER_RETENTION_SECONDS, QUEUES, type WebhookChannel } from '../../shared/definitions.ts';
import type { SupportBot, TurnOutcome } from '../../shared/domain/bot-turn.ts';
import type { Channel } from '../../shared/domain/channel.ts';
import { deliveryReference } from '../../shared/domain/delivery-reference.ts';
import type { OutboundMessage } from '../../shared/domain/messages.ts';
import type { HttpRequest } from '../../shared/http/types.ts';
import type { SenderDeps } from '../../shared/pipeline/deliver-outbound.ts';
import type { ConversationWorkerDeps } from '../../shared/pipeline/handle-inbound-event.ts';
import { receiveWebhook, type WebhookOutcome } from '../../shared/pipeline/receive-webhook.ts';
import type { FifoMessage } from '../../shared/queue/fifo-sender.ts';
import { messageId, stableDigest } from '../../shared/store/ids.ts';
import type { EmbeddedTable } from '../helpers/embedded-table.ts';

export const PUBLIC_BASE_URL = 'https://hooks.example.test';

/** The local secrets in the environment, where the real adapters read them (no CHANNEL_SECRET_ARN). */
export function applyLocalChannelSecrets(): ChannelSecretsForSigning {
  for (const name of Object.values(CHANNEL_SECRET_NAMES).flat()) process.env[name] = LOCAL_DEFAULTS[name];
  process.env.PUBLIC_BASE_URL = PUBLIC_BASE_URL;
  delete process.env.CHANNEL_SECRET_ARN;
  return LOCAL_DEFAULTS;
}

let requestCounter = 0;
export function httpRequest(
  path: string,
  body: string | Buffer,
  headers: Record<string, string>,
  method = 'POST',
): HttpRequest {
  return {
    method,
    path,
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])),
    query: {},
    rawQuery: '',
    rawBody: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
    requestId: `req-${++requestCounter}`,
    domainName: 'hooks.example.test',
  };
}

/** Echoes the customer's text; outcomes are kept per event like the real bot keeps them in its state (first one wins). */
export function echoBot(): SupportBot & { turns: number } {
  const outcomes = new Map<string, TurnOutcome>();
  const bot = {
    turns: 0,
    async storedOutcome(_conversationId: string, eventId: string) {
      return outcomes.get(eventId);
    },
    async runTurn(request: Parameters<SupportBot['runTurn']>[0]) {
      bot.turns += 1;
      const text = request.input.kind === 'message' ? request.input.text : request.input.payload;
      const outcome: TurnOutcome = {
        eventId: request.eventId,
        language: 'en',
        replies: [
          {
            messageId: messageId(request.now, `${stableDigest(request.eventId, 16)}-r`),
            text: `echo: ${text}`,
            quickReplies: [],
          },
        ],
      };
      // Like the real bot's single conditional write of state and decision: the first decision for an
      // event wins, and a turn that raced it ends with that decision (never a second set of replies).
      const first = outcomes.get(request.eventId);
      if (first) return first;
      outcomes.set(request.eventId, outcome);
      return outcome;
    },
  };
  return bot;
}

export interface PlatformSend {
  readonly channel: Channel;
  readonly to: string;
  readonly text: string;
  readonly messageId: string;
  readonly conversationId: string;
}

/** Recording stand-ins for the four send APIs; `failNext` queues errors the next calls throw. */
export function fakePlatforms() {
  const sends: PlatformSend[] = [];
  const failures: Error[] = [];
  let counter = 0;
  const adapter = (channel: Channel): OutboundAdapter => ({
    channel,
    capabilities: { maxTextLength: 4096, buttons: 'numbered_text' },
    async deliver(message: OutboundMessage) {
      const failure = failures.shift();
      if (failure) throw failure;
      sends.push({
        channel,
        to: message.to.userId,
        text: message.text,
        messageId: message.messageId,
        conversationId: message.conversationId,
      });
      return { providerMessageId: `${channel}-sent-${++counter}` };
    },
    async acknowledgeTap() {},
    async markReadAndTyping() {},
  });
  return {
    sends,
    failNext: (...errors: Error[]) => failures.push(...errors),
    adapters: {
      telegram: adapter('telegram'),
      whatsapp: adapter('whatsapp'),
      messenger: adapter('messenger'),
      sms: adapter('sms'),
    } satisfies Record<Channel, OutboundAdapter>,
  };
}

export interface PipelineOptions {
  readonly bot?: SupportBot;
  readonly worker?: Partial<ConversationWorkerDeps>;
  readonly sender?: Partial<SenderDeps>;
}

export type Pipeline = Awaited<ReturnType<typeof startPipeline>>;

export async function startPipeline(table: EmbeddedTable, options: PipelineOptions = {}) {
  const secrets = applyLocalChannelSecrets();
  const clock = { now: Date.parse('2026-11-26T10:00:00Z') };
  const now = () => clock.now;
  /** The clock, moved on by a millisecond: time passes between two requests or two bot turns. */
  const tick = () => {
    clock.now += 1;
    return new Date(clock.now);
  };
  const dir = mkdtempSync(join(tmpdir(), 'omni-reliability-'));
  const queue = (name: string, definition?: (typeof QUEUES)[keyof typeof QUEUES], dlq?: LocalFifoQueue) =>
    new LocalFifoQueue({
      name,
      dir: join(dir, name),
      visibilityTimeoutSeconds: definition?.visibilityTimeoutSeconds ?? 30,
      retentionSeconds: definition?.retentionSeconds ?? DEAD_LETTER_RETENTION_SECONDS,
      ...(definition ? { maxReceiveCount: definition.maxReceiveCount, deadLetterQueue: dlq } : {}),
      now,
    });
  const inboundDlq = queue(QUEUES.inbound.deadLetterName);
  const outboundDlq = queue(QUEUES.outbound.deadLetterName);
  const inbound = queue(QUEUES.inbound.name, QUEUES.inbound, inboundDlq);
  const outbound = queue(QUEUES.outbound.name, QUEUES.outbound, outboundDlq);
  const send = (target: LocalFifoQueue) => async (messages: readonly FifoMessage[]) => {
    for (const message of messages) await target.send(message);
  };
  const park = (target: LocalFifoQueue) => async (record: SQSRecord) => {
    await target.send({
      body: record.body,
      groupId: record.attributes.MessageGroupId ?? 'parked',
      deduplicationId: `parked-${record.messageId}`,
    });
  };
  const platforms = fakePlatforms();
  const bot = options.bot ?? echoBot();
  const workerDeps: ConversationWorkerDeps = {
    table,
    bot,
    enqueueOutbound: send(outbound),
    now: tick,
    ...options.worker,
  };
  const senderDeps: SenderDeps = {
    table,
    adapters: platforms.adapters,
    now: () => new Date(clock.now),
    sleep: async (ms) => {
      clock.now += ms;
    },
    maxRetryWaitMs: 5_000,
    ...options.sender,
  };
  const worker = createConversationWorkerHandler(workerDeps, park(inboundDlq));
  const sender = createSenderHandler(senderDeps, {
    park: park(outboundDlq),
    retryLater: async (record, seconds) =>
      outbound.changeVisibility(record.receiptHandle, Math.ceil(seconds)),
  });
  const adapters = inboundAdapters();
  const errors: unknown[] = [];
  const pollInbound = () =>
    pollOnce({
      queue: inbound,
      handler: worker,
      functionName: 'conversation-worker',
      timeoutSeconds: 30,
      batchSize: QUEUES.inbound.batchSize,
      onError: (error) => errors.push(error),
    });
  const pollOutbound = () =>
    pollOnce({
      queue: outbound,
      handler: sender,
      functionName: 'sender',
      timeoutSeconds: 30,
      batchSize: QUEUES.outbound.batchSize,
      onError: (error) => errors.push(error),
    });

  return {
    clock,
    secrets,
    queues: { inbound, inboundDlq, outbound, outboundDlq },
    platforms,
    bot,
    errors,
    /** The clock in epoch seconds, as platforms stamp messages. */
    seconds: () => Math.floor(clock.now / 1000),
    workerDeps,
    senderDeps,
    pollInbound,
    pollOutbound,
    /** POST to the webhook as API Gateway would hand it to the function. */
    async post(request: HttpRequest): Promise<WebhookOutcome> {
      const channel = request.path.split('/').pop() as WebhookChannel;
      return receiveWebhook(request, adapters[channel], {
        enqueue: send(inbound),
        now: tick,
        credentialsCanRotate: false,
      });
    },
    signed(channel: WebhookChannel, message: CustomerText): SignedWebhook {
      return signedCustomerText(channel, message, secrets, PUBLIC_BASE_URL);
    },
    async postSigned(webhook: SignedWebhook): Promise<WebhookOutcome> {
      return this.post(httpRequest(webhook.path, webhook.body, webhook.headers));
    },
    /**
     * Runs both consumers until nothing is left, moving the clock past visibility timeouts when
     * only in-flight (failed) records remain. Bounded, so a hot loop fails the test instead of hanging.
     */
    async drain(maxRounds = 200): Promise<void> {
      for (let round = 0; round < maxRounds; round++) {
        const received = (await pollInbound()) + (await pollOutbound());
        if (received > 0) continue;
        const pending = inbound.stats().inFlight + outbound.stats().inFlight;
        if (pending === 0 && inbound.stats().visible === 0 && outbound.stats().visible === 0) return;
        clock.now += QUEUES.inbound.visibilityTimeoutSeconds * 1000 + 1000;
      }
      throw new Error('the pipeline did not settle');
    },
    /** The queues over the SQS JSON protocol on 127.0.0.1, as the local runtime serves them. */
    async serveSqs() {
      const queues = new Map(
        [inbound, outbound, inboundDlq, outboundDlq].map((queue) => [queue.name, queue]),
      );
      const registry = { queues, get: (name: string) => queues.get(name), close: async () => {} };
      let base = '';
      const server = createServer((request, response) =>
        createSqsHttpListener(registry, base)(request, response),
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/_aws/sqs`;
      const client = new SQSClient({
        endpoint: base,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      return {
        client,
        url: (name: string) => queueUrl(base, name),
        close: () =>
          new Promise<void>((resolve) => {
            client.destroy();
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      };
    },
    async close() {
      await Promise.all([inbound.close(), outbound.close()]);
      await Promise.all([inboundDlq.close(), outboundDlq.close()]);
    },
  };
}

/** WhatsApp's "sent" status for a message it accepted, echoing the tag the real renderer sends with it. */
export function whatsappSentStatus(customer: string, wamid: string, send: PlatformSend): SignedWebhook {
  return signedWhatsappValue(
    {
      statuses: [
        {
          id: wamid,
          status: 'sent',
          timestamp: String(Math.floor(Date.parse('2026-11-26T10:00:05Z') / 1000)),
          recipient_id: customer,
          biz_opaque_callback_data: deliveryReference(send),
        },
      ],
    },
    applyLocalChannelSecrets().WHATSAPP_APP_SECRET,
  );
}

/** A promise that never settles: awaiting it is a process that died at that line. */
export function crashHere(): Promise<never> {
  return new Promise<never>(() => {});
}

/** Everything the structured logger writes (stdout and stderr) while `run` runs, at INFO level. */
export async function captureLogs(
  logger: { setLogLevel(level: 'INFO' | 'SILENT'): void },
  run: () => Promise<unknown>,
): Promise<string[]> {
  const lines: string[] = [];
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const capture = ((chunk: string) => {
    lines.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  logger.setLogLevel('INFO');
  process.stdout.write = capture;
  process.stderr.write = capture;
  try {
    await run();
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    logger.setLogLevel('SILENT');
  }
  return lines;
}
