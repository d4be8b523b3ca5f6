import { describe, expect, it } from 'vitest';
import { UndeliverableMessageError } from '../../../../../shared/channels/errors.ts';
import {
  recipientOf,
  renderMarkReadAndTyping,
  renderWhatsappMessage,
  WHATSAPP_MAX_TEXT,
  type WhatsappRequest,
} from '../../../../../shared/channels/whatsapp/render.ts';
import {
  deliveryReference,
  parseDeliveryReference,
} from '../../../../../shared/domain/delivery-reference.ts';
import type { OutboundMessage, QuickReply } from '../../../../../shared/domain/messages.ts';
import type { ReplyWindow } from '../../../../../shared/domain/reply-window.ts';
import { seededRandom } from '../../../helpers/seeded-random.ts';
import { CUSTOMER_BSUID, CUSTOMER_WA_ID, PHONE_NUMBER_ID } from './helpers.ts';

function outbound(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    messageId: '00mfz1a2b-abc-0',
    conversationId: 'conv-1',
    author: { kind: 'bot' },
    to: { channel: 'whatsapp', accountId: PHONE_NUMBER_ID, userId: CUSTOMER_WA_ID, chatId: CUSTOMER_WA_ID },
    text: 'Hello! How can I help?',
    quickReplies: [],
    status: 'queued',
    createdAt: '2026-03-04T05:06:07.000Z',
    ...overrides,
  };
}

const render = (message: OutboundMessage, window: ReplyWindow = 'open') =>
  renderWhatsappMessage(message, { window });
const replies = (count: number): QuickReply[] =>
  Array.from({ length: count }, (_, index) => ({
    label: `Option ${index + 1}`,
    payload: `menu:${index + 1}`,
  }));
const bodies = (requests: WhatsappRequest[]) => requests.map((request) => request.body);
const codePoints = (text: string) => Array.from(text).length;
const shownText = (request: WhatsappRequest): string => {
  const body = request.body;
  if (!('type' in body)) return '';
  if (body.type === 'text') return body.text.body;
  if (body.type === 'interactive') return body.interactive.body.text;
  return '';
};

describe('renderWhatsappMessage inside the 24-hour window', () => {
  it("tags every part with our message, so a status report names it without the platform's id", () => {
    const long = outbound({ text: 'word '.repeat(2000), quickReplies: replies(2) });
    const requests = render(long);
    expect(requests.length).toBeGreaterThan(1);
    const named = requests.map(
      (request) =>
        request.method === 'sendMessage' && parseDeliveryReference(request.body.biz_opaque_callback_data),
    );
    // Only the last part's status says the whole message reached WhatsApp.
    expect(named.at(-1)).toEqual({ conversationId: long.conversationId, messageId: long.messageId });
    expect(named.slice(0, -1).every((reference) => reference === undefined)).toBe(true);
    expect(
      requests.every((request) => request.method === 'sendMessage' && request.body.biz_opaque_callback_data),
    ).toBe(true);
  });

  it('renders plain text as one text message addressed to the phone in `to`', () => {
    expect(render(outbound())).toStrictEqual([
      {
        method: 'sendMessage',
        body: {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: CUSTOMER_WA_ID,
          biz_opaque_callback_data: deliveryReference(outbound()),
          type: 'text',
          text: { body: 'Hello! How can I help?' },
        },
      },
    ]);
  });

  it('addresses a customer known only by BSUID with `recipient` instead of `to`', () => {
    const [request] = render(
      outbound({
        to: {
          channel: 'whatsapp',
          accountId: PHONE_NUMBER_ID,
          userId: CUSTOMER_BSUID,
          chatId: CUSTOMER_BSUID,
        },
      }),
    );
    expect(request?.body).toMatchObject({ recipient: CUSTOMER_BSUID, recipient_type: 'individual' });
    expect(request?.body).not.toHaveProperty('to');
  });

  it('renders 1-3 quick replies as reply buttons with id = payload and title = label', () => {
    const [request] = render(outbound({ quickReplies: replies(3) }));
    expect(request?.body).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: CUSTOMER_WA_ID,
      biz_opaque_callback_data: deliveryReference(outbound()),
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Hello! How can I help?' },
        action: {
          buttons: [1, 2, 3].map((n) => ({
            type: 'reply',
            reply: { id: `menu:${n}`, title: `Option ${n}` },
          })),
        },
      },
    });
  });

  it('renders 4-10 quick replies as a list with one section and an Options button', () => {
    for (const count of [4, 10]) {
      const [request] = render(outbound({ quickReplies: replies(count) }));
      const body = request?.body;
      expect(body).toMatchObject({
        type: 'interactive',
        interactive: { type: 'list', action: { button: 'Options' } },
      });
      if (!body || !('type' in body) || body.type !== 'interactive' || body.interactive.type !== 'list')
        throw new Error('not a list');
      expect(body.interactive.action.sections).toHaveLength(1);
      expect(body.interactive.action.sections[0]?.rows.map((row) => row.id)).toStrictEqual(
        replies(count).map((r) => r.payload),
      );
    }
  });

  it('falls back to numbered lines in the text for more than 10 quick replies', () => {
    const requests = render(outbound({ text: 'Pick one:', quickReplies: replies(11) }));
    expect(requests).toHaveLength(1);
    expect(requests[0]?.body).toMatchObject({ type: 'text' });
    expect(shownText(requests[0] as WhatsappRequest)).toBe(
      `Pick one:\n\n${replies(11)
        .map((reply, index) => `${index + 1}. ${reply.label}`)
        .join('\n')}`,
    );
  });

  it('shortens labels past the limits with an ellipsis instead of rejecting them', () => {
    const long = { label: 'Talk to a person about my order please', payload: 'menu:human' };
    const [buttons] = render(outbound({ quickReplies: [long] }));
    expect(JSON.stringify(buttons?.body)).toContain('"title":"Talk to a person ab…"');
    const [list] = render(outbound({ quickReplies: [long, ...replies(4)] }));
    expect(JSON.stringify(list?.body)).toContain('"title":"Talk to a person about…"');
    for (const title of JSON.stringify(list?.body).match(/"title":"[^"]*"/g) ?? []) {
      expect(codePoints(title.slice(9, -1))).toBeLessThanOrEqual(24);
    }
  });

  it('rejects a payload that cannot come back intact (too long for the button id, or empty)', () => {
    expect(() => render(outbound({ quickReplies: [{ label: 'x', payload: 'p'.repeat(257) }] }))).toThrow(
      UndeliverableMessageError,
    );
    expect(() =>
      render(outbound({ quickReplies: [{ label: 'x', payload: 'p'.repeat(201) }, ...replies(3)] })),
    ).toThrow(UndeliverableMessageError);
    expect(() => render(outbound({ quickReplies: [{ label: 'x', payload: '' }] }))).toThrow(
      UndeliverableMessageError,
    );
    expect(render(outbound({ quickReplies: [{ label: 'x', payload: 'p'.repeat(256) }] }))).toHaveLength(1);
  });

  it('rejects a quick reply without a visible label', () => {
    expect(() => render(outbound({ quickReplies: [{ label: '   ', payload: 'p' }] }))).toThrow(
      UndeliverableMessageError,
    );
  });

  it('rejects blank text, with or without buttons', () => {
    for (const text of ['', '   ', '\n\n']) {
      expect(() => render(outbound({ text }))).toThrow(UndeliverableMessageError);
      expect(() => render(outbound({ text, quickReplies: replies(2) }))).toThrow(UndeliverableMessageError);
    }
  });

  it('splits long text at 4096 characters on word boundaries, losing nothing but the break spaces', () => {
    const words = Array.from({ length: 1500 }, (_, index) => `word${index}`);
    const requests = render(outbound({ text: words.join(' ') }));
    expect(requests.length).toBeGreaterThan(1);
    for (const request of requests)
      expect(codePoints(shownText(request))).toBeLessThanOrEqual(WHATSAPP_MAX_TEXT);
    expect(requests.map(shownText).join(' ').split(' ')).toStrictEqual(words);
  });

  it('keeps the reply-button body within 1024 characters by sending the text before it as text', () => {
    const text = Array.from({ length: 400 }, (_, index) => `w${index}`).join(' ');
    const requests = render(outbound({ text, quickReplies: replies(2) }));
    const last = requests.at(-1) as WhatsappRequest;
    expect(last.body).toMatchObject({ type: 'interactive', interactive: { type: 'button' } });
    expect(codePoints(shownText(last))).toBeLessThanOrEqual(1024);
    expect(
      requests.slice(0, -1).every((request) => 'type' in request.body && request.body.type === 'text'),
    ).toBe(true);
    expect(requests.map(shownText).join(' ')).toBe(text);
  });

  it('never cuts an emoji and never sends a blank part (500 seeded texts)', () => {
    const random = seededRandom(0xa11ce);
    for (let iteration = 0; iteration < 500; iteration++) {
      const text = random.stringFrom(' \n😀👍🏽abcłę中', random.int(1, 9000));
      const quickReplies = replies(random.int(0, 12));
      let requests: WhatsappRequest[] = [];
      try {
        requests = render(outbound({ text, quickReplies }));
      } catch (error) {
        expect(error, `iteration ${iteration}`).toBeInstanceOf(UndeliverableMessageError);
        expect(text.trim(), `iteration ${iteration}`).toBe('');
        continue;
      }
      for (const request of requests) {
        const shown = shownText(request);
        expect(shown.trim(), `iteration ${iteration}`).not.toBe('');
        expect(/\p{Surrogate}/u.test(shown), `iteration ${iteration}`).toBe(false);
        expect(codePoints(shown)).toBeLessThanOrEqual(WHATSAPP_MAX_TEXT);
      }
    }
  });
});

describe('renderWhatsappMessage outside the window', () => {
  const template = { name: 'support_follow_up', language: 'en_US' };

  it('sends the configured template with the text as its only body parameter', () => {
    const requests = renderWhatsappMessage(
      outbound({ text: 'Your order\nhas\tshipped.   Thanks!', quickReplies: replies(2) }),
      {
        window: 'template_only',
        template,
      },
    );
    expect(bodies(requests)).toStrictEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: CUSTOMER_WA_ID,
        biz_opaque_callback_data: deliveryReference(outbound()),
        type: 'template',
        template: {
          name: 'support_follow_up',
          language: { code: 'en_US' },
          components: [
            { type: 'body', parameters: [{ type: 'text', text: 'Your order has shipped. Thanks!' }] },
          ],
        },
      },
    ]);
  });

  it('refuses with window_closed when no template is configured', () => {
    expect(() => render(outbound(), 'template_only')).toThrow(/window_closed/);
    try {
      render(outbound(), 'template_only');
    } catch (error) {
      expect(error).toBeInstanceOf(UndeliverableMessageError);
      expect((error as UndeliverableMessageError).reason).toMatch(/^window_closed: /);
    }
  });

  it.each(['closed', 'human_agent'] as const)('refuses a %s window with window_closed', (window) => {
    expect(() => renderWhatsappMessage(outbound(), { window, template })).toThrow(/window_closed/);
  });

  it('refuses text longer than a template body can hold', () => {
    expect(() =>
      renderWhatsappMessage(outbound({ text: 'x'.repeat(1025) }), { window: 'template_only', template }),
    ).toThrow(UndeliverableMessageError);
  });
});

describe('renderMarkReadAndTyping and recipientOf', () => {
  it('marks the message read and shows the typing indicator', () => {
    expect(renderMarkReadAndTyping('wamid.IN')).toStrictEqual({
      method: 'markRead',
      body: {
        messaging_product: 'whatsapp',
        status: 'read',
        message_id: 'wamid.IN',
        typing_indicator: { type: 'text' },
      },
    });
  });

  it('sends phone digits (with or without +) in `to` and anything else in `recipient`', () => {
    expect(recipientOf('16505551234')).toStrictEqual({ to: '16505551234' });
    expect(recipientOf('+16505551234')).toStrictEqual({ to: '16505551234' });
    expect(recipientOf('US.ENT.11815799212886844830')).toStrictEqual({
      recipient: 'US.ENT.11815799212886844830',
    });
  });
});
