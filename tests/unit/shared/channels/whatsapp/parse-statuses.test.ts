import { describe, expect, it } from 'vitest';
import { parseWhatsappWebhook } from '../../../../../shared/channels/whatsapp/parse.ts';
import { deliveryReference } from '../../../../../shared/domain/delivery-reference.ts';
import type { InboundEvent } from '../../../../../shared/domain/events.ts';
import {
  CUSTOMER_BSUID,
  CUSTOMER_WA_ID,
  iso,
  only,
  PHONE_NUMBER_ID,
  RECEIVED_AT,
  webhook,
} from './helpers.ts';

function statusUpdate(status: Record<string, unknown>, contacts?: unknown[]): InboundEvent[] {
  const value = {
    statuses: [{ id: 'wamid.OUT', timestamp: '1767225700', recipient_id: CUSTOMER_WA_ID, ...status }],
  };
  return parseWhatsappWebhook(
    JSON.stringify(webhook(contacts ? { ...value, contacts } : value)),
    RECEIVED_AT,
  );
}

describe('parseWhatsappWebhook on statuses', () => {
  it.each(['sent', 'delivered', 'read', 'failed'] as const)(
    'maps %s to the same status, keyed with the status',
    (status) => {
      expect(only(statusUpdate({ status }))).toMatchObject({
        kind: 'status',
        eventId: `whatsapp:${PHONE_NUMBER_ID}:wamid.OUT:${status}`,
        status,
        providerMessageId: 'wamid.OUT',
        recipientId: CUSTOMER_WA_ID,
        occurredAt: iso(1767225700),
      });
    },
  );

  it('names our message when the status echoes the tag we sent as biz_opaque_callback_data', () => {
    const tag = deliveryReference({ conversationId: 'conv_1', messageId: 'm-1' });
    expect(only(statusUpdate({ status: 'sent', biz_opaque_callback_data: tag }))).toMatchObject({
      kind: 'status',
      status: 'sent',
      reference: { conversationId: 'conv_1', messageId: 'm-1' },
    });
    expect(only(statusUpdate({ status: 'sent', biz_opaque_callback_data: 'crm-42' }))).not.toHaveProperty(
      'reference',
    );
  });

  it('treats played (a voice message was played) as read, with its own event id', () => {
    const played = only(statusUpdate({ status: 'played' }));
    expect(played).toMatchObject({ status: 'read', eventId: `whatsapp:${PHONE_NUMBER_ID}:wamid.OUT:played` });
    expect(played.eventId).not.toBe(only(statusUpdate({ status: 'read' })).eventId);
  });

  it('prefers the BSUID as recipient, like the customer key of inbound messages', () => {
    expect(only(statusUpdate({ status: 'read', recipient_user_id: CUSTOMER_BSUID }))).toMatchObject({
      recipientId: CUSTOMER_BSUID,
    });
    const viaContact = statusUpdate({ status: 'read' }, [
      { profile: { name: 'Ana' }, wa_id: CUSTOMER_WA_ID, user_id: CUSTOMER_BSUID },
    ]);
    expect(only(viaContact)).toMatchObject({ recipientId: CUSTOMER_BSUID });
  });

  it('normalises a recipient phone written with a plus sign', () => {
    expect(only(statusUpdate({ status: 'sent', recipient_id: '+16505551234' }))).toMatchObject({
      recipientId: CUSTOMER_WA_ID,
    });
  });

  it('leaves error off a failed status that has no errors, and reads string codes and titles', () => {
    const bare = only(statusUpdate({ status: 'failed' }));
    expect(bare).toMatchObject({ kind: 'status', status: 'failed' });
    expect(bare).not.toHaveProperty('error');
    expect(
      only(statusUpdate({ status: 'failed', errors: [{ code: '131026', title: 'Message Undeliverable' }] })),
    ).toMatchObject({
      error: { code: '131026', description: 'Message Undeliverable' },
    });
  });

  it('ignores errors on statuses that did not fail', () => {
    expect(only(statusUpdate({ status: 'delivered', errors: [{ code: 1 }] }))).not.toHaveProperty('error');
  });

  it.each([
    ['an unknown status', { status: 'deleted' }, 'status:deleted'],
    [
      'a group status',
      { status: 'read', recipient_type: 'group', recipient_id: 'Y2FwaV9ncm91cDox' },
      'status:group',
    ],
    ['a status without recipient', { status: 'read', recipient_id: undefined }, 'status:no_recipient'],
    ['a status without id', { status: 'read', id: undefined }, 'status:malformed'],
    ['a status without status', { status: undefined }, 'status:malformed'],
  ])('acknowledges %s as unsupported', (_name, status, updateKind) => {
    expect(only(statusUpdate(status))).toMatchObject({
      kind: 'unsupported',
      updateKind,
      accountId: PHONE_NUMBER_ID,
    });
  });
});
