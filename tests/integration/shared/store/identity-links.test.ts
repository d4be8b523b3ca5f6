import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportBot } from '../../../../shared/domain/bot-turn.ts';
import type { ChannelAddress } from '../../../../shared/domain/channel.ts';
import type { CustomerMessage } from '../../../../shared/domain/events.ts';
import { handleInboundEvent } from '../../../../shared/pipeline/handle-inbound-event.ts';
import { getCustomer } from '../../../../shared/store/customers.ts';
import { customerIdentities, readAudit, undoLink } from '../../../../shared/store/identity-links.ts';
import { keys } from '../../../../shared/store/keys.ts';
import { readTranscript } from '../../../../shared/store/transcript.ts';
import { type EmbeddedTable, startEmbeddedTable } from '../../../helpers/embedded-table.ts';
import { envelope } from '../../../helpers/factories.ts';

let table: EmbeddedTable;
beforeAll(async () => {
  table = await startEmbeddedTable();
});
afterAll(async () => table.close());

/** A bot that never answers: these tests are about who the customer is, not what is said. */
const silentBot: SupportBot = {
  runTurn: async (request) =>
    ({ replies: [], language: 'en', records: [], eventId: request.eventId }) as never,
  storedOutcome: async () => undefined,
};
const deps = () => ({
  table,
  bot: silentBot,
  enqueueOutbound: async () => {},
  now: () => new Date('2026-11-26T10:00:01.000Z'),
});

let sequence = 0;
function message(address: ChannelAddress, text: string, verifiedPhone?: string): CustomerMessage {
  const id = `m${++sequence}`;
  return {
    kind: 'message',
    eventId: `${address.channel}:${address.accountId}:${id}`,
    address,
    occurredAt: '2026-11-26T10:00:00.000Z',
    providerMessageId: id,
    text,
    profile: verifiedPhone ? { verifiedPhone } : {},
  };
}

async function customerOf(address: ChannelAddress): Promise<string> {
  const item = await table.client.send(
    new GetCommand({ TableName: table.tableName, Key: keys.identity(address), ConsistentRead: true }),
  );
  return item.Item?.customerId as string;
}

const whatsapp = (phone: string): ChannelAddress => ({
  channel: 'whatsapp',
  accountId: '106540352242922',
  userId: phone.slice(1),
  chatId: phone.slice(1),
});
const sms = (phone: string): ChannelAddress => ({
  channel: 'sms',
  accountId: '+15017122661',
  userId: phone,
  chatId: phone,
});
const telegram = (id: string): ChannelAddress => ({
  channel: 'telegram',
  accountId: '123456789',
  userId: id,
  chatId: id,
});

describe('one customer across channels by a phone the platforms vouch for', () => {
  it('joins an SMS sender to the WhatsApp customer with the same number: one customer, one conversation, audited', async () => {
    const phone = '+5511987650001';
    await handleInboundEvent(
      envelope(message(whatsapp(phone), 'oi pelo WhatsApp', phone), new Date('2026-11-26T10:00:00.000Z')),
      deps(),
    );
    await handleInboundEvent(
      envelope(message(sms(phone), 'and now by SMS', phone), new Date('2026-11-26T10:00:05.000Z')),
      deps(),
    );

    const customerId = await customerOf(whatsapp(phone));
    expect(await customerOf(sms(phone))).toBe(customerId);
    const customer = await getCustomer(table, customerId);
    const transcript = await readTranscript(table, customer?.openConversationId as string);
    expect(transcript.map((entry) => entry.text)).toEqual(['oi pelo WhatsApp', 'and now by SMS']);
    const identities = await customerIdentities(table, customerId);
    expect(identities.map((identity) => [identity.address.channel, identity.linkedBy]).sort()).toEqual([
      ['sms', 'phone_match'],
      ['whatsapp', 'first_contact'],
    ]);
    expect(await readAudit(table, customerId)).toEqual([
      expect.objectContaining({ action: 'identity_linked', via: 'phone_match', toCustomerId: customerId }),
    ]);
  });

  it('never joins on an unverified match: a different number stays a different customer', async () => {
    await handleInboundEvent(envelope(message(whatsapp('+5511987650002'), 'one', '+5511987650002')), deps());
    await handleInboundEvent(envelope(message(sms('+5511987650003'), 'two', '+5511987650003')), deps());
    expect(await customerOf(sms('+5511987650003'))).not.toBe(await customerOf(whatsapp('+5511987650002')));
  });

  it('moves a known Telegram identity to the phone’s customer when the user shares their own contact', async () => {
    const phone = '+48600700001';
    await handleInboundEvent(envelope(message(sms(phone), 'hello from SMS', phone)), deps());
    await handleInboundEvent(envelope(message(telegram('555001'), 'hello from Telegram')), deps());
    const smsCustomer = await customerOf(sms(phone));
    expect(await customerOf(telegram('555001'))).not.toBe(smsCustomer);

    // The contact card the user shared about themself carries the phone Telegram vouches for.
    await handleInboundEvent(envelope(message(telegram('555001'), '[contact]', phone)), deps());
    expect(await customerOf(telegram('555001'))).toBe(smsCustomer);
    const open = (await getCustomer(table, smsCustomer))?.openConversationId as string;
    expect((await readTranscript(table, open)).map((entry) => entry.text)).toContain('[contact]');
  });

  it('lets an agent undo a link: the identity leaves, is never auto-linked again, and both customers keep an audit entry', async () => {
    const phone = '+5511987650009';
    await handleInboundEvent(envelope(message(whatsapp(phone), 'first', phone)), deps());
    await handleInboundEvent(envelope(message(sms(phone), 'second', phone)), deps());
    const joined = await customerOf(whatsapp(phone));

    const undone = await undoLink(
      table,
      sms(phone),
      joined,
      'agent-ana',
      new Date('2026-11-26T11:00:00.000Z'),
    );
    expect(undone.ok).toBe(true);
    const separate = await customerOf(sms(phone));
    expect(separate).not.toBe(joined);
    expect((await customerIdentities(table, joined)).map((identity) => identity.address.channel)).toEqual([
      'whatsapp',
    ]);
    expect((await customerIdentities(table, separate)).map((identity) => identity.address.channel)).toEqual([
      'sms',
    ]);
    for (const customerId of [joined, separate])
      expect(await readAudit(table, customerId)).toContainEqual(
        expect.objectContaining({
          action: 'identity_unlinked',
          by: 'agent-ana',
          fromCustomerId: joined,
          toCustomerId: separate,
        }),
      );

    // The next SMS stays with its own customer, and undoing twice is refused.
    await handleInboundEvent(envelope(message(sms(phone), 'third', phone)), deps());
    expect(await customerOf(sms(phone))).toBe(separate);
    expect(await undoLink(table, sms(phone), separate, 'agent-ana', new Date())).toEqual({
      ok: false,
      reason: 'not_linked',
    });
  });
});
