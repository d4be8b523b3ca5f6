import type { TelegramCredentials } from '../credentials.ts';
import type { OutboundAdapter } from '../outbound-adapter.ts';
import { renderTapAcknowledgement, renderTelegramMessage, TELEGRAM_MAX_TEXT } from './render.ts';
import { createTelegramClient, type TelegramClient } from './send.ts';

export function telegramOutboundAdapter(options: {
  credentials: () => Promise<TelegramCredentials>;
  apiUrl: string;
  fetch?: typeof fetch;
}): OutboundAdapter {
  let client: { token: string; client: TelegramClient } | undefined;
  const clientFor = async (): Promise<TelegramClient> => {
    const { botToken } = await options.credentials();
    if (client?.token !== botToken) {
      client = {
        token: botToken,
        client: createTelegramClient({
          apiUrl: options.apiUrl,
          botToken,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        }),
      };
    }
    return client.client;
  };
  return {
    channel: 'telegram',
    capabilities: { maxTextLength: TELEGRAM_MAX_TEXT, buttons: 'inline_keyboard' },
    async deliver(message) {
      const api = await clientFor();
      let lastId = '';
      for (const request of renderTelegramMessage(message)) {
        const sent = await api.call<{ message_id: number }>(request);
        lastId = String(sent.message_id);
      }
      return { providerMessageId: lastId };
    },
    async acknowledgeTap(_accountId, tapId) {
      await (await clientFor()).call<boolean>(renderTapAcknowledgement(tapId));
    },
  };
}
