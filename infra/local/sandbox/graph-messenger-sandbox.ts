import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';

/** One Send API call as the sandbox received it (after the token check). */
export interface MessengerSandboxCall {
  readonly path: string;
  readonly params: Record<string, unknown>;
  readonly at: string;
}

/** What the customer's Messenger shows: a message from the Page, with its quick replies. */
export interface MessengerPhoneMessage {
  readonly recipientId: string;
  readonly messageId: string;
  readonly text: string;
  readonly quickReplies: readonly { readonly title: string; readonly payload: string }[];
  readonly messagingType: string;
  readonly tag?: string;
  readonly at: string;
}

export interface MessengerSandboxReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers?: Readonly<Record<string, string>>;
}

const SENDER_ACTIONS = new Set(['mark_seen', 'typing_on', 'typing_off', 'react', 'unreact']);
const MESSAGING_TYPES = new Set(['RESPONSE', 'UPDATE', 'MESSAGE_TAG']);

/** Graph refusals as Meta answers them, for injectFailures (e.g. a throttle, then success). */
export const messengerSandboxFailures = {
  rateLimited: () => graphError(400, 613, 'Calls to this api have exceeded the rate limit.'),
  pageThrottled: () => graphError(400, 32, 'Page request limit reached'),
  temporarySendFailure: () => graphError(500, 1200, 'Temporary send message failure. Please try again later'),
  serviceUnavailable: () =>
    graphError(503, 2, 'An unexpected error has occurred. Please retry your request later.'),
  outsideWindow: () => graphError(400, 10, '(#10) This message is sent outside of allowed window.', 2018278),
  userUnavailable: () => graphError(400, 551, "This person isn't available right now.", 1545041),
  noMatchingUser: () => graphError(400, 100, '(#100) No matching user found', 2018001),
  invalidToken: () => graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token'),
} satisfies Record<string, () => MessengerSandboxReply>;

/** A message the sandbox accepted (200): what its `message_echoes` webhook has to carry. */
export interface MessengerAcceptedMessage {
  readonly recipientId: string;
  readonly messageId: string;
  readonly text: string;
  /** The request's `message.metadata`, which Meta returns in the echo. */
  readonly metadata?: string;
  readonly at: string;
}

/**
 * A stand-in for the Graph Send API (POST /me/messages): checks the Page token the way Graph does
 * (Bearer header, `access_token` query or body parameter), validates requests against the documented
 * limits, keeps what each customer's Messenger would show, and can fail the next calls on demand.
 * It posts no webhooks itself: tests post them, or createPlatformSandboxes' statusCallbacks option
 * posts echoes, via onMessageAccepted. With a file, the history survives a restart.
 */
export class MessengerSandbox {
  readonly calls: MessengerSandboxCall[] = [];
  private readonly phone: MessengerPhoneMessage[] = [];
  private readonly injected: MessengerSandboxReply[] = [];
  private readonly closedWindows = new Set<string>();
  private readonly acceptedListeners: ((message: MessengerAcceptedMessage) => void)[] = [];

  constructor(
    private readonly pageAccessToken: string,
    private readonly historyFile?: string,
  ) {
    if (!historyFile || !existsSync(historyFile)) return;
    for (const line of readFileSync(historyFile, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        this.phone.push(JSON.parse(line) as MessengerPhoneMessage);
      } catch {
        // A torn last line after a crash: the rest of the history is intact.
      }
    }
  }

  /** The next calls answer with these replies, in order, instead of being processed. */
  injectFailures(...replies: MessengerSandboxReply[]): void {
    this.injected.push(...replies);
  }

  /** Until reopened, RESPONSE messages to this PSID fail as outside the 24-hour window (10/2018278). */
  closeWindow(psid: string): void {
    this.closedWindows.add(psid);
  }

  reopenWindow(psid: string): void {
    this.closedWindows.delete(psid);
  }

  messagesFor(recipientId: string): MessengerPhoneMessage[] {
    return this.phone.filter((message) => message.recipientId === recipientId);
  }

  allMessages(): readonly MessengerPhoneMessage[] {
    return this.phone;
  }

  /** Called for every message answered with 200 (not for sender actions or injected failures). */
  onMessageAccepted(listener: (message: MessengerAcceptedMessage) => void): void {
    this.acceptedListeners.push(listener);
  }

  handle(accessToken: string | undefined, params: Record<string, unknown>): MessengerSandboxReply {
    if (!accessToken)
      return graphError(
        400,
        2500,
        'An active access token must be used to query information about the current user.',
      );
    if (accessToken !== this.pageAccessToken) return messengerSandboxFailures.invalidToken();
    this.calls.push({ path: '/me/messages', params, at: new Date().toISOString() });
    const injected = this.injected.shift();
    if (injected) return injected;
    const problem = validationProblem(params);
    if (problem) return graphError(400, 100, problem);
    const recipientId = String((params.recipient as { id: string }).id);
    if (params.sender_action !== undefined) return { status: 200, body: { recipient_id: recipientId } };
    if (this.closedWindows.has(recipientId) && params.messaging_type !== 'MESSAGE_TAG')
      return messengerSandboxFailures.outsideWindow();
    const message = params.message as {
      text: string;
      quick_replies?: { title: string; payload: string }[];
      metadata?: unknown;
    };
    const shown: MessengerPhoneMessage = {
      recipientId,
      messageId: `m_${randomBytes(32).toString('base64url')}`,
      text: message.text,
      quickReplies: (message.quick_replies ?? []).map(({ title, payload }) => ({ title, payload })),
      messagingType: String(params.messaging_type),
      ...(typeof params.tag === 'string' ? { tag: params.tag } : {}),
      at: new Date().toISOString(),
    };
    this.phone.push(shown);
    if (this.historyFile) {
      mkdirSync(dirname(this.historyFile), { recursive: true });
      appendFileSync(this.historyFile, `${JSON.stringify(shown)}\n`);
    }
    const accepted: MessengerAcceptedMessage = {
      recipientId,
      messageId: shown.messageId,
      text: shown.text,
      ...(typeof message.metadata === 'string' ? { metadata: message.metadata } : {}),
      at: shown.at,
    };
    for (const listener of this.acceptedListeners) listener(accepted);
    return { status: 200, body: { recipient_id: recipientId, message_id: shown.messageId } };
  }
}

/** What Graph would refuse with code 100, in Graph's words; undefined when the request is fine. */
function validationProblem(params: Record<string, unknown>): string | undefined {
  const recipient = params.recipient as { id?: unknown } | undefined;
  if (typeof recipient?.id !== 'string' || recipient.id === '')
    return '(#100) The parameter recipient is required';
  if (params.sender_action !== undefined && params.message !== undefined)
    return '(#100) Cannot send both message and state at the same time.';
  if (params.sender_action !== undefined)
    return SENDER_ACTIONS.has(String(params.sender_action))
      ? undefined
      : '(#100) Param sender_action must be one of {mark_seen, typing_on, typing_off, react, unreact}';
  const message = params.message as { text?: unknown; quick_replies?: unknown } | undefined;
  if (typeof message?.text !== 'string' || message.text.trim() === '')
    return '(#100) Param message[text] must be a non-empty UTF-8 encoded string';
  if (Array.from(message.text).length > 2000)
    return '(#100) Length of param message[text] must be less than or equal to 2000';
  if (!MESSAGING_TYPES.has(String(params.messaging_type)))
    return '(#100) Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}';
  // The other message tags were retired; HUMAN_AGENT is the one support replies may use.
  if (params.messaging_type === 'MESSAGE_TAG' && params.tag !== 'HUMAN_AGENT')
    return '(#100) Param tag must be one of {HUMAN_AGENT}';
  if (message.quick_replies === undefined) return undefined;
  if (!Array.isArray(message.quick_replies) || message.quick_replies.length > 13)
    return '(#100) param message[quick_replies] must be an array of at most 13 elements';
  for (const reply of message.quick_replies as Array<Record<string, unknown> | null>) {
    const title = typeof reply?.title === 'string' ? Array.from(reply.title).length : 0;
    const payload = typeof reply?.payload === 'string' ? reply.payload.length : 0;
    if (reply?.content_type !== 'text' || title < 1 || title > 20 || payload < 1 || payload > 1000)
      return '(#100) Quick replies need content_type text, a title of 1-20 characters and a payload of 1-1000';
  }
  return undefined;
}

function graphError(status: number, code: number, message: string, subcode?: number): MessengerSandboxReply {
  const fbtraceId = randomBytes(8).toString('base64url');
  return {
    status,
    body: {
      error: {
        message,
        type: 'OAuthException',
        code,
        ...(subcode === undefined ? {} : { error_subcode: subcode }),
        fbtrace_id: fbtraceId,
      },
    },
    headers: { 'x-fb-trace-id': fbtraceId },
  };
}

/**
 * Serves the sandbox over HTTP at POST {base}/me/messages (optionally {base}/v23.0/me/messages) with
 * a JSON or form body, like graph.facebook.com; every other path is 404.
 */
export function createMessengerSandboxListener(sandbox: MessengerSandbox, basePath: string) {
  return async (request: IncomingMessage, response: ServerResponse, rawBody: Buffer): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://sandbox.local');
    const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
    const reply = (result: MessengerSandboxReply) => {
      response.writeHead(result.status, {
        'content-type': 'application/json; charset=UTF-8',
        ...result.headers,
      });
      response.end(JSON.stringify(result.body));
    };
    const chat = /^\/messenger\/chats\/(\d+)$/.exec(path);
    if (request.method === 'GET' && chat?.[1]) {
      return reply({ status: 200, body: { messages: sandbox.messagesFor(chat[1]) } });
    }
    if (!url.pathname.startsWith(basePath) || !/^(\/v\d+\.\d+)?\/me\/messages\/?$/.test(path))
      return reply(graphError(404, 2500, `Unknown path components: ${path}`));
    if (request.method !== 'POST')
      return reply(graphError(400, 100, `Unsupported ${request.method} request.`));
    const params = bodyParams(String(request.headers['content-type'] ?? ''), rawBody);
    if (!params) return reply(graphError(400, 100, '(#100) The request body could not be parsed'));
    const bearer = /^(?:Bearer|OAuth) (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const bodyToken = typeof params.access_token === 'string' ? params.access_token : undefined;
    const { access_token: _token, ...rest } = params;
    reply(sandbox.handle(bearer ?? url.searchParams.get('access_token') ?? bodyToken, rest));
  };
}

/** JSON, or form fields whose object values are JSON (Meta's curl samples use single quotes). */
function bodyParams(contentType: string, rawBody: Buffer): Record<string, unknown> | undefined {
  const text = rawBody.toString('utf8');
  try {
    if (contentType.includes('application/x-www-form-urlencoded')) {
      const fields: Record<string, unknown> = {};
      for (const [key, value] of new URLSearchParams(text)) {
        fields[key] = /^[[{]/.test(value) ? lenientJson(value) : value;
      }
      return fields;
    }
    const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function lenientJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return JSON.parse(value.replaceAll("'", '"'));
  }
}
