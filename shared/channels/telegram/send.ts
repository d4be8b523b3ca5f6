import { ChannelApiError, ChannelNetworkError, mayHaveReachedPlatform, redactedCause } from '../errors.ts';
import type { TelegramRequest } from './render.ts';
import type { TelegramResponse } from './wire-types.ts';

export const TELEGRAM_DEFAULT_API_URL = 'https://api.telegram.org';

export interface TelegramClientOptions {
  /** Base URL of the Bot API; the local sandbox or a test server stand in for api.telegram.org. */
  readonly apiUrl: string;
  readonly botToken: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

export interface TelegramClient {
  call<T>(request: TelegramRequest): Promise<T>;
}

/** A thin Bot API client: one POST per method, errors mapped to the channel error kinds. */
export function createTelegramClient(options: TelegramClientOptions): TelegramClient {
  const doFetch = options.fetch ?? fetch;
  const base = options.apiUrl.replace(/\/+$/, '');
  return {
    async call<T>(request: TelegramRequest): Promise<T> {
      let response: Response;
      try {
        response = await doFetch(`${base}/bot${options.botToken}/${request.method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request.params),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new ChannelNetworkError('telegram', request.method, mayHaveReachedPlatform(error), {
          cause: redactedCause(error, options.botToken),
        });
      }
      const body = await readBody<T>(response);
      if (body?.ok === true) return body.result;
      if (response.ok) {
        // A 2xx we cannot read: the platform probably did the work, so this is not a refusal.
        throw new ChannelNetworkError('telegram', request.method, true, {
          cause: new Error('unreadable 2xx body'),
        });
      }
      throw new ChannelApiError(
        'telegram',
        request.method,
        response.status,
        String(body?.error_code ?? response.status),
        body?.description ?? `HTTP ${response.status}`,
        body?.parameters?.retry_after ?? retryAfterHeader(response),
      );
    },
  };
}

async function readBody<T>(response: Response): Promise<
  | (TelegramResponse<T> & {
      error_code?: number;
      description?: string;
      parameters?: { retry_after?: number };
    })
  | undefined
> {
  try {
    return (await response.json()) as TelegramResponse<T>;
  } catch {
    return undefined;
  }
}

function retryAfterHeader(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

/** The bot's numeric id is the part of the token before the colon. */
export function telegramBotIdFromToken(botToken: string): string {
  const match = /^(\d+):(.+)$/.exec(botToken);
  if (!match?.[1]) throw new Error('TELEGRAM_BOT_TOKEN must look like <bot id>:<secret>');
  return match[1];
}
