import type { OutboundAdapter } from '../outbound-adapter.ts';
import type { WhatsappCredentials, WhatsappTemplate } from './credentials.ts';
import { renderMarkReadAndTyping, renderWhatsappMessage, WHATSAPP_MAX_TEXT } from './render.ts';
import { createWhatsappClient, type WhatsappClient } from './send.ts';

export function whatsappOutboundAdapter(options: {
  credentials: () => Promise<WhatsappCredentials>;
  apiUrl: string;
  /** Sent instead of free-form text once the 24-hour window has closed (see whatsappTemplateFromEnv). */
  template?: WhatsappTemplate;
  fetch?: typeof fetch;
}): OutboundAdapter {
  let client: { token: string; client: WhatsappClient } | undefined;
  const clientFor = async (): Promise<WhatsappClient> => {
    const { accessToken } = await options.credentials();
    if (client?.token !== accessToken) {
      client = {
        token: accessToken,
        client: createWhatsappClient({
          apiUrl: options.apiUrl,
          accessToken,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        }),
      };
    }
    return client.client;
  };
  return {
    channel: 'whatsapp',
    capabilities: { maxTextLength: WHATSAPP_MAX_TEXT, buttons: 'reply_buttons', replyWindowHours: 24 },
    async deliver(message, context) {
      // Rendering first: an undeliverable message never opens a connection.
      const requests = renderWhatsappMessage(message, {
        window: context.window,
        ...(options.template ? { template: options.template } : {}),
      });
      const api = await clientFor();
      let lastId = '';
      // Replies go out from the business number that received the customer's message.
      for (const request of requests) lastId = await api.call(message.to.accountId, request);
      return { providerMessageId: lastId };
    },
    async markReadAndTyping(accountId, providerMessageId) {
      await (await clientFor()).call(accountId, renderMarkReadAndTyping(providerMessageId));
    },
  };
}
