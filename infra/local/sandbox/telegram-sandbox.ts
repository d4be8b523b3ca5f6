import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';

/** One Bot API call as the sandbox received it. */
export interface SandboxCall {
  readonly method: string;
  readonly params: Record<string, unknown>;
  readonly at: string;
}

/** What the customer's phone shows: a message from the bot, with its buttons. */
export interface PhoneMessage {
  readonly chatId: string;
  readonly messageId: number;
  readonly text: string;
  readonly buttons: readonly { text: string; callbackData: string }[];
  readonly at: string;
}

export interface SandboxReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/**
 * A stand-in for api.telegram.org: accepts the Bot API calls the product makes, keeps what each
 * chat would show, and can be told to fail the next calls (429 with retry_after, 5xx) to
 * exercise the sender's retry path. With a file, the phone's history survives a restart.
 */
export class TelegramSandbox {
  readonly calls: SandboxCall[] = [];
  private readonly phone: PhoneMessage[] = [];
  private readonly injected: SandboxReply[] = [];
  private nextMessageId = 1;
  /** What setWebhook registered; Telegram pushes updates there (the sandbox only remembers it). */
  private webhook: { url: string; secretToken?: string; allowedUpdates?: string[] } | undefined;

  constructor(
    private readonly botToken: string,
    private readonly historyFile?: string,
  ) {
    if (historyFile && existsSync(historyFile)) {
      for (const line of readFileSync(historyFile, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          const message = JSON.parse(line) as PhoneMessage;
          this.phone.push(message);
          this.nextMessageId = Math.max(this.nextMessageId, message.messageId + 1);
        } catch {
          // A torn last line after a crash: the rest of the history is intact.
        }
      }
    }
  }

  /** The next calls answer with these replies, in order, instead of succeeding. */
  injectFailures(...replies: SandboxReply[]): void {
    this.injected.push(...replies);
  }

  messagesFor(chatId: string): PhoneMessage[] {
    return this.phone.filter((message) => message.chatId === chatId);
  }

  allMessages(): readonly PhoneMessage[] {
    return this.phone;
  }

  handle(token: string, method: string, params: Record<string, unknown>): SandboxReply {
    if (token !== this.botToken)
      return { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } };
    this.calls.push({ method, params, at: new Date().toISOString() });
    const injected = this.injected.shift();
    if (injected) return injected;
    switch (method) {
      case 'sendMessage':
        return this.sendMessage(params);
      case 'setWebhook':
        return this.setWebhook(params);
      case 'deleteWebhook':
        this.webhook = undefined;
        return { status: 200, body: { ok: true, result: true, description: 'Webhook was deleted' } };
      case 'getWebhookInfo':
        return {
          status: 200,
          body: {
            ok: true,
            result: {
              url: this.webhook?.url ?? '',
              has_custom_certificate: false,
              pending_update_count: 0,
              max_connections: 40,
              ...(this.webhook?.allowedUpdates ? { allowed_updates: this.webhook.allowedUpdates } : {}),
            },
          },
        };
      case 'answerCallbackQuery':
        return { status: 200, body: { ok: true, result: true } };
      case 'getMe':
        return {
          status: 200,
          body: {
            ok: true,
            result: { id: Number(this.botToken.split(':')[0]), is_bot: true, first_name: 'Sandbox bot' },
          },
        };
      default:
        return {
          status: 404,
          body: { ok: false, error_code: 404, description: 'Not Found: method not found' },
        };
    }
  }

  /** The secret token registered with the webhook (getWebhookInfo never reveals it; tests may). */
  registeredWebhook(): { url: string; secretToken?: string } | undefined {
    return this.webhook;
  }

  /**
   * Like the Bot API: an HTTPS URL (plain http only for this machine, where the local runtime runs)
   * and a secret_token of 1-256 characters A-Z a-z 0-9 _ -.
   */
  private setWebhook(params: Record<string, unknown>): SandboxReply {
    const bad = (description: string) => ({
      status: 400,
      body: { ok: false, error_code: 400, description: `Bad Request: ${description}` },
    });
    const raw = typeof params.url === 'string' ? params.url : '';
    if (raw === '') {
      this.webhook = undefined;
      return { status: 200, body: { ok: true, result: true, description: 'Webhook was deleted' } };
    }
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return bad('bad webhook: invalid URL');
    }
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
      return bad('bad webhook: An HTTPS URL must be provided for webhook');
    }
    const secretToken = params.secret_token;
    if (
      secretToken !== undefined &&
      (typeof secretToken !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken))
    ) {
      return bad('secret token contains unallowed characters');
    }
    const allowed = Array.isArray(params.allowed_updates) ? (params.allowed_updates as string[]) : undefined;
    this.webhook = {
      url: raw,
      ...(typeof secretToken === 'string' ? { secretToken } : {}),
      ...(allowed ? { allowedUpdates: allowed } : {}),
    };
    return { status: 200, body: { ok: true, result: true, description: 'Webhook was set' } };
  }

  private sendMessage(params: Record<string, unknown>): SandboxReply {
    const text = typeof params.text === 'string' ? params.text : '';
    if (params.chat_id === undefined || text.length === 0 || Array.from(text).length > 4096) {
      return {
        status: 400,
        body: { ok: false, error_code: 400, description: 'Bad Request: message text is empty or too long' },
      };
    }
    const keyboard = (
      params.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined
    )?.inline_keyboard;
    const message: PhoneMessage = {
      chatId: String(params.chat_id),
      messageId: this.nextMessageId++,
      text,
      buttons: (keyboard ?? [])
        .flat()
        .map((button) => ({ text: button.text, callbackData: button.callback_data })),
      at: new Date().toISOString(),
    };
    this.phone.push(message);
    if (this.historyFile) {
      mkdirSync(dirname(this.historyFile), { recursive: true });
      appendFileSync(this.historyFile, `${JSON.stringify(message)}\n`);
    }
    const chatId = Number(message.chatId);
    return {
      status: 200,
      body: {
        ok: true,
        result: {
          message_id: message.messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: 'private' },
          text,
        },
      },
    };
  }
}

/**
 * Serves the sandbox over HTTP: POST {base}/bot<token>/<method> like the Bot API, and
 * GET {base}/chats/<chat id> for what a customer's phone shows.
 */
export function createTelegramSandboxListener(sandbox: TelegramSandbox, basePath: string) {
  return async (request: IncomingMessage, response: ServerResponse, rawBody: Buffer): Promise<void> => {
    const path = (request.url ?? '').split('?')[0]?.slice(basePath.length) ?? '';
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const chat = /^\/chats\/(-?\d+)$/.exec(path);
    if (request.method === 'GET' && chat?.[1]) return reply(200, { messages: sandbox.messagesFor(chat[1]) });
    const call = /^\/bot([^/]+)\/(\w+)$/.exec(path);
    if (!call?.[1] || !call[2]) return reply(404, { ok: false, error_code: 404, description: 'Not Found' });
    let params: Record<string, unknown> = {};
    try {
      params = rawBody.length > 0 ? (JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>) : {};
    } catch {
      return reply(400, { ok: false, error_code: 400, description: 'Bad Request: invalid JSON' });
    }
    const result = sandbox.handle(decodeURIComponent(call[1]), call[2], params);
    reply(result.status, result.body);
  };
}
