import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CallbackPoster,
  type CallbackRequest,
  PLATFORM_RETRY_POLICY,
} from '../../../../../infra/local/sandbox/callback-poster.ts';

interface Received {
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A stand-in for our runtime on 127.0.0.1 that answers each request as `answer` decides. */
async function startRuntime(
  answer: (request: Received, index: number, response: ServerResponse) => void,
  port = 0,
): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = {
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(entry);
      answer(entry, received.length - 1, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  servers.push(server);
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const servers: Server[] = [];
const posters: CallbackPoster[] = [];
afterEach(async () => {
  await Promise.all(posters.splice(0).map((poster) => poster.close()));
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    }),
  );
});

const FAST = { minDelayMs: 10, maxDelayMs: 30 };
function poster(policy: ConstructorParameters<typeof CallbackPoster>[0] = FAST): CallbackPoster {
  const created = new CallbackPoster(policy);
  posters.push(created);
  return created;
}
const callback = (url: string, overrides: Partial<CallbackRequest> = {}): CallbackRequest => ({
  url: `${url}/webhooks/whatsapp`,
  body: '{"object":"whatsapp_business_account","entry":[]}',
  headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=abc' },
  isReceived: (status) => status === 200,
  ...overrides,
});
const ok = (_: Received, __: number, response: ServerResponse) => response.writeHead(200).end();

describe('CallbackPoster', () => {
  it('retries every 1–2 s for 10 minutes unless told otherwise', () => {
    expect(PLATFORM_RETRY_POLICY).toMatchObject({
      minDelayMs: 1_000,
      maxDelayMs: 2_000,
      giveUpAfterMs: 600_000,
    });
  });

  it('posts the body and headers as given, after the caller has moved on', async () => {
    const runtime = await startRuntime(ok);
    const callbacks = poster();
    callbacks.post(callback(runtime.url));
    // Nothing is sent on the caller's tick: the send it reports on is answered first.
    expect(runtime.received).toHaveLength(0);
    expect(callbacks.pending()).toBe(1);
    await callbacks.settled();
    expect(runtime.received).toEqual([
      {
        url: '/webhooks/whatsapp',
        headers: expect.objectContaining({
          'content-type': 'application/json',
          'x-hub-signature-256': 'sha256=abc',
        }),
        body: '{"object":"whatsapp_business_account","entry":[]}',
      },
    ]);
    expect(callbacks.stats()).toEqual({ delivered: 1, pending: 0, abandoned: 0, attempts: 1 });
  });

  it('resends the same bytes while the runtime answers anything its platform does not count', async () => {
    // 500, then a 204 that Meta does not count as received (only 200 is), then 200.
    const statuses = [500, 204, 200];
    const runtime = await startRuntime((_, index, response) => response.writeHead(statuses[index]!).end());
    const callbacks = poster();
    callbacks.post(callback(runtime.url));
    await callbacks.settled();
    expect(runtime.received).toHaveLength(3);
    expect(new Set(runtime.received.map((request) => request.body)).size).toBe(1);
    expect(callbacks.stats()).toEqual({ delivered: 1, pending: 0, abandoned: 0, attempts: 3 });
  });

  it('keeps trying while nothing listens, and delivers once the runtime is back on its port', async () => {
    const down = await startRuntime(ok);
    const port = (down.server.address() as AddressInfo).port;
    down.server.close();
    const callbacks = poster();
    callbacks.post(callback(down.url));
    await until(() => callbacks.stats().attempts >= 3);
    expect(callbacks.pending()).toBe(1);
    const restarted = await startRuntime(ok, port);
    await callbacks.settled();
    expect(restarted.received).toHaveLength(1);
    expect(callbacks.stats()).toMatchObject({ delivered: 1, pending: 0, abandoned: 0 });
  });

  it('treats a runtime that never answers as a failure and tries again', async () => {
    const runtime = await startRuntime((_, index, response) => {
      if (index > 0) response.writeHead(200).end();
      // The first request hangs until the poster's attempt timeout aborts it.
    });
    const callbacks = poster({ ...FAST, attemptTimeoutMs: 100 });
    callbacks.post(callback(runtime.url));
    await callbacks.settled();
    expect(runtime.received).toHaveLength(2);
    expect(callbacks.stats()).toMatchObject({ delivered: 1, attempts: 2 });
  });

  it('gives up after the retry window and says so in its stats', async () => {
    const runtime = await startRuntime((_, __, response) => response.writeHead(503).end());
    const callbacks = poster({ ...FAST, giveUpAfterMs: 150 });
    callbacks.post(callback(runtime.url));
    await callbacks.settled();
    expect(runtime.received.length).toBeGreaterThan(1);
    expect(callbacks.stats()).toMatchObject({ delivered: 0, pending: 0, abandoned: 1 });
  });

  it('never throws at its caller, even for a URL nothing can reach', async () => {
    const callbacks = poster({ ...FAST, giveUpAfterMs: 50 });
    expect(() => callbacks.post(callback('not a url'))).not.toThrow();
    await callbacks.settled();
    expect(callbacks.stats()).toMatchObject({ delivered: 0, abandoned: 1 });
  });

  it('has at most maxInFlight posts open at once', async () => {
    let open = 0;
    let mostOpen = 0;
    const runtime = await startRuntime((_, __, response) => {
      open += 1;
      mostOpen = Math.max(mostOpen, open);
      setTimeout(() => {
        open -= 1;
        response.writeHead(200).end();
      }, 20);
    });
    const callbacks = poster({ ...FAST, maxInFlight: 2 });
    for (let index = 0; index < 6; index += 1) callbacks.post(callback(runtime.url));
    await callbacks.settled();
    expect(runtime.received).toHaveLength(6);
    expect(mostOpen).toBe(2);
  });

  it('stops retrying on close: pending callbacks are dropped and nothing more is sent', async () => {
    const runtime = await startRuntime((_, __, response) => response.writeHead(500).end());
    const callbacks = poster();
    callbacks.post(callback(runtime.url));
    await until(() => runtime.received.length >= 2);
    const settled = callbacks.settled();
    await callbacks.close();
    await settled;
    const sentBeforeClose = runtime.received.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(runtime.received).toHaveLength(sentBeforeClose);
    expect(callbacks.stats()).toMatchObject({ pending: 0, abandoned: 1 });
    callbacks.post(callback(runtime.url));
    expect(callbacks.stats()).toMatchObject({ pending: 0, abandoned: 2 });
  });
});

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
