import type { OutboundAdapter } from '../outbound-adapter.ts';
import { MESSENGER_MAX_TEXT, renderMessengerMessage } from './render.ts';
import { createMessengerClient, type MessengerClient } from './send.ts';

/**
 * Sends as the Page whose token the credentials hold. Quick replies need no acknowledgement, and
 * sender actions need the customer's PSID, which markReadAndTyping(accountId, messageId) does not
 * carry, so neither optional method is offered.
 */
export function messengerOutboundAdapter(options: {
  credentials: () => Promise<{ readonly pageAccessToken: string }>;
  apiUrl: string;
  fetch?: typeof fetch;
}): OutboundAdapter {
  let cached: { token: string; client: MessengerClient } | undefined;
  const clientFor = async (): Promise<MessengerClient> => {
    const { pageAccessToken } = await options.credentials();
    if (cached?.token !== pageAccessToken) {
      cached = {
        token: pageAccessToken,
        client: createMessengerClient({
          apiUrl: options.apiUrl,
          pageAccessToken,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        }),
      };
    }
    return cached.client;
  };
  return {
    channel: 'messenger',
    capabilities: { maxTextLength: MESSENGER_MAX_TEXT, buttons: 'quick_replies', replyWindowHours: 24 },
    async deliver(message, context) {
      // Rendered before any call: a message that cannot go out sends no part at all.
      const requests = renderMessengerMessage(message, context);
      const api = await clientFor();
      let lastId = '';
      for (const request of requests) lastId = (await api.send(request)).messageId;
      return { providerMessageId: lastId };
    },
  };
}
