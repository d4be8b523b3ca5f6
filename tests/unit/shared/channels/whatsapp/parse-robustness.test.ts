import { describe, expect, it } from 'vitest';
import { parseWhatsappWebhook } from '../../../../../shared/channels/whatsapp/parse.ts';
import type { InboundEvent } from '../../../../../shared/domain/events.ts';
import { AWKWARD_ALPHABET, type SeededRandom, seededRandom } from '../../../helpers/seeded-random.ts';
import {
  FIXTURE_DIR,
  jsonFiles,
  load,
  only,
  PHONE_NUMBER_ID,
  RECEIVED_AT,
  SAMPLE_DIR,
  webhook,
} from './helpers.ts';

const MAX_RAW = 65_536;
const KINDS = new Set([
  'message',
  'edit',
  'tap',
  'reaction',
  'deletion',
  'status',
  'status_watermark',
  'unsupported',
]);

function parse(body: unknown): InboundEvent[] {
  return parseWhatsappWebhook(typeof body === 'string' ? body : JSON.stringify(body), RECEIVED_AT);
}

describe('parseWhatsappWebhook on bodies it cannot read', () => {
  it.each([
    ['not JSON', 'this is not json'],
    ['truncated JSON', '{"object":"whatsapp_business_account","entry":[{"id":'],
    ['a JSON array', '[]'],
    ['JSON null', 'null'],
    ['a string', '"hello"'],
    ['an object without entry', '{"object":"whatsapp_business_account"}'],
    ['entry that is not an array', '{"object":"whatsapp_business_account","entry":{}}'],
    ['an empty body', ''],
  ])('turns %s into one unparseable event keyed by a digest of the body', (_name, body) => {
    expect(only(parse(body))).toStrictEqual({
      kind: 'unsupported',
      eventId: expect.stringMatching(/^whatsapp:unknown:body:[0-9a-f]{32}$/),
      channel: 'whatsapp',
      accountId: 'unknown',
      updateKind: 'unparseable',
      occurredAt: RECEIVED_AT.toISOString(),
      raw: body,
    });
  });

  it('gives a redelivery of the same bytes the same event id, and other bytes another', () => {
    expect(only(parse('garbage-1')).eventId).toBe(only(parse('garbage-1')).eventId);
    expect(only(parse('garbage-1')).eventId).not.toBe(only(parse('garbage-2')).eventId);
  });

  it('keeps at most 64 KiB of a huge unreadable body', () => {
    const event = only(parse(`{${'x'.repeat(3 * 1024 * 1024)}`));
    expect(event.kind === 'unsupported' && event.raw.length).toBe(MAX_RAW);
  });

  it.each([
    ['another object type', { object: 'page', entry: [] }, 'object:page'],
    ['a missing object type', { entry: [] }, 'object:missing'],
    ['no entries', { object: 'whatsapp_business_account', entry: [] }, 'entry:empty'],
    [
      'an entry without changes',
      { object: 'whatsapp_business_account', entry: [{ id: '1' }] },
      'entry:empty',
    ],
    [
      'another field',
      webhook({ event: 'APPROVED' }, 'message_template_status_update'),
      'field:message_template_status_update',
    ],
    [
      'echoes of the business app',
      webhook({ message_echoes: [{ id: 'wamid.E' }] }, 'smb_message_echoes'),
      'field:smb_message_echoes',
    ],
    [
      'a change without field',
      { object: 'whatsapp_business_account', entry: [{ changes: [{ value: {} }] }] },
      'field:missing',
    ],
    [
      'a messages change without value',
      { object: 'whatsapp_business_account', entry: [{ changes: [{ field: 'messages' }] }] },
      'messages:no_phone_number_id',
    ],
    ['a messages change with nothing in it', webhook({}), 'messages:empty'],
  ])('acknowledges %s as unsupported', (_name, body, updateKind) => {
    expect(only(parse(body))).toMatchObject({ kind: 'unsupported', updateKind });
  });

  it('uses the phone number id, else the WABA id, as account of an unsupported change', () => {
    expect(only(parse(webhook({})))).toMatchObject({ accountId: PHONE_NUMBER_ID });
    expect(only(parse(webhook({ event: 'APPROVED' }, 'message_template_status_update')))).toMatchObject({
      accountId: PHONE_NUMBER_ID,
    });
    const noMetadata = {
      object: 'whatsapp_business_account',
      entry: [{ id: '102290129340398', changes: [{ field: 'account_update', value: {} }] }],
    };
    expect(only(parse(noMetadata))).toMatchObject({ accountId: '102290129340398' });
  });
});

describe('parseWhatsappWebhook under 2000 seeded mutations of real payloads', () => {
  const bodies = [
    ...jsonFiles(SAMPLE_DIR).map((name) => load(SAMPLE_DIR, name)),
    ...jsonFiles(FIXTURE_DIR).map((name) => load(FIXTURE_DIR, name)),
  ];

  it('never throws, every event is well formed, and one id never names two different events', () => {
    const random = seededRandom(0x3a7e);
    for (let iteration = 0; iteration < 2000; iteration++) {
      const body = mutate(random.pick(bodies), random);
      let events: InboundEvent[] = [];
      expect(
        () => {
          events = parseWhatsappWebhook(body, RECEIVED_AT);
        },
        `iteration ${iteration}: ${body.slice(0, 200)}`,
      ).not.toThrow();
      expect(events.length, `iteration ${iteration}`).toBeGreaterThan(0);
      for (const event of events) {
        expect(KINDS.has(event.kind)).toBe(true);
        expect(typeof event.eventId === 'string' && event.eventId.startsWith('whatsapp:')).toBe(true);
        expect(Number.isNaN(Date.parse(event.occurredAt))).toBe(false);
        if (event.kind === 'unsupported') expect(event.raw.length).toBeLessThanOrEqual(MAX_RAW);
        if ('address' in event) expect(event.address.userId).not.toBe('');
      }
      // A copied item is the same event again (same id, same content); different things never share an id.
      const byId = new Map<string, InboundEvent>();
      for (const event of events) {
        const seen = byId.get(event.eventId);
        if (seen)
          expect(withoutRaw(event), `iteration ${iteration}: ${event.eventId}`).toStrictEqual(
            withoutRaw(seen),
          );
        byId.set(event.eventId, event);
      }
    }
  });
});

function withoutRaw(event: InboundEvent): unknown {
  return event.kind === 'unsupported' ? { ...event, raw: undefined } : event;
}

let copies = 0;
/** Another item like the first one (a batch of similar messages), with wamids of its own. */
function copyWithNewId(item: unknown): unknown {
  const copy = structuredClone(item);
  const renumber = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record.id === 'string') record.id = `wamid.COPY${++copies}`;
    for (const child of Object.values(record)) renumber(child);
  };
  renumber(copy);
  return copy;
}

/** A structural mutation most of the time (keeps JSON valid), a byte-level one otherwise. */
function mutate(body: string, random: SeededRandom): string {
  if (random.chance(0.2)) {
    const at = random.int(0, body.length);
    return random.chance(0.5)
      ? body.slice(0, at)
      : `${body.slice(0, at)}${random.stringFrom(AWKWARD_ALPHABET, 3)}${body.slice(at)}`;
  }
  const value: unknown = JSON.parse(body);
  for (let edits = random.int(1, 4); edits > 0; edits--) mutateNode(value, random);
  return JSON.stringify(value);
}

function mutateNode(root: unknown, random: SeededRandom): void {
  const containers: (Record<string, unknown> | unknown[])[] = [];
  const walk = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    containers.push(node as Record<string, unknown>);
    for (const child of Object.values(node)) walk(child);
  };
  walk(root);
  const target = random.pick(containers);
  const keys = Object.keys(target);
  if (keys.length === 0) return;
  const key = random.pick(keys);
  const replacement = random.pick<unknown>([
    undefined,
    null,
    0,
    -1,
    1e308,
    '',
    random.stringFrom(AWKWARD_ALPHABET, random.int(0, 20)),
    [],
    {},
    [null, 1, 'x'],
    { id: 'wamid.X' },
    true,
  ]);
  if (Array.isArray(target)) {
    if (random.chance(0.3)) target.push(copyWithNewId(target[0]));
    else target[Number(key)] = replacement;
  } else if (replacement === undefined) delete target[key];
  else target[key] = replacement;
}
