import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../../shared/definitions.ts';
import { telegramTapUpdate, telegramTextUpdate } from '../helpers/factories.ts';
import {
  postTelegramUpdate,
  type RuntimeProcess,
  startFakeTelegramApi,
  startRuntimeProcess,
  waitFor,
} from '../helpers/local-runtime-process.ts';

let telegram: Awaited<ReturnType<typeof startFakeTelegramApi>>;
let runtime: RuntimeProcess;
let dataDir: string;

const sendMessagesTo = (chatId: number) =>
  telegram.sandbox.calls.filter((call) => call.method === 'sendMessage' && call.params.chat_id === chatId);
/** Time for anything still in flight to show up, before asserting that nothing more arrived. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_000));

async function inboundQueueDepth(runtimeUrl: string): Promise<number> {
  const sqs = new SQSClient({
    endpoint: `${runtimeUrl}/_aws/sqs`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
  });
  const result = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: `${runtimeUrl}/_aws/sqs/000000000000/${QUEUES.inbound.name}`,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  sqs.destroy();
  return (
    Number(result.Attributes?.ApproximateNumberOfMessages) +
    Number(result.Attributes?.ApproximateNumberOfMessagesNotVisible)
  );
}

beforeAll(async () => {
  telegram = await startFakeTelegramApi();
  dataDir = mkdtempSync(join(tmpdir(), 'omni-e2e-'));
  runtime = await startRuntimeProcess({ LOCAL_DATA_DIR: dataDir, TELEGRAM_API_URL: telegram.url });
});

afterAll(async () => {
  await runtime?.stop();
  await telegram?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the local runtime, end to end through a fake Telegram Bot API', () => {
  it('answers one signed text update with exactly one sendMessage to that chat', async () => {
    const update = telegramTextUpdate({ chatId: 1001, text: 'cześć', languageCode: 'pl', firstName: 'Ola' });

    const response = await postTelegramUpdate(runtime.url, update);

    expect(response.status).toBe(200);
    await waitFor(() => sendMessagesTo(1001).length > 0, 20_000, 'the reply');
    await settle();
    const replies = sendMessagesTo(1001);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.params.text).toContain('Cześć Ola!');
    const keyboard = replies[0]?.params.reply_markup as {
      inline_keyboard: { text: string; callback_data: string }[][];
    };
    expect(keyboard.inline_keyboard.flat().map((button) => button.callback_data)).toContain(
      'menu:human_agent',
    );
  });

  it('does not answer the same update twice when Telegram delivers it again', async () => {
    const update = telegramTextUpdate({ chatId: 1002 });
    await postTelegramUpdate(runtime.url, update);
    await waitFor(() => sendMessagesTo(1002).length > 0, 20_000, 'the first reply');

    expect((await postTelegramUpdate(runtime.url, update)).status).toBe(200);
    await settle();

    expect(sendMessagesTo(1002)).toHaveLength(1);
  });

  it('rejects a wrong or missing secret with 401 and queues nothing', async () => {
    const update = telegramTextUpdate({ chatId: 1003 });

    const wrong = await postTelegramUpdate(runtime.url, update, 'not-the-secret');
    const missing = await postTelegramUpdate(runtime.url, update, null);

    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: { code: 'invalid_signature', message: expect.any(String) } });
    expect(missing.status).toBe(401);
    expect(await inboundQueueDepth(runtime.url)).toBe(0);
    await settle();
    expect(sendMessagesTo(1003)).toHaveLength(0);
  });

  it('acknowledges update kinds it does not act on with 200 and never answers them', async () => {
    const response = await postTelegramUpdate(runtime.url, {
      update_id: 555_001,
      my_chat_member: {
        chat: { id: 1004, type: 'private' },
        from: { id: 1004 },
        date: 1,
        old_chat_member: {},
        new_chat_member: {},
      },
    });
    const garbage = await postTelegramUpdate(runtime.url, '{"this is": not json');

    expect(response.status).toBe(200);
    expect(garbage.status).toBe(200);
    await settle();
    expect(sendMessagesTo(1004)).toHaveLength(0);
  });

  it('answers a button tap and stops the client spinner with answerCallbackQuery', async () => {
    await postTelegramUpdate(runtime.url, telegramTextUpdate({ chatId: 1005 }));
    await waitFor(() => sendMessagesTo(1005).length === 1, 20_000, 'the greeting');

    await postTelegramUpdate(runtime.url, telegramTapUpdate({ chatId: 1005, data: 'menu:password_reset' }));

    await waitFor(() => sendMessagesTo(1005).length === 2, 20_000, 'the answer to the tap');
    expect(sendMessagesTo(1005)[1]?.params.text).toMatch(/e-mail address or phone number/);
    expect(telegram.sandbox.calls.some((call) => call.method === 'answerCallbackQuery')).toBe(true);
  });

  it("remembers a delivery beyond the queue's 5-minute dedup window, so a late redelivery gets no reply either", async () => {
    const update = telegramTextUpdate({ chatId: 1006 });
    await postTelegramUpdate(runtime.url, update);
    await waitFor(() => sendMessagesTo(1006).length === 1, 20_000, 'the first reply');
    // Forgetting the queue's deduplication ids is what ten minutes would do; the table keeps everything else.
    await runtime.stop();
    rmSync(join(dataDir, 'queues'), { recursive: true, force: true });
    runtime = await startRuntimeProcess({ LOCAL_DATA_DIR: dataDir, TELEGRAM_API_URL: telegram.url });

    expect((await postTelegramUpdate(runtime.url, update)).status).toBe(200);
    await waitFor(
      async () => (await inboundQueueDepth(runtime.url)) === 0,
      20_000,
      'the redelivery to be processed',
    );
    await settle();

    expect(sendMessagesTo(1006)).toHaveLength(1);
  });

  it('answers every accepted update exactly once after the process is killed with SIGKILL and started again', async () => {
    const chats = Array.from({ length: 20 }, (_, index) => 2000 + index);
    const responses = await Promise.all(
      chats.map((chatId) => postTelegramUpdate(runtime.url, telegramTextUpdate({ chatId, text: 'hello' }))),
    );
    expect(responses.map((response) => response.status)).toEqual(chats.map(() => 200));
    await runtime.kill();
    const answeredBeforeKill = chats.filter((chatId) => sendMessagesTo(chatId).length > 0).length;
    // Otherwise the restart would have nothing left to prove.
    expect(answeredBeforeKill).toBeLessThan(chats.length);

    runtime = await startRuntimeProcess({ LOCAL_DATA_DIR: dataDir, TELEGRAM_API_URL: telegram.url });

    await waitFor(() => chats.every((chatId) => sendMessagesTo(chatId).length > 0), 60_000, 'all 20 replies');
    await settle();
    expect(chats.map((chatId) => sendMessagesTo(chatId).length)).toEqual(chats.map(() => 1));
  });
});
