import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';

export interface SandboxReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** One Messages API call as the sandbox received it (after the token check). */
export interface WhatsappSandboxCall {
  readonly phoneNumberId: string;
  readonly body: Record<string, unknown>;
  readonly at: string;
}

/** What the customer's phone shows: a message from the business, with its buttons or list rows. */
export interface WhatsappPhoneMessage {
  readonly phoneNumberId: string;
  /** The phone digits (`to`) or the business-scoped user id (`recipient`) it was addressed to. */
  readonly recipient: string;
  readonly messageId: string;
  readonly kind: 'text' | 'interactive' | 'template';
  readonly text: string;
  readonly buttons: readonly { id: string; title: string }[];
  /** The label of the button that opens a list, when the message is a list. */
  readonly listButton?: string;
  readonly at: string;
}

/** A mark-read (and typing) call, so tests can see the customer got their blue ticks. */
export interface WhatsappReadReceipt {
  readonly phoneNumberId: string;
  readonly messageId: string;
  readonly typing: boolean;
  readonly at: string;
}

/** A message the sandbox accepted (200): what a status webhook about it has to name. */
export interface WhatsappAcceptedMessage {
  readonly phoneNumberId: string;
  readonly messageId: string;
  /** Phone digits when `byPhone`, else the business-scoped user id. */
  readonly recipient: string;
  readonly byPhone: boolean;
  /** The request's `biz_opaque_callback_data`, which Meta echoes in every status of the message. */
  readonly bizOpaqueCallbackData?: string;
  readonly at: string;
}

/**
 * A stand-in for graph.facebook.com's WhatsApp Messages API: accepts POST /{phone-number-id}/messages
 * with the bearer token, checks the limits Meta checks (with Meta's error bodies), keeps what each
 * customer's phone would show, and can be told to fail the next calls (131056 pair rate limit,
 * 130429, 5xx...) to exercise the sender's retry path. It posts no status webhooks itself: tests
 * post them, or createPlatformSandboxes' statusCallbacks option does, via onMessageAccepted. With
 * a file, the phone's history survives a restart.
 */
export class WhatsappSandbox {
  readonly calls: WhatsappSandboxCall[] = [];
  readonly readReceipts: WhatsappReadReceipt[] = [];
  private readonly phone: WhatsappPhoneMessage[] = [];
  private readonly injected: SandboxReply[] = [];
  private readonly acceptedListeners: ((message: WhatsappAcceptedMessage) => void)[] = [];
  private sequence = 0;
  /** Keeps wamids unique across restarts even without a history file. */
  private readonly instance = randomBytes(4).toString('hex');

  constructor(
    private readonly accessToken: string,
    private readonly historyFile?: string,
    /** Phone number ids that exist; undefined accepts any numeric id. */
    private readonly phoneNumberIds?: readonly string[],
  ) {
    if (historyFile && existsSync(historyFile)) {
      for (const line of readFileSync(historyFile, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          this.phone.push(JSON.parse(line) as WhatsappPhoneMessage);
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

  messagesFor(recipient: string): WhatsappPhoneMessage[] {
    const wanted = recipient.startsWith('+') ? recipient.slice(1) : recipient;
    return this.phone.filter((message) => message.recipient === wanted);
  }

  allMessages(): readonly WhatsappPhoneMessage[] {
    return this.phone;
  }

  /** Called for every message send answered with 200 (not for read receipts or injected failures). */
  onMessageAccepted(listener: (message: WhatsappAcceptedMessage) => void): void {
    this.acceptedListeners.push(listener);
  }

  handle(authorization: string | undefined, phoneNumberId: string, body: unknown): SandboxReply {
    if (authorization !== `Bearer ${this.accessToken}`)
      return graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
    if (this.phoneNumberIds && !this.phoneNumberIds.includes(phoneNumberId)) {
      return graphError(
        400,
        100,
        `Unsupported post request. Object with ID '${phoneNumberId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
        { subcode: 33, type: 'GraphMethodException' },
      );
    }
    const params =
      typeof body === 'object' && body !== null && !Array.isArray(body)
        ? (body as Record<string, unknown>)
        : {};
    this.calls.push({ phoneNumberId, body: params, at: new Date().toISOString() });
    const injected = this.injected.shift();
    if (injected) return injected;
    const checked = validateSend(params);
    if (checked.kind === 'error') return checked.reply;
    const at = new Date().toISOString();
    if (checked.kind === 'read') {
      this.readReceipts.push({ phoneNumberId, messageId: checked.messageId, typing: checked.typing, at });
      return { status: 200, body: { success: true } };
    }
    const messageId = `wamid.${Buffer.from(`sandbox:${this.instance}:${phoneNumberId}:${++this.sequence}`).toString('base64')}`;
    const shown: WhatsappPhoneMessage = {
      phoneNumberId,
      recipient: checked.recipient,
      messageId,
      at,
      ...checked.shown,
    };
    this.phone.push(shown);
    if (this.historyFile) {
      mkdirSync(dirname(this.historyFile), { recursive: true });
      appendFileSync(this.historyFile, `${JSON.stringify(shown)}\n`);
    }
    const accepted: WhatsappAcceptedMessage = {
      phoneNumberId,
      messageId,
      recipient: checked.recipient,
      byPhone: checked.byPhone,
      ...(typeof params.biz_opaque_callback_data === 'string'
        ? { bizOpaqueCallbackData: params.biz_opaque_callback_data }
        : {}),
      at,
    };
    for (const listener of this.acceptedListeners) listener(accepted);
    // Meta echoes `wa_id` when addressed by phone and `user_id` when addressed by BSUID.
    const contact = checked.byPhone
      ? { input: String(params.to), wa_id: checked.recipient }
      : { input: checked.recipient, user_id: checked.recipient };
    return {
      status: 200,
      body: { messaging_product: 'whatsapp', contacts: [contact], messages: [{ id: messageId }] },
    };
  }
}

/**
 * Serves the sandbox over HTTP: POST {base}[/vNN.N]/{phone-number-id}/messages like the Graph API,
 * GET {base}/whatsapp/chats/{recipient} for what a customer's phone shows, and a Graph-style 404
 * for every other path (Messenger's /me/messages belongs to another sandbox).
 */
export function createWhatsappSandboxListener(sandbox: WhatsappSandbox, basePath: string) {
  return async (request: IncomingMessage, response: ServerResponse, rawBody: Buffer): Promise<void> => {
    const url = (request.url ?? '').split('?')[0] ?? '';
    const path = url.startsWith(basePath) ? url.slice(basePath.length) : url;
    const reply = (result: SandboxReply) => {
      response.writeHead(result.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(result.body));
    };
    const chat = /^\/whatsapp\/chats\/([^/]+)$/.exec(path);
    if (request.method === 'GET' && chat?.[1])
      return reply({ status: 200, body: { messages: sandbox.messagesFor(decodeURIComponent(chat[1])) } });
    const send = /^(?:\/v\d+(?:\.\d+)?)?\/(\d+)\/messages$/.exec(path);
    if (request.method !== 'POST' || !send?.[1])
      return reply(graphError(404, 2500, `Unknown path components: ${path}`));
    let body: unknown;
    try {
      body = rawBody.length > 0 ? JSON.parse(rawBody.toString('utf8')) : {};
    } catch {
      return reply(
        graphError(400, 100, 'Invalid parameter', { details: 'The request body is not valid JSON' }),
      );
    }
    reply(sandbox.handle(request.headers.authorization, send[1], body));
  };
}

/** A Graph API error answer, shaped like Meta's (`error.code`, `error_data.details`, `fbtrace_id`). */
export function graphError(
  status: number,
  code: number,
  message: string,
  extra: { details?: string; subcode?: number; type?: string } = {},
): SandboxReply {
  return {
    status,
    body: {
      error: {
        message: code >= 130000 || code === 100 ? `(#${code}) ${message}` : message,
        type: extra.type ?? 'OAuthException',
        code,
        ...(extra.subcode !== undefined ? { error_subcode: extra.subcode } : {}),
        ...(extra.details ? { error_data: { messaging_product: 'whatsapp', details: extra.details } } : {}),
        fbtrace_id: `A${randomBytes(9).toString('base64url')}`,
      },
    },
  };
}

/** Meta's real refusals, for injectFailures: throttles first, then permanent ones. */
export const whatsappSandboxFailures = {
  pairRateLimit: () =>
    graphError(400, 131056, '(Business Account, Consumer Account) pair rate limit hit', {
      details:
        'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.',
    }),
  throughput: () =>
    graphError(400, 130429, 'Rate limit hit', {
      details:
        'Message failed to send because there were too many messages sent from this phone number in a short period of time',
    }),
  serviceUnavailable: () =>
    graphError(503, 131016, 'Service unavailable', { details: 'A service is temporarily unavailable.' }),
  somethingWentWrong: () =>
    graphError(500, 131000, 'Something went wrong', { details: 'Something went wrong' }),
  reEngagement: () =>
    graphError(400, 131047, 'Re-engagement message', {
      details:
        'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
    }),
  undeliverable: () =>
    graphError(400, 131026, 'Message Undeliverable', { details: 'Message Undeliverable.' }),
  expiredToken: () =>
    graphError(401, 190, 'Error validating access token: Session has expired.', { subcode: 463 }),
} as const;

type Checked =
  | { kind: 'error'; reply: SandboxReply }
  | { kind: 'read'; messageId: string; typing: boolean }
  | {
      kind: 'message';
      recipient: string;
      byPhone: boolean;
      shown: Pick<WhatsappPhoneMessage, 'kind' | 'text' | 'buttons' | 'listButton'>;
    };

const invalid = (details: string): Checked => ({
  kind: 'error',
  reply: graphError(400, 131009, 'Parameter value is not valid', { details }),
});
const length = (value: unknown): number => (typeof value === 'string' ? Array.from(value).length : 0);
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** The checks Meta makes on a Messages API body, with the limits of its interactive references. */
function validateSend(params: Record<string, unknown>): Checked {
  if (params.messaging_product !== 'whatsapp')
    return { kind: 'error', reply: graphError(400, 100, 'The parameter messaging_product is required.') };
  if (params.status === 'read') {
    if (length(params.message_id) === 0)
      return { kind: 'error', reply: graphError(400, 100, 'The parameter message_id is required.') };
    return {
      kind: 'read',
      messageId: String(params.message_id),
      typing: params.typing_indicator !== undefined,
    };
  }
  // `to` (phone) wins over `recipient` (BSUID) when both are given, as on the real API.
  const to = typeof params.to === 'string' ? params.to.replace(/^\+/, '') : '';
  const recipient = to || (typeof params.recipient === 'string' ? params.recipient : '');
  if (!recipient) return { kind: 'error', reply: graphError(400, 100, 'The parameter to is required.') };
  const base = { kind: 'message', recipient, byPhone: to !== '' } as const;
  if (params.type === 'text') {
    const body = record(params.text).body;
    if (length(body) === 0 || length(body) > 4096)
      return invalid("Param text['body'] must be between 1 and 4096 characters long.");
    return { ...base, shown: { kind: 'text', text: String(body), buttons: [] } };
  }
  if (params.type === 'template') {
    const template = record(params.template);
    if (length(template.name) === 0 || length(record(template.language).code) === 0)
      return invalid('Template name and language code are required.');
    const parameters = (Array.isArray(template.components) ? template.components : []).flatMap(
      (component) => {
        const list = record(component).parameters;
        return Array.isArray(list) ? list.map((parameter) => String(record(parameter).text ?? '')) : [];
      },
    );
    return {
      ...base,
      shown: {
        kind: 'template',
        text: `[${String(template.name)}] ${parameters.join(' ')}`.trim(),
        buttons: [],
      },
    };
  }
  if (params.type === 'interactive') return validateInteractive(record(params.interactive), base);
  return invalid(`Unsupported message type: ${String(params.type)}`);
}

function validateInteractive(
  interactive: Record<string, unknown>,
  base: { kind: 'message'; recipient: string; byPhone: boolean },
): Checked {
  const body = record(interactive.body).text;
  const action = record(interactive.action);
  if (interactive.type === 'button') {
    const buttons = (Array.isArray(action.buttons) ? action.buttons : []).map((button) =>
      record(record(button).reply),
    );
    if (length(body) === 0 || length(body) > 1024)
      return invalid('Body text length invalid. Min length: 1, Max length: 1024');
    if (buttons.length < 1 || buttons.length > 3) return invalid('Buttons count invalid. Min: 1, Max: 3');
    if (buttons.some((b) => length(b.title) < 1 || length(b.title) > 20))
      return invalid('Button title length invalid. Min length: 1, Max length: 20');
    if (buttons.some((b) => length(b.id) < 1 || length(b.id) > 256))
      return invalid('Button id length invalid. Min length: 1, Max length: 256');
    if (new Set(buttons.map((b) => b.title)).size !== buttons.length)
      return invalid('Button titles must be unique');
    const shown = buttons.map((b) => ({ id: String(b.id), title: String(b.title) }));
    return { ...base, shown: { kind: 'interactive', text: String(body), buttons: shown } };
  }
  if (interactive.type === 'list') {
    const sections = (Array.isArray(action.sections) ? action.sections : []).map(record);
    const rows = sections.flatMap((section) => (Array.isArray(section.rows) ? section.rows.map(record) : []));
    if (length(body) === 0 || length(body) > 4096)
      return invalid('Body text length invalid. Min length: 1, Max length: 4096');
    if (length(action.button) < 1 || length(action.button) > 20)
      return invalid('Button label length invalid. Min length: 1, Max length: 20');
    if (sections.some((section) => length(section.title) > 24))
      return invalid('Section title is too long. Max length: 24');
    if (rows.length < 1 || rows.length > 10) return invalid('Rows count invalid. Min: 1, Max: 10');
    if (rows.some((row) => length(row.title) < 1 || length(row.title) > 24))
      return invalid('Row title length invalid. Min length: 1, Max length: 24');
    if (rows.some((row) => length(row.id) < 1 || length(row.id) > 200))
      return invalid('Row id length invalid. Min length: 1, Max length: 200');
    const shown = rows.map((row) => ({ id: String(row.id), title: String(row.title) }));
    return {
      ...base,
      shown: { kind: 'interactive', text: String(body), buttons: shown, listButton: String(action.button) },
    };
  }
  return invalid(`Unsupported interactive type: ${String(interactive.type)}`);
}
