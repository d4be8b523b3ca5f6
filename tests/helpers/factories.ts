import type { CustomerMessage, InboundEvent } from '../../shared/domain/events.ts';
import type { InboundEnvelope } from '../../shared/queue/envelopes.ts';

let sequence = 0;

/** A Telegram update body as the platform sends it (private chat text message). */
export function telegramTextUpdate(
  options: {
    updateId?: number;
    chatId?: number;
    text?: string;
    languageCode?: string;
    firstName?: string;
  } = {},
): Record<string, unknown> {
  const updateId = options.updateId ?? 100_000 + ++sequence;
  const chatId = options.chatId ?? 5_000_000 + sequence;
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: 1_764_115_200,
      chat: { id: chatId, type: 'private', first_name: options.firstName ?? 'Ana' },
      from: {
        id: chatId,
        is_bot: false,
        first_name: options.firstName ?? 'Ana',
        language_code: options.languageCode ?? 'en',
      },
      text: options.text ?? 'hello',
    },
  };
}

export function telegramTapUpdate(options: {
  updateId?: number;
  chatId: number;
  data: string;
}): Record<string, unknown> {
  const updateId = options.updateId ?? 100_000 + ++sequence;
  return {
    update_id: updateId,
    callback_query: {
      id: `cb-${updateId}`,
      from: { id: options.chatId, is_bot: false, first_name: 'Ana', language_code: 'en' },
      message: {
        message_id: 1,
        date: 1_764_115_200,
        chat: { id: options.chatId, type: 'private' },
        text: 'menu',
      },
      chat_instance: 'ci-1',
      data: options.data,
    },
  };
}

export function customerMessage(
  overrides: Partial<CustomerMessage> & { chatId?: string; updateId?: number } = {},
): CustomerMessage {
  const updateId = overrides.updateId ?? 200_000 + ++sequence;
  const chatId = overrides.chatId ?? String(7_000_000 + sequence);
  return {
    kind: 'message',
    eventId: `telegram:123456789:${updateId}`,
    address: { channel: 'telegram', accountId: '123456789', userId: chatId, chatId },
    occurredAt: '2026-11-26T00:00:00.000Z',
    providerMessageId: String(updateId),
    text: 'hello',
    profile: { displayName: 'Ana Souza', locale: 'en' },
    ...overrides,
  };
}

export function envelope(
  event: InboundEvent,
  receivedAt = new Date('2026-11-26T10:00:00.000Z'),
): InboundEnvelope {
  return { v: 1, event, receivedAt: receivedAt.toISOString(), correlationId: `test-${event.eventId}` };
}
