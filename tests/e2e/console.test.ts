import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COPY } from '../../bots/support/copy.ts';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime.ts';
import { whatsappSandboxFailures } from '../../infra/local/sandbox/graph-whatsapp-sandbox.ts';
import { ensureConsoleBuilt } from '../../scripts/console-build.ts';
import { TABLE } from '../../shared/definitions.ts';
import { keys } from '../../shared/store/keys.ts';

/** Debian's Chromium; where it is missing these tests are skipped (install: apt-get install chromium). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM}. Install it: apt-get install chromium`);

/**
 * The README's screenshots are rewritten only on request (`UPDATE_SCREENSHOTS=1 npm test`), so a
 * plain test run leaves the working tree clean; otherwise they go to a scratch directory.
 */
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? resolve(import.meta.dirname, '../../docs/screenshots')
  : join(tmpdir(), 'omni-console-screenshots');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WA_ID = '5511977770001';
const PHONE_NUMBER_ID = '106540352242922';
const TELEGRAM_CHAT = '7800042';
const LIVE_MS = 20_000;

let runtime: LocalRuntime;
let dataDir: string;
let profileDir: string;
let browser: BrowserContext;
let agent: Page;
let customer: Page;
let table: DynamoDBDocumentClient;

/** axe-core's serious and critical findings on the page as it is now. */
async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  // A string, evaluated in the page: axe is a global there.
  const result = (await page.evaluate('axe.run(document)')) as {
    violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
  };
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.nodes.map((n) => n.target).join(', ')}`,
    );
}

async function customerSays(channel: 'whatsapp' | 'telegram', customerId: string, text: string) {
  if ((await customer.locator('#sim-channel').inputValue()) !== channel)
    await customer.locator('#sim-channel').selectOption(channel);
  await customer.locator('#sim-customer').fill(customerId);
  await customer.locator('#sim-text').fill(text);
  await customer.getByRole('button', { name: 'Send' }).click();
}

const phone = () => customer.locator('.phone .bubble.biz');

describe.skipIf(!hasChromium)(
  'agent console and customer simulator in Chromium (needs: apt-get install chromium)',
  () => {
    beforeAll(async () => {
      await ensureConsoleBuilt();
      dataDir = mkdtempSync(join(tmpdir(), 'omni-console-'));
      profileDir = mkdtempSync(join(tmpdir(), 'omni-chromium-'));
      runtime = await startLocalRuntime({ PORT: '0', LOCAL_DATA_DIR: dataDir });
      table = DynamoDBDocumentClient.from(
        new DynamoDBClient({
          endpoint: runtime.dynamoEndpoint,
          region: 'us-east-1',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }),
      );
      browser = await chromium.launchPersistentContext(profileDir, {
        executablePath: CHROMIUM,
        headless: true,
        viewport: { width: 1280, height: 800 },
        locale: 'en-US',
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      browser.setDefaultTimeout(LIVE_MS);
      agent = await browser.newPage();
      customer = await browser.newPage();
    });

    afterAll(async () => {
      await browser?.close();
      await runtime?.close();
      for (const dir of [dataDir, profileDir]) if (dir) rmSync(dir, { recursive: true, force: true });
    });

    let conversationUrl: string;

    it('signs an agent in locally by picking a demo agent', async () => {
      await agent.goto(runtime.url);
      await agent.getByRole('button', { name: /Sign in as Ana Souza/ }).click();
      await expect.poll(() => agent.getByRole('heading', { name: /Waiting/ }).count()).toBe(1);
      await expect.poll(() => agent.locator('.who').textContent()).toContain('orders, support');
    });

    it('shows a WhatsApp customer who asks for a person in the queue without a reload', async () => {
      await customer.goto(`${runtime.url}/simulator`);
      await customerSays('whatsapp', WA_ID, 'Where is my order A-100001? I want to talk to a person');
      await phone()
        .filter({ hasText: COPY.en.handoff.slice(0, 40) })
        .first()
        .waitFor();

      const entry = agent.locator('ul[aria-label="Waiting"] li', { hasText: 'A-100001' });
      await entry.waitFor();
      await expect.poll(() => entry.locator('.badge.ch-whatsapp').count()).toBe(1);
      expect(await entry.textContent()).toMatch(/Priority \d/);
      expect(await entry.textContent()).toMatch(/waiting \d+ (s|min)/);

      expect(await seriousAccessibilityViolations(agent)).toEqual([]);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await agent.screenshot({ path: join(SCREENSHOTS, 'queue.png') });
    });

    it('claims with the keyboard and replies; the reply reaches the phone and shows its status', async () => {
      await agent.locator('ul[aria-label="Waiting"] li a', { hasText: 'A-100001' }).focus();
      await agent.keyboard.press('Enter');
      await agent.waitForURL(/\/c\/[\w-]+$/);
      await agent.keyboard.press('c');
      await agent.locator('#reply-text').waitFor();
      conversationUrl = agent.url();
      await expect.poll(() => agent.getByTestId('conversation-status').textContent()).toBe('with You');
      await expect.poll(() => agent.locator('ul[aria-label="Waiting"] li').count()).toBe(0);

      await agent.locator('#reply-text').fill('Hi, Ana from the orders team. Checking A-100001 now.');
      await agent.keyboard.press('Control+Enter');
      await phone().filter({ hasText: 'Ana from the orders team' }).waitFor();
      const sent = agent.locator('.transcript li.out', { hasText: 'Ana from the orders team' });
      await expect
        .poll(() => sent.locator('.delivery').getAttribute('data-status'))
        .toMatch(/^(sent|delivered|read)$/);
    });

    it('links Telegram with the link-code button; the Telegram message joins the same transcript live', async () => {
      await agent.getByRole('button', { name: 'Link code' }).click();
      const suggested = (await agent.getByTestId('link-code-text').textContent()) ?? '';
      const code = /\b(\d{6})\b/.exec(suggested)?.[1];
      expect(code).toBeDefined();
      await agent.getByRole('button', { name: 'Send this to the customer' }).click();
      await phone().filter({ hasText: code! }).waitFor();

      await customerSays('telegram', TELEGRAM_CHAT, `LINK ${code}`);
      await phone()
        .filter({ hasText: COPY.en.linkDone.slice(0, 30) })
        .waitFor();
      await customerSays('telegram', TELEGRAM_CHAT, 'I am on Telegram now, any news?');

      const telegramMessage = agent.locator('.transcript li.in', { hasText: 'I am on Telegram now' });
      await telegramMessage.waitFor();
      expect(await telegramMessage.locator('.badge.ch-telegram').count()).toBe(1);
      await agent.locator('.identities li[data-channel="telegram"]').waitFor();
      expect(await agent.locator('.identities li[data-channel="whatsapp"]').count()).toBe(1);
      expect(await agent.locator('.transcript li', { hasText: 'Where is my order A-100001' }).count()).toBe(
        1,
      );
      expect(agent.url()).toBe(conversationUrl);
    });

    it('makes a failed delivery impossible to miss and explains a closed window before sending', async () => {
      // Meta refuses the next WhatsApp send for good: the status arrives live and shows as FAILED.
      runtime.sandboxes.whatsapp.injectFailures(whatsappSandboxFailures.undeliverable());
      await agent.getByRole('radio', { name: /WhatsApp/ }).check();
      await agent.locator('#reply-text').fill('Are you still on WhatsApp?');
      await agent.getByRole('button', { name: 'Send', exact: true }).click();
      const failed = agent.locator('.transcript li.out', { hasText: 'Are you still on WhatsApp?' });
      await expect.poll(() => failed.locator('.delivery').getAttribute('data-status')).toBe('failed');
      expect(await failed.getByRole('alert').textContent()).toContain('Not delivered');

      // The customer last wrote on WhatsApp over a day ago: the picker says so before anything is sent.
      await table.send(
        new UpdateCommand({
          TableName: TABLE.localName,
          Key: keys.identity({ channel: 'whatsapp', accountId: PHONE_NUMBER_ID, userId: WA_ID }),
          UpdateExpression: 'SET lastCustomerMessageAt = :old',
          ExpressionAttributeValues: { ':old': new Date(Date.now() - 25 * 60 * 60 * 1000).toISOString() },
        }),
      );
      await agent.reload();
      await agent.getByRole('radio', { name: /WhatsApp/ }).check();
      const warning = agent.locator('.reply .warning');
      await expect.poll(() => warning.textContent()).toContain('WhatsApp cannot be used now');
      await agent.locator('#reply-text').fill('Hello again');
      expect(await agent.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(true);

      expect(await seriousAccessibilityViolations(agent)).toEqual([]);
      await agent.screenshot({ path: join(SCREENSHOTS, 'conversation.png') });

      await warning.getByRole('button', { name: /Use Telegram/ }).click();
      expect(await agent.getByRole('radio', { name: /Telegram/ }).isChecked()).toBe(true);
      expect(await agent.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(false);
    });

    it('resolves: the survey reaches the phone, and tapping a score sends the button event', async () => {
      await agent.locator('#note-text').fill('Parcel confirmed with the warehouse.');
      await agent.getByRole('button', { name: 'Add note' }).click();
      await agent.locator('.transcript li.note', { hasText: 'Parcel confirmed' }).waitFor();

      await agent.getByRole('button', { name: /Resolve/ }).click();
      await expect.poll(() => agent.getByTestId('conversation-status').textContent()).toBe('with the bot');
      const survey = phone().filter({ hasText: COPY.en.surveyQuestion });
      await survey.waitFor();
      const buttons = survey.locator('.buttons button');
      expect(await buttons.count()).toBeGreaterThan(0);
      await buttons.filter({ hasText: '5' }).first().click();
      // The score is stored on the conversation: the agent sees it after a reload.
      await expect
        .poll(
          async () => {
            await agent.reload();
            return agent.locator('.status-line').textContent();
          },
          { timeout: LIVE_MS, interval: 1000 },
        )
        .toContain('5/5');
    });

    it('shows a team lead the week on the report page, from the counters of this very story', async () => {
      await agent.getByRole('link', { name: 'Reports' }).click();
      await agent.getByRole('heading', { name: /^Week \d{4}-W\d{2}$/ }).waitFor();
      const card = (label: string) =>
        agent
          .getByTestId('report-cards')
          .locator('.card', { has: agent.getByText(label, { exact: true }) })
          .locator('dd');
      // One customer asked for a person; the survey after the agent resolved was answered with 5.
      await expect.poll(() => card('Escalations').textContent()).toMatch(/^1 \(/);
      expect(await card('Satisfaction').textContent()).toBe('5 / 5');
      expect(Number(await card('Conversations').textContent())).toBeGreaterThanOrEqual(1);
      expect(await agent.getByRole('heading', { name: 'Conversations per day' }).count()).toBe(1);
      expect(await seriousAccessibilityViolations(agent)).toEqual([]);
      await agent.screenshot({ path: join(SCREENSHOTS, 'reports.png'), fullPage: true });
    });
  },
);
