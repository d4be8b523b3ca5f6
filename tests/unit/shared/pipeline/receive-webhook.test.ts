import { describe, expect, it } from 'vitest';
import { WEBHOOK_BODY_RULES } from '../../../../shared/channels/inbound-adapter.ts';
import { telegramInboundAdapter } from '../../../../shared/channels/telegram/inbound.ts';
import type { HttpRequest } from '../../../../shared/http/types.ts';
import { receiveWebhook } from '../../../../shared/pipeline/receive-webhook.ts';
import type { FifoMessage } from '../../../../shared/queue/fifo-sender.ts';
import { telegramTextUpdate } from '../../../helpers/factories.ts';

const BOT_TOKEN = '123456789:rotation-test-token';
const OLD_SECRET = 'secret-before-rotation';
const NEW_SECRET = 'secret-after-rotation';

/**
 * Credentials as Secrets Manager behind a cache serves them: the cached value until asked to
 * refresh, the current one after. `reads` records every fetch and whether it bypassed the cache.
 */
function rotatingCredentials(cached: string, current: string) {
  const reads: boolean[] = [];
  const credentials = async ({ refresh }: { refresh?: boolean }) => {
    reads.push(refresh === true);
    return { botToken: BOT_TOKEN, webhookSecret: refresh ? current : cached };
  };
  return { reads, credentials };
}

function telegramRequest(secretHeader: string, body = JSON.stringify(telegramTextUpdate())): HttpRequest {
  return {
    method: 'POST',
    path: '/webhooks/telegram',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secretHeader },
    query: {},
    rawBody: Buffer.from(body),
    requestId: 'req-1',
  };
}

function deps(credentialsCanRotate: boolean) {
  const queued: FifoMessage[] = [];
  return {
    queued,
    deps: {
      enqueue: async (messages: readonly FifoMessage[]) => {
        queued.push(...messages);
      },
      now: () => new Date('2026-11-26T10:00:00Z'),
      credentialsCanRotate,
    },
  };
}

describe('receiveWebhook with rotating credentials', () => {
  it('refetches the secret once when the cached one fails, then accepts the rotated secret', async () => {
    const { reads, credentials } = rotatingCredentials(OLD_SECRET, NEW_SECRET);
    const { queued, deps: d } = deps(true);
    const outcome = await receiveWebhook(telegramRequest(NEW_SECRET), telegramInboundAdapter(credentials), d);
    expect(outcome.response.statusCode).toBe(200);
    expect(outcome.accepted).toBe(1);
    expect(queued).toHaveLength(1);
    expect(JSON.parse(queued[0]?.body ?? '{}')).toMatchObject({ correlationId: 'req-1' });
    // Cached check, the one forced refetch, then the parse's cached read.
    expect(reads.slice(0, 2)).toEqual([false, true]);
    expect(reads.filter(Boolean)).toHaveLength(1);
  });

  it('refetches only once for a request that is simply not signed with our secret', async () => {
    const { reads, credentials } = rotatingCredentials(NEW_SECRET, NEW_SECRET);
    const { queued, deps: d } = deps(true);
    const outcome = await receiveWebhook(telegramRequest('forged'), telegramInboundAdapter(credentials), d);
    expect(outcome.response.statusCode).toBe(401);
    expect(outcome.rejected).toBe('signature');
    expect(reads).toEqual([false, true]);
    expect(queued).toEqual([]);
  });

  it('does not refetch where credentials cannot rotate (environment variables, locally)', async () => {
    const { reads, credentials } = rotatingCredentials(OLD_SECRET, NEW_SECRET);
    const outcome = await receiveWebhook(
      telegramRequest(NEW_SECRET),
      telegramInboundAdapter(credentials),
      deps(false).deps,
    );
    expect(outcome.response.statusCode).toBe(401);
    expect(reads).toEqual([false]);
  });

  it("rejects a body over the route's limit (Telegram: 1 MB) before any signature work", async () => {
    const { reads, credentials } = rotatingCredentials(NEW_SECRET, NEW_SECRET);
    const huge = 'x'.repeat(WEBHOOK_BODY_RULES.telegram.maxBytes + 1);
    const outcome = await receiveWebhook(
      telegramRequest(NEW_SECRET, huge),
      telegramInboundAdapter(credentials),
      deps(true).deps,
    );
    expect(outcome.response.statusCode).toBe(413);
    expect(outcome.rejected).toBe('body_too_large');
    expect(reads).toEqual([]);
  });
});
