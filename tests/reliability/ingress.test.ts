/**
 * Reliability cases 1-13 and 29: ingress and signatures, through the webhook function's
 * receiveWebhook with the real inbound adapters, into the local FIFO queue, and (where the case
 * needs it) on through the worker over the embedded table.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inboundAdapters } from '../../functions/webhook/inbound-adapters.ts';
import { LOCAL_DEFAULTS } from '../../infra/local/runtime.ts';
import { signMetaBody } from '../../shared/channels/meta/signature.ts';
import { signTwilioJsonRequest, signTwilioRequest } from '../../shared/channels/sms/verify.ts';
import type { CustomerMessage, InboundEvent } from '../../shared/domain/events.ts';
import { fromApiGatewayEvent } from '../../shared/http/api-gateway.ts';
import { MAX_JSON_DEPTH } from '../../shared/http/body-checks.ts';
import { receiveWebhook } from '../../shared/pipeline/receive-webhook.ts';
import type { InboundEnvelope } from '../../shared/queue/envelopes.ts';
import { type EmbeddedTable, startEmbeddedTable } from '../helpers/embedded-table.ts';
import { httpRequest, type Pipeline, PUBLIC_BASE_URL, startPipeline } from './harness.ts';

let table: EmbeddedTable;
let pipeline: Pipeline;
beforeAll(async () => {
  table = await startEmbeddedTable();
});
afterAll(async () => table.close());
afterEach(async () => pipeline?.close());

const SMS_URL = `${PUBLIC_BASE_URL}/webhooks/sms`;
const json = { 'content-type': 'application/json' };

function queuedEvents(): InboundEvent[] {
  return pipeline.queues.inbound.list().map((message) => (JSON.parse(message.body) as InboundEnvelope).event);
}

function errorCode(body: string): string | undefined {
  return (JSON.parse(body) as { error?: { code?: string } }).error?.code;
}

/** A WhatsApp body exactly as Meta writes it: non-ASCII, `/` and `<` escaped. */
function metaEscapedWhatsappText(wamid: string): string {
  return `{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Jo\\u00e3o"},"wa_id":"5511988887777"}],"messages":[{"from":"5511988887777","id":"${wamid}","timestamp":"1764115200","type":"text","text":{"body":"Ol\\u00e1 \\ud83d\\ude00 a\\/b \\u003cscript> @ 100%"}}]}}]}]}`;
}

const whatsappSigned = (raw: string, secret: string = LOCAL_DEFAULTS.WHATSAPP_APP_SECRET) => ({
  ...json,
  'x-hub-signature-256': signMetaBody(raw, secret),
});

describe('reliability: ingress and signatures', () => {
  it('case 01: a Meta-escaped WhatsApp text signed over the raw bytes is accepted once; re-serialised JSON would not verify', async () => {
    pipeline = await startPipeline(table);
    const raw = metaEscapedWhatsappText('wamid.case01');
    const headers = whatsappSigned(raw);

    const outcome = await pipeline.post(httpRequest('/webhooks/whatsapp', raw, headers));

    expect(outcome.response.statusCode).toBe(200);
    expect(queuedEvents()).toHaveLength(1);
    expect((queuedEvents()[0] as CustomerMessage).text).toBe('Olá 😀 a/b <script> @ 100%');
    // The guard against a future "fix": hashing the re-serialised body gives another signature.
    const reserialised = JSON.stringify(JSON.parse(raw));
    expect(signMetaBody(reserialised, LOCAL_DEFAULTS.WHATSAPP_APP_SECRET)).not.toBe(
      headers['x-hub-signature-256'],
    );
    const replayed = await pipeline.post(httpRequest('/webhooks/whatsapp', reserialised, headers));
    expect(replayed.response.statusCode).toBe(401);
    expect(queuedEvents()).toHaveLength(1);
  });

  it('case 02: a base64-encoded API Gateway body is decoded before the HMAC, then accepted', async () => {
    pipeline = await startPipeline(table);
    const params = {
      MessageSid: 'SMcase02',
      AccountSid: LOCAL_DEFAULTS.TWILIO_ACCOUNT_SID,
      From: '+48600100222',
      To: '+15017122661',
      Body: 'Zażółć gęślą jaźń 😀',
      NumMedia: '0',
    };
    const form = new URLSearchParams(params).toString();
    const event = {
      version: '2.0',
      routeKey: 'POST /webhooks/sms',
      rawPath: '/webhooks/sms',
      rawQueryString: '',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': signTwilioRequest(LOCAL_DEFAULTS.TWILIO_AUTH_TOKEN, SMS_URL, params),
      },
      body: Buffer.from(form, 'utf8').toString('base64'),
      isBase64Encoded: true,
      requestContext: { http: { method: 'POST' }, requestId: 'apigw-1', domainName: 'abc.execute-api' },
    } as unknown as APIGatewayProxyEventV2;

    const outcome = await pipeline.post(fromApiGatewayEvent(event));

    expect(outcome.response.statusCode).toBe(200);
    expect(queuedEvents().map((queued) => (queued as CustomerMessage).text)).toEqual([params.Body]);
  });

  it('case 03: a request without a signature header gets 401 with a code, nothing is queued, and the log has the request id but not the body', async () => {
    pipeline = await startPipeline(table);
    const raw = metaEscapedWhatsappText('wamid.case03');
    const { logger } = await import('../../shared/observability/logger.ts');
    const { handler } = await importWebhookHandler();
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    logger.setLogLevel('INFO');
    process.stdout.write = ((chunk: string) => {
      lines.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    let result: Awaited<ReturnType<typeof handler>>;
    try {
      result = await handler(apiGatewayPost('/webhooks/whatsapp', raw, json, 'req-case-03'), lambdaContext());
    } finally {
      process.stdout.write = write;
      logger.setLogLevel('SILENT');
    }

    expect(result.statusCode).toBe(401);
    expect(errorCode(result.body as string)).toBe('invalid_signature');
    expect(result.body).not.toMatch(/at .*\.ts:\d+/);
    const log = lines.join('');
    expect(log).toContain('req-case-03');
    expect(log).toContain('"rejected":"signature"');
    expect(log).not.toContain('wamid.case03');
    expect(log).not.toContain('5511988887777');
  });

  it('case 04: signatures of the wrong length, non-hex or multibyte are a 401 on every channel, never a 500 or a throw', async () => {
    pipeline = await startPipeline(table);
    const raw = metaEscapedWhatsappText('wamid.case04');
    const bad = ['sha256=abc', `sha256=${'a'.repeat(65)}`, `sha256=${'é'.repeat(64)}`, 'é'.repeat(71), ''];
    for (const signature of bad) {
      for (const path of ['/webhooks/whatsapp', '/webhooks/messenger']) {
        const outcome = await pipeline.post(
          httpRequest(path, raw, { ...json, 'x-hub-signature-256': signature }),
        );
        expect(outcome.response.statusCode).toBe(401);
      }
      const telegram = await pipeline.post(
        httpRequest('/webhooks/telegram', '{"update_id":1}', {
          ...json,
          'x-telegram-bot-api-secret-token': signature,
        }),
      );
      expect(telegram.response.statusCode).toBe(401);
      const sms = await pipeline.post(
        httpRequest('/webhooks/sms', 'MessageSid=SM1&Body=hi', {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signature,
        }),
      );
      expect(sms.response.statusCode).toBe(401);
    }
    expect(queuedEvents()).toHaveLength(0);
  });

  it('case 05: a body changed by one byte, or signed with another app secret, is refused', async () => {
    pipeline = await startPipeline(table);
    const raw = metaEscapedWhatsappText('wamid.case05');
    const headers = whatsappSigned(raw);
    const changed = Buffer.from(raw);
    changed[changed.length - 5] = (changed[changed.length - 5] as number) ^ 0x01;

    expect(
      (await pipeline.post(httpRequest('/webhooks/whatsapp', changed, headers))).response.statusCode,
    ).toBe(401);
    const otherSecret = whatsappSigned(raw, 'another-apps-secret');
    expect(
      (await pipeline.post(httpRequest('/webhooks/whatsapp', raw, otherSecret))).response.statusCode,
    ).toBe(401);
    expect((await pipeline.post(httpRequest('/webhooks/whatsapp', raw, headers))).response.statusCode).toBe(
      200,
    );
    expect(queuedEvents()).toHaveLength(1);
  });

  it('case 06: a Telegram secret token that is missing, wrong or in the wrong case is refused', async () => {
    pipeline = await startPipeline(table);
    const update = pipeline.signed('telegram', { from: '4242', id: 6006, text: 'hi', timestamp: 1764115200 });
    const secret = LOCAL_DEFAULTS.TELEGRAM_WEBHOOK_SECRET;
    for (const token of [undefined, 'wrong', secret.toUpperCase(), `${secret} `]) {
      const headers: Record<string, string> = { ...json };
      if (token !== undefined) headers['x-telegram-bot-api-secret-token'] = token;
      expect((await pipeline.post(httpRequest(update.path, update.body, headers))).response.statusCode).toBe(
        401,
      );
    }
    expect((await pipeline.postSigned(update)).response.statusCode).toBe(200);
    expect(queuedEvents()).toHaveLength(1);
  });

  it('case 07: Twilio signatures are checked against the configured public URL; tampered params and JSON body hashes are refused', async () => {
    pipeline = await startPipeline(table);
    const params = {
      MessageSid: 'SMcase07',
      AccountSid: LOCAL_DEFAULTS.TWILIO_ACCOUNT_SID,
      From: '+48600100777',
      To: '+15017122661',
      Body: 'hello',
    };
    const form = new URLSearchParams(params).toString();
    const post = (body: string, signature: string, headers = {}) =>
      pipeline.post(
        httpRequest('/webhooks/sms', body, {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signature,
          ...headers,
        }),
      );
    const token = LOCAL_DEFAULTS.TWILIO_AUTH_TOKEN;
    // Signed for the API Gateway stage URL, or http behind a proxy: not the URL Twilio was given.
    for (const url of [
      'https://abc.execute-api.eu-west-1.amazonaws.com/prod/webhooks/sms',
      'http://hooks.example.test/webhooks/sms',
    ]) {
      expect((await post(form, signTwilioRequest(token, url, params))).response.statusCode).toBe(401);
    }
    // The Host header is never trusted for the URL: only PUBLIC_BASE_URL is.
    const signed = signTwilioRequest(token, SMS_URL, params);
    expect((await post(form, signed, { host: 'evil.example' })).response.statusCode).toBe(200);
    const tampered = new URLSearchParams({ ...params, Body: 'hellO' }).toString();
    expect((await post(tampered, signed)).response.statusCode).toBe(401);

    const jsonBody = '{"MessageSid":"SMjson07","Body":"hi"}';
    const jsonSigned = signTwilioJsonRequest(token, SMS_URL, jsonBody);
    const rawQuery = jsonSigned.url.split('?')[1] ?? '';
    const jsonPost = (body: string) =>
      pipeline.post({
        ...httpRequest('/webhooks/sms', body, { ...json, 'x-twilio-signature': jsonSigned.signature }),
        rawQuery,
      });
    expect((await jsonPost('{"MessageSid":"SMjson07","Body":"hI"}')).response.statusCode).toBe(401);
    expect((await jsonPost(jsonBody)).response.statusCode).toBe(200);
  });

  it('case 08: a Twilio form with +, %20, emoji, repeated keys and an empty Body verifies, and the text is kept exactly', async () => {
    pipeline = await startPipeline(table);
    const token = LOCAL_DEFAULTS.TWILIO_AUTH_TOKEN;
    const base = {
      AccountSid: LOCAL_DEFAULTS.TWILIO_ACCOUNT_SID,
      From: '+48600100888',
      To: '+15017122661',
    };
    const texts = ['1 + 1 = 2', 'a%20b is literal', 'emoji 😀 and ł', ''];
    for (const [index, text] of texts.entries()) {
      const sid = `SMcase08${index}`;
      // Hand-written encoding: spaces as +, a literal "+" as %2B, a literal "%20" as %2520.
      const body = `MessageSid=${sid}&AccountSid=${base.AccountSid}&From=%2B48600100888&To=%2B15017122661&Body=${encodeURIComponent(text).replaceAll('%20', '+')}&Tag=x&Tag=y`;
      const signature = signTwilioRequest(token, SMS_URL, {
        ...base,
        MessageSid: sid,
        Body: text,
        Tag: ['x', 'y'],
      });
      const outcome = await pipeline.post(
        httpRequest('/webhooks/sms', body, {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signature,
        }),
      );
      expect(outcome.response.statusCode).toBe(200);
    }
    expect(queuedEvents().map((event) => (event as CustomerMessage).text)).toEqual(texts);
  });

  it('case 09: the Meta GET handshake echoes the challenge as text/plain for the right token, 403 otherwise', async () => {
    pipeline = await startPipeline(table);
    const handshake = (token: string, challenge: string) =>
      pipeline.post({
        ...httpRequest('/webhooks/whatsapp', '', {}, 'GET'),
        query: { 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': challenge },
      });
    const ok = await handshake(LOCAL_DEFAULTS.WHATSAPP_VERIFY_TOKEN, '<b>1158201444</b>');
    expect(ok.response.statusCode).toBe(200);
    expect(ok.response.headers['content-type']).toMatch(/^text\/plain/);
    expect((await handshake('wrong', '1158201444')).response.statusCode).toBe(403);
  });

  it('case 10: oversize, 10 000-deep JSON, invalid UTF-8 and lying content types get 413/400/415 with a code, signed or not, and never throw', async () => {
    pipeline = await startPipeline(table);
    const adapters = inboundAdapters();
    const cases: Array<{ path: string; body: Buffer; contentType: string; status: number; code: string }> =
      [];
    for (const [channel, adapter] of Object.entries(adapters)) {
      cases.push({
        path: `/webhooks/${channel}`,
        body: Buffer.alloc(adapter.body.maxBytes + 1, 0x20),
        contentType: adapter.body.contentTypes[0] as string,
        status: 413,
        code: 'body_too_large',
      });
      for (const contentType of ['text/html', 'multipart/form-data; boundary=x', 'application/xml']) {
        cases.push({
          path: `/webhooks/${channel}`,
          body: Buffer.from('{}'),
          contentType,
          status: 415,
          code: 'unsupported_media_type',
        });
      }
      cases.push({
        path: `/webhooks/${channel}`,
        body: Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
        contentType: adapter.body.contentTypes[0] as string,
        status: 400,
        code: 'invalid_utf8',
      });
    }
    for (const channel of ['whatsapp', 'messenger', 'telegram']) {
      cases.push({
        path: `/webhooks/${channel}`,
        body: Buffer.from(`${'['.repeat(10_000)}${']'.repeat(10_000)}`),
        contentType: 'application/json',
        status: 400,
        code: 'json_too_deep',
      });
    }
    for (const { path, body, contentType, status, code } of cases) {
      // Signed correctly too: these checks do not depend on who sent the body.
      const outcome = await pipeline.post(
        httpRequest(path, body, {
          'content-type': contentType,
          'x-hub-signature-256': signMetaBody(body, LOCAL_DEFAULTS.WHATSAPP_APP_SECRET),
          'x-telegram-bot-api-secret-token': LOCAL_DEFAULTS.TELEGRAM_WEBHOOK_SECRET,
        }),
      );
      expect({ path, contentType, status: outcome.response.statusCode }).toEqual({
        path,
        contentType,
        status,
      });
      expect(errorCode(outcome.response.body)).toBe(code);
    }
    // Depth exactly at the limit is fine (it then fails only as an unsigned request would).
    const atLimit = Buffer.from(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`);
    expect(
      (await pipeline.post(httpRequest('/webhooks/whatsapp', atLimit, whatsappSigned(atLimit.toString()))))
        .response.statusCode,
    ).toBe(200);
    expect(queuedEvents().map((event) => event.kind)).toEqual(['unsupported']);
  });

  it('case 11: a verified update of a kind we do not act on is acknowledged 200, kept, and never answered', async () => {
    pipeline = await startPipeline(table);
    const value = (field: string, extra: object) =>
      JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [{ id: '102290129340398', changes: [{ field, value: extra }] }],
      });
    const bodies = [
      value('message_template_status_update', { event: 'APPROVED', message_template_id: 1 }),
      value('a_field_meta_adds_next_year', { anything: [1, 2, 3] }),
      value('messages', {
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
        messages: [{ from: '5511911112222', id: 'wamid.case11', timestamp: '1764115200', type: 'hologram' }],
      }),
    ];
    for (const body of bodies) {
      const outcome = await pipeline.post(httpRequest('/webhooks/whatsapp', body, whatsappSigned(body)));
      expect(outcome.response.statusCode).toBe(200);
    }
    expect(queuedEvents().length).toBeGreaterThanOrEqual(3);
    await pipeline.drain();
    expect(pipeline.platforms.sends).toHaveLength(0);
    expect(pipeline.queues.inboundDlq.stats().visible).toBe(0);
  });

  it('case 12: one Meta POST with 3 entries × 2 changes and a malformed message enqueues every good message once, in order, and keeps the bad one', async () => {
    pipeline = await startPipeline(table);
    const waId = '5511933334444';
    const message = (id: string) => ({
      from: waId,
      id,
      timestamp: '1764115200',
      type: 'text',
      text: { body: id },
    });
    let n = 0;
    const entries = [0, 1, 2].map((entry) => ({
      id: '102290129340398',
      changes: [0, 1].map((change) => ({
        field: 'messages',
        value: {
          messaging_product: 'whatsapp',
          metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
          contacts: [{ profile: { name: 'Ana' }, wa_id: waId }],
          messages:
            entry === 1 && change === 0
              ? [message(`wamid.c12-${n++}`), { from: waId, type: 'text' }, message(`wamid.c12-${n++}`)]
              : [message(`wamid.c12-${n++}`), message(`wamid.c12-${n++}`)],
        },
      })),
    }));
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: entries });

    const outcome = await pipeline.post(httpRequest('/webhooks/whatsapp', body, whatsappSigned(body)));
    expect(outcome.response.statusCode).toBe(200);
    await pipeline.post(httpRequest('/webhooks/whatsapp', body, whatsappSigned(body)));

    const events = queuedEvents();
    const texts = events
      .filter((event) => event.kind === 'message')
      .map((event) => (event as CustomerMessage).text);
    expect(texts).toEqual(Array.from({ length: 12 }, (_, index) => `wamid.c12-${index}`));
    expect(events.filter((event) => event.kind === 'unsupported')).toHaveLength(1);
    await pipeline.drain();
    expect(pipeline.platforms.sends.map((send) => send.text)).toEqual(texts.map((text) => `echo: ${text}`));
  });

  it('case 13: a captured request replayed hours later is a 200 no-op', async () => {
    pipeline = await startPipeline(table);
    const update = pipeline.signed('telegram', {
      from: '1313',
      id: 131_313,
      text: 'hi',
      timestamp: 1764115200,
    });
    expect((await pipeline.postSigned(update)).response.statusCode).toBe(200);
    await pipeline.drain();
    pipeline.clock.now += 6 * 60 * 60 * 1000;

    expect((await pipeline.postSigned(update)).response.statusCode).toBe(200);
    await pipeline.drain();

    expect(pipeline.platforms.sends).toHaveLength(1);
  });

  it('case 29: with Secrets Manager down and nothing cached the webhook fails closed with 503; a cached secret keeps it working', async () => {
    pipeline = await startPipeline(table);
    const secrets = await fakeSecretsManager();
    process.env.CHANNEL_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:channels';
    process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = secrets.url;
    try {
      const adapters = inboundAdapters();
      const deps = { enqueue: async () => {}, now: () => new Date(), credentialsCanRotate: true };
      const update = pipeline.signed('telegram', {
        from: '2929',
        id: 292_929,
        text: 'hi',
        timestamp: 1764115200,
      });
      const request = () => httpRequest(update.path, update.body, update.headers);

      secrets.up = false;
      const down = await receiveWebhook(request(), adapters.telegram, deps);
      expect(down.response.statusCode).toBe(503);
      expect(errorCode(down.response.body)).toBe('credentials_unavailable');
      expect(down.accepted).toBe(0);

      secrets.up = true;
      expect((await receiveWebhook(request(), adapters.telegram, deps)).response.statusCode).toBe(200);
      secrets.up = false;
      // Cached for five minutes: a throttled Secrets Manager does not stop genuine webhooks.
      expect((await receiveWebhook(request(), adapters.telegram, deps)).response.statusCode).toBe(200);
      // A wrong secret asks for a fresh copy, which fails: closed, never accepted unverified.
      const forged = httpRequest(update.path, update.body, {
        ...json,
        'x-telegram-bot-api-secret-token': 'x',
      });
      expect((await receiveWebhook(forged, adapters.telegram, deps)).response.statusCode).toBe(503);
    } finally {
      delete process.env.CHANNEL_SECRET_ARN;
      delete process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
      await secrets.close();
    }
  });
});

async function importWebhookHandler() {
  // The handler reads its queue URL at import, as at a cold start; a 401 never reaches the queue.
  process.env.INBOUND_QUEUE_URL = 'http://127.0.0.1:9/queue/inbound.fifo';
  return import('../../functions/webhook/handler.ts');
}

function apiGatewayPost(
  path: string,
  body: string,
  headers: Record<string, string>,
  requestId: string,
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `POST ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers,
    body,
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST' }, requestId, domainName: 'hooks.example.test' },
  } as unknown as APIGatewayProxyEventV2;
}

function lambdaContext() {
  return {
    awsRequestId: 'lambda-req',
    functionName: 'webhook',
    functionVersion: '1',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:webhook',
    memoryLimitInMB: '256',
    getRemainingTimeInMillis: () => 10_000,
  } as never;
}

/** Secrets Manager's GetSecretValue on 127.0.0.1, switchable between answering and 503. */
async function fakeSecretsManager() {
  const state = { up: true };
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (!state.up) {
        response.writeHead(503, { 'content-type': 'application/x-amz-json-1.1' });
        response.end('{"__type":"ServiceUnavailable","message":"down"}');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(
        JSON.stringify({
          ARN: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:channels',
          Name: 'channels',
          SecretString: JSON.stringify(LOCAL_DEFAULTS),
          VersionId: 'v1',
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
