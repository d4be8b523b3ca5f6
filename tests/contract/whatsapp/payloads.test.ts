import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { whatsappInboundAdapter } from '../../../shared/channels/whatsapp/inbound.ts';
import { signWhatsappBody, WHATSAPP_SIGNATURE_HEADER } from '../../../shared/channels/whatsapp/verify.ts';
import type { HttpRequest } from '../../../shared/http/types.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCES = [
  resolve(repoRoot, '../shared/payloads/whatsapp'),
  resolve(repoRoot, 'tests/contract/whatsapp/fixtures'),
];
const APP_SECRET = 'contract-app-secret';
const RECEIVED_AT = new Date('2026-03-04T05:06:07.000Z');
const PN = '106540352242922';
const ID = (wamid: string) => `whatsapp:${PN}:${wamid}`;
const W_TEXT = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=';
const W_OTHER = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=';
const W_CTX = 'wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUNCNjk5RDUwNUZGMUZEM0VBRAA=';
const PHONE_USER = { channel: 'whatsapp', accountId: PN, userId: '16505551234', chatId: '16505551234' };
const BSUID_USER = {
  channel: 'whatsapp',
  accountId: PN,
  userId: 'US.13491208655302741918',
  chatId: 'US.13491208655302741918',
};

/** What each payload means, as the platform means it. Every payload file must be listed here. */
const EXPECTED: Record<string, readonly Record<string, unknown>[]> = {
  'doc_text.json': [
    { kind: 'message', eventId: ID(W_TEXT), address: PHONE_USER, text: 'Does it come in another color?' },
  ],
  'doc_text_click_to_whatsapp_ad.json': [
    {
      kind: 'message',
      text: 'Can I get more info about this?',
      referral: { source: 'ad', adId: '120226305854810726' },
    },
  ],
  'doc_interactive_button_reply.json': [
    { kind: 'tap', payload: 'cancel-button', label: 'Cancel', address: PHONE_USER },
  ],
  'doc_interactive_list_reply.json': [
    { kind: 'tap', payload: 'priority_express', label: 'Priority Mail Express' },
  ],
  'doc_status_failed_131049.json': [
    { kind: 'status', status: 'failed', recipientId: '16505551234', error: { code: '131049' } },
  ],
  'doc_status_sent_with_pricing.json': [{ kind: 'status', status: 'sent', eventId: `${ID(W_OTHER)}:sent` }],
  'doc_status_v24_captioned_read_but_says_sent.json': [
    { kind: 'status', status: 'sent', eventId: `${ID(W_OTHER)}:sent` },
  ],
  'doc_audio_voice.json': [
    {
      kind: 'message',
      unreadableContent: 'voice',
      attachments: [{ type: 'voice', providerRef: '1908647269898587' }],
    },
  ],
  'doc_image_caption.json': [
    { kind: 'message', text: 'Taj Mahal', attachments: [{ type: 'image', providerRef: '1003383421387256' }] },
  ],
  'doc_document_receipt.json': [
    { kind: 'message', attachments: [{ type: 'document', fileName: 'receipt.pdf' }] },
  ],
  'doc_sticker_animated.json': [{ kind: 'message', unreadableContent: 'sticker' }],
  'doc_location.json': [
    { kind: 'message', unreadableContent: 'location', location: { name: 'Philz Coffee' } },
  ],
  'doc_contacts.json': [
    { kind: 'message', unreadableContent: 'contacts', contacts: [{ name: 'Barbara J. Johnson' }] },
  ],
  'doc_button_template_quick_reply.json': [{ kind: 'tap', payload: 'Unsubscribe', tapId: W_OTHER }],
  'doc_reaction.json': [{ kind: 'reaction', providerMessageId: W_CTX, emoji: '👍' }],
  'doc_reaction_removed.json': [{ kind: 'reaction', providerMessageId: W_CTX, emoji: '' }],
  'doc_unsupported_edit.json': [
    { kind: 'unsupported', updateKind: 'unsupported:edit', eventId: ID(W_OTHER) },
  ],
  'doc_system_user_changed_number.json': [{ kind: 'unsupported', updateKind: 'system:user_changed_number' }],
  'doc_errors_130429.json': [{ kind: 'unsupported', updateKind: 'error', accountId: PN }],
  'doc_status_delivered_cbp.json': [{ kind: 'status', status: 'delivered', recipientId: '16505551234' }],
  'doc_bsuid_text_username_no_phone.json': [
    { kind: 'message', address: BSUID_USER, profile: { displayName: 'Sheena Nelson' } },
  ],
  'doc_bsuid_status_delivered_with_phone.json': [
    { kind: 'status', status: 'delivered', recipientId: 'US.13491208655302741918' },
  ],
  'doc_bsuid_status_delivered_bsuid_only.json': [
    { kind: 'status', status: 'delivered', recipientId: 'US.13491208655302741918' },
  ],
  'derived_bsuid_contact_request.json': [
    { kind: 'message', address: BSUID_USER, profile: { verifiedPhone: '+16505551234' } },
  ],
  'derived_edit_image_caption.json': [
    { kind: 'edit', providerMessageId: W_TEXT, text: 'Taj Mahal at sunset' },
  ],
  'derived_revoke.json': [{ kind: 'deletion', providerMessageId: W_TEXT }],
  'derived_batch_two_entries.json': [
    { kind: 'message', text: 'first' },
    { kind: 'message', text: 'second' },
    { kind: 'status', status: 'delivered', eventId: `${ID('wamid.OUT1')}:delivered` },
    { kind: 'status', status: 'read', eventId: `${ID('wamid.OUT1')}:read` },
    { kind: 'unsupported', updateKind: 'field:message_template_status_update' },
  ],
};

const payloads = SOURCES.flatMap((dir) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ name, rawBody: readFileSync(resolve(dir, name)) })),
);

function webhookRequest(rawBody: Buffer, signature: string): HttpRequest {
  return {
    method: 'POST',
    path: '/webhooks/whatsapp',
    headers: { 'content-type': 'application/json', [WHATSAPP_SIGNATURE_HEADER]: signature },
    query: {},
    rawBody,
    requestId: 'contract',
  };
}

describe('WhatsApp webhook payloads (samples and doc variants)', () => {
  const adapter = whatsappInboundAdapter(async () => ({
    appSecret: APP_SECRET,
    verifyToken: 'v',
    accessToken: 't',
  }));

  it('has an expectation for every payload file, and a file for every expectation', () => {
    expect(payloads.map((payload) => payload.name).sort()).toStrictEqual(Object.keys(EXPECTED).sort());
  });

  it.each(payloads)(
    '$name: signed correctly, it authenticates and parses into the events it means',
    async ({ name, rawBody }) => {
      const request = webhookRequest(rawBody, signWhatsappBody(rawBody, APP_SECRET));
      await expect(adapter.authenticate(request, { refreshCredentials: false })).resolves.toBe(true);
      const events = await adapter.parse(request, RECEIVED_AT);
      expect(events).toMatchObject(EXPECTED[name] as Record<string, unknown>[]);
    },
  );

  it.each(payloads)(
    '$name: a wrong secret or one tampered byte does not authenticate',
    async ({ rawBody }) => {
      const wrongSecret = webhookRequest(rawBody, signWhatsappBody(rawBody, 'someone-else'));
      await expect(adapter.authenticate(wrongSecret, { refreshCredentials: false })).resolves.toBe(false);
      const tampered = Buffer.from(rawBody);
      const at = Math.floor(tampered.length / 2);
      tampered[at] = (tampered[at] as number) ^ 0x01;
      const tamperedRequest = webhookRequest(tampered, signWhatsappBody(rawBody, APP_SECRET));
      await expect(adapter.authenticate(tamperedRequest, { refreshCredentials: false })).resolves.toBe(false);
    },
  );
});
