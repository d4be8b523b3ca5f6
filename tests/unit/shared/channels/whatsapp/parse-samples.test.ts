import { describe, expect, it } from 'vitest';
import { parseWhatsappWebhook } from '../../../../../shared/channels/whatsapp/parse.ts';
import type { InboundEvent } from '../../../../../shared/domain/events.ts';
import {
  CUSTOMER_WA_ID,
  FIXTURE_DIR,
  iso,
  jsonFiles,
  load,
  only,
  PHONE_NUMBER_ID,
  RECEIVED_AT,
  SAMPLE_DIR,
} from './helpers.ts';

const SHEENA = { displayName: 'Sheena Nelson', verifiedPhone: '+16505551234' };
const ADDRESS = {
  channel: 'whatsapp',
  accountId: PHONE_NUMBER_ID,
  userId: CUSTOMER_WA_ID,
  chatId: CUSTOMER_WA_ID,
};

function parseSample(name: string): InboundEvent[] {
  return parseWhatsappWebhook(load(SAMPLE_DIR, name), RECEIVED_AT);
}

describe('parseWhatsappWebhook on the sample payloads', () => {
  const files = jsonFiles(SAMPLE_DIR);

  it('finds the sample payloads beside the repository', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
  });

  it('parses every sample into exactly one supported event, keyed by phone number id and wamid', () => {
    for (const name of files) {
      const event = only(parseSample(name));
      expect(event.kind, name).not.toBe('unsupported');
      expect(event.eventId, name).toMatch(new RegExp(`^whatsapp:${PHONE_NUMBER_ID}:wamid\\.`));
    }
  });

  it('turns the text sample into a message from the customer, phone as verified E.164', () => {
    expect(only(parseSample('doc_text.json'))).toStrictEqual({
      kind: 'message',
      eventId: `whatsapp:${PHONE_NUMBER_ID}:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=`,
      address: ADDRESS,
      occurredAt: iso(1749416383),
      providerMessageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
      text: 'Does it come in another color?',
      profile: SHEENA,
    });
  });

  it('keeps the click-to-WhatsApp ad of the referral sample (keys in any order)', () => {
    expect(only(parseSample('doc_text_click_to_whatsapp_ad.json'))).toStrictEqual({
      kind: 'message',
      eventId: `whatsapp:${PHONE_NUMBER_ID}:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUQ0N0VFMDA2MTQ0RkJFNkNDNAA=`,
      address: ADDRESS,
      occurredAt: iso(1750275992),
      providerMessageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUQ0N0VFMDA2MTQ0RkJFNkNDNAA=',
      text: 'Can I get more info about this?',
      profile: SHEENA,
      referral: {
        source: 'ad',
        ref: 'Aff-n8ZTODiE79d22KtAwQKj9e_mIEOOj27vDVwFjN80dp4_0NiNhEgpGo0AHemvuSoifXaytfTzcchptiErTKCqTrJ5nW1h7IHYeYymGb5K5J5iTROpBhWAGaIAeUzHL50',
        adId: '120226305854810726',
        headline: 'Chat with us',
        url: 'https://fb.me/3cr4Wqqkv',
      },
    });
  });

  it('turns the reply-button sample into a tap: payload = button id, label = title, tapId = wamid', () => {
    const wamid = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTZBQzg0MzQ4QjRCM0NGNkVGOAA=';
    expect(only(parseSample('doc_interactive_button_reply.json'))).toStrictEqual({
      kind: 'tap',
      eventId: `whatsapp:${PHONE_NUMBER_ID}:${wamid}`,
      address: ADDRESS,
      occurredAt: iso(1750025136),
      tapId: wamid,
      payload: 'cancel-button',
      label: 'Cancel',
      profile: SHEENA,
    });
  });

  it('turns the list-reply sample into a tap with the row id and title', () => {
    expect(only(parseSample('doc_interactive_list_reply.json'))).toMatchObject({
      kind: 'tap',
      payload: 'priority_express',
      label: 'Priority Mail Express',
      occurredAt: iso(1749854575),
    });
  });

  it('turns the failed sample into a failed status with Meta code and text, the customer as recipient', () => {
    const wamid = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0QUQ2MjA4NEYyRkExNjMyREUA';
    expect(only(parseSample('doc_status_failed_131049.json'))).toStrictEqual({
      kind: 'status',
      eventId: `whatsapp:${PHONE_NUMBER_ID}:${wamid}:failed`,
      channel: 'whatsapp',
      accountId: PHONE_NUMBER_ID,
      recipientId: CUSTOMER_WA_ID,
      providerMessageId: wamid,
      status: 'failed',
      occurredAt: iso(1751142888),
      error: {
        code: '131049',
        description:
          'This message was not delivered to maintain healthy ecosystem engagement. (In order to maintain a healthy ecosystem engagement, the message failed to be delivered.)',
      },
    });
  });

  it('turns the sent sample (with conversation and pricing) into a sent status', () => {
    expect(only(parseSample('doc_status_sent_with_pricing.json'))).toStrictEqual({
      kind: 'status',
      eventId: `whatsapp:${PHONE_NUMBER_ID}:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=:sent`,
      channel: 'whatsapp',
      accountId: PHONE_NUMBER_ID,
      recipientId: CUSTOMER_WA_ID,
      providerMessageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=',
      status: 'sent',
      occurredAt: iso(1750030073),
    });
  });

  it('reads the doc sample captioned "read" by what its JSON says (sent), tolerating the missing pricing', () => {
    const minimal = only(parseSample('doc_status_v24_captioned_read_but_says_sent.json'));
    expect(minimal).toMatchObject({ kind: 'status', status: 'sent' });
    // The same status of the same message: the same idempotency key as the fuller sample.
    expect(minimal.eventId).toBe(only(parseSample('doc_status_sent_with_pricing.json')).eventId);
  });
});

describe('parseWhatsappWebhook on the doc variants (tests/contract/whatsapp/fixtures)', () => {
  const parseFixture = (name: string) => parseWhatsappWebhook(load(FIXTURE_DIR, name), RECEIVED_AT);

  it('parses every fixture without throwing', () => {
    for (const name of jsonFiles(FIXTURE_DIR)) expect(parseFixture(name).length, name).toBeGreaterThan(0);
  });

  it('turns a voice note into a voice attachment with the media id and marks it unreadable', () => {
    expect(only(parseFixture('doc_audio_voice.json'))).toMatchObject({
      kind: 'message',
      text: '',
      unreadableContent: 'voice',
      attachments: [{ type: 'voice', providerRef: '1908647269898587', mimeType: 'audio/ogg; codecs=opus' }],
    });
  });

  it('keeps an image caption as the text, with the image as attachment', () => {
    const event = only(parseFixture('doc_image_caption.json'));
    expect(event).toMatchObject({
      kind: 'message',
      text: 'Taj Mahal',
      attachments: [
        { type: 'image', providerRef: '1003383421387256', mimeType: 'image/jpeg', caption: 'Taj Mahal' },
      ],
    });
    expect(event).not.toHaveProperty('unreadableContent');
  });

  it('keeps the file name of a document', () => {
    expect(only(parseFixture('doc_document_receipt.json'))).toMatchObject({
      attachments: [
        { type: 'document', fileName: 'receipt.pdf', mimeType: 'application/pdf', caption: 'my receipt' },
      ],
    });
  });

  it('marks a sticker unreadable', () => {
    expect(only(parseFixture('doc_sticker_animated.json'))).toMatchObject({
      text: '',
      unreadableContent: 'sticker',
      attachments: [{ type: 'sticker', providerRef: '1908647269898587', mimeType: 'image/webp' }],
    });
  });

  it('keeps a shared location', () => {
    expect(only(parseFixture('doc_location.json'))).toMatchObject({
      unreadableContent: 'location',
      location: {
        latitude: 37.44221496582,
        longitude: -122.16165924072,
        name: 'Philz Coffee',
        address: '101 Forest Ave, Palo Alto, CA 94301',
      },
    });
  });

  it('keeps a shared contact card without treating it as the sender', () => {
    const event = only(parseFixture('doc_contacts.json'));
    expect(event).toMatchObject({
      unreadableContent: 'contacts',
      contacts: [
        { name: 'Barbara J. Johnson', phones: ['+1 (415) 555-0829'], providerUserId: '14125550829' },
      ],
      profile: SHEENA,
    });
    expect(event.kind === 'message' && event.contacts?.[0]).not.toHaveProperty('isSender');
  });

  it('turns a template quick-reply button into a tap', () => {
    expect(only(parseFixture('doc_button_template_quick_reply.json'))).toMatchObject({
      kind: 'tap',
      payload: 'Unsubscribe',
      label: 'Unsubscribe',
      tapId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=',
    });
  });

  it('turns reactions into reaction events, a removed one with an empty emoji', () => {
    const target = 'wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUNCNjk5RDUwNUZGMUZEM0VBRAA=';
    expect(only(parseFixture('doc_reaction.json'))).toMatchObject({
      kind: 'reaction',
      providerMessageId: target,
      emoji: '👍',
    });
    expect(only(parseFixture('doc_reaction_removed.json'))).toMatchObject({
      kind: 'reaction',
      providerMessageId: target,
      emoji: '',
    });
  });

  it('acknowledges edits that arrive as unsupported, system messages and value-level errors as unsupported', () => {
    expect(only(parseFixture('doc_unsupported_edit.json'))).toMatchObject({
      kind: 'unsupported',
      updateKind: 'unsupported:edit',
      eventId: `whatsapp:${PHONE_NUMBER_ID}:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=`,
    });
    expect(only(parseFixture('doc_system_user_changed_number.json'))).toMatchObject({
      kind: 'unsupported',
      updateKind: 'system:user_changed_number',
      accountId: PHONE_NUMBER_ID,
    });
    const error = only(parseFixture('doc_errors_130429.json'));
    expect(error).toMatchObject({ kind: 'unsupported', updateKind: 'error', accountId: PHONE_NUMBER_ID });
    expect(error.kind === 'unsupported' && error.raw).toContain('130429');
  });

  it('keys a username user without a phone by their BSUID, with no verified phone', () => {
    const event = only(parseFixture('doc_bsuid_text_username_no_phone.json'));
    expect(event).toMatchObject({
      kind: 'message',
      address: { userId: 'US.13491208655302741918', chatId: 'US.13491208655302741918' },
      profile: { displayName: 'Sheena Nelson' },
    });
    expect(event.kind === 'message' && event.profile).not.toHaveProperty('verifiedPhone');
  });

  it('keys BSUID-era statuses by the BSUID, with or without the phone', () => {
    for (const name of [
      'doc_bsuid_status_delivered_with_phone.json',
      'doc_bsuid_status_delivered_bsuid_only.json',
    ]) {
      expect(only(parseFixture(name)), name).toMatchObject({
        kind: 'status',
        status: 'delivered',
        recipientId: 'US.13491208655302741918',
      });
    }
  });

  it('takes the phone a user shared on request (origin contact_request) as verified', () => {
    expect(only(parseFixture('derived_bsuid_contact_request.json'))).toMatchObject({
      kind: 'message',
      address: { userId: 'US.13491208655302741918' },
      profile: { displayName: 'Sheena Nelson', verifiedPhone: '+16505551234' },
      contacts: [{ isSender: true, providerUserId: '16505551234' }],
    });
  });

  it('turns edit and revoke messages into edit and deletion of the original message', () => {
    const original = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=';
    const edit = only(parseFixture('derived_edit_image_caption.json'));
    expect(edit).toMatchObject({ kind: 'edit', providerMessageId: original, text: 'Taj Mahal at sunset' });
    expect(edit.eventId).not.toContain(original);
    expect(only(parseFixture('derived_revoke.json'))).toMatchObject({
      kind: 'deletion',
      providerMessageId: original,
    });
  });

  it('splits a batch into one event per message and status, in order, with distinct ids', () => {
    const events = parseFixture('derived_batch_two_entries.json');
    expect(events.map((event) => event.kind)).toStrictEqual([
      'message',
      'message',
      'status',
      'status',
      'unsupported',
    ]);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
    expect(events[2]).toMatchObject({
      status: 'delivered',
      eventId: `whatsapp:${PHONE_NUMBER_ID}:wamid.OUT1:delivered`,
    });
    expect(events[3]).toMatchObject({
      status: 'read',
      eventId: `whatsapp:${PHONE_NUMBER_ID}:wamid.OUT1:read`,
    });
    expect(events[4]).toMatchObject({
      updateKind: 'field:message_template_status_update',
      accountId: '102290129340398',
    });
  });
});
