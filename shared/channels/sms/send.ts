import { ChannelApiError, ChannelNetworkError, mayHaveReachedPlatform, redactedCause } from '../errors.ts';
import { isRetryableTwilioError } from './error-codes.ts';
import { encodeForm } from './form.ts';
import type { TwilioCreateMessageParams, TwilioErrorBody, TwilioMessageResource } from './wire-types.ts';

export const TWILIO_DEFAULT_API_URL = 'https://api.twilio.com';
const METHOD = 'messages.create';

export interface TwilioClientOptions {
  /** Base URL of the REST API; the local sandbox or a test server stand in for api.twilio.com. */
  readonly apiUrl: string;
  readonly accountSid: string;
  readonly authToken: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

export interface TwilioClient {
  createMessage(params: TwilioCreateMessageParams): Promise<TwilioMessageResource>;
}

/** A thin Messages API client: one form POST per message, errors mapped to the channel error kinds. */
export function createTwilioClient(options: TwilioClientOptions): TwilioClient {
  const doFetch = options.fetch ?? fetch;
  const base = options.apiUrl.replace(/\/+$/, '');
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  return {
    async createMessage(params) {
      let response: Response;
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: {
            authorization,
            accept: 'application/json',
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: encodeForm({ ...params }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new ChannelNetworkError('sms', METHOD, mayHaveReachedPlatform(error), {
          cause: redactedCause(error, options.authToken),
        });
      }
      const body = await readJson(response);
      if (response.ok) {
        if (isMessageResource(body)) return body;
        // A 2xx we cannot read: Twilio probably created the message, so this is not a refusal.
        throw new ChannelNetworkError('sms', METHOD, true, { cause: new Error('unreadable 2xx body') });
      }
      const error = isErrorBody(body) ? body : undefined;
      const code = String(error?.code ?? response.status);
      throw new ChannelApiError(
        'sms',
        METHOD,
        response.status,
        code,
        typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`,
        retryAfterHeader(response),
        isRetryableTwilioError(response.status, code),
      );
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

function isMessageResource(body: unknown): body is TwilioMessageResource {
  return typeof body === 'object' && body !== null && typeof (body as { sid?: unknown }).sid === 'string';
}

function isErrorBody(body: unknown): body is TwilioErrorBody {
  const code = (body as { code?: unknown } | undefined)?.code;
  return typeof body === 'object' && body !== null && (typeof code === 'number' || typeof code === 'string');
}

/** Seconds from Retry-After, when Twilio sends one with a 429 or 503. */
function retryAfterHeader(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}
