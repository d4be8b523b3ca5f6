import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessengerWebhook } from '../../../../../shared/channels/messenger/parse.ts';
import type { InboundEvent } from '../../../../../shared/domain/events.ts';
import { AWKWARD_ALPHABET, type SeededRandom, seededRandom } from '../../../helpers/seeded-random.ts';

const repoRoot = resolve(import.meta.dirname, '../../../../..');
const sampleDirs = [
  resolve(repoRoot, '../shared/payloads/messenger'),
  resolve(repoRoot, 'tests/contract/messenger/fixtures'),
];
const RECEIVED_AT = new Date('2026-03-04T05:06:07.000Z');
const MAX_RAW = 65_536;

function only(events: InboundEvent[]): InboundEvent {
  expect(events).toHaveLength(1);
  return events[0] as InboundEvent;
}

describe('parseMessengerWebhook on bodies it cannot read', () => {
  const unparseable: Array<[string, string]> = [
    ['invalid JSON', '{"object":"page","entry":['],
    ['an empty body', ''],
    ['JSON null', 'null'],
    ['a JSON array', '[{"object":"page"}]'],
    ['a JSON string', '"page"'],
    ['an object without entry', '{"object":"page"}'],
    ['entry that is not an array', '{"object":"page","entry":{"id":"1"}}'],
  ];

  it.each(unparseable)(
    'keeps %s as one unsupported "unparseable" event keyed by a body digest',
    (_name, body) => {
      const event = only(parseMessengerWebhook(body, RECEIVED_AT));
      expect(event).toMatchObject({
        kind: 'unsupported',
        channel: 'messenger',
        accountId: 'unknown',
        updateKind: 'unparseable',
        occurredAt: RECEIVED_AT.toISOString(),
        raw: body,
      });
      expect(event.eventId).toMatch(/^messenger:unknown:body:[0-9a-f]{32}$/);
    },
  );

  it('gives the same unreadable body the same id on a retry, and different bodies different ids', () => {
    const later = new Date(RECEIVED_AT.getTime() + 60_000);
    expect(only(parseMessengerWebhook('nope', later)).eventId).toBe(
      only(parseMessengerWebhook('nope', RECEIVED_AT)).eventId,
    );
    const ids = unparseable.map(([, body]) => only(parseMessengerWebhook(body, RECEIVED_AT)).eventId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps a webhook for another product (object instagram) as unsupported with the first page id', () => {
    const body = JSON.stringify({ object: 'instagram', entry: [{ id: '1789', time: 1, messaging: [] }] });
    const event = only(parseMessengerWebhook(body, RECEIVED_AT));
    expect(event).toMatchObject({ kind: 'unsupported', accountId: '1789', updateKind: 'object:instagram' });
    expect(event.eventId).toMatch(/^messenger:1789:body:[0-9a-f]{32}$/);
  });

  it('returns no events for a Page webhook with an empty entry list', () => {
    expect(parseMessengerWebhook('{"object":"page","entry":[]}', RECEIVED_AT)).toEqual([]);
  });

  it('truncates the raw body of an unreadable body over 64 KiB and digests the whole of it', () => {
    const a = `[${'1,'.repeat(40_000)}1]`;
    const b = `[${'1,'.repeat(40_000)}2]`;
    const first = only(parseMessengerWebhook(a, RECEIVED_AT));
    expect(first.kind === 'unsupported' && first.raw).toBe(a.slice(0, MAX_RAW));
    expect(first.eventId).not.toBe(only(parseMessengerWebhook(b, RECEIVED_AT)).eventId);
  });

  it('truncates the raw of an unsupported event over 64 KiB', () => {
    const huge = {
      sender: { id: '2' },
      recipient: { id: '1' },
      timestamp: 1_767_225_600_000,
      optin: { payload: 'x'.repeat(100_000) },
    };
    const body = JSON.stringify({ object: 'page', entry: [{ id: '1', time: 1, messaging: [huge] }] });
    const event = only(parseMessengerWebhook(body, RECEIVED_AT));
    expect(event.kind === 'unsupported' && event.raw).toBe(JSON.stringify(huge).slice(0, MAX_RAW));
  });

  it('does not throw on an event nested deeper than JSON.stringify can walk', () => {
    const depth = 200_000;
    const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const body = `{"object":"page","entry":[{"id":"1","time":1,"messaging":[{"sender":{"id":"2"},"optin":${deep}}]}]}`;
    let events: InboundEvent[] = [];
    expect(() => {
      events = parseMessengerWebhook(body, RECEIVED_AT);
    }).not.toThrow();
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.every((event) => event.kind === 'unsupported')).toBe(true);
  });
});

describe('parseMessengerWebhook on hostile input', () => {
  it('never throws and always returns well-typed events for 2000 mutated payloads (seeded)', () => {
    const random = seededRandom(20_260_604);
    const seeds = seedBodies();
    const failures = new Map<string, { count: number; example: string }>();
    const fail = (what: string, iteration: number, body: string) => {
      const seen = failures.get(what);
      if (seen) seen.count++;
      else failures.set(what, { count: 1, example: `#${iteration}: ${body.slice(0, 240)}` });
    };
    for (let iteration = 0; iteration < 2000; iteration++) {
      const body = mutatedBody(random.pick(seeds), random);
      let events: InboundEvent[];
      try {
        events = parseMessengerWebhook(body, RECEIVED_AT);
      } catch (error) {
        fail(`threw ${String(error)}`, iteration, body);
        continue;
      }
      for (const problem of typeProblems(events)) fail(problem, iteration, body);
    }
    expect(Object.fromEntries(failures)).toEqual({});
  });
});

function seedBodies(): unknown[] {
  const files = sampleDirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => resolve(dir, name)),
  );
  expect(files.length).toBeGreaterThan(20);
  return files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as unknown);
}

const INTERESTING_KEYS = [
  'object',
  'entry',
  'id',
  'time',
  'messaging',
  'standby',
  'changes',
  'sender',
  'recipient',
  'timestamp',
  'message',
  'mid',
  'text',
  'is_echo',
  'is_deleted',
  'quick_reply',
  'payload',
  'attachments',
  'type',
  'url',
  'sticker_id',
  'coordinates',
  'lat',
  'long',
  'reply_to',
  'referral',
  'postback',
  'reaction',
  'emoji',
  'action',
  'message_edit',
  'num_edit',
  'delivery',
  'read',
  'watermark',
  'mids',
  'ad_id',
  'ads_context_data',
  'product',
];
const INTERESTING_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e300,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  ' ',
  '0',
  'page',
  'image',
  'sticker',
  'location',
  'react',
  'unreact',
  'https://scontent.xx.fbcdn.net/x.jpg',
  'http://evil.example/',
  '\uD800',
  '😀',
  [],
  [null],
  {},
  { id: 'x' },
  { id: 12 },
  { lat: 95, long: 'x' },
  { payload: 7 },
  'x'.repeat(5000),
];

function mutatedBody(seed: unknown, random: SeededRandom): string {
  const value = structuredClone(seed);
  const mutations = random.int(1, 5);
  for (let i = 0; i < mutations; i++) mutateSomewhere(value, random);
  let body = JSON.stringify(value) ?? '';
  if (random.chance(0.1)) {
    // Byte-level damage: cut, insert or replace characters of the serialised body.
    const at = random.int(0, body.length);
    const piece = random.stringFrom(AWKWARD_ALPHABET, random.int(0, 8));
    body = random.chance(0.5) ? body.slice(0, at) + piece + body.slice(at + 1) : body.slice(0, at);
  }
  return body;
}

function mutateSomewhere(root: unknown, random: SeededRandom): void {
  const slots = slotsOf(root, 0);
  if (slots.length === 0) return;
  const favoured = slots.filter(([, key]) => INTERESTING_KEYS.includes(key));
  const [container, existingKey] = random.pick(favoured.length > 0 && random.chance(0.7) ? favoured : slots);
  const key = random.chance(0.85) ? existingKey : random.pick(INTERESTING_KEYS);
  if (random.chance(0.2)) {
    if (Array.isArray(container)) container.splice(Number(key) || 0, 1);
    else delete container[key];
    return;
  }
  const replacement = random.chance(0.15)
    ? structuredClone(random.pick(slots)[0])
    : random.pick(INTERESTING_VALUES);
  (container as Record<string, unknown>)[key] = replacement;
}

type Slot = [Record<string, unknown> | unknown[], string];

function slotsOf(value: unknown, depth: number): Slot[] {
  if (depth > 12 || typeof value !== 'object' || value === null) return [];
  const container = value as Record<string, unknown> | unknown[];
  return Object.keys(container).flatMap((key): Slot[] => [
    [container, key],
    ...slotsOf((container as Record<string, unknown>)[key], depth + 1),
  ]);
}

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

/** What would break a consumer: wrong types, invalid dates, foreign media references, oversize raw. */
function typeProblems(events: InboundEvent[]): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const isIso = (value: unknown) => typeof value === 'string' && new Date(value).toISOString() === value;
  const nonEmpty = (value: unknown) => typeof value === 'string' && value.length > 0;
  for (const event of events) {
    check(KINDS.has(event.kind), 'unknown kind');
    check(nonEmpty(event.eventId) && event.eventId.startsWith('messenger:'), 'bad eventId');
    check(isIso(event.occurredAt), 'bad occurredAt');
    if (event.kind === 'unsupported' || event.kind === 'status' || event.kind === 'status_watermark') {
      check(event.channel === 'messenger' && nonEmpty(event.accountId), 'bad account');
      if (event.kind === 'unsupported') {
        check(nonEmpty(event.updateKind), 'bad updateKind');
        check(typeof event.raw === 'string' && event.raw.length <= MAX_RAW, 'bad raw');
      }
      if (event.kind === 'status_watermark') {
        check(nonEmpty(event.recipientId) && isIso(event.upTo), 'bad watermark');
        check(event.providerMessageIds?.every(nonEmpty) ?? true, 'bad watermark mids');
      }
      continue;
    }
    const { address } = event;
    check(
      address.channel === 'messenger' && [address.accountId, address.userId, address.chatId].every(nonEmpty),
      'bad address',
    );
    check(address.userId === address.chatId, 'chat is not the user');
    if (event.kind === 'message' || event.kind === 'edit') check(typeof event.text === 'string', 'bad text');
    if (event.kind === 'tap') check(typeof event.payload === 'string' && nonEmpty(event.tapId), 'bad tap');
    if (event.kind === 'reaction')
      check(typeof event.emoji === 'string' && nonEmpty(event.providerMessageId), 'bad reaction');
    if (event.kind === 'message') {
      check(nonEmpty(event.providerMessageId), 'bad providerMessageId');
      check(
        event.unreadableContent === undefined || nonEmpty(event.unreadableContent),
        'bad unreadableContent',
      );
      for (const attachment of event.attachments ?? []) {
        check(new URL(attachment.providerRef).protocol === 'https:', 'attachment not https');
      }
      if (event.location)
        check(
          Number.isFinite(event.location.latitude) && Number.isFinite(event.location.longitude),
          'bad location',
        );
      if (event.referral) check(nonEmpty(event.referral.source), 'bad referral');
    }
  }
  return problems;
}
