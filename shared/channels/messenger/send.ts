import { ChannelNetworkError, mayHaveReachedPlatform, redactedCause } from '../errors.ts';
import { graphApiError } from './graph-errors.ts';
import type { MessengerSendRequest, MessengerSendResponse } from './wire-types.ts';

/** Graph API with the version we target; GRAPH_API_URL points it at the sandbox or a test server. */
export const MESSENGER_DEFAULT_API_URL = 'https://graph.facebook.com/v23.0';

const SEND_METHOD = 'me/messages';

export interface MessengerClientOptions {
  /** Base URL including the version, e.g. https://graph.facebook.com/v23.0. */
  readonly apiUrl: string;
  readonly pageAccessToken: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

export interface MessengerClient {
  /** Sends one message as the Page; resolves with Meta's message id. */
  send(request: MessengerSendRequest): Promise<{ messageId: string }>;
}

/**
 * A thin Send API client: one POST to /me/messages per request, the Page token in the
 * Authorization header (Graph accepts it there as well as in `access_token`; a header keeps it out
 * of URLs and access logs), errors mapped to the channel error kinds.
 */
export function createMessengerClient(options: MessengerClientOptions): MessengerClient {
  const doFetch = options.fetch ?? fetch;
  const url = `${options.apiUrl.replace(/\/+$/, '')}/${SEND_METHOD}`;
  return {
    async send(request) {
      let response: Response;
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${options.pageAccessToken}`,
          },
          body: JSON.stringify(request),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new ChannelNetworkError('messenger', SEND_METHOD, mayHaveReachedPlatform(error), {
          cause: redactedCause(error, options.pageAccessToken),
        });
      }
      const body = await readJson(response);
      if (response.ok) {
        const messageId = (body as MessengerSendResponse | undefined)?.message_id;
        if (typeof messageId === 'string' && messageId !== '') return { messageId };
        // A 2xx we cannot read: Meta probably sent the message, so this is not a refusal.
        throw new ChannelNetworkError('messenger', SEND_METHOD, true, {
          cause: new Error('2xx answer without message_id'),
        });
      }
      throw graphApiError(SEND_METHOD, response, body);
    },
  };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}
