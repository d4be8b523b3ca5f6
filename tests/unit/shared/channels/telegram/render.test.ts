import { describe, expect, it } from 'vitest';
import { UndeliverableMessageError } from '../../../../../shared/channels/errors.ts';
import {
  renderTapAcknowledgement,
  renderTelegramMessage,
  splitText,
  TELEGRAM_MAX_TEXT,
  type TelegramRequest,
} from '../../../../../shared/channels/telegram/render.ts';
import type { OutboundMessage, QuickReply } from '../../../../../shared/domain/messages.ts';
import { seededRandom } from '../../../helpers/seeded-random.ts';

function outbound(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    messageId: '00mfz1a2b-abc-0',
    conversationId: 'conv-1',
    author: { kind: 'bot' },
    to: { channel: 'telegram', accountId: '123456789', userId: '1111111', chatId: '1111111' },
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

const codePoints = (text: string): number => Array.from(text).length;
const texts = (requests: TelegramRequest[]): string[] =>
  requests.map((request) => (request.method === 'sendMessage' ? request.params.text : ''));
/** A lone (unpaired) surrogate: a split emoji. In `u` mode a well-formed pair never matches. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * The parts, in order, cover the whole original text: each part starts where the previous one
 * ended, give or take whitespace trimmed at the cut, and nothing but whitespace is left over.
 */
function expectNothingLost(original: string, parts: readonly string[]): void {
  let cursor = 0;
  for (const [index, part] of parts.entries()) {
    while (!original.startsWith(part, cursor) && /\s/.test(original[cursor] ?? '')) cursor++;
    expect(original.startsWith(part, cursor), `part ${index} continues the text at ${cursor}`).toBe(true);
    cursor += part.length;
  }
  expect(original.slice(cursor).trim(), 'text left over after the last part').toBe('');
}

describe('renderTelegramMessage', () => {
  it('renders plain text as one sendMessage with a numeric chat_id and no keyboard', () => {
    expect(renderTelegramMessage(outbound())).toStrictEqual([
      { method: 'sendMessage', params: { chat_id: 1111111, text: 'Hello! How can I help?' } },
    ]);
  });

  it('keeps a 52-bit chat id exact, as a number on the wire', () => {
    const [request] = renderTelegramMessage(
      outbound({ to: { channel: 'telegram', accountId: '1', userId: '1', chatId: '4503599627370495' } }),
    );
    expect(request?.method === 'sendMessage' && request.params.chat_id).toBe(4503599627370495);
    expect(JSON.stringify(request?.params)).toContain('"chat_id":4503599627370495');
  });

  it('keeps a negative supergroup chat id exact', () => {
    const [request] = renderTelegramMessage(
      outbound({ to: { channel: 'telegram', accountId: '1', userId: '1', chatId: '-1001234567890' } }),
    );
    expect(JSON.stringify(request?.params)).toContain('"chat_id":-1001234567890');
  });

  it('sends a non-numeric chat id (a @channel username) as the string it is', () => {
    const [request] = renderTelegramMessage(
      outbound({ to: { channel: 'telegram', accountId: '1', userId: '1', chatId: '@alpha_support' } }),
    );
    expect(request?.method === 'sendMessage' && request.params.chat_id).toBe('@alpha_support');
  });

  it('renders quick replies as an inline keyboard with one button per row, payload as callback_data', () => {
    const [request] = renderTelegramMessage(outbound({ quickReplies: MENU }));
    expect(request).toStrictEqual({
      method: 'sendMessage',
      params: {
        chat_id: 1111111,
        text: 'Hello! How can I help?',
        reply_markup: {
          inline_keyboard: [
            [{ text: 'Reset my password', callback_data: 'menu:password_reset' }],
            [{ text: 'Where is my order?', callback_data: 'menu:order_status' }],
            [{ text: 'Talk to a person', callback_data: 'menu:human_agent' }],
          ],
        },
      },
    });
  });

  it('accepts a payload of exactly 64 bytes', () => {
    const payload = `menu:${'x'.repeat(59)}`;
    expect(Buffer.byteLength(payload)).toBe(64);
    const [request] = renderTelegramMessage(outbound({ quickReplies: [{ label: 'Max', payload }] }));
    expect(request?.method === 'sendMessage' && request.params.reply_markup?.inline_keyboard[0]?.[0]).toEqual(
      {
        text: 'Max',
        callback_data: payload,
      },
    );
  });

  it('refuses, as undeliverable, a payload over 64 bytes', () => {
    const payload = 'x'.repeat(65);
    expect(() => renderTelegramMessage(outbound({ quickReplies: [{ label: 'Too long', payload }] }))).toThrow(
      UndeliverableMessageError,
    );
  });

  it('counts the payload limit in UTF-8 bytes, not characters', () => {
    const payload = 'ł'.repeat(33); // 33 characters, 66 bytes
    expect(payload).toHaveLength(33);
    expect(() => renderTelegramMessage(outbound({ quickReplies: [{ label: 'Polish', payload }] }))).toThrow(
      UndeliverableMessageError,
    );
  });

  it('refuses, as undeliverable, an empty payload (Telegram needs 1-64 bytes)', () => {
    expect(() =>
      renderTelegramMessage(outbound({ quickReplies: [{ label: 'Empty', payload: '' }] })),
    ).toThrow(UndeliverableMessageError);
  });

  it('splits text over 4096 characters into parts of at most 4096 code points, buttons on the last part only', () => {
    const paragraph = (n: number) => `Paragraph ${n}: ${'lorem ipsum dolor sit amet '.repeat(30)}`.trim();
    const text = Array.from({ length: 12 }, (_, n) => paragraph(n)).join('\n\n');
    expect(codePoints(text)).toBeGreaterThan(2 * TELEGRAM_MAX_TEXT);

    const requests = renderTelegramMessage(outbound({ text, quickReplies: MENU }));
    expect(requests.length).toBeGreaterThanOrEqual(3);
    for (const [index, request] of requests.entries()) {
      expect(request.method).toBe('sendMessage');
      if (request.method !== 'sendMessage') continue;
      expect(codePoints(request.params.text)).toBeLessThanOrEqual(TELEGRAM_MAX_TEXT);
      expect(request.params.chat_id).toBe(1111111);
      if (index < requests.length - 1) expect(request.params).not.toHaveProperty('reply_markup');
      else expect(request.params.reply_markup?.inline_keyboard).toHaveLength(3);
    }
    expectNothingLost(text, texts(requests));
  });

  it('cuts long text at paragraph boundaries when there are any', () => {
    const paragraphs = Array.from({ length: 10 }, (_, n) => `${n}`.repeat(900));
    const text = paragraphs.join('\n');
    const parts = texts(renderTelegramMessage(outbound({ text })));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      // Every part is made of whole paragraphs.
      for (const line of part.split('\n')) expect(paragraphs).toContain(line);
    }
    expectNothingLost(text, parts);
  });

  it('cuts long text without newlines between words, never inside one', () => {
    const words = Array.from({ length: 1500 }, (_, n) => `word${n}`);
    const text = words.join(' ');
    const parts = texts(renderTelegramMessage(outbound({ text })));
    expect(parts.length).toBeGreaterThan(1);
    const known = new Set(words);
    for (const part of parts) {
      for (const token of part.trim().split(' ')) expect(known.has(token), token).toBe(true);
    }
    expectNothingLost(text, parts);
  });

  it('prefers a newline over a later space when both are in the second half of the window', () => {
    const text = `${'a'.repeat(3000)}\n${'b '.repeat(1500)}`;
    const [first] = texts(renderTelegramMessage(outbound({ text })));
    expect(first).toBe('a'.repeat(3000));
  });

  it('cuts hard at 4096 code points when the text has no whitespace at all', () => {
    const text = 'x'.repeat(10_000);
    const parts = texts(renderTelegramMessage(outbound({ text })));
    expect(parts.map(codePoints)).toEqual([4096, 4096, 1808]);
    expect(parts.join('')).toBe(text);
  });

  it('never splits an emoji (surrogate pair) and counts emoji as one character each', () => {
    const text = '😀'.repeat(5000);
    const parts = texts(renderTelegramMessage(outbound({ text })));
    expect(parts.map(codePoints)).toEqual([4096, 904]);
    for (const part of parts) expect(part).not.toMatch(LONE_SURROGATE);
    expect(parts.join('')).toBe(text);
  });

  it('never splits an emoji that straddles the limit after an odd number of ASCII characters', () => {
    const text = `a${'👍🏽 '.repeat(3000)}`;
    const parts = texts(renderTelegramMessage(outbound({ text })));
    for (const part of parts) {
      expect(part).not.toMatch(LONE_SURROGATE);
      expect(codePoints(part)).toBeLessThanOrEqual(TELEGRAM_MAX_TEXT);
    }
    expectNothingLost(text, parts);
  });

  it('sends exactly 4096 characters as one message and 4097 as two', () => {
    expect(renderTelegramMessage(outbound({ text: 'y'.repeat(4096) }))).toHaveLength(1);
    expect(renderTelegramMessage(outbound({ text: 'y'.repeat(4097) }))).toHaveLength(2);
  });

  it('keeps every part within the limit and loses nothing for 200 generated texts (seeded)', () => {
    const random = seededRandom(4096);
    const pieces = ['word', 'słowo', 'palavra', '😀', '👍🏽', '中文', ' ', ' ', '\n', '\n\n', 'x'.repeat(50)];
    for (let iteration = 0; iteration < 200; iteration++) {
      const chunks: string[] = [];
      const target = random.int(1, 12_000);
      for (let length = 0; length < target; ) {
        const piece = random.pick(pieces);
        chunks.push(piece);
        length += codePoints(piece);
      }
      let text = chunks.join('');
      text = text.trim() || 'z';
      const requests = renderTelegramMessage(outbound({ text, quickReplies: MENU }));
      const parts = texts(requests);
      for (const part of parts) {
        expect(codePoints(part), `iteration ${iteration}`).toBeLessThanOrEqual(TELEGRAM_MAX_TEXT);
        expect(part, `iteration ${iteration}`).not.toMatch(LONE_SURROGATE);
      }
      expectNothingLost(text, parts);
      const withButtons = requests.filter((r) => r.method === 'sendMessage' && r.params.reply_markup);
      expect(withButtons).toEqual([requests.at(-1)]);
    }
  });

  it('never sends a blank text for an empty message (Telegram answers 400 "message text is empty")', () => {
    let requests: TelegramRequest[];
    try {
      requests = renderTelegramMessage(outbound({ text: '', quickReplies: MENU }));
    } catch (error) {
      // Refusing to render is an acceptable answer; sending a blank text is not.
      expect(error).toBeInstanceOf(Error);
      return;
    }
    for (const text of texts(requests)) expect(text.trim()).not.toBe('');
  });

  it('does not turn trailing whitespace past the limit into an extra blank message', () => {
    // 4096 characters and a final newline: the second part would be "\n", which Telegram refuses,
    // after the first part was already delivered, and the buttons ride on that refused part.
    const text = `${'z'.repeat(TELEGRAM_MAX_TEXT)}\n`;
    const requests = renderTelegramMessage(outbound({ text, quickReplies: MENU }));
    for (const part of texts(requests)) expect(part.trim()).not.toBe('');
    const last = requests.at(-1);
    expect(last?.method === 'sendMessage' && last.params.reply_markup?.inline_keyboard).toHaveLength(3);
  });
});

describe('splitText', () => {
  it('returns short text unchanged as a single part', () => {
    expect(splitText('hello world', 4096)).toEqual(['hello world']);
  });

  it('returns exactly one non-empty part for empty text', () => {
    const parts = splitText('', 4096);
    expect(parts).toHaveLength(1);
    expect(parts[0]?.length).toBeGreaterThan(0);
  });

  it('trims the whitespace at each cut from the end of the earlier part', () => {
    expect(splitText('aaaa bbbb', 6)).toEqual(['aaaa', 'bbbb']);
    expect(splitText('aaaa\nbbbb', 6)).toEqual(['aaaa', 'bbbb']);
  });

  it('ignores a break in the first half of the window and cuts hard instead', () => {
    expect(splitText('a bbbbbbbbbbb', 10)).toEqual(['a bbbbbbbb', 'bbb']);
  });

  it('respects a small limit in code points', () => {
    expect(splitText('😀😀😀😀😀', 2)).toEqual(['😀😀', '😀😀', '😀']);
  });
});

describe('renderTapAcknowledgement', () => {
  it('answers the callback query by id, with no popup text', () => {
    expect(renderTapAcknowledgement('4382bfdwdsb323b2d9')).toStrictEqual({
      method: 'answerCallbackQuery',
      params: { callback_query_id: '4382bfdwdsb323b2d9' },
    });
  });
});
