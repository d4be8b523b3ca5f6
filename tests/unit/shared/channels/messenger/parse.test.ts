import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessengerWebhook } from '../../../../../shared/channels/messenger/parse.ts';
import { deliveryReference } from '../../../../../shared/domain/delivery-reference.ts';
import type { InboundEvent } from '../../../../../shared/domain/events.ts';

const repoRoot = resolve(import.meta.dirname, '../../../../..');
/** The shared folder sits beside the repository, here and in CI. */
const payloadDir = resolve(repoRoot, '../shared/payloads/messenger');

const PAGE = '105487398765432';
const PSID = '6543210987654321';
const RECEIVED_AT = new Date('2026-03-04T05:06:07.000Z');
const SENT_AT = 1_767_225_600_123;
const CDN_URL = 'https://scontent.xx.fbcdn.net/v/t1.15752-9/photo_n.jpg?_nc_cat=1&oh=abc';
const ADDRESS = { channel: 'messenger', accountId: PAGE, userId: PSID, chatId: PSID } as const;

function sample(name: string): string {
  return readFileSync(resolve(payloadDir, name), 'utf8');
}

/** One Page entry carrying these messaging events, as Meta sends them. */
function pageBody(events: readonly Record<string, unknown>[], page = PAGE): string {
  return JSON.stringify({ object: 'page', entry: [{ id: page, time: SENT_AT + 500, messaging: events }] });
}

/** A messaging event from the customer to the Page. */
function fromCustomer(
  kind: Record<string, unknown>,
  at: { timestamp?: unknown } = { timestamp: SENT_AT },
): Record<string, unknown> {
  return { sender: { id: PSID }, recipient: { id: PAGE }, ...at, ...kind };
}

function parseOne(event: Record<string, unknown>): InboundEvent {
  const events = parseMessengerWebhook(pageBody([event]), RECEIVED_AT);
  expect(events).toHaveLength(1);
  return events[0] as InboundEvent;
}

describe('parseMessengerWebhook on the sample payloads', () => {
  it('finds the sample payloads beside the repository and reads each into supported events', () => {
    const files = readdirSync(payloadDir).filter((name) => name.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const name of files) {
      const events = parseMessengerWebhook(sample(name), RECEIVED_AT);
      expect(events.length, name).toBe(1);
      expect(events[0]?.kind, name).not.toBe('unsupported');
    }
  });

  it('reads the botbuilder text sample (ids "0", tiny fake timestamps) as a text message', () => {
    const [event] = parseMessengerWebhook(sample('botbuilder_text.json'), RECEIVED_AT);
    expect(event).toStrictEqual({
      kind: 'message',
      eventId: 'messenger:0:AAAA-BBBB-CCCC',
      address: { channel: 'messenger', accountId: '0', userId: '0', chatId: '0' },
      // 2222222 is read as seconds: as milliseconds no Messenger event could be that old.
      occurredAt: new Date(2_222_222_000).toISOString(),
      providerMessageId: 'AAAA-BBBB-CCCC',
      text: 'text',
      profile: {},
    });
  });

  it('reads the doc delivery sample (no timestamp) as a delivered watermark with its mids', () => {
    const [event] = parseMessengerWebhook(sample('doc_delivery_no_timestamp.json'), RECEIVED_AT);
    expect(event).toMatchObject({
      kind: 'status_watermark',
      channel: 'messenger',
      accountId: '<PAGE_ID>',
      recipientId: '<PSID>',
      status: 'delivered',
      upTo: new Date(1_458_668_856_253).toISOString(),
      providerMessageIds: ['mid.1458668856218:ed81099e15d3f4f233'],
      // No timestamp: the entry's time is when it happened.
      occurredAt: new Date(1_458_668_856_253).toISOString(),
    });
    expect(event?.eventId).toMatch(/^messenger:<PAGE_ID>:delivery:<PSID>:-:[0-9a-f]{16}$/);
  });

  it('reads the postback sample (no mid) as a tap with payload and title, keyed without a mid', () => {
    const [event] = parseMessengerWebhook(sample('kerox_postback_with_referral.json'), RECEIVED_AT);
    expect(event).toMatchObject({
      kind: 'tap',
      address: { channel: 'messenger', accountId: 'PAGE_ID', userId: 'USER_ID', chatId: 'USER_ID' },
      occurredAt: new Date(1_458_692_752_478).toISOString(),
      payload: 'USER_DEFINED_PAYLOAD',
      label: 'TITLE_FOR_THE_CTA',
      profile: {},
    });
    expect(event?.eventId).toMatch(/^messenger:PAGE_ID:postback:USER_ID:1458692752478:[0-9a-f]{16}$/);
    expect(event?.kind === 'tap' && event.tapId).toBe(event?.eventId);
  });
});

describe('parseMessengerWebhook on customer messages', () => {
  it('maps a text message to a message keyed by page and mid', () => {
    expect(parseOne(fromCustomer({ message: { mid: 'm_1', text: 'Olá 😀' } }))).toStrictEqual({
      kind: 'message',
      eventId: `messenger:${PAGE}:m_1`,
      address: ADDRESS,
      occurredAt: new Date(SENT_AT).toISOString(),
      providerMessageId: 'm_1',
      text: 'Olá 😀',
      profile: {},
    });
  });

  it('keeps the mid of the message replied to', () => {
    const event = parseOne(fromCustomer({ message: { mid: 'm_2', text: 'this', reply_to: { mid: 'm_0' } } }));
    expect(event).toMatchObject({ kind: 'message', replyToProviderMessageId: 'm_0' });
  });

  it.each([
    ['image', 'image'],
    ['audio', 'audio'],
    ['video', 'video'],
    ['file', 'document'],
  ] as const)(
    'keeps an %s on Meta CDN as a %s attachment and marks it unreadable',
    (wireType, domainType) => {
      const event = parseOne(
        fromCustomer({
          message: { mid: 'm_3', attachments: [{ type: wireType, payload: { url: CDN_URL } }] },
        }),
      );
      expect(event).toMatchObject({
        kind: 'message',
        text: '',
        unreadableContent: wireType,
        attachments: [{ type: domainType, providerRef: CDN_URL }],
      });
    },
  );

  it('keeps the text of a message with media, without marking it unreadable', () => {
    const event = parseOne(
      fromCustomer({
        message: {
          mid: 'm_4',
          text: 'my parcel',
          attachments: [{ type: 'image', payload: { url: CDN_URL } }],
        },
      }),
    );
    expect(event).toMatchObject({ kind: 'message', text: 'my parcel', attachments: [{ type: 'image' }] });
    expect(event).not.toHaveProperty('unreadableContent');
  });

  it('refuses a media URL that is not on a Meta host or not https as a provider reference', () => {
    for (const url of [
      'https://evil.example/photo.jpg',
      'https://fbcdn.net.evil.example/x.jpg',
      'http://scontent.xx.fbcdn.net/x.jpg',
      'file:///etc/passwd',
      '<ATTACHMENT_URL>',
    ]) {
      const event = parseOne(
        fromCustomer({ message: { mid: 'm_5', attachments: [{ type: 'image', payload: { url } }] } }),
      );
      expect(event, url).toMatchObject({ kind: 'message', unreadableContent: 'image' });
      expect(event, url).not.toHaveProperty('attachments');
    }
  });

  it('reads a sticker sent both as sticker and as image with the same sticker_id (2026 transition) once', () => {
    const payload = { url: CDN_URL, sticker_id: 369239263222822 };
    const event = parseOne(
      fromCustomer({
        message: {
          mid: 'm_6',
          attachments: [
            { type: 'image', payload },
            { type: 'sticker', payload },
          ],
        },
      }),
    );
    expect(event).toMatchObject({
      kind: 'message',
      unreadableContent: 'sticker',
      attachments: [{ type: 'sticker', providerRef: CDN_URL }],
    });
  });

  it('reads a legacy location attachment as a shared location', () => {
    const location = {
      type: 'location',
      title: 'Pinned Location',
      payload: { title: 'Pinned Location', coordinates: { lat: -23.55052, long: -46.633308 } },
    };
    const event = parseOne(fromCustomer({ message: { mid: 'm_7', attachments: [location] } }));
    expect(event).toMatchObject({
      kind: 'message',
      unreadableContent: 'location',
      location: { latitude: -23.55052, longitude: -46.633308, name: 'Pinned Location' },
    });
    expect(event).not.toHaveProperty('attachments');
  });

  it('ignores coordinates outside the globe', () => {
    const location = { type: 'location', payload: { coordinates: { lat: 91, long: 0 } } };
    const event = parseOne(fromCustomer({ message: { mid: 'm_8', attachments: [location] } }));
    expect(event).not.toHaveProperty('location');
  });

  it.each(['fallback', 'template', 'reel', 'ig_reel', 'post', 'appointment_booking', 'something_new'])(
    'marks a message holding only a %s attachment as unreadable with that kind',
    (type) => {
      const event = parseOne(
        fromCustomer({ message: { mid: 'm_9', attachments: [{ type, payload: null }] } }),
      );
      expect(event).toMatchObject({ kind: 'message', text: '', unreadableContent: type });
    },
  );

  it('marks a message with neither text nor attachments as unreadable "unknown"', () => {
    expect(parseOne(fromCustomer({ message: { mid: 'm_10' } }))).toMatchObject({
      unreadableContent: 'unknown',
    });
  });

  it('keeps an ad referral on the message', () => {
    const referral = {
      ref: 'spring',
      ad_id: '6045',
      source: 'ADS',
      type: 'OPEN_THREAD',
      ads_context_data: { ad_title: 'Spring sale' },
    };
    const event = parseOne(fromCustomer({ message: { mid: 'm_11', text: 'hi', referral } }));
    expect(event).toMatchObject({
      kind: 'message',
      referral: { source: 'ADS', ref: 'spring', adId: '6045', headline: 'Spring sale' },
    });
  });

  it('reads a quick-reply answer as a tap with the payload and the title the customer saw', () => {
    const event = parseOne(
      fromCustomer({
        message: { mid: 'm_12', text: 'Talk to a person', quick_reply: { payload: 'menu:human_agent' } },
      }),
    );
    expect(event).toStrictEqual({
      kind: 'tap',
      eventId: `messenger:${PAGE}:m_12`,
      address: ADDRESS,
      occurredAt: new Date(SENT_AT).toISOString(),
      tapId: 'm_12',
      payload: 'menu:human_agent',
      label: 'Talk to a person',
      profile: {},
    });
  });

  it('reads an unsent message (is_deleted) as a deletion of that mid', () => {
    expect(parseOne(fromCustomer({ message: { mid: 'm_13', is_deleted: true } }))).toStrictEqual({
      kind: 'deletion',
      eventId: `messenger:${PAGE}:m_13:deleted`,
      address: ADDRESS,
      occurredAt: new Date(SENT_AT).toISOString(),
      providerMessageId: 'm_13',
      profile: {},
    });
  });

  it('keeps an echo of our own message as unsupported "message_echo" (never answered)', () => {
    const echo = {
      sender: { id: PAGE },
      recipient: { id: PSID },
      timestamp: SENT_AT,
      message: { is_echo: true, app_id: 1517776481860111, mid: 'm_14', text: 'our reply' },
    };
    expect(parseOne(echo)).toMatchObject({
      kind: 'unsupported',
      eventId: `messenger:${PAGE}:message_echo:m_14`,
      accountId: PAGE,
      updateKind: 'message_echo',
    });
  });

  it('reads an echo carrying our tag as the "sent" report of that message, addressed to the customer', () => {
    const tag = deliveryReference({ conversationId: 'conv_1', messageId: 'm-1' });
    const echo = {
      sender: { id: PAGE },
      recipient: { id: PSID },
      timestamp: SENT_AT,
      message: { is_echo: true, app_id: 1517776481860111, mid: 'm_16', text: 'our reply', metadata: tag },
    };
    expect(parseOne(echo)).toStrictEqual({
      kind: 'status',
      eventId: `messenger:${PAGE}:message_echo:m_16`,
      channel: 'messenger',
      accountId: PAGE,
      recipientId: PSID,
      providerMessageId: 'm_16',
      status: 'sent',
      occurredAt: new Date(SENT_AT).toISOString(),
      reference: { conversationId: 'conv_1', messageId: 'm-1' },
    });
  });

  it('keeps a message without mid, or without sender, as unsupported', () => {
    expect(parseOne(fromCustomer({ message: { text: 'no mid' } }))).toMatchObject({
      kind: 'unsupported',
      updateKind: 'message:malformed',
    });
    expect(
      parseOne({ recipient: { id: PAGE }, timestamp: SENT_AT, message: { mid: 'm_15', text: 'x' } }),
    ).toMatchObject({
      kind: 'unsupported',
      updateKind: 'message:no_sender',
    });
  });
});

describe('parseMessengerWebhook on other customer events', () => {
  it('reads a postback with mid as a tap keyed by the mid', () => {
    const event = parseOne(
      fromCustomer({ postback: { mid: 'm_pb', title: 'Get Started', payload: 'GET_STARTED' } }),
    );
    expect(event).toStrictEqual({
      kind: 'tap',
      eventId: `messenger:${PAGE}:m_pb`,
      address: ADDRESS,
      occurredAt: new Date(SENT_AT).toISOString(),
      tapId: 'm_pb',
      payload: 'GET_STARTED',
      label: 'Get Started',
      profile: {},
    });
  });

  it('gives a postback without payload an empty payload', () => {
    expect(parseOne(fromCustomer({ postback: { mid: 'm_pb2', title: 'Menu' } }))).toMatchObject({
      kind: 'tap',
      payload: '',
    });
  });

  it('reads a standalone referral as a message without text carrying the referral, nothing unreadable', () => {
    const event = parseOne(
      fromCustomer({ referral: { ref: 'winter', source: 'SHORTLINK', type: 'OPEN_THREAD' } }),
    );
    expect(event).toMatchObject({
      kind: 'message',
      address: ADDRESS,
      text: '',
      referral: { source: 'SHORTLINK', ref: 'winter' },
    });
    expect(event).not.toHaveProperty('unreadableContent');
    expect(event.eventId).toMatch(new RegExp(`^messenger:${PAGE}:referral:${PSID}:${SENT_AT}:[0-9a-f]{16}$`));
    expect(event.kind === 'message' && event.providerMessageId).toBe(event.eventId);
  });

  it('keeps the chat plugin referer_uri as the referral url', () => {
    const event = parseOne(
      fromCustomer({
        referral: {
          source: 'CUSTOMER_CHAT_PLUGIN',
          type: 'OPEN_THREAD',
          referer_uri: 'https://shop.example/help',
        },
      }),
    );
    expect(event).toMatchObject({
      referral: { source: 'CUSTOMER_CHAT_PLUGIN', url: 'https://shop.example/help' },
    });
  });

  it('reads a reaction as a reaction to the mid, and an unreact as an empty emoji', () => {
    const react = parseOne(
      fromCustomer({ reaction: { reaction: 'love', emoji: '❤️', action: 'react', mid: 'm_ours' } }),
    );
    expect(react).toMatchObject({
      kind: 'reaction',
      address: ADDRESS,
      providerMessageId: 'm_ours',
      emoji: '❤️',
    });
    const unreact = parseOne(
      fromCustomer({ reaction: { action: 'unreact', mid: 'm_ours' } }, { timestamp: SENT_AT + 1000 }),
    );
    expect(unreact).toMatchObject({ kind: 'reaction', providerMessageId: 'm_ours', emoji: '' });
    expect(unreact.eventId).not.toBe(react.eventId);
  });

  it('uses the reaction name when a react carries no emoji', () => {
    expect(
      parseOne(fromCustomer({ reaction: { reaction: 'like', action: 'react', mid: 'm_ours' } })),
    ).toMatchObject({ emoji: 'like' });
  });

  it.each(['message_edit', 'message_edits'])(
    'reads %s as an edit of the mid, one event per num_edit',
    (key) => {
      const first = parseOne(fromCustomer({ [key]: { mid: 'm_e', text: 'second try', num_edit: 1 } }));
      const second = parseOne(
        fromCustomer(
          { [key]: { mid: 'm_e', text: 'third try', num_edit: 2 } },
          { timestamp: SENT_AT + 5000 },
        ),
      );
      expect(first).toStrictEqual({
        kind: 'edit',
        eventId: `messenger:${PAGE}:m_e:edit:1`,
        address: ADDRESS,
        occurredAt: new Date(SENT_AT).toISOString(),
        providerMessageId: 'm_e',
        text: 'second try',
        profile: {},
      });
      expect(second.eventId).toBe(`messenger:${PAGE}:m_e:edit:2`);
    },
  );

  it('gives an edit a different event id from the message it changes', () => {
    const message = parseOne(fromCustomer({ message: { mid: 'm_e', text: 'first' } }));
    const edit = parseOne(fromCustomer({ message_edit: { mid: 'm_e', text: 'second', num_edit: 1 } }));
    expect(edit.eventId).not.toBe(message.eventId);
  });

  it('reads a read receipt as a read watermark; delivered and read of one moment are distinct events', () => {
    const read = parseOne(fromCustomer({ read: { watermark: SENT_AT - 10 } }));
    const delivered = parseOne(fromCustomer({ delivery: { watermark: SENT_AT - 10 } }));
    expect(read).toStrictEqual({
      kind: 'status_watermark',
      eventId: read.eventId,
      channel: 'messenger',
      accountId: PAGE,
      recipientId: PSID,
      status: 'read',
      upTo: new Date(SENT_AT - 10).toISOString(),
      occurredAt: new Date(SENT_AT).toISOString(),
    });
    expect(delivered).toMatchObject({ kind: 'status_watermark', status: 'delivered' });
    expect(delivered).not.toHaveProperty('providerMessageIds');
    expect(read.eventId).not.toBe(delivered.eventId);
  });

  it('keeps a receipt without watermark, or a reaction without mid, as unsupported', () => {
    expect(parseOne(fromCustomer({ read: {} }))).toMatchObject({
      kind: 'unsupported',
      updateKind: 'read:malformed',
    });
    expect(parseOne(fromCustomer({ reaction: { action: 'react', emoji: '👍' } }))).toMatchObject({
      kind: 'unsupported',
      updateKind: 'reaction:malformed',
    });
  });
});

describe('parseMessengerWebhook on events we do not act on', () => {
  it.each([
    ['pass_thread_control', { new_owner_app_id: '123456789', metadata: 'm' }],
    ['take_thread_control', { previous_owner_app_id: 123456789, metadata: 'm' }],
    ['request_thread_control', { requested_owner_app_id: '123456789' }],
    ['optin', { type: 'notification_messages', payload: 'x' }],
    ['account_linking', { status: 'linked', authorization_code: 'code' }],
    ['response_feedback', { feedback: 'Good response', mid: 'm_1' }],
    ['game_play', { game_id: 'g' }],
  ])('keeps %s as unsupported with that kind and the event as raw', (kind, value) => {
    const event = fromCustomer({ [kind]: value });
    const parsed = parseOne(event);
    expect(parsed).toMatchObject({
      kind: 'unsupported',
      channel: 'messenger',
      accountId: PAGE,
      updateKind: kind,
      raw: JSON.stringify(event),
    });
    expect(parsed.eventId).toMatch(new RegExp(`^messenger:${PAGE}:${kind}:${PSID}:${SENT_AT}:[0-9a-f]{16}$`));
  });

  it.each([
    ['policy_enforcement', { action: 'block', reason: 'spam' }],
    ['app_roles', { '123456789': ['primary_receiver'] }],
  ])('keeps the Page-level %s (no sender) as unsupported with that kind', (kind, value) => {
    expect(parseOne({ recipient: { id: PAGE }, timestamp: SENT_AT, [kind]: value })).toMatchObject({
      kind: 'unsupported',
      updateKind: kind,
    });
  });

  it('keeps a customer event without a PSID (chat plugin user_ref) as unsupported "<kind>:no_sender"', () => {
    const event = {
      sender: { user_ref: 'ref-1' },
      recipient: { id: PAGE },
      timestamp: SENT_AT,
      postback: { payload: 'X' },
    };
    expect(parseOne(event)).toMatchObject({ kind: 'unsupported', updateKind: 'postback:no_sender' });
  });

  it('keeps every standby event as unsupported "standby", even a customer message', () => {
    const body = JSON.stringify({
      object: 'page',
      entry: [
        {
          id: PAGE,
          time: SENT_AT,
          standby: [
            fromCustomer({ message: { mid: 'm_sb', text: 'help' } }),
            fromCustomer({ read: { watermark: 1 } }),
          ],
        },
      ],
    });
    const events = parseMessengerWebhook(body, RECEIVED_AT);
    expect(events.map((event) => [event.kind, event.kind === 'unsupported' && event.updateKind])).toEqual([
      ['unsupported', 'standby'],
      ['unsupported', 'standby'],
    ]);
    expect(events[0]?.eventId).toBe(`messenger:${PAGE}:standby:m_sb`);
    expect(events[1]?.eventId).not.toBe(events[0]?.eventId);
  });
});

describe('parseMessengerWebhook on batches', () => {
  it('splits several entries and events into one event each, in order, each keyed by its own Page', () => {
    const body = JSON.stringify({
      object: 'page',
      entry: [
        { id: PAGE, time: SENT_AT, messaging: [fromCustomer({ message: { mid: 'm_a', text: 'a' } })] },
        {
          id: '999',
          time: SENT_AT,
          messaging: [
            fromCustomer({ message: { mid: 'm_b', text: 'b' } }),
            fromCustomer({ read: { watermark: SENT_AT } }),
          ],
        },
      ],
    });
    const events = parseMessengerWebhook(body, RECEIVED_AT);
    expect(events.map((event) => event.kind)).toEqual(['message', 'message', 'status_watermark']);
    expect(events[0]).toMatchObject({ eventId: `messenger:${PAGE}:m_a`, address: { accountId: PAGE } });
    expect(events[1]).toMatchObject({ eventId: 'messenger:999:m_b', address: { accountId: '999' } });
  });

  it('keeps the good siblings of a malformed entry or event, and the bad ones as unsupported', () => {
    const body = JSON.stringify({
      object: 'page',
      entry: [
        {
          id: PAGE,
          time: SENT_AT,
          messaging: [
            fromCustomer({ message: { mid: 'm_1', text: 'one' } }),
            'not an event',
            fromCustomer({ message: 7 }),
          ],
        },
        42,
        { id: PAGE, time: SENT_AT },
        { id: PAGE, time: SENT_AT, messaging: [fromCustomer({ message: { mid: 'm_2', text: 'two' } })] },
      ],
    });
    const events = parseMessengerWebhook(body, RECEIVED_AT);
    expect(events.map((event) => (event.kind === 'unsupported' ? event.updateKind : event.eventId))).toEqual([
      `messenger:${PAGE}:m_1`,
      'malformed',
      'message:malformed',
      'entry:malformed',
      'entry:no_events',
      `messenger:${PAGE}:m_2`,
    ]);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
  });

  it('gives an event the same id when Meta redelivers it later or in another batch', () => {
    const reaction = fromCustomer({ reaction: { action: 'react', emoji: '👍', mid: 'm_x' } });
    const alone = parseMessengerWebhook(pageBody([reaction]), RECEIVED_AT);
    const batched = parseMessengerWebhook(
      pageBody([fromCustomer({ message: { mid: 'm_y', text: 'y' } }), reaction]),
      new Date(RECEIVED_AT.getTime() + 3_600_000),
    );
    expect(batched[1]?.eventId).toBe(alone[0]?.eventId);
  });

  it('gives two reactions of one moment to different messages different ids', () => {
    const events = parseMessengerWebhook(
      pageBody([
        fromCustomer({ reaction: { action: 'react', emoji: '👍', mid: 'm_1' } }),
        fromCustomer({ reaction: { action: 'react', emoji: '👍', mid: 'm_2' } }),
      ]),
      RECEIVED_AT,
    );
    expect(events[0]?.eventId).not.toBe(events[1]?.eventId);
  });

  it('reads App Dashboard test notifications in the changes[] shape like messaging events', () => {
    const body = JSON.stringify({
      object: 'page',
      entry: [
        {
          id: PAGE,
          time: SENT_AT,
          changes: [
            { field: 'messages', value: fromCustomer({ message: { mid: 'm_t', text: 'test' } }) },
            { field: 'feed', value: { item: 'post' } },
          ],
        },
      ],
    });
    const events = parseMessengerWebhook(body, RECEIVED_AT);
    expect(events[0]).toMatchObject({ kind: 'message', eventId: `messenger:${PAGE}:m_t` });
    expect(events[1]).toMatchObject({ kind: 'unsupported', updateKind: 'change:feed' });
  });
});

describe('parseMessengerWebhook on timestamps', () => {
  it.each([
    ['milliseconds', SENT_AT, new Date(SENT_AT).toISOString()],
    ['a numeric string of milliseconds', String(SENT_AT), new Date(SENT_AT).toISOString()],
    ['seconds as a string (postback doc sample)', '1527459824', new Date(1_527_459_824_000).toISOString()],
  ])('reads a timestamp in %s', (_name, timestamp, iso) => {
    expect(
      parseOne(
        fromCustomer({ message: { mid: 'm_t', text: 't' } }, timestamp === undefined ? {} : { timestamp }),
      ).occurredAt,
    ).toBe(iso);
  });

  it.each([
    ['missing', undefined],
    ['not a number', 'TIMESTAMP'],
    ['beyond what a Date holds', 1e300],
    ['negative', -5],
  ])('falls back to the entry time when the timestamp is %s', (_name, timestamp) => {
    expect(
      parseOne(
        fromCustomer({ message: { mid: 'm_t', text: 't' } }, timestamp === undefined ? {} : { timestamp }),
      ).occurredAt,
    ).toBe(new Date(SENT_AT + 500).toISOString());
  });

  it('falls back to receivedAt when neither the event nor the entry has a time', () => {
    const body = JSON.stringify({
      object: 'page',
      entry: [{ id: PAGE, messaging: [fromCustomer({ message: { mid: 'm', text: 't' } }, {})] }],
    });
    expect(parseMessengerWebhook(body, RECEIVED_AT)[0]?.occurredAt).toBe(RECEIVED_AT.toISOString());
  });
});
