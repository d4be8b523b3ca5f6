import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import {
  createTelegramSandboxListener,
  TelegramSandbox,
} from '../../infra/local/sandbox/telegram-sandbox.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
export const TEST_BOT_TOKEN = '987654321:e2e-test-token';
export const TEST_WEBHOOK_SECRET = 'e2e-webhook-secret';

export interface RuntimeProcess {
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
  /** Graceful stop (SIGTERM), as a developer pressing Ctrl-C. */
  stop(): Promise<void>;
  /** SIGKILL: no cleanup of any kind, as a crash or a pulled plug of the process. */
  kill(): Promise<void>;
}

/** Starts `npm start`'s entry point in a child process, exactly as a developer runs it. */
export async function startRuntimeProcess(env: Record<string, string>): Promise<RuntimeProcess> {
  // One process, no launcher in between: a SIGKILL must hit the runtime itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: '0',
      TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // DEBUG_RUNTIME=1 shows the runtime's own output while a test runs.
  const echo = process.env.DEBUG_RUNTIME === '1';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (echo) process.stderr.write(chunk);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (echo) process.stderr.write(chunk);
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`runtime did not start:\n${output}`)), 60_000);
    const check = () => {
      const match = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`runtime exited with ${code}:\n${output}`)));
  });
  await waitFor(async () => (await fetch(`${url}/health`)).status === 200, 30_000, 'health');
  return {
    url,
    child,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A stand-in for api.telegram.org on 127.0.0.1 that records every Bot API call. */
export async function startFakeTelegramApi(): Promise<{
  url: string;
  sandbox: TelegramSandbox;
  close(): Promise<void>;
}> {
  const sandbox = new TelegramSandbox(TEST_BOT_TOKEN);
  const listener = createTelegramSandboxListener(sandbox, '');
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => void listener(request, response, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', () => resolveListen()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sandbox,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

export async function postTelegramUpdate(
  runtimeUrl: string,
  update: unknown,
  /** null sends no secret header at all. */
  secret: string | null = TEST_WEBHOOK_SECRET,
): Promise<Response> {
  return fetch(`${runtimeUrl}/webhooks/telegram`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret !== null ? { 'x-telegram-bot-api-secret-token': secret } : {}),
    },
    body: typeof update === 'string' ? update : JSON.stringify(update),
  });
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await condition()) return;
    } catch {
      // not yet
    }
    await new Promise((resolveSleep) => setTimeout(resolveSleep, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
