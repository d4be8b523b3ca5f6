import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ChannelApiError, ChannelNetworkError } from '../../../../../shared/channels/errors.ts';
import {
  createMessengerClient,
  MESSENGER_DEFAULT_API_URL,
} from '../../../../../shared/channels/messenger/send.ts';
import type { MessengerSendRequest } from '../../../../../shared/channels/messenger/wire-types.ts';

const PAGE_TOKEN = 'EAAGm0PX4ZCpsBAKtOkenSecretPart1234567890';
const SEND: MessengerSendRequest = {
  recipient: { id: '6543210987654321' },
  messaging_type: 'RESPONSE',
  message: { text: 'Olá 😀', quick_replies: [{ content_type: 'text', title: 'Yes', payload: 'yes' }] },
};

interface RecordedCall {
  url: string;
  init: RequestInit;
}

function clientAnswering(answer: () => Response | Promise<Response>, apiUrl = MESSENGER_DEFAULT_API_URL) {
  const calls: RecordedCall[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return answer();
  }) as typeof globalThis.fetch;
  return { calls, client: createMessengerClient({ apiUrl, pageAccessToken: PAGE_TOKEN, fetch }) };
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

function graphError(
  status: number,
  code: number,
  subcode?: number,
  extra: Record<string, unknown> = {},
): Response {
  const error = { message: `error ${code}`, type: 'OAuthException', code, fbtrace_id: 'AbCdEf', ...extra };
  return json({ error: subcode === undefined ? error : { ...error, error_subcode: subcode } }, status);
}

function failingWith(error: unknown) {
  return createMessengerClient({
    apiUrl: MESSENGER_DEFAULT_API_URL,
    pageAccessToken: PAGE_TOKEN,
    fetch: (async () => {
      throw error;
    }) as typeof fetch,
  });
}

function connectionError(code: string): TypeError {
  return new TypeError('fetch failed', {
    cause: Object.assign(new Error(`connect ${code} 157.240.0.35:443`), { code }),
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('createMessengerClient', () => {
  it('POSTs the request as JSON to <apiUrl>/me/messages with the Page token as a Bearer header', async () => {
    const { client, calls } = clientAnswering(() =>
      json({ recipient_id: '6543210987654321', message_id: 'm_AG5Hz2' }),
    );
    await expect(client.send(SEND)).resolves.toEqual({ messageId: 'm_AG5Hz2' });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url).toBe('https://graph.facebook.com/v23.0/me/messages');
    expect(call?.init.method).toBe('POST');
    const headers = new Headers(call?.init.headers);
    expect(headers.get('content-type')).toBe('application/json');
    expect(headers.get('authorization')).toBe(`Bearer ${PAGE_TOKEN}`);
    expect(JSON.parse(String(call?.init.body))).toEqual(SEND);
    expect(call?.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('keeps the token out of the URL', async () => {
    const { client, calls } = clientAnswering(() => json({ message_id: 'm_1' }));
    await client.send(SEND);
    expect(calls[0]?.url).not.toContain(PAGE_TOKEN);
  });

  it.each([
    'http://127.0.0.1:3000/sandbox/graph',
    'http://127.0.0.1:3000/sandbox/graph/',
    'http://127.0.0.1:3000/sandbox/graph//',
  ])('keeps the path prefix of %s and joins with exactly one slash', async (apiUrl) => {
    const { client, calls } = clientAnswering(() => json({ message_id: 'm_1' }), apiUrl);
    await client.send(SEND);
    expect(calls[0]?.url).toBe('http://127.0.0.1:3000/sandbox/graph/me/messages');
  });

  it('treats a 2xx without message_id as an answer it cannot read (the message may be out)', async () => {
    for (const answer of [
      () => json({ recipient_id: '1' }),
      () => new Response('garbage', { status: 200 }),
    ]) {
      const error = await rejection(clientAnswering(answer).client.send(SEND));
      expect(error).toBeInstanceOf(ChannelNetworkError);
      expect(error).toMatchObject({ mayHaveReachedPlatform: true });
    }
  });
});

describe('createMessengerClient maps Graph refusals', () => {
  it.each([
    ['rate limit 613', 400, 613, undefined],
    ['application request limit 4', 400, 4, undefined],
    ['user request limit 17', 400, 17, undefined],
    ['page throttled 32', 400, 32, undefined],
    ['temporary send failure 1200', 500, 1200, undefined],
    ['service unavailable 2', 503, 2, undefined],
    ['HTTP 429 without a Graph code', 429, undefined, undefined],
    ['HTTP 502 without a Graph code', 502, undefined, undefined],
  ])('marks %s retryable', async (_name, status, code, subcode) => {
    const answer = () =>
      code === undefined ? new Response('<html>busy</html>', { status }) : graphError(status, code, subcode);
    const error = await rejection(clientAnswering(answer).client.send(SEND));
    expect(error).toBeInstanceOf(ChannelApiError);
    expect(error).toMatchObject({ channel: 'messenger', method: 'me/messages', status, retryable: true });
    expect((error as ChannelApiError).providerCode).toBe(String(code ?? status));
  });

  it.each([
    ['outside the window 10/2018278', 400, 10, 2018278],
    ['person unavailable 551', 400, 551, 1545041],
    ['message not sent 200/1545041', 403, 200, 1545041],
    ['no matching user 100/2018001', 400, 100, 2018001],
    ['invalid parameter 100', 400, 100, undefined],
    ['invalid token 190', 400, 190, 460],
    ['blocked for policy 368', 400, 368, undefined],
    ['a 5xx carrying a permanent code (190)', 500, 190, undefined],
  ])('marks %s not retryable, with code/subcode as providerCode', async (_name, status, code, subcode) => {
    const error = await rejection(clientAnswering(() => graphError(status, code, subcode)).client.send(SEND));
    expect(error).toBeInstanceOf(ChannelApiError);
    expect(error).toMatchObject({
      status,
      retryable: false,
      providerCode: subcode === undefined ? String(code) : `${code}/${subcode}`,
      description: `error ${code}`,
    });
    expect((error as ChannelApiError).retryAfterSeconds).toBeUndefined();
  });

  it('trusts is_transient for a code it does not know', async () => {
    const error = await rejection(
      clientAnswering(() => graphError(400, 12345, undefined, { is_transient: true })).client.send(SEND),
    );
    expect(error).toMatchObject({ retryable: true });
  });

  it('does not retry an unknown 4xx code', async () => {
    const error = await rejection(clientAnswering(() => graphError(400, 12345)).client.send(SEND));
    expect(error).toMatchObject({ retryable: false, providerCode: '12345' });
  });

  it('takes the retry hint from Retry-After', async () => {
    const answer = () => json({ error: { message: 'slow down', code: 613 } }, 400, { 'retry-after': '7' });
    const error = await rejection(clientAnswering(answer).client.send(SEND));
    expect(error).toMatchObject({ retryable: true, retryAfterSeconds: 7 });
  });

  it('takes the retry hint from estimated_time_to_regain_access (minutes) in X-Business-Use-Case-Usage', async () => {
    const usage = JSON.stringify({
      '105487398765432': [
        {
          type: 'messenger',
          call_count: 100,
          total_cputime: 12,
          total_time: 30,
          estimated_time_to_regain_access: 2,
        },
      ],
    });
    const answer = () =>
      json({ error: { message: 'throttled', code: 32 } }, 400, { 'x-business-use-case-usage': usage });
    const error = await rejection(clientAnswering(answer).client.send(SEND));
    expect(error).toMatchObject({ retryable: true, retryAfterSeconds: 120 });
  });

  it('ignores a usage header it cannot read', async () => {
    const answer = () =>
      json({ error: { message: 'throttled', code: 32 } }, 400, { 'x-business-use-case-usage': '{nope' });
    const error = await rejection(clientAnswering(answer).client.send(SEND));
    expect(error).toMatchObject({ retryable: true, retryAfterSeconds: undefined });
  });
});

describe('createMessengerClient on network failures', () => {
  it('reports a refused connection as never having reached Meta', async () => {
    const error = await rejection(failingWith(connectionError('ECONNREFUSED')).send(SEND));
    expect(error).toBeInstanceOf(ChannelNetworkError);
    expect(error).toMatchObject({ channel: 'messenger', mayHaveReachedPlatform: false });
  });

  it('reports a reset connection as possibly having reached Meta', async () => {
    const error = await rejection(failingWith(connectionError('ECONNRESET')).send(SEND));
    expect(error).toMatchObject({ mayHaveReachedPlatform: true });
  });

  it('reports a timeout as possibly having reached Meta', async () => {
    const fetch = ((_input: string | URL | Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as typeof globalThis.fetch;
    const client = createMessengerClient({
      apiUrl: MESSENGER_DEFAULT_API_URL,
      pageAccessToken: PAGE_TOKEN,
      fetch,
      timeoutMs: 20,
    });
    const error = await rejection(client.send(SEND));
    expect(error).toBeInstanceOf(ChannelNetworkError);
    expect(error).toMatchObject({ mayHaveReachedPlatform: true });
  });

  it('keeps the Page token out of everything a logger would print', async () => {
    const quoting = new TypeError(
      `request to ${MESSENGER_DEFAULT_API_URL}/me/messages?access_token=${PAGE_TOKEN} failed`,
    );
    const errors = [
      await rejection(failingWith(quoting).send(SEND)),
      await rejection(
        createMessengerClient({ apiUrl: 'graph.facebook.com', pageAccessToken: PAGE_TOKEN }).send(SEND),
      ),
      await rejection(clientAnswering(() => graphError(400, 190)).client.send(SEND)),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error);
      expect(inspect(error, { depth: 10 })).not.toContain(PAGE_TOKEN);
      expect(JSON.stringify(error)).not.toContain(PAGE_TOKEN);
    }
  });

  it('classifies an API URL without scheme as never having reached Meta', async () => {
    const client = createMessengerClient({ apiUrl: 'graph.facebook.com/v23.0', pageAccessToken: PAGE_TOKEN });
    await expect(client.send(SEND)).rejects.toMatchObject({ mayHaveReachedPlatform: false });
  });
});
