import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';

/** Base path under which the local runtime serves the mailbox, beside the platform sandboxes. */
export const MAILBOX_PATH = '/sandbox/mailbox';

/** What a sender hands the mailbox: an e-mail (address with @) or a text message (E.164 phone). */
export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** What the customer's inbox or phone shows. */
export interface MailboxMessage extends OutgoingMail {
  readonly id: number;
  readonly at: string;
}

/** Longest text the sandbox accepts; a real mail or SMS gateway also rejects absurd bodies. */
const MAX_TEXT_LENGTH = 10_000;
/** Largest POST body read; a delivery is a few hundred bytes. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * E-mail addresses are compared case-insensitively (every mainstream provider does), phones as
 * typed (the product always sends E.164), so `messagesFor` finds what `deliver` stored.
 */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim();
  return trimmed.includes('@') ? trimmed.toLowerCase() : trimmed.replace(/[\s()-]/g, '');
}

/**
 * A stand-in for the company's e-mail and SMS gateway: keeps what each address would receive, so
 * tests and the console can read a password-reset link exactly as the customer would. With a
 * file, the history survives a restart (one JSON line per message).
 */
export class Mailbox {
  private readonly messages: MailboxMessage[] = [];
  private nextId = 1;

  constructor(private readonly historyFile?: string) {
    if (historyFile && existsSync(historyFile)) {
      for (const line of readFileSync(historyFile, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          const message = JSON.parse(line) as MailboxMessage;
          this.messages.push(message);
          this.nextId = Math.max(this.nextId, message.id + 1);
        } catch {
          // A torn last line after a crash: the rest of the history is intact.
        }
      }
    }
  }

  deliver(mail: OutgoingMail): MailboxMessage {
    const to = normaliseAddress(mail.to);
    if (!to || mail.text.length === 0 || mail.text.length > MAX_TEXT_LENGTH) {
      throw new Error('A mailbox message needs an address and a text of 1 to 10000 characters');
    }
    const message: MailboxMessage = {
      id: this.nextId++,
      to,
      subject: mail.subject,
      text: mail.text,
      at: new Date().toISOString(),
    };
    this.messages.push(message);
    if (this.historyFile) {
      mkdirSync(dirname(this.historyFile), { recursive: true });
      appendFileSync(this.historyFile, `${JSON.stringify(message)}\n`);
    }
    return message;
  }

  messagesFor(address: string): MailboxMessage[] {
    const wanted = normaliseAddress(address);
    return this.messages.filter((message) => message.to === wanted);
  }

  allMessages(): readonly MailboxMessage[] {
    return this.messages;
  }
}

/**
 * Serves the mailbox over HTTP: `GET {base}/<address>` → `{ messages }` for what one inbox or phone
 * shows, and `POST {base}/messages` with `{ to, subject, text }` so code running as a Lambda
 * handler (which holds no reference to this object) can deliver through it.
 */
export function createMailboxListener(mailbox: Mailbox, basePath: string) {
  return async (request: IncomingMessage, response: ServerResponse, rawBody: Buffer): Promise<void> => {
    const path = (request.url ?? '').split('?')[0]?.slice(basePath.length) ?? '';
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'POST' && path === '/messages') {
      const mail = parseMail(rawBody);
      if (!mail) return reply(400, { error: 'expected JSON { to, subject, text } with a non-empty text' });
      try {
        return reply(201, { message: mailbox.deliver(mail) });
      } catch (error) {
        return reply(400, { error: (error as Error).message });
      }
    }
    const address = /^\/([^/]+)$/.exec(path)?.[1];
    if (request.method === 'GET' && address) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(address);
      } catch {
        return reply(400, { error: 'malformed address' });
      }
      return reply(200, { messages: mailbox.messagesFor(decoded) });
    }
    reply(404, { error: 'not found' });
  };
}

function parseMail(rawBody: Buffer): OutgoingMail | undefined {
  if (rawBody.length === 0 || rawBody.length > MAX_BODY_BYTES) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const { to, subject, text } = body as Record<string, unknown>;
  if (typeof to !== 'string' || typeof text !== 'string' || text.length === 0) return undefined;
  return { to, subject: typeof subject === 'string' ? subject : '', text };
}
