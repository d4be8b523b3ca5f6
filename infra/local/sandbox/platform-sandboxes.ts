import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { CallbackPoster, CallbackStats } from './callback-poster.ts';
import { createMessengerSandboxListener, MessengerSandbox } from './graph-messenger-sandbox.ts';
import { createWhatsappSandboxListener, WhatsappSandbox } from './graph-whatsapp-sandbox.ts';
import { postStatusCallbacks, type StatusCallbackOptions } from './status-callbacks.ts';
import { createTelegramSandboxListener, TelegramSandbox } from './telegram-sandbox.ts';
import { createTwilioSandboxListener, TwilioSandbox } from './twilio-sandbox.ts';

export type SandboxListener = (
  request: IncomingMessage,
  response: ServerResponse,
  rawBody: Buffer,
) => Promise<void>;

export interface PlatformSandboxes {
  readonly telegram: TelegramSandbox;
  readonly whatsapp: WhatsappSandbox;
  readonly messenger: MessengerSandbox;
  readonly twilio: TwilioSandbox;
  /** Routes a request under one of the base paths to its platform; undefined when none matches. */
  listenerFor(path: string): SandboxListener | undefined;
  /** Status callbacks the runtime has not acknowledged yet (always 0 without `statusCallbacks`). */
  pendingCallbacks(): number;
  callbackStats(): CallbackStats;
  /** Resolves once no callback is pending: each acknowledged, or given up after the retry window. */
  callbacksSettled(): Promise<void>;
  /** Stops retrying callbacks and drops the pending ones; sends are still answered. */
  close(): Promise<void>;
}

export interface PlatformSandboxOptions {
  /**
   * Post the callbacks the real platforms post after accepting a message (WhatsApp `sent` status,
   * Messenger echo, Twilio `sent` status callback), signed as they sign them, retried while the
   * runtime does not acknowledge them. Off unless given.
   */
  readonly statusCallbacks?: StatusCallbackOptions;
}

/** Base paths under which the sandboxes answer, the way the platforms' own hosts would. */
export const SANDBOX_PATHS = {
  telegram: '/sandbox/telegram',
  graph: '/sandbox/graph',
  twilio: '/sandbox/twilio',
} as const;

export interface SandboxCredentials {
  readonly telegramBotToken: string;
  readonly whatsappAccessToken: string;
  readonly messengerPageAccessToken: string;
  readonly twilioAccountSid: string;
  readonly twilioAuthToken: string;
}

/**
 * Stand-ins for api.telegram.org, graph.facebook.com and api.twilio.com: they accept the real send
 * calls with the real credentials and keep what each customer's phone would show (under
 * `historyDir`, when given, so it survives a restart).
 */
export function createPlatformSandboxes(
  credentials: SandboxCredentials,
  historyDir?: string,
  options: PlatformSandboxOptions = {},
): PlatformSandboxes {
  const history = (name: string) => (historyDir ? join(historyDir, `${name}.jsonl`) : undefined);
  const telegram = new TelegramSandbox(credentials.telegramBotToken, history('telegram'));
  const whatsapp = new WhatsappSandbox(credentials.whatsappAccessToken, history('whatsapp'));
  const messenger = new MessengerSandbox(credentials.messengerPageAccessToken, history('messenger'));
  const twilio = new TwilioSandbox(
    credentials.twilioAccountSid,
    credentials.twilioAuthToken,
    history('twilio'),
  );
  const callbacks: CallbackPoster | undefined = options.statusCallbacks
    ? postStatusCallbacks({ whatsapp, messenger, twilio }, options.statusCallbacks, {
        accountSid: credentials.twilioAccountSid,
        authToken: credentials.twilioAuthToken,
      })
    : undefined;
  const telegramListener = createTelegramSandboxListener(telegram, SANDBOX_PATHS.telegram);
  const whatsappListener = createWhatsappSandboxListener(whatsapp, SANDBOX_PATHS.graph);
  const messengerListener = createMessengerSandboxListener(messenger, SANDBOX_PATHS.graph);
  const twilioListener = createTwilioSandboxListener(twilio, SANDBOX_PATHS.twilio);
  return {
    telegram,
    whatsapp,
    messenger,
    twilio,
    listenerFor(path) {
      if (path.startsWith(SANDBOX_PATHS.telegram)) return telegramListener;
      if (path.startsWith(SANDBOX_PATHS.twilio)) return twilioListener;
      if (!path.startsWith(SANDBOX_PATHS.graph)) return undefined;
      // One Graph host serves both: Messenger sends as the Page (/me/messages), WhatsApp as a number id.
      return /^((\/v\d+\.\d+)?\/me\/messages|\/messenger\/chats\/\d+)$/.test(
        path.slice(SANDBOX_PATHS.graph.length),
      )
        ? messengerListener
        : whatsappListener;
    },
    pendingCallbacks: () => callbacks?.pending() ?? 0,
    callbackStats: () => callbacks?.stats() ?? { delivered: 0, pending: 0, abandoned: 0, attempts: 0 },
    callbacksSettled: () => callbacks?.settled() ?? Promise.resolve(),
    close: async () => {
      await callbacks?.close();
    },
  };
}
