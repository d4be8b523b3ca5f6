import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../../shared/observability/logger.ts';
import { redactText } from '../../../../shared/observability/redaction.ts';

/** Everything the logger writes, as the Lambda runtime would receive it on stdout/stderr. */
let written: string[];
beforeEach(() => {
  written = [];
  const capture = (chunk: unknown) => {
    written.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});
afterEach(() => vi.restoreAllMocks());

function output(): string {
  return written.join('');
}

function lines(): Record<string, unknown>[] {
  return output()
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const PHONES = [
  '+14155550123',
  '+1 415 555 0123',
  '+1 (415) 555-0123',
  '+44 20 7946 0958',
  '+48 601-234-567',
  '+351 912 345 678',
  '(415) 555-0123',
  '415-555-0123',
  '415.555.0123',
  '020 7946 0958',
  // WhatsApp wa_id / Twilio number without its plus.
  '14155550123',
  '5511987654321',
];
const CUSTOMER_TEXT = 'My order A-123456 never arrived and I am furious';
const TELEGRAM_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0';

describe('redacting logger', () => {
  it.each(PHONES)('masks the phone number %s wherever it appears', (phone) => {
    const logger = createLogger({ logLevel: 'INFO' });
    logger.info(`customer ${phone} wrote`, {
      note: `call back on ${phone} please`,
      nested: { list: [`tel:${phone}`] },
    });
    logger.error('send failed', new Error(`Twilio refused ${phone}`));
    const digits = phone.replace(/\D/g, '');
    expect(written.length).toBeGreaterThan(0);
    expect(output()).not.toContain(phone);
    expect(output().replace(/\D/g, ' ')).not.toMatch(new RegExp(`\\b${digits}\\b`));
    expect(output()).toContain('[phone]');
  });

  it('withholds message text under text, body, caption and message keys, at any depth', () => {
    const logger = createLogger({ logLevel: 'INFO' });
    logger.info('inbound event', {
      text: CUSTOMER_TEXT,
      event: {
        kind: 'message',
        body: CUSTOMER_TEXT,
        caption: CUSTOMER_TEXT,
        quick: [{ message: CUSTOMER_TEXT }],
      },
      Body: CUSTOMER_TEXT,
    });
    expect(output()).not.toContain('furious');
    const [line] = lines();
    expect(line?.text).toBe(`[redacted] (${CUSTOMER_TEXT.length} chars)`);
    expect(line?.event).toMatchObject({ kind: 'message', body: expect.stringMatching(/^\[redacted]/) });
    expect(line?.message).toBe('inbound event');
  });

  it('withholds credentials by key and masks token shapes in free text', () => {
    const logger = createLogger({ logLevel: 'INFO' });
    logger.warn('telegram call failed', {
      botToken: TELEGRAM_TOKEN,
      headers: { authorization: 'Bearer abcdefghijklmnop', 'x-hub-signature-256': 'sha256=deadbeef' },
      url: `https://api.telegram.org/bot${TELEGRAM_TOKEN}/sendMessage?access_token=EAAGm0PX4ZCpsBAKZBZA`,
      password: 'hunter2hunter2',
    });
    expect(output()).not.toContain('AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0');
    expect(output()).not.toContain('abcdefghijklmnop');
    expect(output()).not.toContain('deadbeef');
    expect(output()).not.toContain('EAAGm0PX4ZCpsBAKZBZA');
    expect(output()).not.toContain('hunter2');
  });

  it('masks e-mail addresses and the contents of errors but keeps their names', () => {
    const logger = createLogger({ logLevel: 'INFO' });
    const error = Object.assign(new Error('no account for ana.silva@example.com'), {
      providerCode: '21211',
      to: '+351912345678',
    });
    logger.error('password reset failed', { error });
    expect(output()).not.toContain('ana.silva@example.com');
    expect(output()).not.toContain('912345678');
    const [line] = lines();
    expect(line?.error).toMatchObject({
      name: 'Error',
      message: 'no account for [email]',
      providerCode: '21211',
    });
  });

  it('keeps what operators need: ids, outcomes, codes, timestamps and the correlation id', () => {
    const logger = createLogger({ logLevel: 'INFO' });
    logger.setCorrelationId('Ab3xYz-req-1');
    logger.info('outbound', {
      eventId: 'wamid.HBgLMTQxNTU1NTAxMjMVAgASGBQzQTAwQjE3',
      conversationId: 'c_01JD7Q2M4N5P6R7S8T9V0W1X2Y',
      result: 'sent',
      providerCode: '131047',
      at: '2026-11-26T05:01:02.123Z',
      attempt: 3,
    });
    const [line] = lines();
    expect(line).toMatchObject({
      correlation_id: 'Ab3xYz-req-1',
      eventId: 'wamid.HBgLMTQxNTU1NTAxMjMVAgASGBQzQTAwQjE3',
      conversationId: 'c_01JD7Q2M4N5P6R7S8T9V0W1X2Y',
      result: 'sent',
      providerCode: '131047',
      at: '2026-11-26T05:01:02.123Z',
      attempt: 3,
      level: 'INFO',
      message: 'outbound',
    });
  });
});

describe('redactText', () => {
  it('leaves ordinary words, ids and dates alone', () => {
    const text = 'order A-123456 status shipped on 2026-11-26 (attempt 2 of 5), update 912345678';
    expect(redactText(text)).toBe(text);
  });
});
