import { describe, expect, it } from 'vitest';
import type { TwilioCredentials } from '../../../shared/channels/sms/credentials.ts';
import { smsInboundAdapter } from '../../../shared/channels/sms/inbound.ts';
import { TWILIO_SIGNATURE_HEADER } from '../../../shared/channels/sms/verify.ts';
import type { HttpRequest } from '../../../shared/http/types.ts';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  allPayloads,
  PUBLIC_BASE_URL,
  signedWebhookRequest,
} from '../../unit/shared/channels/sms/twilio-fixtures.ts';

const RECEIVED_AT = new Date('2026-03-04T05:06:07.000Z');
const AT = RECEIVED_AT.toISOString();
const OURS = '+15558675310';
const CUSTOMER = '+15017122661';

/** What each payload means, as Twilio means it. Every payload must have an entry. */
const EXPECTED: Record<string, readonly Record<string, unknown>[]> = {
  'sample/botbuilder_sms_no_media.json': [
    {
      kind: 'message',
      eventId: 'sms:+1111:3333',
      address: { channel: 'sms', accountId: '+1111', userId: '+2222', chatId: '+2222' },
      providerMessageId: '3333',
      text: 'Hello',
      occurredAt: AT,
      profile: { verifiedPhone: '+2222' },
    },
  ],
  'sample/chatwoot_status_delivered.json': [
    {
      kind: 'status',
      eventId: 'sms:+12345:SMd560ac79e4a4d36b3ce59f1f50471986:delivered',
      accountId: '+12345',
      recipientId: 'unknown',
      providerMessageId: 'SMd560ac79e4a4d36b3ce59f1f50471986',
      status: 'delivered',
    },
  ],
  'sample/twilio_cli_plugin_inbound_sms.json': [
    {
      kind: 'message',
      eventId: `sms:${OURS}:SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`,
      address: { channel: 'sms', accountId: OURS, userId: CUSTOMER, chatId: CUSTOMER },
      text: 'Ahoy',
      profile: { verifiedPhone: CUSTOMER },
    },
  ],
  'fixture/doc_inbound_mms_media_only.json': [
    {
      kind: 'message',
      eventId: `sms:${OURS}:MMeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee`,
      address: { userId: '+351912345678' },
      text: '',
      unreadableContent: 'audio',
      attachments: [
        { type: 'audio', mimeType: 'audio/amr' },
        { type: 'document', mimeType: 'application/pdf' },
      ],
    },
  ],
  'fixture/doc_inbound_stop_opt_out_type.json': [
    {
      kind: 'message',
      eventId: `sms:${OURS}:SMdddddddddddddddddddddddddddddddd`,
      text: 'sToP',
      profile: { verifiedPhone: '+48601234567' },
    },
  ],
  'fixture/doc_status_sending_in_flight.json': [
    {
      kind: 'unsupported',
      updateKind: 'status_progress',
      eventId: `sms:${OURS}:SMcccccccccccccccccccccccccccccccc:sending`,
    },
  ],
  'fixture/doc_status_sent.json': [
    {
      kind: 'status',
      eventId: `sms:${OURS}:SMcccccccccccccccccccccccccccccccc:sent`,
      accountId: OURS,
      recipientId: CUSTOMER,
      status: 'sent',
    },
  ],
  'fixture/doc_status_undelivered_30003.json': [
    {
      kind: 'status',
      eventId: `sms:${OURS}:SMcccccccccccccccccccccccccccccccc:undelivered`,
      status: 'failed',
      error: { code: '30003', description: 'Unreachable destination handset' },
    },
  ],
  'fixture/plugin_webhook_inbound_mms.json': [
    {
      kind: 'message',
      eventId: `sms:${OURS}:MMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`,
      text: 'This is MMS type sample',
      attachments: [{ type: 'image', mimeType: 'image/jpeg' }],
    },
  ],
  'fixture/plugin_webhook_whatsapp_inbound.json': [
    {
      kind: 'unsupported',
      updateKind: 'twilio_whatsapp',
      eventId: 'sms:whatsapp:+15558675310:SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    },
  ],
};

const adapter = smsInboundAdapter(
  async (): Promise<TwilioCredentials> => ({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }),
  { publicBaseUrl: PUBLIC_BASE_URL },
);

/** One byte of a parameter value changed (a letter or digit outside any %XX escape), so the parameters differ. */
function withOneByteTampered(request: HttpRequest): HttpRequest {
  const body = Buffer.from(request.rawBody);
  const text = body.toString('latin1');
  for (let index = text.length - 1; index > 0; index--) {
    const inEscape = text[index - 1] === '%' || text[index - 2] === '%';
    if (
      !inEscape &&
      /[A-Za-z0-9]/.test(text[index] as string) &&
      text.lastIndexOf('=', index) > text.lastIndexOf('&', index)
    ) {
      body[index] = text[index] === 'x' ? 0x79 : 0x78;
      return { ...request, rawBody: body };
    }
  }
  throw new Error('no value byte to tamper with');
}

describe('SMS webhook contract: every sample and doc variant', () => {
  const payloads = allPayloads();

  it('has an expectation for every payload and a payload for every expectation', () => {
    expect(payloads.map((one) => one.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  describe.each(payloads)('$name', ({ name, params }) => {
    it('is authentic when signed with our auth token over PUBLIC_BASE_URL + /webhooks/sms', async () => {
      await expect(
        adapter.authenticate(signedWebhookRequest(params), { refreshCredentials: false }),
      ).resolves.toBe(true);
    });

    it('parses into the events Twilio means', async () => {
      const events = await adapter.parse(signedWebhookRequest(params), RECEIVED_AT);
      const expected = EXPECTED[name] ?? [];
      expect(events).toHaveLength(expected.length);
      expected.forEach((event, index) => {
        expect(events[index]).toMatchObject(event);
      });
    });

    it('is rejected when signed with another auth token', async () => {
      const request = signedWebhookRequest(params, 'ffffffffffffffffffffffffffffffff');
      await expect(adapter.authenticate(request, { refreshCredentials: false })).resolves.toBe(false);
    });

    it('is rejected after one byte of the body changes', async () => {
      const tampered = withOneByteTampered(signedWebhookRequest(params));
      await expect(adapter.authenticate(tampered, { refreshCredentials: false })).resolves.toBe(false);
    });

    it('is rejected after one character of the signature changes', async () => {
      const request = signedWebhookRequest(params);
      const signature = request.headers[TWILIO_SIGNATURE_HEADER] ?? '';
      const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
      const tampered = { ...request, headers: { ...request.headers, [TWILIO_SIGNATURE_HEADER]: flipped } };
      await expect(adapter.authenticate(tampered, { refreshCredentials: false })).resolves.toBe(false);
    });
  });
});
