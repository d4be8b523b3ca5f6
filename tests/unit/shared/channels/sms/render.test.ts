import { describe, expect, it } from 'vitest';
import { UndeliverableMessageError } from '../../../../../shared/channels/errors.ts';
import {
  renderSmsMessage,
  SMS_MAX_BODY_CHARS,
  SMS_MAX_SEGMENTS_PER_PART,
  splitSmsText,
} from '../../../../../shared/channels/sms/render.ts';
import { smsSegments } from '../../../../../shared/channels/sms/segments.ts';
import type { OutboundMessage, QuickReply } from '../../../../../shared/domain/messages.ts';
import { AWKWARD_ALPHABET, seededRandom } from '../../../helpers/seeded-random.ts';

const OUR_NUMBER = '+15558675310';
const CUSTOMER = '+15017122661';
const CALLBACK = 'https://abc.execute-api.eu-west-1.amazonaws.com/webhooks/sms';

function outbound(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    messageId: '00mfz1a2b-abc-0',
    conversationId: 'conv-1',
    author: { kind: 'bot' },
    to: { channel: 'sms', accountId: OUR_NUMBER, userId: CUSTOMER, chatId: CUSTOMER },
    text: 'Hello! How can I help?',
    quickReplies: [],
    status: 'queued',
    createdAt: '2026-03-04T05:06:07.000Z',
    ...overrides,
  };
}

const REPLIES: QuickReply[] = [
  { label: 'Reset my password', payload: 'flow:password_reset' },
  { label: 'Order status', payload: 'flow:order_status' },
];

function words(count: number, word = 'palavra'): string {
  return Array.from({ length: count }, (_, index) => `${word}${index}`).join(' ');
}

describe('renderSmsMessage', () => {
  it('sends a short text from our number to the customer with the status callback', () => {
    expect(renderSmsMessage(outbound(), { statusCallbackUrl: () => CALLBACK })).toStrictEqual([
      { To: CUSTOMER, From: OUR_NUMBER, Body: 'Hello! How can I help?', StatusCallback: CALLBACK },
    ]);
  });

  it('tells the last part of a split message from the earlier ones in each part’s status callback', () => {
    const requests = renderSmsMessage(outbound({ text: words(400) }), {
      statusCallbackUrl: ({ morePartsFollow }) => `${CALLBACK}?last=${!morePartsFollow}`,
    });
    expect(requests.length).toBeGreaterThan(1);
    expect(requests.map((request) => request.StatusCallback)).toEqual([
      ...Array.from({ length: requests.length - 1 }, () => `${CALLBACK}?last=false`),
      `${CALLBACK}?last=true`,
    ]);
  });

  it('leaves StatusCallback out when no public URL is configured', () => {
    expect(renderSmsMessage(outbound())[0]).not.toHaveProperty('StatusCallback');
  });

  it('appends quick replies as a numbered list with the prompt', () => {
    const [request] = renderSmsMessage(outbound({ quickReplies: REPLIES }));
    expect(request?.Body).toBe(
      'Hello! How can I help?\n1. Reset my password\n2. Order status\nReply with a number.',
    );
  });

  it('uses the prompt it is given', () => {
    const [request] = renderSmsMessage(outbound({ quickReplies: REPLIES }), {
      numberedPrompt: 'Odpisz numerem.',
    });
    expect(request?.Body.endsWith('\nOdpisz numerem.')).toBe(true);
  });

  it('sends quick replies alone when the text is empty', () => {
    expect(renderSmsMessage(outbound({ text: '', quickReplies: REPLIES })).map((one) => one.Body)).toEqual([
      '1. Reset my password\n2. Order status\nReply with a number.',
    ]);
  });

  it('refuses a message with no text and no quick replies (never a blank SMS)', () => {
    for (const text of ['', '   ', '\n\n']) {
      expect(() => renderSmsMessage(outbound({ text }))).toThrow(UndeliverableMessageError);
    }
  });

  it('refuses a message without a recipient or a sender number', () => {
    const to = { channel: 'sms' as const, accountId: OUR_NUMBER, userId: '', chatId: '' };
    expect(() => renderSmsMessage(outbound({ to }))).toThrow(UndeliverableMessageError);
    expect(() => renderSmsMessage(outbound({ to: { ...to, accountId: '', chatId: CUSTOMER } }))).toThrow(
      UndeliverableMessageError,
    );
  });

  it('splits long GSM text on word boundaries into parts of at most 10 segments', () => {
    const text = words(400);
    const parts = renderSmsMessage(outbound({ text })).map((one) => one.Body);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(smsSegments(part)).toEqual({ encoding: 'GSM-7', segments: expect.any(Number) });
      expect(smsSegments(part).segments).toBeLessThanOrEqual(SMS_MAX_SEGMENTS_PER_PART);
      expect(part.length).toBeLessThanOrEqual(SMS_MAX_BODY_CHARS);
      expect(part).toMatch(/^palavra\d+( palavra\d+)*$/);
    }
    expect(parts.join(' ')).toBe(text);
  });

  it('splits UCS-2 text (Polish) at 10 × 67 code units, well under 1600 characters', () => {
    const text = words(300, 'żółw');
    const parts = splitSmsText(text);
    for (const part of parts) {
      expect(smsSegments(part).encoding).toBe('UCS-2');
      expect(smsSegments(part).segments).toBeLessThanOrEqual(10);
    }
    expect(parts.join(' ')).toBe(text);
    expect(parts[0]?.length).toBeGreaterThan(600);
  });

  it('keeps a text of exactly 10 GSM segments in one part', () => {
    const text = 'a'.repeat(1530);
    expect(splitSmsText(text)).toEqual([text]);
    expect(splitSmsText(`${text}b`)).toHaveLength(2);
  });

  it('prefers a line break in the second half over a later space', () => {
    const first = `${'a '.repeat(500)}end of paragraph`;
    const text = `${first}\n${'b '.repeat(400)}`;
    expect(splitSmsText(text)[0]).toBe(first);
  });

  it('cuts a word longer than a part without losing or splitting characters', () => {
    const text = '😀'.repeat(1000);
    const parts = splitSmsText(text);
    expect(parts.join('')).toBe(text);
    for (const part of parts) expect(smsSegments(part).segments).toBeLessThanOrEqual(10);
  });

  it('puts the numbered list in a part of its own when it does not fit after the text', () => {
    const text = 'a'.repeat(1520);
    const parts = renderSmsMessage(outbound({ text, quickReplies: REPLIES })).map((one) => one.Body);
    expect(parts).toEqual([text, '1. Reset my password\n2. Order status\nReply with a number.']);
  });

  it('never renders a blank part or one over the limits, for 300 seeded texts', () => {
    const random = seededRandom(0x51a5);
    for (let iteration = 0; iteration < 300; iteration++) {
      const text = random.stringFrom(`${AWKWARD_ALPHABET}      \n`, random.int(1, 4000));
      const quickReplies = random.chance(0.3) ? REPLIES : [];
      if (text.trim() === '' && quickReplies.length === 0) continue;
      const parts = renderSmsMessage(outbound({ text, quickReplies }));
      for (const part of parts) {
        expect(part.Body.trim(), `iteration ${iteration}`).not.toBe('');
        expect(smsSegments(part.Body).segments, `iteration ${iteration}`).toBeLessThanOrEqual(10);
        expect(part.Body.length).toBeLessThanOrEqual(SMS_MAX_BODY_CHARS);
      }
    }
  });
});
