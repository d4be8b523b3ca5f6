/**
 * Telegram Bot API types, 1:1 with https://core.telegram.org/bots/api (the fields we read).
 * Only shared/channels/telegram/ imports this file. Every field is optional unless the API
 * guarantees it, because Telegram's own samples omit "required" ones (see protocols.md §6.8).
 */

export interface TelegramUser {
  id: number;
  is_bot?: boolean;
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface TelegramChat {
  id: number;
  type?: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
}

export interface TelegramMessage {
  message_id: number;
  date?: number;
  edit_date?: number;
  chat: TelegramChat;
  from?: TelegramUser;
  text?: string;
  caption?: string;
  photo?: unknown[];
  document?: unknown;
  audio?: unknown;
  voice?: unknown;
  video?: unknown;
  video_note?: unknown;
  sticker?: unknown;
  animation?: unknown;
  location?: unknown;
  venue?: unknown;
  contact?: unknown;
  poll?: unknown;
  dice?: unknown;
  reply_to_message?: unknown;
}

export interface TelegramCallbackQuery {
  id: string;
  from: TelegramUser;
  message?: TelegramMessage;
  inline_message_id?: string;
  chat_instance?: string;
  data?: string;
}

export interface TelegramUpdate {
  update_id: number;
  message?: TelegramMessage;
  edited_message?: TelegramMessage;
  callback_query?: TelegramCallbackQuery;
  [otherKind: string]: unknown;
}

export interface InlineKeyboardButton {
  text: string;
  callback_data: string;
}

export interface SendMessageParams {
  chat_id: number | string;
  text: string;
  reply_markup?: { inline_keyboard: InlineKeyboardButton[][] };
}

export interface AnswerCallbackQueryParams {
  callback_query_id: string;
  text?: string;
}

/** Every Bot API response. */
export type TelegramResponse<T> =
  | { ok: true; result: T }
  | {
      ok: false;
      error_code: number;
      description: string;
      parameters?: { retry_after?: number; migrate_to_chat_id?: number };
    };
