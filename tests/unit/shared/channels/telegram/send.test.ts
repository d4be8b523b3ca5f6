import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ChannelApiError, ChannelNetworkError } from '../../../../../shared/channels/errors.ts';
import type { TelegramRequest } from '../../../../../shared/channels/telegram/render.ts';
import {
  createTelegramClient,
  TELEGRAM_DEFAULT_API_URL,
  telegramBotIdFromToken,
} from '../../../../../shared/channels/telegram/send.ts';

const BOT_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const SECRET_PART = 'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

const SEND: TelegramRequest = {
  method: 'sendMessage',
  params: { chat_id: 4503599627370495, text: 'Olá 😀', reply_markup: { inline_keyboard: [] } },
};

interface RecordedCall {
  url: string;
  init: RequestInit;
}

/** A fetch that records its calls and answers with what the test says. */
function fakeFetch(answer: (call: RecordedCall) => Response | Promise<Response>) {
  const calls: RecordedCall[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const call = { url: String(input), init: init ?? {} };
    calls.push(call);
    return answer(call);
  }) as typeof globalThis.fetch;
  return { calls, fetch };
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

function clientAnswering(answer: (call: RecordedCall) => Response | Promise<Response>) {
  const fake = fakeFetch(answer);
  return {
    ...fake,
    client: createTelegramClient({
      apiUrl: TELEGRAM_DEFAULT_API_URL,
      botToken: BOT_TOKEN,
      fetch: fake.fetch,
    }),
  };
}

function failingWith(error: unknown) {
  return createTelegramClient({
    apiUrl: TELEGRAM_DEFAULT_API_URL,
    botToken: BOT_TOKEN,
    fetch: (async () => {
      throw error;
    }) as typeof fetch,
  });
}

function connectionError(code: string): TypeError {
  const cause = Object.assign(new Error(`connect ${code} 149.154.167.220:443`), { code, syscall: 'connect' });
  return new TypeError('fetch failed', { cause });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('createTelegramClient', () => {
  it('POSTs the params as JSON to <apiUrl>/bot<token>/<method> and returns the result', async () => {
    const { client, calls } = clientAnswering(() => json({ ok: true, result: { message_id: 77 } }));
    await expect(client.call<{ message_id: number }>(SEND)).resolves.toEqual({ message_id: 77 });

    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url).toBe(`https://api.telegram.org/bot${BOT_TOKEN}/sendMessage`);
    expect(call?.init.method).toBe('POST');
    expect(new Headers(call?.init.headers).get('content-type')).toBe('application/json');
    expect(JSON.parse(String(call?.init.body))).toEqual(SEND.params);
    // 52-bit chat ids go out as exact JSON numbers.
    expect(String(call?.init.body)).toContain('"chat_id":4503599627370495');
    expect(call?.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('calls the method named by the request (answerCallbackQuery)', async () => {
    const { client, calls } = clientAnswering(() => json({ ok: true, result: true }));
    await expect(
      client.call<boolean>({ method: 'answerCallbackQuery', params: { callback_query_id: 'cbq-1' } }),
    ).resolves.toBe(true);
    expect(calls[0]?.url).toBe(`https://api.telegram.org/bot${BOT_TOKEN}/answerCallbackQuery`);
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ callback_query_id: 'cbq-1' });
  });

  it.each(['http://localhost:8081', 'http://localhost:8081/', 'http://localhost:8081//'])(
    'joins the API URL %s and the path with exactly one slash',
    async (apiUrl) => {
      const { fetch, calls } = fakeFetch(() => json({ ok: true, result: {} }));
      await createTelegramClient({ apiUrl, botToken: BOT_TOKEN, fetch }).call(SEND);
      expect(calls[0]?.url).toBe(`http://localhost:8081/bot${BOT_TOKEN}/sendMessage`);
    },
  );

  it('keeps a path prefix of the API URL (a sandbox mounted under a path)', async () => {
    const { fetch, calls } = fakeFetch(() => json({ ok: true, result: {} }));
    await createTelegramClient({
      apiUrl: 'http://127.0.0.1:9000/telegram/',
      botToken: BOT_TOKEN,
      fetch,
    }).call(SEND);
    expect(calls[0]?.url).toBe(`http://127.0.0.1:9000/telegram/bot${BOT_TOKEN}/sendMessage`);
  });

  it('maps 429 with retry_after into a retryable ChannelApiError that says how long to wait', async () => {
    const { client } = clientAnswering(() =>
      json(
        {
          ok: false,
          error_code: 429,
          description: 'Too Many Requests: retry after 7',
          parameters: { retry_after: 7 },
        },
        429,
      ),
    );
    const error = await rejection(client.call(SEND));
    expect(error).toBeInstanceOf(ChannelApiError);
    expect(error).toMatchObject({
      channel: 'telegram',
      method: 'sendMessage',
      status: 429,
      providerCode: '429',
      description: 'Too Many Requests: retry after 7',
      retryAfterSeconds: 7,
      retryable: true,
    });
  });

  it('reads the Retry-After header when a 429 body has no retry_after', async () => {
    const { client } = clientAnswering(
      () => new Response('slow down', { status: 429, headers: { 'retry-after': '3' } }),
    );
    await expect(client.call(SEND)).rejects.toMatchObject({
      status: 429,
      retryAfterSeconds: 3,
      retryable: true,
    });
  });

  it('maps 400 "chat not found" into a ChannelApiError that is not retryable', async () => {
    const { client } = clientAnswering(() =>
      json({ ok: false, error_code: 400, description: 'Bad Request: chat not found' }, 400),
    );
    const error = await rejection(client.call(SEND));
    expect(error).toBeInstanceOf(ChannelApiError);
    expect(error).toMatchObject({
      status: 400,
      providerCode: '400',
      description: 'Bad Request: chat not found',
      retryable: false,
    });
    expect((error as ChannelApiError).retryAfterSeconds).toBeUndefined();
  });

  it('maps 403 "bot was blocked by the user" into a ChannelApiError that is not retryable', async () => {
    const { client } = clientAnswering(() =>
      json({ ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }, 403),
    );
    await expect(client.call(SEND)).rejects.toMatchObject({
      status: 403,
      providerCode: '403',
      retryable: false,
    });
  });

  it('maps a 502 with a non-JSON body into a retryable ChannelApiError', async () => {
    const { client } = clientAnswering(
      () => new Response('<html><body>502 Bad Gateway</body></html>', { status: 502 }),
    );
    const error = await rejection(client.call(SEND));
    expect(error).toBeInstanceOf(ChannelApiError);
    expect(error).toMatchObject({ status: 502, providerCode: '502', retryable: true });
    expect((error as ChannelApiError).description).toContain('502');
  });

  it('maps a 500 with a Telegram error body into a retryable ChannelApiError', async () => {
    const { client } = clientAnswering(() =>
      json({ ok: false, error_code: 500, description: 'Internal Server Error' }, 500),
    );
    await expect(client.call(SEND)).rejects.toMatchObject({ status: 500, retryable: true });
  });

  it.each([
    ['an HTML page', '<html>ok</html>'],
    ['an empty body', ''],
    ['truncated JSON', '{"ok":true,"result":{"message_id":'],
  ])(
    'maps a 200 with %s into a ChannelNetworkError that may have reached the platform',
    async (_name, body) => {
      const { client } = clientAnswering(() => new Response(body, { status: 200 }));
      const error = await rejection(client.call(SEND));
      expect(error).toBeInstanceOf(ChannelNetworkError);
      expect(error).toMatchObject({
        channel: 'telegram',
        method: 'sendMessage',
        mayHaveReachedPlatform: true,
      });
    },
  );

  it('maps a refused connection (ECONNREFUSED) into a ChannelNetworkError that never reached the platform', async () => {
    const cause = connectionError('ECONNREFUSED');
    const error = await rejection(failingWith(cause).call(SEND));
    expect(error).toBeInstanceOf(ChannelNetworkError);
    expect(error).toMatchObject({
      channel: 'telegram',
      method: 'sendMessage',
      mayHaveReachedPlatform: false,
    });
    // The cause keeps what explains the failure (code, message), never the URL's token.
    expect((error as Error).cause).toMatchObject({ code: 'ECONNREFUSED', message: cause.message });
  });

  it.each(['ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])(
    'treats %s as never having reached the platform',
    async (code) => {
      await expect(failingWith(connectionError(code)).call(SEND)).rejects.toMatchObject({
        mayHaveReachedPlatform: false,
      });
    },
  );

  it.each(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE'])(
    'treats a connection lost mid-request (%s) as possibly having reached the platform',
    async (code) => {
      const error = await rejection(failingWith(connectionError(code)).call(SEND));
      expect(error).toBeInstanceOf(ChannelNetworkError);
      expect(error).toMatchObject({ mayHaveReachedPlatform: true });
    },
  );

  it('treats a fetch failure without a cause as possibly having reached the platform', async () => {
    await expect(failingWith(new TypeError('fetch failed')).call(SEND)).rejects.toMatchObject({
      mayHaveReachedPlatform: true,
    });
  });

  it('gives up after timeoutMs with a ChannelNetworkError that may have reached the platform', async () => {
    const fetch = ((_input: string | URL | Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as typeof globalThis.fetch;
    const client = createTelegramClient({
      apiUrl: TELEGRAM_DEFAULT_API_URL,
      botToken: BOT_TOKEN,
      fetch,
      timeoutMs: 20,
    });
    const error = await rejection(client.call(SEND));
    expect(error).toBeInstanceOf(ChannelNetworkError);
    expect(error).toMatchObject({ mayHaveReachedPlatform: true });
  });
});

describe('createTelegramClient keeps the bot token out of errors', () => {
  const scenarios: Array<[string, () => Promise<unknown>]> = [
    [
      '429',
      () =>
        clientAnswering(() =>
          json(
            { ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 1 } },
            429,
          ),
        ).client.call(SEND),
    ],
    [
      '400',
      () =>
        clientAnswering(() =>
          json({ ok: false, error_code: 400, description: 'Bad Request: chat not found' }, 400),
        ).client.call(SEND),
    ],
    [
      '502 HTML',
      () =>
        clientAnswering(() => new Response('<html>bad gateway</html>', { status: 502 })).client.call(SEND),
    ],
    [
      'unreadable 200',
      () => clientAnswering(() => new Response('garbage', { status: 200 })).client.call(SEND),
    ],
    ['ECONNREFUSED', () => failingWith(connectionError('ECONNREFUSED')).call(SEND)],
    ['ECONNRESET', () => failingWith(connectionError('ECONNRESET')).call(SEND)],
    // undici puts the whole URL, token included, in the message of an invalid-URL failure.
    [
      'a fetch error quoting the URL',
      () =>
        failingWith(
          new TypeError(`Failed to parse URL from ${TELEGRAM_DEFAULT_API_URL}/bot${BOT_TOKEN}/sendMessage`),
        ).call(SEND),
    ],
  ];

  it.each(scenarios)(
    'leaves the token out of the message, String() and JSON of the error (%s)',
    async (_name, run) => {
      const error = await rejection(run());
      expect(error).toBeInstanceOf(Error);
      for (const text of [
        (error as Error).message,
        String(error),
        JSON.stringify(error),
        (error as Error).stack ?? '',
      ]) {
        expect(text).not.toContain(SECRET_PART);
      }
    },
  );

  it('leaves the token out of the whole cause chain a logger would print (misconfigured API URL, real fetch)', async () => {
    // A missing scheme is a plausible configuration mistake; URL parsing fails before any connection.
    const client = createTelegramClient({ apiUrl: 'api.telegram.org', botToken: BOT_TOKEN });
    const error = await rejection(client.call(SEND));
    expect(error).toBeInstanceOf(ChannelNetworkError);
    const printed = inspect(error, { depth: 10 });
    expect(printed).not.toContain(SECRET_PART);
    for (let link: unknown = error; link instanceof Error; link = link.cause) {
      expect(link.message).not.toContain(SECRET_PART);
    }
  });

  it('classifies an invalid API URL as never having reached the platform', async () => {
    const client = createTelegramClient({ apiUrl: 'api.telegram.org', botToken: BOT_TOKEN });
    await expect(client.call(SEND)).rejects.toMatchObject({ mayHaveReachedPlatform: false });
  });
});

describe('telegramBotIdFromToken', () => {
  it('returns the numeric part before the colon', () => {
    expect(telegramBotIdFromToken(BOT_TOKEN)).toBe('123456789');
  });

  it.each([
    ['an empty token', ''],
    ['a non-numeric bot id', 'abc:def'],
    ['a token without a bot id', `:${SECRET_PART}`],
    ['a negative bot id', `-123:${SECRET_PART}`],
  ])('throws for %s, without echoing the token', (_name, token) => {
    let thrown: unknown;
    try {
      telegramBotIdFromToken(token);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    if (token.length > 0) expect(String(thrown)).not.toContain(token);
    expect(String(thrown)).not.toContain(SECRET_PART);
  });

  it('throws for a token without the secret part (it must look like <bot id>:<secret>)', () => {
    expect(() => telegramBotIdFromToken('123456789')).toThrow();
    expect(() => telegramBotIdFromToken('123456789:')).toThrow();
  });
});
