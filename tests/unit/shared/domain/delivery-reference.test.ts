import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deliveryReference, parseDeliveryReference } from '../../../../shared/domain/delivery-reference.ts';

describe('delivery reference', () => {
  it('reads back any conversation and message id it wrote, and fits WhatsApp’s 512 characters', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 60 }),
        fc.string({ minLength: 1, maxLength: 60 }),
        (conversationId, messageId) => {
          const tag = deliveryReference({ conversationId, messageId });
          expect(tag.length).toBeLessThanOrEqual(512);
          expect(parseDeliveryReference(tag)).toEqual({ conversationId, messageId });
        },
      ),
    );
  });

  it('names the message only from the last part of a split message', () => {
    const ref = { conversationId: 'conv_1', messageId: 'm-1' };
    expect(parseDeliveryReference(deliveryReference(ref, { morePartsFollow: false }))).toEqual(ref);
    expect(parseDeliveryReference(deliveryReference(ref, { morePartsFollow: true }))).toBeUndefined();
  });

  it('ignores what is not our tag: other apps’ metadata, missing parts, broken escapes, non-strings', () => {
    for (const value of [
      'crm-42',
      'omni1:',
      'omni1:conv',
      'omni1::m',
      'omni1:a:b:c',
      'omni1:%E0%A4%A:m',
      42,
      undefined,
      null,
    ]) {
      expect(parseDeliveryReference(value)).toBeUndefined();
    }
  });
});
