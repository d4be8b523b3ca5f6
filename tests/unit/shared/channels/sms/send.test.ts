import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ChannelApiError, ChannelNetworkError } from '../../../../../shared/channels/errors.ts';
import { createTwilioClient, TWILIO_DEFAULT_API_URL } from '../../../../../shared/channels/sms/send.ts';
import type { TwilioCreateMessageParams } from '../../../../../shared/channels/sms/wire-types.ts';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'f00dfeedf00dfeedf00dfeedf00dfeed';
const PARAMS: TwilioCreateMessageParams = {
  To: '+15017122661',
  From: '+15558675310',
  Body: 'Olá + 😀 & =',
  StatusCallback: 'https://abc.execute-api.eu-west-1.amazonaws.com/webhooks/sms',
};

interface RecordedCall {
  url: string;
  init: RequestInit;
}

function clientAnswering(answer: () => Response | Promise<Response>, apiUrl = TWILIO_DEFAULT_API_URL) {
  const calls: RecordedCall[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return answer();
  }) as typeof globalThis.fetch;
  return {
    calls,
    client: createTwilioClient({ apiUrl, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fetch }),
  };
}

function failingWith(error: unknown, apiUrl = TWILIO_DEFAULT_API_URL) {
  return createTwilioClient({
    apiUrl,
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    fetch: (async () => {
      throw error;
    }) as typeof fetch,
  });
}

function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** Twilio's REST error body. */
function twilioError(status: number, code: number, message: string): Response {
  return json({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, status);
}

function connectionError(code: string): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code}`), { code }) });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('createTwilioClient', () => {
  it('POSTs the form to Messages.json with Basic auth and returns the Message resource', async () => {
    const { client, calls } = clientAnswering(() => json({ sid: 'SMabc', status: 'queued' }, 201));
    await expect(client.createMessage(PARAMS)).resolves.toMatchObject({ sid: 'SMabc', status: 'queued' });
    const [call] = calls;
    expect(call?.url).toBe(`https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(call?.init.method).toBe('POST');
    const headers = new Headers(call?.init.headers);
    expect(headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(headers.get('authorization')).toBe(
      `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`,
    );
    expect(Object.fromEntries(new URLSearchParams(String(call?.init.body)))).toEqual(PARAMS);
    expect(call?.init.signal).toBeInstanceOf(AbortSignal);
  });

  it.each(['http://127.0.0.1:3000/sandbox/twilio', 'http://127.0.0.1:3000/sandbox/twilio/'])(
    'keeps the path prefix of a sandbox mounted at %s',
    async (apiUrl) => {
      const { client, calls } = clientAnswering(() => json({ sid: 'SM1' }, 201), apiUrl);
      await client.createMessage(PARAMS);
      expect(calls[0]?.url).toBe(
        `http://127.0.0.1:3000/sandbox/twilio/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`,
      );
    },
  );

  it('maps 429 / 20429 into a retryable error with Retry-After', async () => {
    const { client } = clientAnswering(() =>
      json({ code: 20429, message: 'Too Many Requests', status: 429 }, 429, { 'retry-after': '2' }),
    );
    const error = await rejection(client.createMessage(PARAMS));
    expect(error).toBeInstanceOf(ChannelApiError);
    expect(error).toMatchObject({
      channel: 'sms',
      method: 'messages.create',
      status: 429,
      providerCode: '20429',
      description: 'Too Many Requests',
      retryAfterSeconds: 2,
      retryable: true,
    });
  });

  it('treats 30001 (queue overflow) as retryable whatever the HTTP status', async () => {
    const { client } = clientAnswering(() => twilioError(400, 30001, 'Queue overflow'));
    await expect(client.createMessage(PARAMS)).rejects.toMatchObject({
      providerCode: '30001',
      retryable: true,
    });
  });

  it.each([
    [400, 21610, 'Attempt to send to unsubscribed recipient'],
    [400, 21211, "The 'To' number +1 is not a valid phone number."],
    [400, 21614, "'To' number is not a valid mobile number"],
    [400, 21408, 'Permission to send an SMS has not been enabled for the region'],
    [400, 21612, "The 'To' phone number is not currently reachable via SMS"],
    [400, 30003, 'Unreachable destination handset'],
    [400, 30005, 'Unknown destination handset'],
    [400, 30006, 'Landline or unreachable carrier'],
    [401, 20003, 'Authenticate'],
    [503, 21610, 'Attempt to send to unsubscribed recipient'],
  ])('maps HTTP %i / %i into an error that is not retryable', async (status, code, message) => {
    const { client } = clientAnswering(() => twilioError(status, code, message));
    const error = await rejection(client.createMessage(PARAMS));
    expect(error).toBeInstanceOf(ChannelApiError);
    expect(error).toMatchObject({
      status,
      providerCode: String(code),
      description: message,
      retryable: false,
    });
  });

  it('maps a 500 / 502 without a Twilio body into a retryable error coded by the HTTP status', async () => {
    for (const status of [500, 502, 503]) {
      const { client } = clientAnswering(() => new Response('<html>Bad Gateway</html>', { status }));
      await expect(client.createMessage(PARAMS)).rejects.toMatchObject({
        status,
        providerCode: String(status),
        description: `HTTP ${status}`,
        retryable: true,
      });
    }
  });

  it('maps an unknown 4xx code to not retryable', async () => {
    const { client } = clientAnswering(() => twilioError(400, 21999, 'Something new'));
    await expect(client.createMessage(PARAMS)).rejects.toMatchObject({
      providerCode: '21999',
      retryable: false,
    });
  });

  it.each([
    ['an HTML page', '<html>ok</html>'],
    ['an empty body', ''],
    ['JSON without a sid', '{"status":"queued"}'],
  ])('maps a 201 with %s into a ChannelNetworkError that may have reached Twilio', async (_name, body) => {
    const { client } = clientAnswering(() => new Response(body, { status: 201 }));
    const error = await rejection(client.createMessage(PARAMS));
    expect(error).toBeInstanceOf(ChannelNetworkError);
    expect(error).toMatchObject({ channel: 'sms', mayHaveReachedPlatform: true });
  });

  it('maps a refused connection into a ChannelNetworkError that never reached Twilio', async () => {
    const error = await rejection(failingWith(connectionError('ECONNREFUSED')).createMessage(PARAMS));
    expect(error).toBeInstanceOf(ChannelNetworkError);
    expect(error).toMatchObject({ mayHaveReachedPlatform: false });
    expect((error as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('maps a connection reset into a ChannelNetworkError that may have reached Twilio', async () => {
    await expect(failingWith(connectionError('ECONNRESET')).createMessage(PARAMS)).rejects.toMatchObject({
      mayHaveReachedPlatform: true,
    });
  });

  it('gives up after timeoutMs, possibly having reached Twilio', async () => {
    const fetch = ((_input: string | URL | Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as typeof globalThis.fetch;
    const client = createTwilioClient({
      apiUrl: TWILIO_DEFAULT_API_URL,
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      fetch,
      timeoutMs: 20,
    });
    await expect(client.createMessage(PARAMS)).rejects.toMatchObject({ mayHaveReachedPlatform: true });
  });

  it('keeps the auth token out of errors, even from a fetch error quoting it', async () => {
    const basic = Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64');
    const errors = [
      await rejection(failingWith(new TypeError(`bad header Basic ${AUTH_TOKEN}`)).createMessage(PARAMS)),
      await rejection(
        clientAnswering(() => twilioError(401, 20003, 'Authenticate')).client.createMessage(PARAMS),
      ),
      await rejection(failingWith(connectionError('ECONNREFUSED')).createMessage(PARAMS)),
    ];
    for (const error of errors) {
      const printed = `${inspect(error, { depth: 10 })}${JSON.stringify(error)}`;
      expect(printed).not.toContain(AUTH_TOKEN);
      expect(printed).not.toContain(basic);
    }
  });

  it('classifies a misconfigured API URL as never having reached Twilio, without leaking the token', async () => {
    const client = createTwilioClient({
      apiUrl: 'api.twilio.com',
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
    });
    const error = await rejection(client.createMessage(PARAMS));
    expect(error).toMatchObject({ mayHaveReachedPlatform: false });
    expect(inspect(error, { depth: 10 })).not.toContain(AUTH_TOKEN);
  });
});
