import { describe, expect, it } from 'vitest';
import { parseWhatsappWebhook } from '../../../../../shared/channels/whatsapp/parse.ts';
import type { InboundEvent } from '../../../../../shared/domain/events.ts';
import {
  CUSTOMER_BSUID,
  CUSTOMER_WA_ID,
  inbound,
  iso,
  only,
  PHONE_NUMBER_ID,
  RECEIVED_AT,
  webhook,
} from './helpers.ts';

function parse(body: unknown): InboundEvent[] {
  return parseWhatsappWebhook(JSON.stringify(body), RECEIVED_AT);
}

const text = (body: string) => ({ type: 'text', text: { body } });

describe('parseWhatsappWebhook: who wrote', () => {
  it('keys the customer by BSUID when Meta sends one, keeping the phone as a verified attribute', () => {
    const body = inbound({ ...text('hi'), from_user_id: CUSTOMER_BSUID }, [
      { profile: { name: 'Ana' }, wa_id: CUSTOMER_WA_ID, user_id: CUSTOMER_BSUID },
    ]);
    expect(only(parse(body))).toMatchObject({
      address: {
        channel: 'whatsapp',
        accountId: PHONE_NUMBER_ID,
        userId: CUSTOMER_BSUID,
        chatId: CUSTOMER_BSUID,
      },
      profile: { displayName: 'Ana', verifiedPhone: '+16505551234' },
    });
  });

  it('takes the BSUID from the contact card when the message lacks from_user_id', () => {
    const body = inbound(text('hi'), [
      { profile: { name: 'Ana' }, wa_id: CUSTOMER_WA_ID, user_id: CUSTOMER_BSUID },
    ]);
    expect(only(parse(body))).toMatchObject({ address: { userId: CUSTOMER_BSUID } });
  });

  it('falls back to the phone (wa_id / from) before BSUIDs existed', () => {
    expect(only(parse(inbound(text('hi'), [])))).toMatchObject({
      address: { userId: CUSTOMER_WA_ID, chatId: CUSTOMER_WA_ID },
      profile: { verifiedPhone: '+16505551234' },
    });
  });

  it('does not make a second customer of a phone written with a plus sign', () => {
    const body = inbound({ ...text('hi'), from: '+16505551234' }, [
      { profile: { name: 'Ana' }, wa_id: '+16505551234' },
    ]);
    expect(only(parse(body))).toMatchObject({
      address: { userId: CUSTOMER_WA_ID },
      profile: { verifiedPhone: '+16505551234' },
    });
  });

  it('matches each message of a batch to its own contact card', () => {
    const body = webhook({
      contacts: [
        { profile: { name: 'Ana' }, wa_id: '5511999990001' },
        { profile: { name: 'Jan' }, wa_id: '48600000002' },
      ],
      messages: [
        { from: '48600000002', id: 'wamid.A', timestamp: '1767225600', ...text('cześć') },
        { from: '5511999990001', id: 'wamid.B', timestamp: '1767225601', ...text('olá') },
      ],
    });
    const [first, second] = parse(body);
    expect(first).toMatchObject({
      address: { userId: '48600000002' },
      profile: { displayName: 'Jan', verifiedPhone: '+48600000002' },
    });
    expect(second).toMatchObject({ address: { userId: '5511999990001' }, profile: { displayName: 'Ana' } });
  });

  it('uses the username when the profile has no name, and an empty profile when it has neither', () => {
    const withUsername = inbound({ ...text('hi'), from: undefined, from_user_id: CUSTOMER_BSUID }, [
      { profile: { username: '@sheena' }, user_id: CUSTOMER_BSUID },
    ]);
    expect(only(parse(withUsername))).toMatchObject({ profile: { displayName: '@sheena' } });
    const bare = inbound({ ...text('hi'), from: undefined, from_user_id: CUSTOMER_BSUID }, []);
    expect(only(parse(bare))).toMatchObject({ profile: {} });
  });

  it('does not claim a verified phone for a WhatsApp id that is not a phone number', () => {
    const event = only(parse(inbound({ ...text('hi'), from: '12' }, [])));
    expect(event).toMatchObject({ address: { userId: '12' } });
    expect(event.kind === 'message' && event.profile).not.toHaveProperty('verifiedPhone');
  });

  it('acknowledges a message without any sender id as unsupported, keyed by its wamid', () => {
    expect(only(parse(inbound({ ...text('hi'), from: undefined }, [])))).toMatchObject({
      kind: 'unsupported',
      updateKind: 'text:no_sender',
      eventId: `whatsapp:${PHONE_NUMBER_ID}:wamid.IN1`,
    });
  });

  it('acknowledges a group chat message as unsupported (one customer per conversation)', () => {
    expect(only(parse(inbound({ ...text('hi all'), group_id: 'Y2FwaV9ncm91cDox' })))).toMatchObject({
      kind: 'unsupported',
      updateKind: 'message:group',
    });
  });

  it('dates a message by its timestamp and falls back to receivedAt when it is missing or garbage', () => {
    expect(only(parse(inbound(text('hi'))))).toMatchObject({ occurredAt: iso(1767225600) });
    expect(only(parse(inbound({ ...text('hi'), timestamp: 1767225601 })))).toMatchObject({
      occurredAt: iso(1767225601),
    });
    for (const timestamp of [undefined, 'yesterday', '', '1e400', null]) {
      expect(only(parse(inbound({ ...text('hi'), timestamp })))).toMatchObject({
        occurredAt: RECEIVED_AT.toISOString(),
      });
    }
  });
});

describe('parseWhatsappWebhook: what was written', () => {
  it('sets replyToProviderMessageId from context.id and ignores forwarded flags', () => {
    const body = inbound({
      ...text('this one'),
      context: { from: '15550783881', id: 'wamid.OURS', forwarded: true },
    });
    expect(only(parse(body))).toMatchObject({ kind: 'message', replyToProviderMessageId: 'wamid.OURS' });
  });

  it('keeps an empty text for a text message without a body', () => {
    expect(only(parse(inbound({ type: 'text', text: {} })))).toMatchObject({ kind: 'message', text: '' });
  });

  it('marks a plain audio file as audio and a video with caption as video with text', () => {
    const audio = only(
      parse(inbound({ type: 'audio', audio: { id: 'A1', mime_type: 'audio/mpeg', voice: false } })),
    );
    expect(audio).toMatchObject({
      unreadableContent: 'audio',
      attachments: [{ type: 'audio', providerRef: 'A1' }],
    });
    const video = only(
      parse(inbound({ type: 'video', video: { id: 'V1', mime_type: 'video/mp4', caption: 'look' } })),
    );
    expect(video).toMatchObject({
      text: 'look',
      attachments: [{ type: 'video', providerRef: 'V1', caption: 'look' }],
    });
  });

  it('uses the lookaside URL when the media id is missing, but never a URL off Meta’s host', () => {
    const lookaside = 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1';
    expect(only(parse(inbound({ type: 'image', image: { url: lookaside } })))).toMatchObject({
      attachments: [{ type: 'image', providerRef: lookaside }],
    });
    for (const url of ['https://evil.example/x.jpg', 'http://lookaside.fbsbx.com/x', 'not a url']) {
      const event = only(parse(inbound({ type: 'image', image: { url } })));
      expect(event).toMatchObject({ kind: 'message', unreadableContent: 'image' });
      expect(event).not.toHaveProperty('attachments');
    }
  });

  it('still marks media unreadable when its object is missing', () => {
    expect(only(parse(inbound({ type: 'sticker' })))).toMatchObject({
      kind: 'message',
      text: '',
      unreadableContent: 'sticker',
    });
  });

  it('drops a location without numeric coordinates but still marks it unreadable', () => {
    const event = only(parse(inbound({ type: 'location', location: { latitude: '37.4', longitude: null } })));
    expect(event).toMatchObject({ unreadableContent: 'location' });
    expect(event).not.toHaveProperty('location');
  });

  it('names a contact card from first and last name when there is no formatted name', () => {
    const body = inbound({
      type: 'contacts',
      contacts: [{ name: { first_name: 'Jan', last_name: 'Kowalski' }, phones: [] }],
    });
    expect(only(parse(body))).toMatchObject({ contacts: [{ name: 'Jan Kowalski', phones: [] }] });
  });
});

describe('parseWhatsappWebhook: taps, reactions, edits', () => {
  it('does not treat the message carrying the buttons as a reply target of a tap', () => {
    const body = inbound({
      type: 'interactive',
      context: { from: '15550783881', id: 'wamid.BUTTONS' },
      interactive: {
        type: 'button_reply',
        button_reply: { id: 'menu:order_status', title: 'Where is my order?' },
      },
    });
    const event = only(parse(body));
    expect(event).toStrictEqual({
      kind: 'tap',
      eventId: `whatsapp:${PHONE_NUMBER_ID}:wamid.IN1`,
      address: {
        channel: 'whatsapp',
        accountId: PHONE_NUMBER_ID,
        userId: CUSTOMER_WA_ID,
        chatId: CUSTOMER_WA_ID,
      },
      occurredAt: iso(1767225600),
      tapId: 'wamid.IN1',
      payload: 'menu:order_status',
      label: 'Where is my order?',
      profile: { displayName: 'Sheena Nelson', verifiedPhone: '+16505551234' },
    });
  });

  it('uses the button text as payload when a template button has no payload', () => {
    expect(only(parse(inbound({ type: 'button', button: { text: 'Yes' } })))).toMatchObject({
      kind: 'tap',
      payload: 'Yes',
      label: 'Yes',
    });
  });

  it.each([
    ['a Flow answer', { type: 'nfm_reply', nfm_reply: { response_json: '{}' } }, 'interactive:nfm_reply'],
    [
      'a reply without id',
      { type: 'button_reply', button_reply: { title: 'x' } },
      'interactive:button_reply',
    ],
    ['no interactive type', {}, 'interactive:malformed'],
  ])('acknowledges %s as unsupported', (_name, interactive, updateKind) => {
    expect(only(parse(inbound({ type: 'interactive', interactive })))).toMatchObject({
      kind: 'unsupported',
      updateKind,
    });
  });

  it('acknowledges a reaction without a target as unsupported', () => {
    expect(only(parse(inbound({ type: 'reaction', reaction: { emoji: '👍' } })))).toMatchObject({
      updateKind: 'reaction:malformed',
    });
  });

  it('turns an edited text into an edit of the original with the new text', () => {
    const body = inbound({
      id: 'wamid.EDIT',
      type: 'edit',
      edit: { original_message_id: 'wamid.ORIG', message: text('fixed') },
    });
    expect(only(parse(body))).toMatchObject({
      kind: 'edit',
      eventId: `whatsapp:${PHONE_NUMBER_ID}:wamid.EDIT`,
      providerMessageId: 'wamid.ORIG',
      text: 'fixed',
    });
  });

  it.each([
    ['edit', { type: 'edit', edit: {} }, 'edit:malformed'],
    ['revoke', { type: 'revoke', revoke: {} }, 'revoke:malformed'],
  ])('acknowledges a %s without the original id as unsupported', (_name, message, updateKind) => {
    expect(only(parse(inbound(message)))).toMatchObject({ kind: 'unsupported', updateKind });
  });

  it.each([
    ['order', { type: 'order', order: {} }, 'order'],
    ['request_welcome', { type: 'request_welcome' }, 'request_welcome'],
    ['unknown', { type: 'unknown', errors: [{ code: 131051 }] }, 'unknown'],
    ['no type at all', { text: undefined }, 'unknown'],
    ['unsupported without kind', { type: 'unsupported' }, 'unsupported:unknown'],
    ['system without kind', { type: 'system', system: {} }, 'system:unknown'],
  ])('acknowledges %s as unsupported, keyed by its wamid', (_name, message, updateKind) => {
    expect(only(parse(inbound(message)))).toMatchObject({
      kind: 'unsupported',
      updateKind,
      eventId: `whatsapp:${PHONE_NUMBER_ID}:wamid.IN1`,
    });
  });

  it('classifies a kept type by its kind even when it names no sender (system messages have no contacts)', () => {
    const body = inbound({ type: 'system', from: undefined, system: { type: 'user_changed_user_id' } }, []);
    expect(only(parse(body))).toMatchObject({
      kind: 'unsupported',
      updateKind: 'system:user_changed_user_id',
    });
  });

  it('keeps only the item itself (and its envelope) as raw for an unsupported message of a batch', () => {
    const body = webhook({
      messages: [
        {
          id: 'wamid.S',
          type: 'system',
          system: { type: 'customer_identity_changed' },
          from: CUSTOMER_WA_ID,
        },
        { id: 'wamid.T', type: 'text', text: { body: 'x'.repeat(5000) }, from: CUSTOMER_WA_ID },
      ],
    });
    const [system] = parse(body);
    expect(system).toMatchObject({ kind: 'unsupported', updateKind: 'system:customer_identity_changed' });
    const raw = system?.kind === 'unsupported' ? JSON.parse(system.raw) : undefined;
    expect(raw.entry[0].changes[0].value.messages).toHaveLength(1);
    expect(raw.entry[0].changes[0].value.messages[0].id).toBe('wamid.S');
  });

  it('gives malformed items of one batch distinct, stable event ids', () => {
    const body = JSON.stringify(webhook({ messages: [{ type: 'text' }, 42, null] }));
    const first = parseWhatsappWebhook(body, RECEIVED_AT);
    const again = parseWhatsappWebhook(body, new Date('2026-05-01T00:00:00Z'));
    expect(first.map((event) => event.kind)).toStrictEqual(['unsupported', 'unsupported', 'unsupported']);
    expect(new Set(first.map((event) => event.eventId)).size).toBe(3);
    expect(again.map((event) => event.eventId)).toStrictEqual(first.map((event) => event.eventId));
  });
});
