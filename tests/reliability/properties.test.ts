/**
 * Property-based tests (fast-check): signature verification per channel, parsers behind the real
 * webhook path, and the pipeline under any interleaving of duplicates, reorders and redeliveries.
 * Run counts are modest so the file runs in seconds on a shared 2-core machine.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundAdapters } from '../../functions/webhook/inbound-adapters.ts';
import { LOCAL_DEFAULTS } from '../../infra/local/runtime.ts';
import { isAuthenticMetaRequest, signMetaBody } from '../../shared/channels/meta/signature.ts';
import { readFormParams } from '../../shared/channels/sms/form.ts';
import { isAuthenticTwilioRequest, signTwilioRequest } from '../../shared/channels/sms/verify.ts';
import { isAuthenticTelegramRequest } from '../../shared/channels/telegram/verify.ts';
import { QUEUES, WEBHOOK_ROUTES, type WebhookChannel } from '../../shared/definitions.ts';
import { receiveWebhook } from '../../shared/pipeline/receive-webhook.ts';
import type { InboundEnvelope } from '../../shared/queue/envelopes.ts';
import type { FifoMessage } from '../../shared/queue/fifo-sender.ts';
import { type EmbeddedTable, startEmbeddedTable } from '../helpers/embedded-table.ts';
import { applyLocalChannelSecrets, httpRequest, PUBLIC_BASE_URL, startPipeline } from './harness.ts';

const secret = fc.string({ minLength: 1, maxLength: 64 });
const body = fc.uint8Array({ minLength: 0, maxLength: 2048 }).map((bytes) => Buffer.from(bytes));

/** One bit of one byte flipped. */
function flipped(buffer: Buffer, index: number, bit: number): Buffer {
  const copy = Buffer.from(buffer);
  copy[index % copy.length] = (copy[index % copy.length] as number) ^ (1 << bit);
  return copy;
}

describe('property: signatures', () => {
  it('Meta (WhatsApp, Messenger): the signed bytes always pass; any flipped byte of body or signature fails', () => {
    fc.assert(
      fc.property(secret, body, fc.nat(), fc.integer({ min: 0, max: 7 }), (appSecret, raw, index, bit) => {
        const signature = signMetaBody(raw, appSecret);
        const headers = { 'x-hub-signature-256': signature };
        expect(isAuthenticMetaRequest(headers, raw, appSecret)).toBe(true);
        if (raw.length > 0)
          expect(isAuthenticMetaRequest(headers, flipped(raw, index, bit), appSecret)).toBe(false);
        const badSignature = flipped(Buffer.from(signature), index, bit).toString('latin1');
        expect(isAuthenticMetaRequest({ 'x-hub-signature-256': badSignature }, raw, appSecret)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('Telegram: the configured secret always passes; any other header value fails', () => {
    fc.assert(
      fc.property(secret, fc.string({ maxLength: 80 }), (expected, received) => {
        expect(isAuthenticTelegramRequest({ 'x-telegram-bot-api-secret-token': expected }, expected)).toBe(
          true,
        );
        fc.pre(received !== expected);
        expect(isAuthenticTelegramRequest({ 'x-telegram-bot-api-secret-token': received }, expected)).toBe(
          false,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('Twilio: a signed form always passes; a flipped byte that changes any parameter, or of the signature, fails', () => {
    const params = fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 40 }), {
      minKeys: 1,
      maxKeys: 8,
    });
    fc.assert(
      fc.property(secret, params, fc.nat(), fc.integer({ min: 0, max: 7 }), (authToken, form, index, bit) => {
        const url = `${PUBLIC_BASE_URL}/webhooks/sms`;
        const raw = Buffer.from(new URLSearchParams(form).toString());
        const signature = signTwilioRequest(authToken, url, form);
        expect(isAuthenticTwilioRequest({ authToken, signature, url, rawBody: raw })).toBe(true);
        const badSignature = flipped(Buffer.from(signature), index, bit).toString('latin1');
        expect(isAuthenticTwilioRequest({ authToken, signature: badSignature, url, rawBody: raw })).toBe(
          false,
        );
        const changed = flipped(raw, index, bit);
        const same =
          JSON.stringify([...readFormParams(changed.toString('utf8'))].sort()) ===
          JSON.stringify([...readFormParams(raw.toString('utf8'))].sort());
        if (!same)
          expect(isAuthenticTwilioRequest({ authToken, signature, url, rawBody: changed })).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('property: parsers behind the webhook', () => {
  const json = fc.jsonValue({ maxDepth: 6 });
  const text = fc.string({ maxLength: 30 });
  /** Platform-shaped bodies with arbitrary values in every slot, plus plain garbage. */
  const bodies: Record<WebhookChannel, fc.Arbitrary<string>> = {
    whatsapp: fc.oneof(
      fc
        .record({
          object: fc.oneof(fc.constant('whatsapp_business_account'), text),
          entry: fc.array(
            fc.record({
              id: fc.oneof(text, json),
              changes: fc.array(
                fc.record({
                  field: fc.oneof(fc.constant('messages'), text),
                  value: fc.oneof(
                    json,
                    fc.record({
                      metadata: fc.oneof(json, fc.record({ phone_number_id: fc.oneof(text, json) })),
                      contacts: json,
                      messages: fc.oneof(json, fc.array(fc.dictionary(text, json))),
                      statuses: fc.oneof(json, fc.array(fc.dictionary(text, json))),
                    }),
                  ),
                }),
                { maxLength: 3 },
              ),
            }),
            { maxLength: 3 },
          ),
        })
        .map((value) => JSON.stringify(value)),
      json.map((value) => JSON.stringify(value)),
      fc.string(),
    ),
    messenger: fc.oneof(
      fc
        .record({
          object: fc.oneof(fc.constant('page'), text),
          entry: fc.array(
            fc.record({
              id: fc.oneof(text, json),
              time: json,
              messaging: fc.oneof(
                json,
                fc.array(
                  fc.dictionary(
                    fc.constantFrom(
                      'sender',
                      'recipient',
                      'timestamp',
                      'message',
                      'postback',
                      'read',
                      'delivery',
                      'reaction',
                      'message_edit',
                    ),
                    json,
                  ),
                ),
              ),
            }),
            { maxLength: 3 },
          ),
        })
        .map((value) => JSON.stringify(value)),
      json.map((value) => JSON.stringify(value)),
      fc.string(),
    ),
    telegram: fc.oneof(
      fc
        .record({
          update_id: fc.oneof(fc.integer(), text, json),
          message: fc.oneof(
            json,
            fc.dictionary(
              fc.constantFrom(
                'message_id',
                'date',
                'chat',
                'from',
                'text',
                'photo',
                'contact',
                'reply_to_message',
              ),
              json,
            ),
          ),
        })
        .map((value) => JSON.stringify(value)),
      json.map((value) => JSON.stringify(value)),
      fc.string(),
    ),
    sms: fc.oneof(
      fc
        .dictionary(
          fc.constantFrom(
            'MessageSid',
            'SmsSid',
            'AccountSid',
            'From',
            'To',
            'Body',
            'NumMedia',
            'MessageStatus',
            'MediaUrl0',
            'ErrorCode',
            'OptOutType',
          ),
          text,
        )
        .map((form) => new URLSearchParams(form).toString()),
      fc.string(),
    ),
  };

  it.each(Object.keys(WEBHOOK_ROUTES) as WebhookChannel[])(
    '%s: no signed body, however malformed, throws past the adapter or gets a 5xx; every event is queueable',
    async (channel) => {
      const secrets = applyLocalChannelSecrets();
      const adapter = inboundAdapters()[channel];
      const path = WEBHOOK_ROUTES[channel].path;
      await fc.assert(
        fc.asyncProperty(bodies[channel], async (raw) => {
          const headers: Record<string, string> = {
            'content-type': channel === 'sms' ? 'application/x-www-form-urlencoded' : 'application/json',
            'x-hub-signature-256': signMetaBody(
              raw,
              channel === 'whatsapp' ? secrets.WHATSAPP_APP_SECRET : secrets.MESSENGER_APP_SECRET,
            ),
            'x-telegram-bot-api-secret-token': secrets.TELEGRAM_WEBHOOK_SECRET,
          };
          if (channel === 'sms') {
            const form = Object.fromEntries(readFormParams(raw));
            headers['x-twilio-signature'] = signTwilioRequest(
              LOCAL_DEFAULTS.TWILIO_AUTH_TOKEN,
              `${PUBLIC_BASE_URL}${path}`,
              form,
            );
          }
          const queued: FifoMessage[] = [];
          const outcome = await receiveWebhook(httpRequest(path, raw, headers), adapter, {
            enqueue: async (messages) => {
              queued.push(...messages);
            },
            now: () => new Date('2026-11-26T10:00:00Z'),
            credentialsCanRotate: false,
          });
          expect(outcome.response.statusCode).toBeLessThan(500);
          expect([200, 400]).toContain(outcome.response.statusCode);
          for (const message of queued) {
            const envelope = JSON.parse(message.body) as InboundEnvelope;
            expect(typeof envelope.event.eventId).toBe('string');
            expect(message.groupId.length).toBeGreaterThan(0);
          }
        }),
        { numRuns: 150 },
      );
    },
  );
});

describe('property: the pipeline', () => {
  let table: EmbeddedTable;
  beforeAll(async () => {
    table = await startEmbeddedTable();
  });
  afterAll(async () => table.close());

  let run = 0;
  const step = fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('deliver' as const), message: fc.nat(8) }) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 20 }) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('poll' as const),
        queue: fc.constantFrom('inbound', 'outbound'),
      }),
    },
  );

  it('any interleaving of duplicates, reorders, late redeliveries and failed attempts gives exactly one reply per message, in order per conversation', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 30 }),
        // Which outbound enqueues fail: fewer than maxReceiveCount in all, so a transient fault never
        // outlasts a record's retries (past them it is parked with a gap marker: cases 17 and 21).
        fc.uniqueArray(fc.nat(19), { maxLength: QUEUES.inbound.maxReceiveCount - 1 }),
        async (steps, failingCalls) => {
          run += 1;
          // Nine messages over three conversations; the platform may repeat and reorder deliveries.
          let enqueueCalls = 0;
          const pipeline = await startPipeline(table, {
            worker: {
              enqueueOutbound: async (messages) => {
                if (failingCalls.includes(enqueueCalls++)) throw new Error('outbound queue unavailable');
                for (const message of messages) await pipeline.queues.outbound.send(message);
              },
            },
          });
          try {
            const firstSeen: number[] = [];
            for (const action of steps) {
              if (action.kind === 'deliver') {
                const conversation = action.message % 3;
                const webhook = pipeline.signed('telegram', {
                  from: String(7_000_000 + run * 10 + conversation),
                  id: run * 100 + action.message,
                  text: `m${action.message}`,
                  timestamp: pipeline.seconds(),
                });
                expect((await pipeline.postSigned(webhook)).response.statusCode).toBe(200);
                if (!firstSeen.includes(action.message)) firstSeen.push(action.message);
              } else if (action.kind === 'wait') {
                pipeline.clock.now += action.minutes * 60_000;
              } else if (action.queue === 'inbound') {
                await pipeline.pollInbound();
              } else {
                await pipeline.pollOutbound();
              }
            }
            await pipeline.drain(500);

            const replies = pipeline.platforms.sends.map((send) => send.text);
            expect([...replies].sort()).toEqual(firstSeen.map((message) => `echo: m${message}`).sort());
            for (const conversation of [0, 1, 2]) {
              const to = String(7_000_000 + run * 10 + conversation);
              expect(
                pipeline.platforms.sends.filter((send) => send.to === to).map((send) => send.text),
              ).toEqual(
                firstSeen
                  .filter((message) => message % 3 === conversation)
                  .map((message) => `echo: m${message}`),
              );
            }
          } finally {
            await pipeline.close();
          }
        },
      ),
      { numRuns: 25 },
    );
    // 25 whole pipelines: seconds alone, longer when the shared machine is busy.
  }, 240_000);
});
