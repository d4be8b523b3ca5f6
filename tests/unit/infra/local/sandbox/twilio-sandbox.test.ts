import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTwilioSandboxListener,
  TwilioSandbox,
  twilioErrorReply,
} from '../../../../../infra/local/sandbox/twilio-sandbox.ts';
import { ChannelApiError } from '../../../../../shared/channels/errors.ts';
import { createTwilioClient } from '../../../../../shared/channels/sms/send.ts';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'f00dfeedf00dfeedf00dfeedf00dfeed';
const CUSTOMER = '+15017122661';
const OUR_NUMBER = '+15558675310';
const BASE_PATH = '/sandbox/twilio';
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

let server: Server;
let sandbox: TwilioSandbox;
let apiUrl: string;

beforeAll(async () => {
  sandbox = new TwilioSandbox(ACCOUNT_SID, AUTH_TOKEN);
  const listener = createTwilioSandboxListener(sandbox, BASE_PATH);
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => void listener(request, response, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${BASE_PATH}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const client = (authToken = AUTH_TOKEN, accountSid = ACCOUNT_SID) =>
  createTwilioClient({ apiUrl, accountSid, authToken });

async function post(path: string, form: Record<string, string>, authorization?: string): Promise<Response> {
  return fetch(`${apiUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(authorization ? { authorization } : {}),
    },
    body: new URLSearchParams(form).toString(),
  });
}

describe('TwilioSandbox over HTTP', () => {
  it('answers a create like Twilio (201 Message resource) and shows the text on the phone', async () => {
    const created = await client().createMessage({ To: CUSTOMER, From: OUR_NUMBER, Body: 'Olá 😀' });
    expect(created).toMatchObject({
      account_sid: ACCOUNT_SID,
      to: CUSTOMER,
      from: OUR_NUMBER,
      body: 'Olá 😀',
      status: 'queued',
      direction: 'outbound-api',
      num_segments: '1',
      error_code: null,
      uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${created.sid}.json`,
    });
    expect(created.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(created.date_created).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
    const phone = (await (await fetch(`${apiUrl}/phones/${encodeURIComponent(CUSTOMER)}`)).json()) as {
      messages: { sid: string; text: string }[];
    };
    expect(phone.messages.at(-1)).toMatchObject({ sid: created.sid, text: 'Olá 😀' });
    expect(sandbox.calls.at(-1)).toMatchObject({
      method: 'messages.create',
      params: { To: CUSTOMER, From: OUR_NUMBER, Body: 'Olá 😀' },
    });
  });

  it('fetches a sent message by sid', async () => {
    const created = await client().createMessage({ To: CUSTOMER, From: OUR_NUMBER, Body: 'fetch me' });
    const response = await fetch(
      `${apiUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${created.sid}.json`,
      {
        headers: { authorization: basic(ACCOUNT_SID, AUTH_TOKEN) },
      },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ sid: created.sid, body: 'fetch me' });
  });

  it('refuses wrong or missing Basic auth with 401 / 20003, records nothing', async () => {
    const before = sandbox.calls.length;
    const error = await client('wrong-token')
      .createMessage({ To: CUSTOMER, From: OUR_NUMBER, Body: 'x' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ChannelApiError);
    expect(error).toMatchObject({ status: 401, providerCode: '20003', retryable: false });
    const missing = await post(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`, { To: CUSTOMER });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      code: 20003,
      message: 'Authenticate',
      more_info: 'https://www.twilio.com/docs/errors/20003',
      status: 401,
    });
    expect(sandbox.calls.length).toBe(before);
  });

  it('answers 404 / 20404 for another account in the path', async () => {
    const response = await post(
      '/2010-04-01/Accounts/ACffffffffffffffffffffffffffffffff/Messages.json',
      { To: CUSTOMER, From: OUR_NUMBER, Body: 'x' },
      basic(ACCOUNT_SID, AUTH_TOKEN),
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 20404, status: 404 });
  });

  it.each([
    [{ From: OUR_NUMBER, Body: 'x' }, 21604],
    [{ To: CUSTOMER, Body: 'x' }, 21603],
    [{ To: CUSTOMER, From: OUR_NUMBER }, 21602],
    [{ To: CUSTOMER, From: OUR_NUMBER, Body: 'x'.repeat(1601) }, 21617],
    [{ To: '5551234', From: OUR_NUMBER, Body: 'x' }, 21211],
  ])('validates the request like Twilio (%j → %i)', async (form, code) => {
    const response = await post(
      `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`,
      form,
      basic(ACCOUNT_SID, AUTH_TOKEN),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code,
      status: 400,
      more_info: `https://www.twilio.com/docs/errors/${code}`,
    });
  });

  it('refuses a recipient who replied STOP with 21610 until they opt in again', async () => {
    sandbox.optOut('+15017120000');
    await expect(
      client().createMessage({ To: '+15017120000', From: OUR_NUMBER, Body: 'x' }),
    ).rejects.toMatchObject({
      providerCode: '21610',
      retryable: false,
    });
    sandbox.optIn('+15017120000');
    await expect(
      client().createMessage({ To: '+15017120000', From: OUR_NUMBER, Body: 'x' }),
    ).resolves.toBeDefined();
  });

  it('plays injected failures in order (429 with Retry-After, then 503), then succeeds', async () => {
    sandbox.injectFailures(
      twilioErrorReply(429, 20429, 'Too Many Requests', { 'retry-after': '1' }),
      twilioErrorReply(503, 20503, 'Service Unavailable'),
    );
    const send = () => client().createMessage({ To: CUSTOMER, From: OUR_NUMBER, Body: 'retry me' });
    await expect(send()).rejects.toMatchObject({
      status: 429,
      providerCode: '20429',
      retryAfterSeconds: 1,
      retryable: true,
    });
    await expect(send()).rejects.toMatchObject({ status: 503, retryable: true });
    await expect(send()).resolves.toMatchObject({ body: 'retry me' });
  });

  it('answers unknown paths with a Twilio 404 body', async () => {
    const response = await fetch(`${apiUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 20404 });
  });
});

describe('TwilioSandbox history', () => {
  it('keeps what the phones show across a restart, surviving a torn last line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'twilio-sandbox-'));
    try {
      const file = join(dir, 'nested', 'twilio.jsonl');
      const first = new TwilioSandbox(ACCOUNT_SID, AUTH_TOKEN, file);
      const auth = basic(ACCOUNT_SID, AUTH_TOKEN);
      first.createMessage(auth, ACCOUNT_SID, { To: CUSTOMER, From: OUR_NUMBER, Body: 'one' });
      first.createMessage(auth, ACCOUNT_SID, { To: '+48601234567', From: OUR_NUMBER, Body: 'dwa' });
      appendFileSync(file, '{"sid":"SMtorn","to":');
      const second = new TwilioSandbox(ACCOUNT_SID, AUTH_TOKEN, file);
      expect(second.messagesFor(CUSTOMER).map((one) => one.text)).toEqual(['one']);
      expect(second.allMessages().map((one) => one.text)).toEqual(['one', 'dwa']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts segments of what it shows', () => {
    const local = new TwilioSandbox(ACCOUNT_SID, AUTH_TOKEN);
    const reply = local.createMessage(basic(ACCOUNT_SID, AUTH_TOKEN), ACCOUNT_SID, {
      To: CUSTOMER,
      From: OUR_NUMBER,
      Body: 'ł'.repeat(71),
    });
    expect(reply.status).toBe(201);
    expect(reply.body.num_segments).toBe('2');
  });
});
