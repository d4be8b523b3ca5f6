import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COPY } from '../../bots/support/copy.ts';
import { LOCAL_DEFAULTS, type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime.ts';
import { signTwilioRequest } from '../../shared/channels/sms/verify.ts';
import { TABLE } from '../../shared/definitions.ts';
import type { Language } from '../../shared/domain/channel.ts';
import { waitFor } from '../helpers/local-runtime-process.ts';

let runtime: LocalRuntime;
let dataDir: string;
let table: DynamoDBDocumentClient;
const OUR_NUMBER = '+15017122661';
let sequence = 0;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'omni-flows-'));
  runtime = await startLocalRuntime({ PORT: '0', LOCAL_DATA_DIR: dataDir });
  table = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: runtime.dynamoEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
    }),
  );
});

afterAll(async () => {
  await runtime?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A customer on SMS: sends a text and waits for the bot's replies to it. */
function smsCustomer(from: string) {
  const phone = () => runtime.sandboxes.twilio.messagesFor(from).map((message) => message.text);
  return {
    phone,
    async says(body: string, expectReplies = 1): Promise<string[]> {
      const before = phone().length;
      const url = `${runtime.url}/webhooks/sms`;
      const params = {
        MessageSid: `SMflow${++sequence}`,
        AccountSid: LOCAL_DEFAULTS.TWILIO_ACCOUNT_SID,
        From: from,
        To: OUR_NUMBER,
        Body: body,
        NumMedia: '0',
      };
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signTwilioRequest(LOCAL_DEFAULTS.TWILIO_AUTH_TOKEN, url, params),
        },
        body: new URLSearchParams(params).toString(),
      });
      expect(response.status).toBe(200);
      await waitFor(() => phone().length >= before + expectReplies, 20_000, `the reply to "${body}"`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      return phone().slice(before);
    },
  };
}

async function storedCustomerTexts(): Promise<string[]> {
  const result = await table.send(
    new ScanCommand({
      TableName: TABLE.localName,
      FilterExpression: 'begins_with(sk, :message) AND author.kind = :customer',
      ExpressionAttributeValues: { ':message': 'MESSAGE#', ':customer': 'customer' },
    }),
  );
  return (result.Items ?? []).map((item) => item.text as string);
}

const RESET_PHRASES: Record<Language, string> = {
  en: 'I forgot my password',
  pt: 'esqueci minha senha',
  pl: 'zapomniałem hasła',
};
const COMMENTS: Record<Language, string> = {
  en: 'very quick, thank you',
  pt: 'muito rápido, obrigada',
  pl: 'bardzo szybko, dziękuję',
};
const DELIVERY_QUESTIONS: Record<Language, string> = {
  en: 'how long does delivery take?',
  pt: 'quanto tempo demora a entrega?',
  pl: 'ile trwa dostawa?',
};

describe.each(['en', 'pt', 'pl'] as const)('bot flows in %s, through the local runtime', (language) => {
  const copy = COPY[language];

  it('resets a password with the same reply for a known and an unknown account, the link only to the registered address', async () => {
    const known = smsCustomer(`+4860010${language === 'en' ? '1' : language === 'pt' ? '2' : '3'}001`);
    expect(await known.says(RESET_PHRASES[language])).toEqual([copy.askAccountHint]);
    const knownReply = await known.says('emma.clarke@example.com');
    expect(knownReply[0]).toContain(copy.resetLinkSent);
    await waitFor(
      () => runtime.mailbox.messagesFor('emma.clarke@example.com').length > 0,
      10_000,
      'the reset mail',
    );

    const stranger = smsCustomer(`+4860010${language === 'en' ? '1' : language === 'pt' ? '2' : '3'}002`);
    await stranger.says(RESET_PHRASES[language]);
    const strangerReply = await stranger.says('nobody.here@example.com');
    expect(strangerReply).toEqual(knownReply);
    expect(runtime.mailbox.messagesFor('nobody.here@example.com')).toHaveLength(0);
  });

  it('answers a help-centre question with the article and asks whether it helped', async () => {
    const customer = smsCustomer(`+4860020${language === 'en' ? '1' : language === 'pt' ? '2' : '3'}001`);
    const replies = await customer.says(DELIVERY_QUESTIONS[language], 2);
    expect(replies[1]).toContain(copy.kbFeedbackQuestion);
    expect(replies[0]).toMatch(
      language === 'pl' ? /dni robocz/ : language === 'pt' ? /dias úteis/ : /business days/,
    );
    const thanks = await customer.says('1', 2);
    expect(thanks[0]).toContain(copy.kbHelped);
    expect(thanks[1]).toContain(copy.surveyQuestion);

    // The survey: a rating by number, then a comment; the conversation is closed with both.
    expect((await customer.says('5'))[0]).toContain(copy.surveyCommentQuestion);
    expect((await customer.says(COMMENTS[language]))[0]).toContain(copy.surveyThanks);
    const conversations = await table.send(
      new ScanCommand({
        TableName: TABLE.localName,
        FilterExpression: 'sk = :meta AND surveyRating = :five',
        ExpressionAttributeValues: { ':meta': 'META', ':five': 5 },
      }),
    );
    const surveyed = conversations.Items?.find((item) => item.surveyComment === COMMENTS[language]);
    expect(surveyed?.owner).toMatchObject({ kind: 'closed' });
  });
});

describe('handing a customer to a person', () => {
  it('queues a complaint for the team of its topic, with a raised priority and a summary, and says what happens next', async () => {
    const customer = smsCustomer('+48600500001');
    const replies = await customer.says(
      'This is ridiculous, you charged my card twice for the same payment!',
    );
    expect(replies[0]).toContain(COPY.en.handoff);
    expect(replies[0]).toContain(COPY.en.handoffWait(20));

    const conversations = await table.send(
      new ScanCommand({
        TableName: TABLE.localName,
        FilterExpression: 'sk = :meta AND #owner.kind = :queue',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: { ':meta': 'META', ':queue': 'queue' },
      }),
    );
    const queued = conversations.Items?.find((item) =>
      String(item.owner?.summary).includes('charged my card twice'),
    );
    expect(queued?.owner).toMatchObject({ kind: 'queue', team: 'billing', reason: 'complaint' });
    expect(queued?.owner.priority).toBeGreaterThanOrEqual(3);
  });
});

describe('linking two chat apps of one customer', () => {
  it('gives a code on one channel and joins the identity that sends LINK <code> from another, audited', async () => {
    const chatId = 7_700_001;
    const telegramPhone = () =>
      runtime.sandboxes.telegram.messagesFor(String(chatId)).map((message) => message.text);
    const update = {
      update_id: 990_001,
      message: {
        message_id: 1,
        date: 1_764_115_200,
        chat: { id: chatId, type: 'private' },
        from: { id: chatId, first_name: 'Ana', language_code: 'en' },
        text: 'I want to link my accounts',
      },
    };
    const posted = await fetch(`${runtime.url}/webhooks/telegram`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-telegram-bot-api-secret-token': LOCAL_DEFAULTS.TELEGRAM_WEBHOOK_SECRET,
      },
      body: JSON.stringify(update),
    });
    expect(posted.status).toBe(200);
    await waitFor(() => telegramPhone().length > 0, 20_000, 'the link code');
    const code = /LINK (\d{6})/.exec(telegramPhone()[0] ?? '')?.[1];
    expect(code).toBeDefined();

    const sms = smsCustomer('+48600400001');
    expect((await sms.says(`LINK ${code}`))[0]).toContain(COPY.en.linkDone);

    const identities = await table.send(
      new ScanCommand({
        TableName: TABLE.localName,
        FilterExpression: 'begins_with(pk, :p)',
        ExpressionAttributeValues: { ':p': 'IDENTITY#' },
      }),
    );
    const customerOf = (userId: string) =>
      identities.Items?.find((item) => item.userId === userId)?.customerId;
    expect(customerOf('+48600400001')).toBe(customerOf(String(chatId)));
    const audit = await table.send(
      new ScanCommand({
        TableName: TABLE.localName,
        FilterExpression: 'begins_with(pk, :p)',
        ExpressionAttributeValues: { ':p': 'AUDIT#' },
      }),
    );
    expect(
      audit.Items?.some(
        (item) => item.action === 'identity_linked' && item.toCustomerId === customerOf(String(chatId)),
      ),
    ).toBe(true);

    // A code works once.
    const second = smsCustomer('+48600400002');
    expect((await second.says(`LINK ${code}`))[0]).toContain(COPY.en.linkInvalid);
  });
});

describe('bot flows that guard personal data', () => {
  it('hides a pasted password from the stored transcript and never echoes it', async () => {
    const customer = smsCustomer('+48600300001');
    await customer.says('I forgot my password');
    const replies = await customer.says('my password is Tr0ub4dor&3xyz');
    expect(replies.join(' ')).not.toContain('Tr0ub4dor');
    const stored = await storedCustomerTexts();
    expect(stored.some((text) => text.includes('Tr0ub4dor'))).toBe(false);
  });

  it("shows an order's status to its owner only", async () => {
    const owner = smsCustomer('+48600100200');
    const ownerReply = await owner.says('where is my order A-100001?');
    expect(ownerReply[0]).toContain('A-100001');

    const stranger = smsCustomer('+48600300002');
    const strangerReply = await stranger.says('where is my order A-100001?');
    expect(strangerReply[0]).toContain(COPY.en.orderNotShareable);
  });

  it('cancels an order for its owner after they confirm, and refuses a stranger the same way as an unknown order', async () => {
    const owner = smsCustomer('+48600100200');
    expect((await owner.says('please cancel order A-100002'))[0]).toContain(
      COPY.en.confirmCancel('A-100002'),
    );
    expect((await owner.says('1'))[0]).toContain('A-100002 is cancelled');

    const stranger = smsCustomer('+48600300003');
    await stranger.says('please cancel order A-200002');
    expect((await stranger.says('1'))[0]).toContain(COPY.en.orderNotShareable);
  });
});
