import { ChannelNetworkError, mayHaveReachedPlatform, redactedCause } from '../errors.ts';
import { graphApiError } from './graph-errors.ts';
import type { WhatsappRequest } from './render.ts';
import type { GraphErrorBody, SendMessageResponse } from './wire-types.ts';

/** Graph API base; the version is part of the URL so a test server or the local sandbox can stand in. */
export const WHATSAPP_DEFAULT_API_URL = 'https://graph.facebook.com/v23.0';

export interface WhatsappClientOptions {
  /** e.g. https://graph.facebook.com/v23.0, or the local sandbox's base URL. */
  readonly apiUrl: string;
  readonly accessToken: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

export interface WhatsappClient {
  /** POST {apiUrl}/{phoneNumberId}/messages; resolves with the wamid of a sent message ('' for mark-read). */
  call(phoneNumberId: string, request: WhatsappRequest): Promise<string>;
}

/** A thin Messages API client: one POST per request, errors mapped to the channel error kinds. */
export function createWhatsappClient(options: WhatsappClientOptions): WhatsappClient {
  const doFetch = options.fetch ?? fetch;
  const base = options.apiUrl.replace(/\/+$/, '');
  return {
    async call(phoneNumberId, request) {
      let response: Response;
      try {
        response = await doFetch(`${base}/${encodeURIComponent(phoneNumberId)}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${options.accessToken}` },
          body: JSON.stringify(request.body),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new ChannelNetworkError('whatsapp', request.method, mayHaveReachedPlatform(error), {
          cause: redactedCause(error, options.accessToken),
        });
      }
      const body = await readBody(response);
      if (!response.ok)
        throw graphApiError(
          request.method,
          response.status,
          body as GraphErrorBody | undefined,
          response.headers.get('retry-after'),
          options.accessToken,
        );
      const sent = body as SendMessageResponse | undefined;
      if (request.method === 'markRead' && sent?.success === true) return '';
      const wamid = sent?.messages?.[0]?.id;
      if (typeof wamid === 'string' && wamid !== '') return wamid;
      // A 2xx we cannot read: Meta probably took the message, so this is not a refusal.
      throw new ChannelNetworkError('whatsapp', request.method, true, {
        cause: new Error('unreadable 2xx body'),
      });
    },
  };
}

async function readBody(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}
