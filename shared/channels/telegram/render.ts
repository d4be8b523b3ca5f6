import type { OutboundMessage } from '../../domain/messages.ts';
import { UndeliverableMessageError } from '../errors.ts';
import type { AnswerCallbackQueryParams, InlineKeyboardButton, SendMessageParams } from './wire-types.ts';

/** sendMessage accepts 1-4096 characters of text after entity parsing; we send plain text. */
export const TELEGRAM_MAX_TEXT = 4096;
/** callback_data is limited to 1-64 bytes. */
const MAX_CALLBACK_DATA_BYTES = 64;

export type TelegramRequest =
  | { readonly method: 'sendMessage'; readonly params: SendMessageParams }
  | { readonly method: 'answerCallbackQuery'; readonly params: AnswerCallbackQueryParams };

/**
 * The Bot API calls that deliver one message: long text is split at paragraph or word boundaries,
 * and the buttons ride on the last part so they stay under the text they belong to.
 */
export function renderTelegramMessage(message: OutboundMessage): TelegramRequest[] {
  // Telegram refuses blank text with a 400; a blank part after a cut would also strand the buttons.
  const parts = splitText(message.text, TELEGRAM_MAX_TEXT).filter((part) => part.trim() !== '');
  if (parts.length === 0)
    throw new UndeliverableMessageError('telegram', 'Telegram cannot send a message without text');
  const chatId = toChatId(message.to.chatId);
  return parts.map((text, index) => {
    const params: SendMessageParams = { chat_id: chatId, text };
    if (index === parts.length - 1 && message.quickReplies.length > 0) {
      params.reply_markup = {
        // One button per row: labels stay readable on a phone in every language.
        inline_keyboard: message.quickReplies.map((reply): InlineKeyboardButton[] => [
          { text: reply.label, callback_data: checkedCallbackData(reply.payload) },
        ]),
      };
    }
    return { method: 'sendMessage', params };
  });
}

export function renderTapAcknowledgement(tapId: string): TelegramRequest {
  return { method: 'answerCallbackQuery', params: { callback_query_id: tapId } };
}

/** Chat ids have up to 52 significant bits: exact as a JS number, so send them as numbers. */
function toChatId(chatId: string): number | string {
  const numeric = Number(chatId);
  return /^-?\d+$/.test(chatId) && Number.isSafeInteger(numeric) ? numeric : chatId;
}

function checkedCallbackData(payload: string): string {
  const bytes = Buffer.byteLength(payload, 'utf8');
  if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) {
    throw new UndeliverableMessageError(
      'telegram',
      `button payload must be 1-${MAX_CALLBACK_DATA_BYTES} bytes, got ${bytes}`,
    );
  }
  return payload;
}

/** Splits text into parts of at most `limit` characters (code points), preferring line, then word breaks. */
export function splitText(text: string, limit: number): string[] {
  const chars = Array.from(text.length > 0 ? text : ' ');
  const parts: string[] = [];
  let start = 0;
  while (chars.length - start > limit) {
    const window = chars.slice(start, start + limit);
    const lastNewline = window.lastIndexOf('\n');
    const lastSpace = window.lastIndexOf(' ');
    const cut = lastNewline > limit / 2 ? lastNewline + 1 : lastSpace > limit / 2 ? lastSpace + 1 : limit;
    parts.push(
      chars
        .slice(start, start + cut)
        .join('')
        .trimEnd(),
    );
    start += cut;
  }
  parts.push(chars.slice(start).join(''));
  return parts;
}
