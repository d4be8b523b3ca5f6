/** The messaging platforms a customer can reach the company on. */
export type Channel = 'telegram' | 'whatsapp' | 'messenger' | 'sms';
export const CHANNELS: readonly Channel[] = ['telegram', 'whatsapp', 'messenger', 'sms'];

/** Languages the product speaks; anything else falls back to English. */
export type Language = 'en' | 'pt' | 'pl';
export const LANGUAGES: readonly Language[] = ['en', 'pt', 'pl'];

/**
 * Where a customer talks to us: the channel, our account on it (bot id, phone number id, page id,
 * Twilio number) and the customer's id on that platform. Replies go out from the same account.
 */
export interface ChannelAddress {
  readonly channel: Channel;
  readonly accountId: string;
  /** The customer's id on the platform (Telegram user id, WhatsApp user id, PSID, phone). */
  readonly userId: string;
  /** Where replies are delivered (Telegram chat id; equals userId on the other platforms). */
  readonly chatId: string;
}

/** Key of one customer-on-a-channel; also the FIFO message group, so one chat is processed in order. */
export function addressKey(address: ChannelAddress): string {
  return `${address.channel}:${address.accountId}:${address.chatId}`;
}

/** Picks a supported language from a platform locale hint such as "pt-BR" or "pl". */
export function languageFromLocale(locale: string | undefined): Language | undefined {
  const primary = locale?.toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.find((language) => language === primary);
}

/** Channels on which we mark the customer's message read and show typing while the bot works. */
export const SENDS_READ_RECEIPTS: readonly Channel[] = ['whatsapp'];

/** Channels whose platforms report delivered/read/failed for the messages we send. */
export const REPORTS_DELIVERY_STATUS: readonly Channel[] = ['whatsapp', 'messenger', 'sms'];
