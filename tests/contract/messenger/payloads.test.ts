import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messengerInboundAdapter } from '../../../shared/channels/messenger/inbound.ts';
import { MESSENGER_SIGNATURE_HEADER, signMessengerBody } from '../../../shared/channels/messenger/verify.ts';
import type { HttpRequest } from '../../../shared/http/types.ts';

/**
 * Every Messenger payload we know (the shared samples and the doc variants in fixtures/, see
 * fixtures/SOURCES.md): signed with the app secret it authenticates and parses into the events the
 * platform means; signed with another secret, or with one byte changed, it does not authenticate.
 */
const repoRoot = resolve(import.meta.dirname, '../../..');
const SAMPLE_DIR = resolve(repoRoot, '../shared/payloads/messenger');
const FIXTURE_DIR = resolve(import.meta.dirname, 'fixtures');
const APP_SECRET = 'contract-app-secret';
const RECEIVED_AT = new Date('2026-03-04T05:06:07.000Z');
const adapter = messengerInboundAdapter(async () => ({
  appSecret: APP_SECRET,
  verifyToken: 'v',
  pageAccessToken: 'p',
}));

const iso = (ms: number) => new Date(ms).toISOString();
const synthetic = (page: string, kind: string, sender: string, time: number | '-') =>
  expect.stringMatching(
    new RegExp(`^messenger:${escapeRegExp(page)}:${kind}:${escapeRegExp(sender)}:${time}:[0-9a-f]{16}$`),
  );
const docAddress = { channel: 'messenger', accountId: '<PAGE_ID>', userId: '<PSID>', chatId: '<PSID>' };
const keroxAddress = { channel: 'messenger', accountId: 'PAGE_ID', userId: 'USER_ID', chatId: 'USER_ID' };
const unsupported = (accountId: string, updateKind: string, eventId: unknown) => ({
  kind: 'unsupported',
  channel: 'messenger',
  accountId,
  updateKind,
  eventId,
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What each payload means, by file name. */
const EXPECTED: Record<string, unknown[]> = {
  'botbuilder_text.json': [
    {
      kind: 'message',
      eventId: 'messenger:0:AAAA-BBBB-CCCC',
      address: { accountId: '0', userId: '0', chatId: '0' },
      text: 'text',
      providerMessageId: 'AAAA-BBBB-CCCC',
    },
  ],
  'doc_delivery_no_timestamp.json': [
    {
      kind: 'status_watermark',
      eventId: synthetic('<PAGE_ID>', 'delivery', '<PSID>', '-'),
      status: 'delivered',
      recipientId: '<PSID>',
      upTo: iso(1458668856253),
      providerMessageIds: ['mid.1458668856218:ed81099e15d3f4f233'],
    },
  ],
  'kerox_postback_with_referral.json': [
    {
      kind: 'tap',
      eventId: synthetic('PAGE_ID', 'postback', 'USER_ID', 1458692752478),
      address: keroxAddress,
      payload: 'USER_DEFINED_PAYLOAD',
      label: 'TITLE_FOR_THE_CTA',
    },
  ],
  'doc_messages_text_quick_reply.json': [
    {
      kind: 'tap',
      eventId: 'messenger:<PAGE_ID>:mid.1457764197618:41d102a3e1ae206a38',
      address: docAddress,
      tapId: 'mid.1457764197618:41d102a3e1ae206a38',
      payload: '<DEVELOPER_DEFINED_PAYLOAD>',
      label: 'hello, world!',
    },
  ],
  'doc_messages_reply_to.json': [
    {
      kind: 'message',
      address: docAddress,
      text: 'hello, world!',
      replyToProviderMessageId: 'm_1fTq8oLumEyIp3Q2MR-aY7IfLZDamVrALniheU',
    },
  ],
  'doc_messages_image_attachment.json': [
    {
      kind: 'message',
      eventId: 'messenger:682498302938465:mid.$cAAJdkrCd2ORnva8ErFhjGm0X_Q_c',
      text: '',
      unreadableContent: 'image',
      attachments: [
        { type: 'image', providerRef: expect.stringMatching(/^https:\/\/scontent\.xx\.fbcdn\.net\//) },
      ],
    },
  ],
  'doc_messages_sticker_transition.json': [
    {
      kind: 'message',
      unreadableContent: 'sticker',
      attachments: [{ type: 'sticker', providerRef: expect.stringMatching(/^https:\/\/scontent/) }],
    },
  ],
  'doc_messages_fallback_link.json': [
    {
      kind: 'message',
      eventId: 'messenger:<PAGE_ID>:m_toDnmD...',
      text: 'This is where I want to go: https://youtu.be/bbo_fZAjIhg',
      occurredAt: iso(1583173666767),
    },
  ],
  'doc_messages_ads_referral.json': [
    {
      kind: 'message',
      text: 'hello, world!',
      referral: {
        source: 'ADS',
        ref: '<REF_DATA_IF_SPECIFIED_IN_THE_AD>',
        adId: '<ID_OF_THE_AD>',
        headline: '<TITLE_OF_THE_AD>',
      },
    },
  ],
  'doc_messages_shops_product.json': [
    { kind: 'message', referral: { source: 'PRODUCT', ref: '<PRODUCT_ID>' } },
  ],
  'doc_messages_commands.json': [
    {
      kind: 'message',
      eventId: 'messenger:<PAGE_ID>:m_3vs...',
      text: 'find flights from SFO to LAX next Thursday',
    },
  ],
  'doc_message_echo_text.json': [
    unsupported(
      '<PAGE_ID>',
      'message_echo',
      'messenger:<PAGE_ID>:message_echo:mid.1457764197618:41d102a3e1ae206a38',
    ),
  ],
  'doc_message_echo_standby_template.json': [
    unsupported(
      '<PAGE_ID>',
      'standby',
      'messenger:<PAGE_ID>:standby:qT7ywaKpO9kkQR7Gv-nM8LIfLZDamVrALniheUYEDdHJXjDXEAyaS1xxONzb2Iv-DFzmTihfWJV012P5pK0AhQ',
    ),
  ],
  'kerox_standby_message.json': [
    unsupported('PAGE_ID', 'standby', 'messenger:PAGE_ID:standby:mid.1457764197618:41d102a3e1ae206a38'),
  ],
  'kerox_reaction.json': [
    {
      kind: 'reaction',
      eventId: synthetic('PAGE_ID', 'reaction', 'USER_ID', 1458668856463),
      address: keroxAddress,
      providerMessageId: '<MID>',
      emoji: '\u2764\uFE0F',
    },
  ],
  'doc_message_edit.json': [
    {
      kind: 'edit',
      eventId: 'messenger:<PAGE_ID>:<MESSAGE_ID>:edit:<INT>',
      address: docAddress,
      providerMessageId: '<MESSAGE_ID>',
      text: '<TEXT>',
    },
  ],
  'doc_message_reads.json': [
    {
      kind: 'status_watermark',
      eventId: synthetic('<PAGE_ID>', 'read', '<PSID>', 1458668856463),
      status: 'read',
      upTo: iso(1458668856253),
      occurredAt: iso(1458668856463),
    },
  ],
  'kerox_referral_shortlink.json': [
    {
      kind: 'message',
      eventId: synthetic('PAGE_ID', 'referral', 'USER_ID', 1458692752478),
      address: keroxAddress,
      text: '',
      referral: { source: 'SHORTLINK', ref: 'REF DATA PASSED IN M.ME PARAM' },
    },
  ],
  'doc_referral_ad.json': [
    {
      kind: 'message',
      text: '',
      referral: { source: 'ADS', adId: '<ID_OF_THE_AD>', headline: '<TITLE_OF_THE_AD>' },
    },
  ],
  'kerox_handover_batch.json': [
    unsupported(
      'PAGE_ID',
      'pass_thread_control',
      synthetic('PAGE_ID', 'pass_thread_control', 'USER_ID', 1458692752478),
    ),
    unsupported(
      'PAGE_ID',
      'take_thread_control',
      synthetic('PAGE_ID', 'take_thread_control', 'USER_ID', 1458692752478),
    ),
    unsupported(
      'PAGE_ID',
      'request_thread_control',
      synthetic('PAGE_ID', 'request_thread_control', 'USER_ID', 1458692752478),
    ),
    unsupported('PAGE_ID', 'app_roles', synthetic('PAGE_ID', 'app_roles', '-', 1458692752478)),
  ],
  'doc_policy_enforcement.json': [
    unsupported(
      'PAGE_ID',
      'policy_enforcement',
      synthetic('PAGE_ID', 'policy_enforcement', '-', 1458692752478),
    ),
  ],
  'kerox_optin_and_account_linking.json': [
    unsupported('PAGE_ID', 'optin', synthetic('PAGE_ID', 'optin', 'USER_ID', 1234567890000)),
    unsupported(
      'PAGE_ID',
      'account_linking',
      synthetic('PAGE_ID', 'account_linking', 'USER_ID', 1234567890000),
    ),
  ],
  'doc_postback_test_notification.json': [
    unsupported('PAGE-ID', 'postback:no_sender', synthetic('PAGE-ID', 'postback', '-', 1527459824000)),
  ],
  'doc_response_feedback.json': [
    unsupported(
      '<PAGE_ID>',
      'response_feedback',
      synthetic('<PAGE_ID>', 'response_feedback', '<PSID>', 1458668856463),
    ),
  ],
  'meta_escaped_unicode_text.json': [
    {
      kind: 'message',
      address: { accountId: '105487398765432', userId: '6543210987654321' },
      text: 'äöå Olá 😀 <b>/ @ %</b>',
      occurredAt: iso(1767225600001),
    },
  ],
};

function payloads(): Array<[string, Buffer]> {
  const read = (dir: string) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .map((name): [string, Buffer] => [name, readFileSync(resolve(dir, name))]);
  return [...read(SAMPLE_DIR), ...read(FIXTURE_DIR)];
}

function signed(rawBody: Buffer, signature: string): HttpRequest {
  return {
    method: 'POST',
    path: '/webhooks/messenger',
    headers: { 'content-type': 'application/json', [MESSENGER_SIGNATURE_HEADER]: signature },
    query: {},
    rawBody,
    requestId: 'contract',
  };
}

describe('Messenger payload contract', () => {
  const all = payloads();

  it('knows what every payload means, and covers all of them', () => {
    expect(all.length).toBe(25);
    expect(all.map(([name]) => name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(all)(
    '%s: signed correctly, authenticates and parses into the events it means',
    async (name, rawBody) => {
      const request = signed(rawBody, signMessengerBody(rawBody, APP_SECRET));
      expect(await adapter.authenticate(request, { refreshCredentials: false })).toBe(true);
      const events = await adapter.parse(request, RECEIVED_AT);
      expect(events).toMatchObject(EXPECTED[name] ?? ['no expectation']);
      expect(events).toHaveLength(EXPECTED[name]?.length ?? -1);
      // Parsing again (a redelivery) gives the same ids.
      expect((await adapter.parse(request, new Date(0))).map((event) => event.eventId)).toEqual(
        events.map((event) => event.eventId),
      );
    },
  );

  it.each(all)('%s: signed with another app secret, does not authenticate', async (_name, rawBody) => {
    const request = signed(rawBody, signMessengerBody(rawBody, 'some-other-app-secret'));
    expect(await adapter.authenticate(request, { refreshCredentials: false })).toBe(false);
  });

  it.each(all)('%s: with one byte of the body changed, does not authenticate', async (_name, rawBody) => {
    const tampered = Buffer.from(rawBody);
    const at = Math.floor(tampered.length / 2);
    tampered[at] = (tampered[at] as number) ^ 0x01;
    const request = signed(tampered, signMessengerBody(rawBody, APP_SECRET));
    expect(await adapter.authenticate(request, { refreshCredentials: false })).toBe(false);
  });

  it('rejects the escaped-unicode payload when signed over its re-serialised JSON', async () => {
    const rawBody = readFileSync(resolve(FIXTURE_DIR, 'meta_escaped_unicode_text.json'));
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(rawBody.toString('utf8'))));
    const request = signed(rawBody, signMessengerBody(reserialised, APP_SECRET));
    expect(await adapter.authenticate(request, { refreshCredentials: false })).toBe(false);
  });
});
