import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CONSOLE_DIST } from '../../scripts/console-build.ts';
import type { LocalAgent } from './agent-auth.ts';
import type { PlatformSandboxes } from './sandbox/platform-sandboxes.ts';
import {
  buildCustomerWebhook,
  SIMULATED_CHANNELS,
  type SimulatedChannel,
  type WebhookSecrets,
} from './simulator/customer-webhooks.ts';

/**
 * The demo agents of local sign-in. LOCAL ONLY: on AWS agents sign in with Cognito and these
 * routes do not exist (nothing in infra/aws mounts them).
 */
export const DEMO_AGENTS: readonly (LocalAgent & { readonly name: string })[] = [
  { agentId: 'ana', name: 'Ana Souza', teams: ['orders', 'support'], lead: true },
  { agentId: 'bruno', name: 'Bruno Nowak', teams: ['billing', 'support'] },
  { agentId: 'carla', name: 'Carla Lima', teams: ['billing'] },
  { agentId: 'dora', name: 'Dora Admin', teams: ['support'], admin: true },
];

export interface LocalConsoleOptions {
  readonly url: () => string;
  readonly sandboxes: PlatformSandboxes;
  readonly secrets: WebhookSecrets;
  /** The URL Twilio signs; locally the runtime's own. */
  readonly publicBaseUrl: () => string;
  readonly issueToken: (agent: LocalAgent) => Promise<string>;
  readonly distDir?: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * The local-only routes around the console: demo sign-in (`/local/agents`), the customer simulator
 * (`/local/simulator/...`), the console's config, and its static files with an SPA fallback.
 * Answers false when the request is not one of them.
 */
export function createLocalConsoleRoutes(options: LocalConsoleOptions) {
  const dist = options.distDir ?? CONSOLE_DIST;
  return async (
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    body: Buffer,
  ): Promise<boolean> => {
    const method = request.method ?? 'GET';
    if (method === 'GET' && path === '/config.json')
      return answer(response, 200, { mode: 'local', apiUrl: '' });
    if (method === 'GET' && path === '/local/agents') return answer(response, 200, { agents: DEMO_AGENTS });
    const token = /^\/local\/agents\/([a-z0-9_-]{1,40})\/token$/.exec(path);
    if (method === 'POST' && token) {
      const agent = DEMO_AGENTS.find((candidate) => candidate.agentId === token[1]);
      if (!agent) return answer(response, 404, { error: { code: 'not_found', message: 'No such agent' } });
      return answer(response, 201, { token: await options.issueToken(agent), agent });
    }
    const simulate = /^\/local\/simulator\/([a-z]+)$/.exec(path);
    if (method === 'POST' && simulate) {
      await simulateCustomer(simulate[1] ?? '', body, response);
      return true;
    }
    const phone = /^\/local\/simulator\/([a-z]+)\/phones\/([^/]{1,64})$/.exec(path);
    if (method === 'GET' && phone) {
      const channel = phone[1] as SimulatedChannel;
      if (!SIMULATED_CHANNELS.includes(channel))
        return answer(response, 404, { error: { code: 'unknown_channel', message: 'No such channel' } });
      return answer(response, 200, { messages: phoneOf(channel, decodeURIComponent(phone[2] ?? '')) });
    }
    if (path.startsWith('/local/'))
      return answer(response, 404, { error: { code: 'not_found', message: 'No such local route' } });
    if (method !== 'GET' && method !== 'HEAD') return false;
    return serveStatic(dist, path, response);
  };

  async function simulateCustomer(channel: string, body: Buffer, response: ServerResponse): Promise<void> {
    if (!SIMULATED_CHANNELS.includes(channel as SimulatedChannel))
      return send(response, 404, { error: { code: 'unknown_channel', message: 'No such channel' } });
    let action: { from?: unknown; text?: unknown; tap?: unknown };
    try {
      action = JSON.parse(body.toString('utf8') || '{}');
    } catch {
      return send(response, 400, { error: { code: 'invalid_json', message: 'Body must be JSON' } });
    }
    const text = typeof action.text === 'string' ? action.text : undefined;
    const tap = typeof action.tap === 'string' ? action.tap : undefined;
    const from = typeof action.from === 'string' && action.from.trim() ? action.from.trim() : undefined;
    if (!text?.trim() && !tap)
      return send(response, 400, { error: { code: 'invalid_request', message: 'Send text or tap' } });
    if (channel === 'telegram' && from && !/^\d{1,15}$/.test(from))
      return send(response, 400, {
        error: { code: 'invalid_request', message: 'A Telegram chat id is a number' },
      });
    const webhook = buildCustomerWebhook(
      channel as SimulatedChannel,
      { ...(from ? { from } : {}), ...(text ? { text } : {}), ...(tap ? { tap } : {}) },
      options.secrets,
      options.publicBaseUrl(),
    );
    // Through the runtime's own webhook route, as the platform would call it.
    const posted = await fetch(`${options.url()}${webhook.path}`, {
      method: 'POST',
      headers: webhook.headers,
      body: webhook.body,
    });
    return send(response, posted.ok ? 202 : 502, {
      channel,
      customerId: webhook.customerId,
      webhookStatus: posted.status,
    });
  }

  function phoneOf(channel: SimulatedChannel, customerId: string) {
    const buttonsOf = (list: readonly { label: string; payload: string }[]) => list;
    switch (channel) {
      case 'telegram':
        return options.sandboxes.telegram.messagesFor(customerId).map((message) => ({
          id: String(message.messageId),
          text: message.text,
          at: message.at,
          buttons: buttonsOf(message.buttons.map((b) => ({ label: b.text, payload: b.callbackData }))),
        }));
      case 'whatsapp':
        return options.sandboxes.whatsapp.messagesFor(customerId).map((message) => ({
          id: message.messageId,
          text: message.text,
          at: message.at,
          buttons: buttonsOf(message.buttons.map((b) => ({ label: b.title, payload: b.id }))),
        }));
      case 'messenger':
        return options.sandboxes.messenger.messagesFor(customerId).map((message) => ({
          id: message.messageId,
          text: message.text,
          at: message.at,
          buttons: buttonsOf(message.quickReplies.map((b) => ({ label: b.title, payload: b.payload }))),
        }));
      case 'sms':
        return options.sandboxes.twilio.messagesFor(customerId).map((message) => ({
          id: message.sid,
          text: message.text,
          at: message.at,
          buttons: [],
        }));
    }
  }
}

function serveStatic(dist: string, path: string, response: ServerResponse): boolean {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) {
    response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('The console is not built yet: `npm start` builds it (console/dist).');
    return true;
  }
  let file = normalize(join(dist, decodeURIComponent(path)));
  if (!file.startsWith(dist + sep) || !existsSync(file) || !statSync(file).isFile()) {
    // SPA fallback: an app route (not a missing asset) gets the page, which routes itself.
    if (path.startsWith('/assets/')) return false;
    file = index;
  }
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  response.writeHead(200, {
    'content-type': type,
    // Hashed assets never change; the page itself must always be fresh.
    'cache-control': file === index ? 'no-cache' : 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
  });
  response.end(readFileSync(file));
  return true;
}

function answer(response: ServerResponse, status: number, body: unknown): true {
  send(response, status, body);
  return true;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}
