import type { InboundEvent } from '../../domain/events.ts';
import { contactCards, parseMessage } from './parse-message.ts';
import { parseStatus } from './parse-status.ts';
import { type DeliveryScope, isRecord, list, text, unsupported } from './parse-support.ts';

const UNKNOWN_ACCOUNT = 'unknown';

/**
 * Turns one verified WhatsApp webhook body into domain events: one per message, status and error
 * of every entry × change (Meta batches up to 1000 updates). Never throws: a body that is not a
 * WhatsApp envelope, and every item we do not act on, become `unsupported` events that are
 * acknowledged and kept for an operator.
 */
export function parseWhatsappWebhook(rawBody: string, receivedAt: Date): InboundEvent[] {
  const scope: DeliveryScope = { rawBody, receivedAt };
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return [unsupported(scope, UNKNOWN_ACCOUNT, 'unparseable')];
  }
  if (!isRecord(body) || !Array.isArray(body.entry))
    return [unsupported(scope, UNKNOWN_ACCOUNT, 'unparseable')];
  if (body.object !== 'whatsapp_business_account')
    return [unsupported(scope, UNKNOWN_ACCOUNT, `object:${text(body.object) ?? 'missing'}`)];

  if (body.entry.length === 0) return [unsupported(scope, UNKNOWN_ACCOUNT, 'entry:empty')];
  const events: InboundEvent[] = [];
  body.entry.forEach((entry, entryIndex) => {
    const entryRecord = isRecord(entry) ? entry : {};
    const changes = list(entryRecord.changes);
    if (changes.length === 0)
      events.push(
        unsupported(scope, text(entryRecord.id) ?? UNKNOWN_ACCOUNT, 'entry:empty', {
          position: `${entryIndex}`,
          raw: entry,
        }),
      );
    changes.forEach((change, changeIndex) => {
      events.push(...parseChange(scope, entryRecord, change, `${entryIndex}.${changeIndex}`));
    });
  });
  return events;
}

function parseChange(
  scope: DeliveryScope,
  entry: Record<string, unknown>,
  change: unknown,
  position: string,
): InboundEvent[] {
  const changeRecord = isRecord(change) ? change : {};
  const value = isRecord(changeRecord.value) ? changeRecord.value : {};
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  const phoneNumberId = text(metadata.phone_number_id);
  // Changes about the account itself (templates, quality...) carry no phone number id: the WABA id says whose.
  const accountId = phoneNumberId ?? text(entry.id) ?? UNKNOWN_ACCOUNT;
  const field = text(changeRecord.field) ?? 'missing';
  const whole = { object: 'whatsapp_business_account', entry: [{ id: entry.id, changes: [change] }] };
  // Templates, account updates, user preferences, echoes of the business app...: not conversations.
  if (field !== 'messages')
    return [unsupported(scope, accountId, `field:${field}`, { position, raw: whole })];
  if (!phoneNumberId)
    return [unsupported(scope, accountId, 'messages:no_phone_number_id', { position, raw: whole })];

  const contacts = contactCards(value);
  /** The item alone in a one-item envelope: what an operator needs to see, bounded in size. */
  const single = (key: string, item: unknown) => ({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: entry.id,
        changes: [
          {
            field,
            value: { ...value, messages: undefined, statuses: undefined, errors: undefined, [key]: [item] },
          },
        ],
      },
    ],
  });
  const events: InboundEvent[] = [];
  list(value.messages).forEach((message, index) => {
    const itemPosition = `${position}.m${index}`;
    events.push(
      parseMessage(message, {
        ...scope,
        accountId,
        contacts,
        position: itemPosition,
        raw: single('messages', message),
      }),
    );
  });
  list(value.statuses).forEach((status, index) => {
    const itemPosition = `${position}.s${index}`;
    events.push(
      parseStatus(status, {
        ...scope,
        accountId,
        contacts,
        position: itemPosition,
        raw: single('statuses', status),
      }),
    );
  });
  // System-, app- and account-level errors (e.g. 130429 throughput): counted, kept, never answered.
  list(value.errors).forEach((error, index) => {
    events.push(
      unsupported(scope, accountId, 'error', {
        position: `${position}.e${index}`,
        raw: single('errors', error),
      }),
    );
  });
  if (events.length === 0)
    events.push(unsupported(scope, accountId, 'messages:empty', { position, raw: whole }));
  return events;
}
