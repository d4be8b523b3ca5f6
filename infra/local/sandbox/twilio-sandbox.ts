import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { smsSegments } from '../../../shared/channels/sms/segments.ts';

/** One REST API call as the sandbox received it. */
export interface TwilioSandboxCall {
  readonly method: 'messages.create' | 'messages.fetch' | 'incomingPhoneNumbers.list';
  readonly params: Record<string, string>;
  readonly at: string;
}

/** What the customer's phone shows: an SMS from one of our numbers (numbered choices are in the text). */
export interface TwilioPhoneMessage {
  readonly sid: string;
  readonly to: string;
  readonly from: string;
  readonly text: string;
  readonly segments: number;
  readonly statusCallback?: string;
  readonly at: string;
}

export interface TwilioSandboxReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers?: Record<string, string>;
}

/** A reply shaped like every Twilio REST error, for injectFailures (e.g. 429 / 20429 "Too Many Requests"). */
export function twilioErrorReply(
  status: number,
  code: number,
  message: string,
  headers?: Record<string, string>,
): TwilioSandboxReply {
  const body = { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
  return headers ? { status, body, headers } : { status, body };
}

const E164 = /^\+[1-9]\d{1,14}$/;

/**
 * A stand-in for api.twilio.com: accepts Messages.json creates with the account's Basic auth,
 * answers like Twilio (201 Message resource, or Twilio's error body and code), keeps what each
 * phone shows, and can be told to fail the next calls or to treat a number as having replied
 * STOP (21610). It calls no status callbacks itself: tests post them, or createPlatformSandboxes'
 * statusCallbacks option does, via onMessageAccepted.
 */
export class TwilioSandbox {
  readonly calls: TwilioSandboxCall[] = [];
  private readonly phone: TwilioPhoneMessage[] = [];
  private readonly injected: TwilioSandboxReply[] = [];
  private readonly unsubscribed = new Set<string>();
  private readonly acceptedListeners: ((message: TwilioPhoneMessage) => void)[] = [];
  /** Our numbers and the URL each posts incoming messages to (set in the Twilio console on the real thing). */
  private readonly incomingNumbers = new Map<string, string | undefined>();

  constructor(
    private readonly accountSid: string,
    private readonly authToken: string,
    private readonly historyFile?: string,
  ) {
    if (!historyFile || !existsSync(historyFile)) return;
    for (const line of readFileSync(historyFile, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        this.phone.push(JSON.parse(line) as TwilioPhoneMessage);
      } catch {
        // A torn last line after a crash: the rest of the history is intact.
      }
    }
  }

  /** The next authenticated calls answer with these replies, in order, instead of succeeding. */
  injectFailures(...replies: TwilioSandboxReply[]): void {
    this.injected.push(...replies);
  }

  /** The customer replied STOP: sends to them fail with 21610 until optIn. */
  optOut(number: string): void {
    this.unsubscribed.add(number);
  }

  optIn(number: string): void {
    this.unsubscribed.delete(number);
  }

  messagesFor(recipient: string): TwilioPhoneMessage[] {
    return this.phone.filter((message) => message.to === recipient);
  }

  allMessages(): readonly TwilioPhoneMessage[] {
    return this.phone;
  }

  /** Called for every message created (201), not for refusals or injected failures. */
  onMessageAccepted(listener: (message: TwilioPhoneMessage) => void): void {
    this.acceptedListeners.push(listener);
  }

  /** POST /2010-04-01/Accounts/{AccountSid}/Messages.json */
  createMessage(
    authorization: string | undefined,
    pathAccountSid: string,
    params: Record<string, string>,
  ): TwilioSandboxReply {
    const refused = this.refuseAccess(authorization, pathAccountSid, 'Messages.json');
    if (refused) return refused;
    this.calls.push({ method: 'messages.create', params, at: new Date().toISOString() });
    const injected = this.injected.shift();
    if (injected) return injected;
    const { To: to = '', From: from = '', Body: text = '' } = params;
    if (!to) return twilioErrorReply(400, 21604, "A 'To' phone number is required.");
    if (!from && !params.MessagingServiceSid)
      return twilioErrorReply(400, 21603, "A 'From' phone number is required.");
    if (!text && !params.MediaUrl) return twilioErrorReply(400, 21602, 'Message body is required.');
    if (text.length > 1600)
      return twilioErrorReply(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    if (!E164.test(to))
      return twilioErrorReply(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (this.unsubscribed.has(to))
      return twilioErrorReply(400, 21610, 'Attempt to send to unsubscribed recipient');
    const message: TwilioPhoneMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      to,
      from,
      text,
      segments: smsSegments(text).segments,
      ...(params.StatusCallback ? { statusCallback: params.StatusCallback } : {}),
      at: new Date().toISOString(),
    };
    this.phone.push(message);
    if (this.historyFile) {
      mkdirSync(dirname(this.historyFile), { recursive: true });
      appendFileSync(this.historyFile, `${JSON.stringify(message)}\n`);
    }
    for (const listener of this.acceptedListeners) listener(message);
    return { status: 201, body: this.resource(message, 'queued') };
  }

  /** GET /2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json */
  fetchMessage(authorization: string | undefined, pathAccountSid: string, sid: string): TwilioSandboxReply {
    const refused = this.refuseAccess(authorization, pathAccountSid, `Messages/${sid}.json`);
    if (refused) return refused;
    this.calls.push({ method: 'messages.fetch', params: { Sid: sid }, at: new Date().toISOString() });
    const message = this.phone.find((candidate) => candidate.sid === sid);
    return message
      ? { status: 200, body: this.resource(message, 'sent') }
      : this.notFound(`Messages/${sid}.json`);
  }

  /** Configures one of our numbers as the Twilio console would ("A message comes in" webhook). */
  setIncomingNumber(phoneNumber: string, smsUrl: string | undefined): void {
    this.incomingNumbers.set(phoneNumber, smsUrl);
  }

  /** GET /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json: our numbers and their webhooks. */
  listIncomingNumbers(authorization: string | undefined, pathAccountSid: string): TwilioSandboxReply {
    const refused = this.refuseAccess(authorization, pathAccountSid, 'IncomingPhoneNumbers.json');
    if (refused) return refused;
    this.calls.push({ method: 'incomingPhoneNumbers.list', params: {}, at: new Date().toISOString() });
    const numbers = [...this.incomingNumbers].map(([phoneNumber, smsUrl], index) => ({
      sid: `PN${String(index).padStart(32, '0')}`,
      account_sid: this.accountSid,
      phone_number: phoneNumber,
      sms_url: smsUrl ?? '',
      sms_method: 'POST',
    }));
    return { status: 200, body: { incoming_phone_numbers: numbers, next_page_uri: null } };
  }

  private refuseAccess(authorization: string | undefined, pathAccountSid: string, resource: string) {
    const [scheme, encoded = ''] = (authorization ?? '').split(' ');
    const [user, ...secret] = Buffer.from(encoded, 'base64').toString('utf8').split(':');
    if (
      scheme?.toLowerCase() !== 'basic' ||
      user !== this.accountSid ||
      secret.join(':') !== this.authToken
    ) {
      return {
        ...twilioErrorReply(401, 20003, 'Authenticate'),
        headers: { 'www-authenticate': 'Basic realm="Twilio API"' },
      };
    }
    return pathAccountSid === this.accountSid ? undefined : this.notFound(resource, pathAccountSid);
  }

  private notFound(resource: string, accountSid = this.accountSid): TwilioSandboxReply {
    const path = `/2010-04-01/Accounts/${accountSid}/${resource}`;
    return twilioErrorReply(404, 20404, `The requested resource ${path} was not found`);
  }

  private resource(message: TwilioPhoneMessage, status: string): Record<string, unknown> {
    const date = new Date(message.at).toUTCString().replace('GMT', '+0000');
    return {
      account_sid: this.accountSid,
      api_version: '2010-04-01',
      body: message.text,
      date_created: date,
      date_sent: null,
      date_updated: date,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: message.from,
      messaging_service_sid: null,
      num_media: '0',
      num_segments: String(message.segments),
      price: null,
      price_unit: 'USD',
      sid: message.sid,
      status,
      to: message.to,
      uri: `/2010-04-01/Accounts/${this.accountSid}/Messages/${message.sid}.json`,
    };
  }
}

/**
 * Serves the sandbox over HTTP: the Messages API at the same paths as api.twilio.com (relative to
 * the base), and GET {base}/phones/<number> for what a customer's phone shows.
 */
export function createTwilioSandboxListener(sandbox: TwilioSandbox, basePath: string) {
  return async (request: IncomingMessage, response: ServerResponse, rawBody: Buffer): Promise<void> => {
    const path = (request.url ?? '').split('?')[0]?.slice(basePath.length) ?? '';
    const reply = ({ status, body, headers }: TwilioSandboxReply) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
    const auth = request.headers.authorization;
    const phone = /^\/phones\/([^/]+)$/.exec(path);
    if (request.method === 'GET' && phone?.[1]) {
      return reply({ status: 200, body: { messages: sandbox.messagesFor(decodeURIComponent(phone[1])) } });
    }
    const create = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
    if (request.method === 'POST' && create?.[1]) {
      const params = Object.fromEntries(new URLSearchParams(rawBody.toString('utf8')));
      return reply(sandbox.createMessage(auth, decodeURIComponent(create[1]), params));
    }
    const numbers = /^\/2010-04-01\/Accounts\/([^/]+)\/IncomingPhoneNumbers\.json$/.exec(path);
    if (request.method === 'GET' && numbers?.[1]) {
      return reply(sandbox.listIncomingNumbers(auth, decodeURIComponent(numbers[1])));
    }
    const fetchOne = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\/([^/]+)\.json$/.exec(path);
    if (request.method === 'GET' && fetchOne?.[1] && fetchOne[2]) {
      return reply(
        sandbox.fetchMessage(auth, decodeURIComponent(fetchOne[1]), decodeURIComponent(fetchOne[2])),
      );
    }
    reply(twilioErrorReply(404, 20404, `The requested resource ${path} was not found`));
  };
}
