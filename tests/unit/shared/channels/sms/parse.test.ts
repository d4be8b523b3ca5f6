import { describe, expect, it } from 'vitest';
import { encodeForm } from '../../../../../shared/channels/sms/form.ts';
import { parseTwilioWebhook } from '../../../../../shared/channels/sms/parse.ts';
import { deliveryReference } from '../../../../../shared/domain/delivery-reference.ts';
import type { CustomerMessage, InboundEvent } from '../../../../../shared/domain/events.ts';
import { AWKWARD_ALPHABET, seededRandom } from '../../../helpers/seeded-random.ts';
import { allPayloads, type FormParams, payload } from './twilio-fixtures.ts';

const RECEIVED_AT = new Date('2026-03-04T05:06:07.000Z');
const AT = RECEIVED_AT.toISOString();
const OUR_NUMBER = '+15558675310';
const CUSTOMER = '+15017122661';

function parse(params: FormParams | string): InboundEvent[] {
  return parseTwilioWebhook(typeof params === 'string' ? params : encodeForm(params), RECEIVED_AT);
}

function only(events: InboundEvent[]): InboundEvent {
  expect(events).toHaveLength(1);
  return events[0] as InboundEvent;
}

function inbound(extra: FormParams = {}): FormParams {
  return {
    AccountSid: 'ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
    ApiVersion: '2010-04-01',
    Body: 'Olá',
    From: CUSTOMER,
    To: OUR_NUMBER,
    MessageSid: 'SM11111111111111111111111111111111',
    SmsMessageSid: 'SM11111111111111111111111111111111',
    SmsSid: 'SM11111111111111111111111111111111',
    SmsStatus: 'received',
    NumMedia: '0',
    NumSegments: '1',
    ...extra,
  };
}

function statusCallback(status: string, extra: FormParams = {}): FormParams {
  return {
    AccountSid: 'ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
    ApiVersion: '2010-04-01',
    From: OUR_NUMBER,
    To: CUSTOMER,
    MessageSid: 'SM22222222222222222222222222222222',
    SmsSid: 'SM22222222222222222222222222222222',
    MessageStatus: status,
    SmsStatus: status,
    ...extra,
  };
}

describe('parseTwilioWebhook on the sample payloads and doc variants', () => {
  it('finds the three shared samples and the doc-variant fixtures', () => {
    const names = allPayloads().map((one) => one.name);
    expect(names.filter((name) => name.startsWith('sample/'))).toHaveLength(3);
    expect(names.filter((name) => name.startsWith('fixture/')).length).toBeGreaterThanOrEqual(7);
  });

  it('parses every payload into exactly one event with a channel-scoped id', () => {
    for (const { name, params } of allPayloads()) {
      const event = only(parse(params));
      expect(event.eventId, name).toMatch(/^sms:/);
      expect(event.kind === 'unsupported' ? event.updateKind : event.kind, name).not.toBe('unparseable');
    }
  });

  it('reads the botbuilder sample (empty geo fields, fake short numbers) as a plain message', () => {
    expect(only(parse(payload('sample/botbuilder_sms_no_media.json')))).toStrictEqual({
      kind: 'message',
      eventId: 'sms:+1111:3333',
      address: { channel: 'sms', accountId: '+1111', userId: '+2222', chatId: '+2222' },
      occurredAt: AT,
      providerMessageId: '3333',
      text: 'Hello',
      profile: { verifiedPhone: '+2222' },
    });
  });

  it('reads the Twilio CLI sample (AddOns JSON string, geo fields) as a message from the customer', () => {
    expect(only(parse(payload('sample/twilio_cli_plugin_inbound_sms.json')))).toStrictEqual({
      kind: 'message',
      eventId: `sms:${OUR_NUMBER}:SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`,
      address: { channel: 'sms', accountId: OUR_NUMBER, userId: CUSTOMER, chatId: CUSTOMER },
      occurredAt: AT,
      providerMessageId: 'SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      text: 'Ahoy',
      profile: { verifiedPhone: CUSTOMER },
    });
  });

  it('reads the Chatwoot delivered callback, which has no To, as a delivered status', () => {
    expect(only(parse(payload('sample/chatwoot_status_delivered.json')))).toStrictEqual({
      kind: 'status',
      eventId: 'sms:+12345:SMd560ac79e4a4d36b3ce59f1f50471986:delivered',
      channel: 'sms',
      accountId: '+12345',
      recipientId: 'unknown',
      providerMessageId: 'SMd560ac79e4a4d36b3ce59f1f50471986',
      status: 'delivered',
      occurredAt: AT,
    });
  });

  it('reads an MMS image as an attachment whose reference is the media URL on api.twilio.com', () => {
    const event = only(parse(payload('fixture/plugin_webhook_inbound_mms.json'))) as CustomerMessage;
    expect(event.kind).toBe('message');
    expect(event.text).toBe('This is MMS type sample');
    expect(event.unreadableContent).toBeUndefined();
    expect(event.attachments).toStrictEqual([
      {
        type: 'image',
        mimeType: 'image/jpeg',
        providerRef:
          'https://api.twilio.com/2010-04-01/Accounts/ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/Messages/MMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Media/MEaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      },
    ]);
  });

  it('marks media without text as unreadable, naming the first kind, and keeps every attachment', () => {
    const event = only(parse(payload('fixture/doc_inbound_mms_media_only.json'))) as CustomerMessage;
    expect(event.text).toBe('');
    expect(event.unreadableContent).toBe('audio');
    expect(event.attachments?.map((one) => [one.type, one.mimeType])).toEqual([
      ['audio', 'audio/amr'],
      ['document', 'application/pdf'],
    ]);
    expect(event.profile).toEqual({ verifiedPhone: '+351912345678' });
  });

  it('keeps a STOP message (OptOutType=STOP) as the customer wrote it, for the worker to honour', () => {
    const event = only(parse(payload('fixture/doc_inbound_stop_opt_out_type.json'))) as CustomerMessage;
    expect(event).toMatchObject({ kind: 'message', text: 'sToP', address: { userId: '+48601234567' } });
  });

  it('acknowledges WhatsApp over Twilio as unsupported, keyed by our WhatsApp address and MessageSid', () => {
    expect(only(parse(payload('fixture/plugin_webhook_whatsapp_inbound.json')))).toMatchObject({
      kind: 'unsupported',
      updateKind: 'twilio_whatsapp',
      accountId: 'whatsapp:+15558675310',
      eventId: 'sms:whatsapp:+15558675310:SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    });
  });

  it('reads undelivered with ErrorCode 30003 as failed with the carrier error', () => {
    expect(only(parse(payload('fixture/doc_status_undelivered_30003.json')))).toStrictEqual({
      kind: 'status',
      eventId: `sms:${OUR_NUMBER}:SMcccccccccccccccccccccccccccccccc:undelivered`,
      channel: 'sms',
      accountId: OUR_NUMBER,
      recipientId: CUSTOMER,
      providerMessageId: 'SMcccccccccccccccccccccccccccccccc',
      status: 'failed',
      occurredAt: AT,
      error: { code: '30003', description: 'Unreachable destination handset' },
    });
  });

  it("names our message from the StatusCallback URL's ref, and ignores a ref that is not our tag", () => {
    const sent = encodeForm(payload('fixture/doc_status_undelivered_30003.json'));
    const tag = deliveryReference({ conversationId: 'conv_1', messageId: 'm:1' });
    expect(only(parseTwilioWebhook(sent, RECEIVED_AT, tag))).toMatchObject({
      kind: 'status',
      reference: { conversationId: 'conv_1', messageId: 'm:1' },
    });
    expect(only(parseTwilioWebhook(sent, RECEIVED_AT, 'someone-else'))).not.toHaveProperty('reference');
  });

  it('counts the in-flight "sending" status as status_progress, keyed by message and status', () => {
    expect(only(parse(payload('fixture/doc_status_sending_in_flight.json')))).toMatchObject({
      kind: 'unsupported',
      updateKind: 'status_progress',
      accountId: OUR_NUMBER,
      eventId: `sms:${OUR_NUMBER}:SMcccccccccccccccccccccccccccccccc:sending`,
    });
  });
});

describe('parseTwilioWebhook on status callbacks', () => {
  it.each([
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['read', 'read'],
    ['failed', 'failed'],
    ['undelivered', 'failed'],
  ] as const)('maps %s to %s', (twilio, ours) => {
    expect(only(parse(statusCallback(twilio)))).toMatchObject({ kind: 'status', status: ours });
  });

  it('gives delivered and read of one message distinct, stable ids', () => {
    const delivered = only(parse(statusCallback('delivered')));
    const read = only(parse(statusCallback('read')));
    expect(delivered.eventId).not.toBe(read.eventId);
    expect(only(parse(statusCallback('delivered'))).eventId).toBe(delivered.eventId);
  });

  it.each(['queued', 'sending', 'accepted', 'scheduled'])('counts %s as status_progress', (status) => {
    expect(only(parse(statusCallback(status)))).toMatchObject({
      kind: 'unsupported',
      updateKind: 'status_progress',
    });
  });

  it.each(['canceled', 'partially_delivered', 'something_new'])(
    'keeps %s as unsupported status:<value>',
    (status) => {
      expect(only(parse(statusCallback(status)))).toMatchObject({
        kind: 'unsupported',
        updateKind: `status:${status}`,
      });
    },
  );

  it('prefers Twilio ErrorMessage when present, and describes a failure without a code', () => {
    expect(
      only(parse(statusCallback('failed', { ErrorCode: '30007', ErrorMessage: 'Carrier violation' }))),
    ).toMatchObject({
      error: { code: '30007', description: 'Carrier violation' },
    });
    expect(only(parse(statusCallback('failed')))).toMatchObject({ error: { code: 'failed' } });
    expect(only(parse(statusCallback('delivered', { ErrorCode: '0' })))).not.toHaveProperty('error');
  });

  it('reads a callback that carries only SmsStatus (older callbacks)', () => {
    const { MessageStatus: _dropped, ...params } = statusCallback('delivered');
    expect(only(parse(params))).toMatchObject({ kind: 'status', status: 'delivered' });
  });

  it('marks status callbacks for WhatsApp senders as twilio_whatsapp, distinct per status', () => {
    const event = only(
      parse(statusCallback('read', { From: 'whatsapp:+15558675310', To: 'whatsapp:+15017122661' })),
    );
    expect(event).toMatchObject({ kind: 'unsupported', updateKind: 'twilio_whatsapp' });
    expect(event.eventId).toBe('sms:whatsapp:+15558675310:SM22222222222222222222222222222222:read');
  });
});

describe('parseTwilioWebhook on inbound messages', () => {
  it('falls back to SmsMessageSid, then SmsSid, when MessageSid is absent', () => {
    const { MessageSid: _m, ...withoutMessageSid } = inbound();
    expect(only(parse(withoutMessageSid))).toMatchObject({
      providerMessageId: 'SM11111111111111111111111111111111',
    });
    expect(only(parse({ From: CUSTOMER, To: OUR_NUMBER, SmsSid: 'SMonly', Body: 'x' }))).toMatchObject({
      providerMessageId: 'SMonly',
    });
  });

  it('keeps the text exactly, including line breaks, "+" and Unicode', () => {
    const text = 'Linha 1\nZażółć gęślą jaźń + 😀 & = %';
    expect(only(parse(inbound({ Body: text })))).toMatchObject({ text });
  });

  it('drops media URLs that are not on a Twilio host (our credentials would go with a fetch)', () => {
    const event = only(
      parse(
        inbound({
          Body: '',
          NumMedia: '2',
          MediaUrl0: 'https://evil.example/steal',
          MediaContentType0: 'image/png',
          MediaUrl1: 'http://api.twilio.com/insecure',
          MediaContentType1: 'image/png',
        }),
      ),
    ) as CustomerMessage;
    expect(event.attachments).toBeUndefined();
    expect(event.unreadableContent).toBe('media');
  });

  it('classifies media by content type: image, audio, video, anything else a document', () => {
    const url = (n: number) => `https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME${n}`;
    const event = only(
      parse(
        inbound({
          NumMedia: '4',
          MediaUrl0: url(0),
          MediaContentType0: 'image/gif',
          MediaUrl1: url(1),
          MediaContentType1: 'video/mp4',
          MediaUrl2: url(2),
          MediaContentType2: 'text/vcard',
          MediaUrl3: url(3),
        }),
      ),
    ) as CustomerMessage;
    expect(event.attachments?.map((one) => one.type)).toEqual(['image', 'video', 'document', 'document']);
    expect(event.unreadableContent).toBeUndefined();
  });

  it('reads a relayed location and marks it unreadable when there is no text', () => {
    const event = only(
      parse(inbound({ Body: '', Latitude: '38.7223', Longitude: '-9.1393', Label: 'Lisboa' })),
    );
    expect(event).toMatchObject({
      location: { latitude: 38.7223, longitude: -9.1393, name: 'Lisboa' },
      unreadableContent: 'location',
    });
    expect(only(parse(inbound({ Latitude: '', Longitude: '' })))).not.toHaveProperty('location');
    expect(only(parse(inbound({ Latitude: '91', Longitude: '0' })))).not.toHaveProperty('location');
  });

  it('vouches for the phone only when From is an E.164 number', () => {
    expect(only(parse(inbound({ From: 'MyBrand' })))).toMatchObject({ profile: {} });
    expect(only(parse(inbound({ From: '+0123456' })))).toMatchObject({ profile: {} });
  });

  it('treats a message without From or To as unparseable (it cannot be answered)', () => {
    const { To: _to, ...withoutTo } = inbound();
    expect(only(parse(withoutTo))).toMatchObject({
      kind: 'unsupported',
      updateKind: 'unparseable',
      accountId: 'unknown',
    });
    const { From: _from, ...withoutFrom } = inbound();
    expect(only(parse(withoutFrom))).toMatchObject({ updateKind: 'unparseable', accountId: OUR_NUMBER });
  });

  it('reads the same parameters sent as a JSON object', () => {
    expect(only(parse(JSON.stringify(inbound())))).toMatchObject({ kind: 'message', text: 'Olá' });
  });
});

describe('parseTwilioWebhook on bodies it cannot read', () => {
  it.each([
    ['an empty body', ''],
    ['plain text', 'hello there'],
    ['a JSON array', '[1,2]'],
    ['broken JSON', '{"MessageSid":'],
    ['a form without MessageSid', 'From=%2B1&To=%2B2&Body=hi'],
  ])('turns %s into one unparseable event with a body-derived id', (_name, body) => {
    const event = only(parse(body));
    expect(event).toMatchObject({
      kind: 'unsupported',
      updateKind: 'unparseable',
      channel: 'sms',
      raw: body,
    });
    expect(event.eventId).toMatch(/^sms:(unknown|\+2):body:[0-9a-f]{32}$/);
    expect(only(parse(body)).eventId).toBe(event.eventId);
  });

  it('keeps at most 64 KiB of a huge body', () => {
    const event = only(parse('x'.repeat(200_000)));
    expect(event.kind === 'unsupported' && event.raw.length).toBe(65_536);
  });

  it('never throws and always yields one well-formed event for 2000 seeded mutations of the payloads', () => {
    const random = seededRandom(0x5e5a11);
    const bodies = allPayloads().map(({ params }) => encodeForm(params));
    const kinds = new Set<string>();
    for (let iteration = 0; iteration < 2000; iteration++) {
      const body = mutate(random.pick(bodies), random);
      let events: InboundEvent[] = [];
      expect(() => {
        events = parseTwilioWebhook(body, RECEIVED_AT);
      }, `iteration ${iteration}`).not.toThrow();
      expect(events, `iteration ${iteration}`).toHaveLength(1);
      const [event] = events;
      expect(event?.eventId.startsWith('sms:'), `iteration ${iteration}`).toBe(true);
      if (event?.kind === 'unsupported') expect(event.raw.length).toBeLessThanOrEqual(65_536);
      if (event?.kind === 'message') expect(event.address.accountId).not.toBe('');
      kinds.add(event?.kind === 'unsupported' ? event.updateKind : (event?.kind ?? ''));
    }
    // The mutations must reach every path, or the loop proves little.
    expect([...kinds]).toEqual(
      expect.arrayContaining(['message', 'status', 'unparseable', 'twilio_whatsapp']),
    );
  });
});

function mutate(body: string, random: ReturnType<typeof seededRandom>): string {
  const at = random.int(0, Math.max(0, body.length - 1));
  switch (random.int(0, 5)) {
    case 0:
      return body.slice(0, at);
    case 1:
      return body.slice(0, at) + random.stringFrom(AWKWARD_ALPHABET, random.int(1, 20)) + body.slice(at);
    case 2:
      return body.slice(0, at) + body.slice(at + random.int(1, 30));
    case 3: {
      const name = random.pick(['MessageStatus', 'NumMedia', 'MediaUrl0', 'Latitude', 'From', 'To']);
      return `${body}&${encodeForm({ [name]: random.stringFrom(AWKWARD_ALPHABET, random.int(0, 12)) })}`;
    }
    case 4:
      return body.replace(/%[0-9A-F]{2}/, random.pick(['%', '%G1', '%E2%82', '%00']));
    default:
      return random.stringFrom(AWKWARD_ALPHABET, random.int(0, 200));
  }
}
