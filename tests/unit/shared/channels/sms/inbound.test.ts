import { describe, expect, it } from 'vitest';
import type { TwilioCredentials } from '../../../../../shared/channels/sms/credentials.ts';
import {
  EMPTY_TWIML,
  SMS_WEBHOOK_PATH,
  smsInboundAdapter,
} from '../../../../../shared/channels/sms/inbound.ts';
import { signTwilioRequest, TWILIO_SIGNATURE_HEADER } from '../../../../../shared/channels/sms/verify.ts';
import type { HttpRequest } from '../../../../../shared/http/types.ts';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  PUBLIC_BASE_URL,
  payload,
  signedWebhookRequest,
  WEBHOOK_PATH,
} from './twilio-fixtures.ts';

function credentialsFake(tokens: { current: string; refreshed?: string }) {
  const asked: boolean[] = [];
  const credentials = async (options: { refresh?: boolean }): Promise<TwilioCredentials> => {
    asked.push(options.refresh === true);
    return {
      accountSid: ACCOUNT_SID,
      authToken: options.refresh ? (tokens.refreshed ?? tokens.current) : tokens.current,
    };
  };
  return { credentials, asked };
}

const adapter = (publicBaseUrl = PUBLIC_BASE_URL, token = AUTH_TOKEN) =>
  smsInboundAdapter(credentialsFake({ current: token }).credentials, { publicBaseUrl });

describe('smsInboundAdapter', () => {
  const params = payload('sample/twilio_cli_plugin_inbound_sms.json');

  it('serves the sms channel at /webhooks/sms', () => {
    expect(adapter().channel).toBe('sms');
    expect(SMS_WEBHOOK_PATH).toBe(WEBHOOK_PATH);
  });

  it('accepts a request signed over PUBLIC_BASE_URL + path', async () => {
    await expect(
      adapter().authenticate(signedWebhookRequest(params), { refreshCredentials: false }),
    ).resolves.toBe(true);
  });

  it('accepts it whether PUBLIC_BASE_URL is configured with a trailing slash or not', async () => {
    const request = signedWebhookRequest(params);
    await expect(
      adapter(PUBLIC_BASE_URL.replace(/\/$/, '')).authenticate(request, { refreshCredentials: false }),
    ).resolves.toBe(true);
  });

  it('rejects the request when PUBLIC_BASE_URL names another host, whatever the Host header says', async () => {
    const request = signedWebhookRequest(params);
    const spoofed = {
      ...request,
      headers: { ...request.headers, host: 'abc123.execute-api.eu-west-1.amazonaws.com' },
    };
    await expect(
      adapter('https://other.example.com/').authenticate(spoofed, { refreshCredentials: false }),
    ).resolves.toBe(false);
  });

  it('rejects a request signed with another token, and one without the header', async () => {
    const request = signedWebhookRequest(params, 'another-token');
    await expect(adapter().authenticate(request, { refreshCredentials: false })).resolves.toBe(false);
    const { [TWILIO_SIGNATURE_HEADER]: _removed, ...headers } = signedWebhookRequest(params).headers;
    await expect(
      adapter().authenticate({ ...request, headers }, { refreshCredentials: false }),
    ).resolves.toBe(false);
  });

  it('asks for refreshed credentials when told to (a rotated auth token)', async () => {
    const fake = credentialsFake({ current: 'old-token', refreshed: AUTH_TOKEN });
    const rotated = smsInboundAdapter(fake.credentials, { publicBaseUrl: PUBLIC_BASE_URL });
    const request = signedWebhookRequest(params);
    await expect(rotated.authenticate(request, { refreshCredentials: false })).resolves.toBe(false);
    await expect(rotated.authenticate(request, { refreshCredentials: true })).resolves.toBe(true);
    expect(fake.asked).toEqual([false, true]);
  });

  it('signs over the query string: the raw one when the HTTP layer provides it, else re-encoded', async () => {
    const base = signedWebhookRequest(params);
    const url = `${PUBLIC_BASE_URL.replace(/\/$/, '')}${WEBHOOK_PATH}?tenant=alpha&note=It's`;
    const signed = { ...base.headers, [TWILIO_SIGNATURE_HEADER]: signTwilioRequest(AUTH_TOKEN, url, params) };
    const withRaw = {
      ...base,
      headers: signed,
      query: { tenant: 'alpha', note: "It's" },
      rawQuery: "tenant=alpha&note=It's",
    };
    await expect(adapter().authenticate(withRaw as HttpRequest, { refreshCredentials: false })).resolves.toBe(
      true,
    );
    const decodedOnly: HttpRequest = { ...base, headers: signed, query: { tenant: 'alpha', note: "It's" } };
    await expect(adapter().authenticate(decodedOnly, { refreshCredentials: false })).resolves.toBe(true);
    const otherQuery: HttpRequest = { ...base, headers: signed, query: { tenant: 'beta', note: "It's" } };
    await expect(adapter().authenticate(otherQuery, { refreshCredentials: false })).resolves.toBe(false);
  });

  it('parses the raw body into events', async () => {
    const events = await adapter().parse(signedWebhookRequest(params), new Date('2026-03-04T05:06:07Z'));
    expect(events).toMatchObject([{ kind: 'message', text: 'Ahoy', address: { accountId: '+15558675310' } }]);
  });

  it('answers Twilio with empty TwiML so Twilio sends nothing itself', () => {
    expect(adapter().acceptedResponse?.()).toStrictEqual({
      statusCode: 200,
      headers: { 'content-type': 'text/xml' },
      body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>',
    });
    expect(EMPTY_TWIML).toContain('<Response></Response>');
  });
});
