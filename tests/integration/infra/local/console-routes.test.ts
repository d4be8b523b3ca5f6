import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../../../infra/local/runtime.ts';
import { ensureConsoleBuilt } from '../../../../scripts/console-build.ts';
import { waitFor } from '../../../helpers/local-runtime-process.ts';

let runtime: LocalRuntime;
let dataDir: string;

beforeAll(async () => {
  await ensureConsoleBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'omni-console-routes-'));
  runtime = await startLocalRuntime({ PORT: '0', LOCAL_DATA_DIR: dataDir });
});

afterAll(async () => {
  await runtime?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const get = (path: string) => fetch(`${runtime.url}${path}`);
const post = (path: string, body?: unknown) =>
  fetch(`${runtime.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('local-only console routes of the local runtime', () => {
  it('lists the demo agents and signs one in with a token the agent API accepts', async () => {
    const { agents } = (await (await get('/local/agents')).json()) as { agents: { agentId: string }[] };
    expect(agents.map((agent) => agent.agentId)).toEqual(['ana', 'bruno', 'carla', 'dora']);
    const issued = await post('/local/agents/bruno/token');
    expect(issued.status).toBe(201);
    const { token } = (await issued.json()) as { token: string };
    const me = await fetch(`${runtime.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toEqual({
      agentId: 'bruno',
      name: 'Bruno Nowak',
      teams: ['billing', 'support'],
      admin: false,
      lead: false,
    });
    expect((await post('/local/agents/mallory/token')).status).toBe(404);
  });

  it('tells the console it runs locally', async () => {
    expect(await (await get('/config.json')).json()).toEqual({ mode: 'local', apiUrl: '' });
  });

  it('serves the built console with an SPA fallback, and nothing outside console/dist', async () => {
    const page = await get('/c/conv_123');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<div id="root">');
    expect((await get('/assets/missing.js')).status).toBe(404);
    const outside = await get('/..%2f..%2fpackage.json');
    expect(await outside.text()).not.toContain('"devDependencies"');
  });

  it('posts a signed webhook as the customer and shows what their phone received, buttons included', async () => {
    expect((await post('/local/simulator/telegram', { from: '9100', text: 'hello' })).status).toBe(202);
    let messages: { text: string; buttons: { label: string; payload: string }[] }[] = [];
    await waitFor(
      async () => {
        ({ messages } = (await (await get('/local/simulator/telegram/phones/9100')).json()) as {
          messages: typeof messages;
        });
        return messages.length > 0;
      },
      20_000,
      'the bot greeting',
    );
    const menu = messages.find((message) => message.buttons.length > 0);
    expect(menu?.buttons.map((button) => button.payload)).toContain('menu:human_agent');
  });

  it('refuses what it cannot simulate', async () => {
    expect((await post('/local/simulator/fax', { text: 'x' })).status).toBe(404);
    expect((await post('/local/simulator/telegram', { from: '9100' })).status).toBe(400);
    expect((await post('/local/simulator/telegram', { from: 'not-a-number', text: 'x' })).status).toBe(400);
    expect((await get('/local/simulator/fax/phones/1')).status).toBe(404);
    expect((await get('/local/nothing-here')).status).toBe(404);
  });
});
