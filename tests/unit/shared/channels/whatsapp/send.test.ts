import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ChannelApiError, ChannelNetworkError } from '../../../../../shared/channels/errors.ts';
import { isRetryableGraphCode } from '../../../../../shared/channels/whatsapp/graph-errors.ts';
import {
  renderMarkReadAndTyping,
  type WhatsappRequest,
} from '../../../../../shared/channels/whatsapp/render.ts';
import {
  createWhatsappClient,
  WHATSAPP_DEFAULT_API_URL,
} from '../../../../../shared/channels/whatsapp/send.ts';
import { PHONE_NUMBER_ID } from './helpers.ts';

const ACCESS_TOKEN = 'EAAJBsecretSystemUserToken0123456789';
const SEND: WhatsappRequest = {
  method: 'sendMessage',
  body: {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: '16505551234',
    type: 'text',
    text: { body: 'Olá 😀' },
  },
};
const ACCEPTED = {
  messaging_product: 'whatsapp',
  contacts: [{ input: '16505551234', wa_id: '16505551234' }],
  messages: [{ id: 'wamid.HBgLMTY0NjcwNDM1OTUVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA' }],
};

interface RecordedCall {
  url: string;
  init: RequestInit;
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

function clientAnswering(answer: () => Response, apiUrl = WHATSAPP_DEFAULT_API_URL) {
  const calls: RecordedCall[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return answer();
  }) as typeof globalThis.fetch;
  return { calls, client: createWhatsappClient({ apiUrl, accessToken: ACCESS_TOKEN, fetch }) };
}

function graphError(code: number, message: string, status = 400, extra: Record<string, unknown> = {}) {
  return json({ error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEf', ...extra } }, status);
}

function failingWith(error: unknown) {
  return createWhatsappClient({
    apiUrl: WHATSAPP_DEFAULT_API_URL,
    accessToken: ACCESS_TOKEN,
    fetch: (async () => {
      throw error;
    }) as typeof fetch,
  });
}

function connectionError(code: string): TypeError {
  return new TypeError('fetch failed', {
    cause: Object.assign(new Error(`connect ${code} 157.240.0.1:443`), { code }),
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

describe('createWhatsappClient', () => {
  it('POSTs the body as JSON to <apiUrl>/<phone number id>/messages with the bearer token', async () => {
    const { client, calls } = clientAnswering(() => json(ACCEPTED));
    await expect(client.call(PHONE_NUMBER_ID, SEND)).resolves.toBe(ACCEPTED.messages[0]?.id);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(`https://graph.facebook.com/v23.0/${PHONE_NUMBER_ID}/messages`);
    expect(calls[0]?.init.method).toBe('POST');
    const headers = new Headers(calls[0]?.init.headers);
    expect(headers.get('authorization')).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(String(calls[0]?.init.body))).toStrictEqual(SEND.body);
    expect(calls[0]?.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('keeps a path prefix of the API URL and joins it with exactly one slash', async () => {
    for (const apiUrl of ['http://127.0.0.1:3000/sandbox/graph', 'http://127.0.0.1:3000/sandbox/graph//']) {
      const { client, calls } = clientAnswering(() => json(ACCEPTED), apiUrl);
      await client.call(PHONE_NUMBER_ID, SEND);
      expect(calls[0]?.url).toBe(`http://127.0.0.1:3000/sandbox/graph/${PHONE_NUMBER_ID}/messages`);
    }
  });

  it('resolves a mark-read call answered {success: true} with an empty id', async () => {
    const { client, calls } = clientAnswering(() => json({ success: true }));
    await expect(client.call(PHONE_NUMBER_ID, renderMarkReadAndTyping('wamid.IN'))).resolves.toBe('');
    expect(JSON.parse(String(calls[0]?.init.body))).toMatchObject({ status: 'read', message_id: 'wamid.IN' });
  });

  it('treats a 2xx without a message id as possibly delivered, not as a refusal', async () => {
    for (const answer of [
      () => json({ messaging_product: 'whatsapp' }),
      () => new Response('garbage', { status: 200 }),
    ]) {
      const error = await rejection(clientAnswering(answer).client.call(PHONE_NUMBER_ID, SEND));
      expect(error).toBeInstanceOf(ChannelNetworkError);
      expect(error).toMatchObject({ mayHaveReachedPlatform: true, method: 'sendMessage' });
    }
  });
});

describe('createWhatsappClient maps Graph errors', () => {
  it.each([
    [131056, 400, 'pair rate limit', 6],
    [130429, 400, 'throughput', undefined],
    [80007, 400, 'WABA rate limit', undefined],
    [4, 400, 'app rate limit', undefined],
    [131000, 500, 'something went wrong', undefined],
    [131016, 503, 'service unavailable', undefined],
  ])('makes %i (%s, HTTP %i) retryable', async (code, status, name, retryAfter) => {
    const error = await rejection(
      clientAnswering(() => graphError(code, name, status)).client.call(PHONE_NUMBER_ID, SEND),
    );
    expect(error).toBeInstanceOf(ChannelApiError);
    expect(error).toMatchObject({
      channel: 'whatsapp',
      method: 'sendMessage',
      status,
      providerCode: String(code),
      retryable: true,
    });
    expect((error as ChannelApiError).retryAfterSeconds).toBe(retryAfter);
  });

  it.each([
    [131047, 'Re-engagement message'],
    [131026, 'Message Undeliverable'],
    [131051, 'Unsupported message type'],
    [131052, 'Media download error'],
    [131053, 'Media upload error'],
    [100, 'Invalid parameter'],
    [131049, 'Not delivered to maintain healthy ecosystem engagement'],
    [131050, 'User stopped marketing messages'],
    [368, 'Temporarily blocked for policies violations'],
    [131048, 'Spam rate limit hit'],
    [131062, 'BSUID recipients are not supported for this message'],
    [132001, 'Template name does not exist in the translation'],
  ])('makes %i (%s) permanent, even if Meta answers it with a 5xx', async (code, message) => {
    for (const status of [400, 500]) {
      const error = await rejection(
        clientAnswering(() => graphError(code, message, status)).client.call(PHONE_NUMBER_ID, SEND),
      );
      expect(error).toMatchObject({ providerCode: String(code), retryable: false });
    }
  });

  it('makes an expired token (190, HTTP 401) permanent', async () => {
    const error = await rejection(
      clientAnswering(() =>
        graphError(190, 'Error validating access token', 401, { error_subcode: 463 }),
      ).client.call(PHONE_NUMBER_ID, SEND),
    );
    expect(error).toMatchObject({ status: 401, providerCode: '190', retryable: false });
    expect((error as ChannelApiError).description).toContain('subcode 463');
  });

  it('puts Meta details into the description and honours a Retry-After header', async () => {
    const answer = () =>
      json(
        {
          error: {
            message: '(#131056) (Business Account, Consumer Account) pair rate limit hit',
            type: 'OAuthException',
            code: 131056,
            error_data: {
              messaging_product: 'whatsapp',
              details: 'Too many messages to the same phone number',
            },
            fbtrace_id: 'A4O5a8RAgePwbcGSu',
          },
        },
        400,
        { 'retry-after': '12' },
      );
    const error = (await rejection(
      clientAnswering(answer).client.call(PHONE_NUMBER_ID, SEND),
    )) as ChannelApiError;
    expect(error.description).toBe(
      '(#131056) (Business Account, Consumer Account) pair rate limit hit: Too many messages to the same phone number',
    );
    expect(error.retryAfterSeconds).toBe(12);
  });

  it('falls back to the HTTP status for unknown codes and bodies that are not Graph errors', async () => {
    const html = await rejection(
      clientAnswering(() => new Response('<html>bad gateway</html>', { status: 502 })).client.call(
        PHONE_NUMBER_ID,
        SEND,
      ),
    );
    expect(html).toMatchObject({
      status: 502,
      providerCode: '502',
      retryable: true,
      description: 'HTTP 502',
    });
    const unknown = await rejection(
      clientAnswering(() => graphError(999999, 'new code', 400)).client.call(PHONE_NUMBER_ID, SEND),
    );
    expect(unknown).toMatchObject({ providerCode: '999999', retryable: false });
    const throttled = await rejection(
      clientAnswering(() => json({}, 429)).client.call(PHONE_NUMBER_ID, SEND),
    );
    expect(throttled).toMatchObject({ providerCode: '429', retryable: true });
  });

  it('classifies codes by the documented lists', () => {
    expect(isRetryableGraphCode(131056, 400)).toBe(true);
    expect(isRetryableGraphCode(131047, 500)).toBe(false);
    expect(isRetryableGraphCode(250, 403)).toBe(false);
    expect(isRetryableGraphCode(undefined, 503)).toBe(true);
    expect(isRetryableGraphCode(undefined, 404)).toBe(false);
  });
});

describe('createWhatsappClient on network failures', () => {
  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])(
    'marks %s as never having reached Meta',
    async (code) => {
      const error = await rejection(failingWith(connectionError(code)).call(PHONE_NUMBER_ID, SEND));
      expect(error).toBeInstanceOf(ChannelNetworkError);
      expect(error).toMatchObject({ channel: 'whatsapp', mayHaveReachedPlatform: false });
    },
  );

  it.each(['ECONNRESET', 'UND_ERR_SOCKET'])(
    'marks %s mid-request as possibly having reached Meta',
    async (code) => {
      await expect(failingWith(connectionError(code)).call(PHONE_NUMBER_ID, SEND)).rejects.toMatchObject({
        mayHaveReachedPlatform: true,
      });
    },
  );

  it('gives up after timeoutMs with a ChannelNetworkError that may have reached Meta', async () => {
    const fetch = ((_input: string | URL | Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      )) as typeof globalThis.fetch;
    const client = createWhatsappClient({
      apiUrl: WHATSAPP_DEFAULT_API_URL,
      accessToken: ACCESS_TOKEN,
      fetch,
      timeoutMs: 20,
    });
    await expect(client.call(PHONE_NUMBER_ID, SEND)).rejects.toMatchObject({
      name: 'ChannelNetworkError',
      mayHaveReachedPlatform: true,
    });
  });

  it('never lets the access token into an error, its cause or its description', async () => {
    const runs = [
      () =>
        failingWith(new TypeError(`request with Authorization: Bearer ${ACCESS_TOKEN} failed`)).call(
          PHONE_NUMBER_ID,
          SEND,
        ),
      () =>
        clientAnswering(() => graphError(190, `Malformed access token ${ACCESS_TOKEN}`, 401)).client.call(
          PHONE_NUMBER_ID,
          SEND,
        ),
      () =>
        createWhatsappClient({ apiUrl: 'graph.facebook.com', accessToken: ACCESS_TOKEN }).call(
          PHONE_NUMBER_ID,
          SEND,
        ),
    ];
    for (const run of runs) {
      const error = await rejection(run());
      expect(inspect(error, { depth: 10 })).not.toContain(ACCESS_TOKEN);
      expect(JSON.stringify(error)).not.toContain(ACCESS_TOKEN);
    }
  });
});
