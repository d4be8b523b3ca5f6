import { describe, expect, it } from 'vitest';
import { UndeliverableMessageError } from '../../../../../shared/channels/errors.ts';
import {
  MESSENGER_MAX_QUICK_REPLIES,
  MESSENGER_MAX_TEXT,
  renderMessengerMessage,
} from '../../../../../shared/channels/messenger/render.ts';
import type { DeliveryContext } from '../../../../../shared/channels/outbound-adapter.ts';
import {
  deliveryReference,
  parseDeliveryReference,
} from '../../../../../shared/domain/delivery-reference.ts';
import type { OutboundMessage, QuickReply } from '../../../../../shared/domain/messages.ts';
import type { ReplyWindow } from '../../../../../shared/domain/reply-window.ts';
import { seededRandom } from '../../../helpers/seeded-random.ts';

const PSID = '6543210987654321';
const OPEN: DeliveryContext = { window: 'open' };

function outbound(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    messageId: '00mfz1a2b-abc-0',
    conversationId: 'conv-1',
    author: { kind: 'bot' },
    to: { channel: 'messenger', accountId: '105487398765432', userId: PSID, chatId: PSID },
    text: 'Hello! How can I help?',
    quickReplies: [],
    status: 'queued',
    createdAt: '2026-03-04T05:06:07.000Z',
    ...overrides,
  };
}

const MENU: QuickReply[] = [
  { label: 'Reset my password', payload: 'menu:password_reset' },
  { label: 'Where is my order?', payload: 'menu:order_status' },
  { label: 'Talk to a person', payload: 'menu:human_agent' },
];

function options(count: number): QuickReply[] {
  return Array.from({ length: count }, (_, n) => ({ label: `Option ${n + 1}`, payload: `opt:${n + 1}` }));
}

function undeliverableReason(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UndeliverableMessageError);
    return (error as UndeliverableMessageError).reason;
  }
  throw new Error('expected UndeliverableMessageError');
}

describe('renderMessengerMessage', () => {
  it('renders text as one RESPONSE to the PSID without quick replies', () => {
    expect(renderMessengerMessage(outbound(), OPEN)).toStrictEqual([
      {
        recipient: { id: PSID },
        messaging_type: 'RESPONSE',
        message: { text: 'Hello! How can I help?', metadata: deliveryReference(outbound()) },
      },
    ]);
  });

  it('renders quick replies as text quick replies with the payloads', () => {
    const [request] = renderMessengerMessage(outbound({ quickReplies: MENU }), OPEN);
    expect(request?.message.quick_replies).toStrictEqual([
      { content_type: 'text', title: 'Reset my password', payload: 'menu:password_reset' },
      { content_type: 'text', title: 'Where is my order?', payload: 'menu:order_status' },
      { content_type: 'text', title: 'Talk to a person', payload: 'menu:human_agent' },
    ]);
  });

  it('shortens a title over 20 characters with an ellipsis, keeping the payload', () => {
    const [request] = renderMessengerMessage(
      outbound({ quickReplies: [{ label: 'Quero falar com um atendente', payload: 'menu:human_agent' }] }),
      OPEN,
    );
    const reply = request?.message.quick_replies?.[0];
    expect(reply?.title).toBe('Quero falar com um…');
    expect(reply?.title.length).toBeLessThanOrEqual(20);
    expect(reply?.payload).toBe('menu:human_agent');
  });

  it('keeps a title of exactly 20 characters whole, and never cuts an emoji in a title', () => {
    const twenty = 'x'.repeat(20);
    const [whole] = renderMessengerMessage(
      outbound({ quickReplies: [{ label: twenty, payload: 'p' }] }),
      OPEN,
    );
    expect(whole?.message.quick_replies?.[0]?.title).toBe(twenty);
    const [emoji] = renderMessengerMessage(
      outbound({ quickReplies: [{ label: '👍🏽'.repeat(8), payload: 'p' }] }),
      OPEN,
    );
    const title = emoji?.message.quick_replies?.[0]?.title ?? '';
    expect(title.length).toBeLessThanOrEqual(20);
    expect(title).toBe(`${'👍🏽'.repeat(4)}…`);
  });

  it('sends 13 options as quick replies and 14 as a numbered list in the text', () => {
    const [thirteen] = renderMessengerMessage(
      outbound({ quickReplies: options(MESSENGER_MAX_QUICK_REPLIES) }),
      OPEN,
    );
    expect(thirteen?.message.quick_replies).toHaveLength(13);
    const requests = renderMessengerMessage(outbound({ text: 'Pick one:', quickReplies: options(14) }), OPEN);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.message).not.toHaveProperty('quick_replies');
    expect(requests[0]?.message.text).toBe(
      `Pick one:\n\n${options(14)
        .map((option, n) => `${n + 1}. ${option.label}`)
        .join('\n')}`,
    );
  });

  it('accepts a payload of 1000 characters and refuses 1001 or an empty one', () => {
    const max = 'p'.repeat(1000);
    const [request] = renderMessengerMessage(
      outbound({ quickReplies: [{ label: 'Max', payload: max }] }),
      OPEN,
    );
    expect(request?.message.quick_replies?.[0]?.payload).toBe(max);
    for (const payload of ['p'.repeat(1001), '']) {
      undeliverableReason(() =>
        renderMessengerMessage(outbound({ quickReplies: [{ label: 'x', payload }] }), OPEN),
      );
    }
  });

  it('refuses a quick reply without a label', () => {
    undeliverableReason(() =>
      renderMessengerMessage(outbound({ quickReplies: [{ label: '  ', payload: 'p' }] }), OPEN),
    );
  });

  it('splits text over 2000 characters on word boundaries, quick replies on the last part only', () => {
    const words = Array.from({ length: 900 }, (_, n) => `word${n}`);
    const text = words.join(' ');
    const requests = renderMessengerMessage(outbound({ text, quickReplies: MENU }), OPEN);
    expect(requests.length).toBeGreaterThanOrEqual(3);
    const known = new Set(words);
    for (const [index, request] of requests.entries()) {
      expect(request.message.text.length).toBeLessThanOrEqual(MESSENGER_MAX_TEXT);
      for (const token of request.message.text.split(' ')) expect(known.has(token), token).toBe(true);
      expect(request.recipient.id).toBe(PSID);
      expect(request.messaging_type).toBe('RESPONSE');
      if (index < requests.length - 1) expect(request.message).not.toHaveProperty('quick_replies');
      else expect(request.message.quick_replies).toHaveLength(3);
    }
    expect(requests.map((request) => request.message.text).join(' ')).toBe(text);
  });

  it('sends exactly 2000 characters as one message and 2001 as two', () => {
    expect(renderMessengerMessage(outbound({ text: 'y'.repeat(2000) }), OPEN)).toHaveLength(1);
    expect(renderMessengerMessage(outbound({ text: 'y'.repeat(2001) }), OPEN)).toHaveLength(2);
  });

  it('counts emoji as two units so a part never exceeds 2000 by any count, and never splits one', () => {
    const requests = renderMessengerMessage(outbound({ text: '😀'.repeat(1500) }), OPEN);
    expect(requests.map((request) => request.message.text.length)).toEqual([2000, 1000]);
    expect(requests.every((request) => !/\p{Surrogate}/u.test(request.message.text))).toBe(true);
  });

  it('never sends a blank part: whitespace past the limit does not become a message', () => {
    const requests = renderMessengerMessage(
      outbound({ text: `${'z'.repeat(2000)}\n  `, quickReplies: MENU }),
      OPEN,
    );
    expect(requests).toHaveLength(1);
    expect(requests[0]?.message.quick_replies).toHaveLength(3);
  });

  it('refuses a message without text as undeliverable', () => {
    undeliverableReason(() => renderMessengerMessage(outbound({ text: '  \n ' }), OPEN));
  });

  it('refuses a message without a recipient PSID', () => {
    const to = { channel: 'messenger' as const, accountId: '1', userId: '', chatId: '' };
    undeliverableReason(() => renderMessengerMessage(outbound({ to }), OPEN));
  });

  it('keeps every part within the limit and loses no word for 200 generated texts (seeded)', () => {
    const random = seededRandom(2000);
    const pieces = ['word', 'słowo', 'palavra', '😀', '👍🏽', '中文', ' ', ' ', '\n', '\n\n', 'x'.repeat(40)];
    for (let iteration = 0; iteration < 200; iteration++) {
      const chunks: string[] = [];
      for (let length = 0, target = random.int(1, 7000); length < target; ) {
        const piece = random.pick(pieces);
        chunks.push(piece);
        length += piece.length;
      }
      const text = chunks.join('').trim() || 'z';
      const requests = renderMessengerMessage(outbound({ text, quickReplies: MENU }), OPEN);
      for (const request of requests) {
        expect(request.message.text.length, `iteration ${iteration}`).toBeLessThanOrEqual(MESSENGER_MAX_TEXT);
        expect(request.message.text.trim(), `iteration ${iteration}`).not.toBe('');
      }
      const rejoined = requests.map((request) => request.message.text).join('');
      expect(rejoined.replace(/\s+/g, ''), `iteration ${iteration}`).toBe(text.replace(/\s+/g, ''));
      expect(requests.filter((request) => request.message.quick_replies)).toEqual([requests.at(-1)]);
    }
  });
});

describe('renderMessengerMessage tags', () => {
  it('tags each part for its echo, and only the last part names the whole message', () => {
    const long = outbound({ text: 'word '.repeat(1000) });
    const requests = renderMessengerMessage(long, OPEN);
    expect(requests.length).toBeGreaterThan(1);
    const named = requests.map((request) => parseDeliveryReference(request.message.metadata));
    expect(named.at(-1)).toEqual({ conversationId: long.conversationId, messageId: long.messageId });
    expect(named.slice(0, -1).every((reference) => reference === undefined)).toBe(true);
    expect(requests.every((request) => request.message.metadata?.startsWith('omni1:'))).toBe(true);
  });
});

describe('renderMessengerMessage and the reply window', () => {
  it('sends an agent reply between 24 hours and 7 days with the HUMAN_AGENT tag', () => {
    const agent = outbound({ author: { kind: 'agent', agentId: 'agent-7' } });
    expect(renderMessengerMessage(agent, { window: 'human_agent' })).toStrictEqual([
      {
        recipient: { id: PSID },
        messaging_type: 'MESSAGE_TAG',
        tag: 'HUMAN_AGENT',
        message: { text: 'Hello! How can I help?', metadata: deliveryReference(agent) },
      },
    ]);
  });

  it('refuses a bot message in the human_agent window (the tag is for people only)', () => {
    expect(undeliverableReason(() => renderMessengerMessage(outbound(), { window: 'human_agent' }))).toMatch(
      /^window_closed: /,
    );
  });

  it.each<ReplyWindow>(['closed', 'template_only'])('refuses any message when the window is %s', (window) => {
    const agent = outbound({ author: { kind: 'agent', agentId: 'agent-7' } });
    expect(undeliverableReason(() => renderMessengerMessage(agent, { window }))).toMatch(/^window_closed: /);
  });
});
