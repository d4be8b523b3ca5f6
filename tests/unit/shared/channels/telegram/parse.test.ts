import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTelegramUpdate } from '../../../../../shared/channels/telegram/parse.ts';
import type { InboundEvent } from '../../../../../shared/domain/events.ts';
import { type SeededRandom, seededRandom } from '../../../helpers/seeded-random.ts';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
/** The shared folder sits beside the repository, here and in CI. */
const payloadDir = resolve(repoRoot, '../shared/payloads/telegram');

const BOT_ID = '123456789';
const RECEIVED_AT = new Date('2026-03-04T05:06:07.000Z');
const MAX_RAW = 65_536;
const MEDIA_KINDS = [
  'photo',
  'document',
  'audio',
  'voice',
  'video',
  'video_note',
  'sticker',
  'animation',
  'location',
  'venue',
  'contact',
  'poll',
  'dice',
] as const;

function loadSample(name: string): string {
  return readFileSync(resolve(payloadDir, name), 'utf8');
}

function parse(body: unknown, receivedAt = RECEIVED_AT): InboundEvent[] {
  return parseTelegramUpdate(typeof body === 'string' ? body : JSON.stringify(body), BOT_ID, receivedAt);
}

function only(events: InboundEvent[]): InboundEvent {
  expect(events).toHaveLength(1);
  return events[0] as InboundEvent;
}

function iso(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}

/** A private-chat update as Telegram sends it today. */
function privateMessageUpdate(
  message: Record<string, unknown> = {},
  updateId = 500_001,
): Record<string, unknown> {
  return {
    update_id: updateId,
    message: {
      message_id: 42,
      date: 1_767_225_600,
      chat: { id: 987_654_321, type: 'private', first_name: 'Ana' },
      from: { id: 987_654_321, is_bot: false, first_name: 'Ana', last_name: 'Souza', language_code: 'pt-BR' },
      text: 'Olá',
      ...message,
    },
  };
}

describe('parseTelegramUpdate on the sample payloads', () => {
  const files = readdirSync(payloadDir).filter((name) => name.endsWith('.json'));

  it('finds the sample payloads beside the repository', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it('parses every sample without throwing into exactly one event keyed by bot id and update_id', () => {
    for (const name of files) {
      const body = loadSample(name);
      const events = parseTelegramUpdate(body, BOT_ID, RECEIVED_AT);
      expect(events, name).toHaveLength(1);
      const updateId = (JSON.parse(body) as { update_id: number }).update_id;
      expect(events[0]?.eventId, name).toBe(`telegram:${BOT_ID}:${updateId}`);
      expect(events[0]?.kind, name).not.toBe('unsupported');
    }
  });

  it('turns the minimal /start sample (no chat.type, no is_bot) into a private message', () => {
    const event = only(parse(loadSample('doc_text_start_minimal.json')));
    expect(event).toStrictEqual({
      kind: 'message',
      eventId: `telegram:${BOT_ID}:10000`,
      address: { channel: 'telegram', accountId: BOT_ID, userId: '1111111', chatId: '1111111' },
      occurredAt: iso(1441645532),
      providerMessageId: '1365',
      text: '/start',
      profile: { displayName: 'Test Test Lastname' },
    });
  });

  it('turns the reply sample into a message in the outer chat, not the replied-to one', () => {
    const event = only(parse(loadSample('doc_reply_to_message.json')));
    expect(event).toStrictEqual({
      kind: 'message',
      eventId: `telegram:${BOT_ID}:10000`,
      address: { channel: 'telegram', accountId: BOT_ID, userId: '1111111', chatId: '1111111' },
      occurredAt: iso(1441645532),
      providerMessageId: '1365',
      text: '/start',
      profile: { displayName: 'Test Firstname Test Lastname' },
      replyToProviderMessageId: '1334',
    });
  });

  it('keeps the sender, not the forwarded channel, as the user of a forwarded message', () => {
    const event = only(parse(loadSample('doc_forwarded_channel_message.json')));
    expect(event).toMatchObject({
      kind: 'message',
      address: { channel: 'telegram', accountId: BOT_ID, userId: '1111111', chatId: '1111111' },
      providerMessageId: '1365',
      text: '/start',
      occurredAt: iso(1441645532),
    });
  });

  it('turns the edited_message sample into an edit dated by edit_date', () => {
    const event = only(parse(loadSample('doc_edited_message.json')));
    expect(event).toStrictEqual({
      kind: 'edit',
      eventId: `telegram:${BOT_ID}:10000`,
      address: { channel: 'telegram', accountId: BOT_ID, userId: '1111111', chatId: '1111111' },
      occurredAt: iso(1441646600),
      providerMessageId: '1365',
      text: 'Edited text',
      profile: { displayName: 'Test Firstname Test Lastname' },
    });
  });

  it('gives an edit the same providerMessageId as the original message, but its own eventId', () => {
    const original = only(parse(privateMessageUpdate({ text: 'first' }, 700)));
    const edit = only(
      parse({
        update_id: 701,
        edited_message: {
          ...(privateMessageUpdate().message as object),
          text: 'second',
          edit_date: 1_767_225_700,
        },
      }),
    );
    expect(original.kind).toBe('message');
    expect(edit.kind).toBe('edit');
    if (original.kind !== 'message' || edit.kind !== 'edit') return;
    expect(edit.providerMessageId).toBe(original.providerMessageId);
    expect(edit.eventId).not.toBe(original.eventId);
    expect(edit.text).toBe('second');
    expect(edit.occurredAt).toBe(iso(1_767_225_700));
  });

  it('dates an edit without edit_date by its date', () => {
    const edit = only(parse({ update_id: 702, edited_message: privateMessageUpdate().message }));
    expect(edit).toMatchObject({ kind: 'edit', occurredAt: iso(1_767_225_600) });
  });

  it('turns the inline callback_query sample (no message, no chat) into a tap in the private chat with the user', () => {
    const event = only(parse(loadSample('doc_callback_query_inline.json')));
    expect(event).toStrictEqual({
      kind: 'tap',
      eventId: `telegram:${BOT_ID}:10000`,
      address: { channel: 'telegram', accountId: BOT_ID, userId: '1111111', chatId: '1111111' },
      occurredAt: RECEIVED_AT.toISOString(),
      tapId: '4382bfdwdsb323b2d9',
      payload: 'Data from button callback',
      profile: { displayName: 'Test Firstname Test Lastname' },
    });
  });
});

describe('parseTelegramUpdate on messages', () => {
  it('maps a text message to a message event with string ids and the sender profile', () => {
    const event = only(parse(privateMessageUpdate()));
    expect(event).toStrictEqual({
      kind: 'message',
      eventId: `telegram:${BOT_ID}:500001`,
      address: { channel: 'telegram', accountId: BOT_ID, userId: '987654321', chatId: '987654321' },
      occurredAt: iso(1_767_225_600),
      providerMessageId: '42',
      text: 'Olá',
      profile: { displayName: 'Ana Souza', locale: 'pt-BR' },
    });
  });

  it('uses the username as display name when the user has no first or last name', () => {
    const update = privateMessageUpdate({ from: { id: 987_654_321, username: 'ana_s' } });
    expect(only(parse(update))).toMatchObject({ profile: { displayName: 'ana_s' } });
  });

  it('uses the chat id as user id and an empty profile for a message without `from`', () => {
    const update = privateMessageUpdate({ from: undefined });
    expect(only(parse(update))).toMatchObject({
      kind: 'message',
      address: { userId: '987654321', chatId: '987654321' },
      profile: {},
    });
  });

  it('falls back to receivedAt when the message has no date', () => {
    expect(only(parse(privateMessageUpdate({ date: undefined })))).toMatchObject({
      occurredAt: RECEIVED_AT.toISOString(),
    });
  });

  it('keeps the caption of a photo as text and marks the photo unreadable', () => {
    const update = privateMessageUpdate({
      text: undefined,
      photo: [
        { file_id: 'small', file_unique_id: 's', width: 90, height: 90 },
        { file_id: 'large', file_unique_id: 'l', width: 1280, height: 1280 },
      ],
      caption: 'my broken parcel',
    });
    expect(only(parse(update))).toMatchObject({
      kind: 'message',
      text: 'my broken parcel',
      unreadableContent: 'photo',
    });
  });

  it('gives a sticker without text an empty text and marks the sticker unreadable', () => {
    const update = privateMessageUpdate({
      text: undefined,
      sticker: { file_id: 'st', file_unique_id: 'u', type: 'regular', width: 512, height: 512 },
    });
    const event = only(parse(update));
    expect(event).toMatchObject({ kind: 'message', text: '', unreadableContent: 'sticker' });
  });

  it.each(MEDIA_KINDS)('marks a message carrying %s as unreadable content', (media) => {
    const update = privateMessageUpdate({ text: undefined, [media]: media === 'photo' ? [{}] : {} });
    expect(only(parse(update))).toMatchObject({ kind: 'message', text: '', unreadableContent: media });
  });

  it('does not set unreadableContent on a plain text message', () => {
    const event = only(
      parse(privateMessageUpdate({ entities: [{ type: 'bot_command', offset: 0, length: 6 }] })),
    );
    expect(event).not.toHaveProperty('unreadableContent');
  });

  it('keeps 52-bit user and chat ids exact as decimal strings', () => {
    const big = 2 ** 52 - 1; // 4503599627370495: the largest id Telegram promises
    const body = `{"update_id":900000000,"message":{"message_id":9007199254740,"date":1767225600,"chat":{"id":${big},"type":"private"},"from":{"id":${big},"first_name":"Big"},"text":"hi"}}`;
    expect(only(parseTelegramUpdate(body, BOT_ID, RECEIVED_AT))).toMatchObject({
      eventId: `telegram:${BOT_ID}:900000000`,
      address: { userId: '4503599627370495', chatId: '4503599627370495' },
      providerMessageId: '9007199254740',
    });
  });

  it('does not round an id beyond 2^53 into a different customer', () => {
    // 9007199254740993 is not representable as a double; JSON.parse would round it to ...992.
    const body =
      '{"update_id":1,"message":{"message_id":1,"date":1767225600,"chat":{"id":9007199254740993,"type":"private"},"from":{"id":9007199254740993},"text":"hi"}}';
    for (const event of parseTelegramUpdate(body, BOT_ID, RECEIVED_AT)) {
      if (event.kind === 'unsupported' || event.kind === 'status' || event.kind === 'status_watermark')
        continue;
      expect(event.address.chatId).not.toBe('9007199254740992');
      expect(event.address.userId).not.toBe('9007199254740992');
    }
  });

  it.each([
    ['group', -4_012_345_678],
    ['supergroup', -1_001_234_567_890],
    ['channel', -1_009_876_543_210],
  ])('acknowledges a message in a %s chat as unsupported (message:<type>)', (type, chatId) => {
    const update = privateMessageUpdate({ chat: { id: chatId, type, title: 'Team' } }, 600_001);
    const body = JSON.stringify(update);
    const event = only(parse(body));
    expect(event).toStrictEqual({
      kind: 'unsupported',
      eventId: `telegram:${BOT_ID}:600001`,
      channel: 'telegram',
      accountId: BOT_ID,
      updateKind: `message:${type}`,
      occurredAt: RECEIVED_AT.toISOString(),
      raw: body,
    });
  });

  it('acknowledges an edit in a supergroup as unsupported (edit:supergroup)', () => {
    const message = {
      ...(privateMessageUpdate().message as object),
      chat: { id: -1_001, type: 'supergroup' },
    };
    expect(only(parse({ update_id: 600_002, edited_message: message }))).toMatchObject({
      kind: 'unsupported',
      eventId: `telegram:${BOT_ID}:600002`,
      updateKind: 'edit:supergroup',
    });
  });

  it('acknowledges a malformed message (no chat) as unsupported with the update_id eventId', () => {
    const event = only(parse({ update_id: 600_003, message: { message_id: 1, text: 'hi' } }));
    expect(event).toMatchObject({ kind: 'unsupported', eventId: `telegram:${BOT_ID}:600003` });
    expect(event.kind === 'unsupported' && event.updateKind.startsWith('message')).toBe(true);
  });
});

describe('parseTelegramUpdate on button taps', () => {
  function tapUpdate(callback: Record<string, unknown>): Record<string, unknown> {
    return {
      update_id: 800_001,
      callback_query: {
        id: 'cbq-1',
        from: { id: 55_555, is_bot: false, first_name: 'Jan', language_code: 'pl' },
        chat_instance: '-123',
        data: 'menu:order_status',
        ...callback,
      },
    };
  }

  it('uses the chat of the message the button was on', () => {
    const update = tapUpdate({ message: { message_id: 7, date: 1, chat: { id: 66_666, type: 'private' } } });
    expect(only(parse(update))).toStrictEqual({
      kind: 'tap',
      eventId: `telegram:${BOT_ID}:800001`,
      address: { channel: 'telegram', accountId: BOT_ID, userId: '55555', chatId: '66666' },
      occurredAt: RECEIVED_AT.toISOString(),
      tapId: 'cbq-1',
      payload: 'menu:order_status',
      profile: { displayName: 'Jan', locale: 'pl' },
    });
  });

  it('keeps a negative chat id exact', () => {
    const update = tapUpdate({ message: { message_id: 7, date: 1, chat: { id: -1_001_234_567_890 } } });
    expect(only(parse(update))).toMatchObject({ address: { chatId: '-1001234567890', userId: '55555' } });
  });

  it('uses the user id as chat id for a tap on an inline-mode message', () => {
    const update = tapUpdate({ inline_message_id: 'AAAB' });
    expect(only(parse(update))).toMatchObject({ kind: 'tap', address: { userId: '55555', chatId: '55555' } });
  });

  it('gives a tap without data an empty payload', () => {
    const update = tapUpdate({ data: undefined, game_short_name: 'game' });
    expect(only(parse(update))).toMatchObject({ kind: 'tap', payload: '' });
  });

  it('acknowledges a callback_query without a sender as unsupported', () => {
    const update = tapUpdate({ from: undefined });
    expect(only(parse(update))).toMatchObject({
      kind: 'unsupported',
      eventId: `telegram:${BOT_ID}:800001`,
      updateKind: 'callback_query',
    });
  });
});

describe('parseTelegramUpdate on updates it does not act on', () => {
  it.each([
    [
      'my_chat_member',
      {
        chat: { id: 1, type: 'private' },
        from: { id: 1 },
        date: 1,
        old_chat_member: {},
        new_chat_member: {},
      },
    ],
    ['message_reaction', { chat: { id: 1, type: 'private' }, message_id: 3, date: 1, new_reaction: [] }],
    ['poll', { id: 'p', question: 'q', options: [] }],
    ['something_new', { brand: 'new', nested: { deep: [1, 2, 3] } }],
    ['channel_post', { message_id: 1, date: 1, chat: { id: -100, type: 'channel' }, text: 'news' }],
  ])('acknowledges %s as unsupported with the update_id eventId and the raw body', (kind, value) => {
    const body = JSON.stringify({ update_id: 424_242, [kind]: value });
    expect(only(parse(body))).toStrictEqual({
      kind: 'unsupported',
      eventId: `telegram:${BOT_ID}:424242`,
      channel: 'telegram',
      accountId: BOT_ID,
      updateKind: kind,
      occurredAt: RECEIVED_AT.toISOString(),
      raw: body,
    });
  });

  it('acknowledges an update with only an update_id as unsupported', () => {
    expect(only(parse({ update_id: 424_243 }))).toMatchObject({
      kind: 'unsupported',
      eventId: `telegram:${BOT_ID}:424243`,
    });
  });

  const unparseable: Array<[string, string]> = [
    ['invalid JSON', '{"update_id": 1, "message": '],
    ['an empty body', ''],
    ['a JSON array', '[{"update_id":1,"message":{"message_id":1,"chat":{"id":1},"text":"hi"}}]'],
    ['JSON null', 'null'],
    ['a JSON string', '"update"'],
    ['a JSON number', '12345'],
    ['an object without update_id', '{"message":{"message_id":1,"chat":{"id":1},"text":"hi"}}'],
    ['update_id as a string', '{"update_id":"10000","message":{"message_id":1,"chat":{"id":1},"text":"hi"}}'],
    ['a fractional update_id', '{"update_id":1.5}'],
    ['an update_id beyond 2^53', '{"update_id":9007199254740993}'],
  ];

  it.each(unparseable)(
    'acknowledges %s as unsupported "unparseable" keyed by a body digest',
    (_name, body) => {
      const event = only(parseTelegramUpdate(body, BOT_ID, RECEIVED_AT));
      expect(event).toMatchObject({
        kind: 'unsupported',
        channel: 'telegram',
        accountId: BOT_ID,
        updateKind: 'unparseable',
        occurredAt: RECEIVED_AT.toISOString(),
        raw: body,
      });
      expect(event.eventId).toMatch(new RegExp(`^telegram:${BOT_ID}:body:[0-9a-f]{16,}$`));
    },
  );

  it('gives the same unparseable body the same eventId on a retry, whenever it arrives', () => {
    const body = '{"update_id":"10000"}';
    const first = only(parseTelegramUpdate(body, BOT_ID, RECEIVED_AT));
    const retry = only(parseTelegramUpdate(body, BOT_ID, new Date(RECEIVED_AT.getTime() + 60_000)));
    expect(retry.eventId).toBe(first.eventId);
  });

  it('gives different unparseable bodies different eventIds', () => {
    const eventIds = unparseable.map(
      ([, body]) => only(parseTelegramUpdate(body, BOT_ID, RECEIVED_AT)).eventId,
    );
    expect(new Set(eventIds).size).toBe(eventIds.length);
  });

  it('keys unparseable bodies by bot, so two bots never share an eventId', () => {
    const a = only(parseTelegramUpdate('nope', '111', RECEIVED_AT));
    const b = only(parseTelegramUpdate('nope', '222', RECEIVED_AT));
    expect(a.eventId).not.toBe(b.eventId);
  });

  it('truncates the raw body of an unsupported update larger than 64 KiB to 65536 characters', () => {
    const body = JSON.stringify({ update_id: 31_337, my_chat_member: { note: 'x'.repeat(100_000) } });
    const event = only(parse(body));
    expect(event.kind).toBe('unsupported');
    if (event.kind !== 'unsupported') return;
    expect(event.raw).toHaveLength(MAX_RAW);
    expect(event.raw).toBe(body.slice(0, MAX_RAW));
    expect(event.eventId).toBe(`telegram:${BOT_ID}:31337`);
  });

  it('keeps a raw body of exactly 64 KiB whole', () => {
    const prefix = '{"update_id":31338,"poll":{"note":"';
    const suffix = '"}}';
    const body = `${prefix}${'y'.repeat(MAX_RAW - prefix.length - suffix.length)}${suffix}`;
    expect(body).toHaveLength(MAX_RAW);
    const event = only(parse(body));
    expect(event.kind === 'unsupported' && event.raw).toBe(body);
  });

  it('digests the whole unparseable body, not only the kept 64 KiB', () => {
    const head = `[${'1,'.repeat(40_000)}`;
    const a = only(parseTelegramUpdate(`${head}1]`, BOT_ID, RECEIVED_AT));
    const b = only(parseTelegramUpdate(`${head}2]`, BOT_ID, RECEIVED_AT));
    expect(a.kind === 'unsupported' && a.raw).toHaveLength(MAX_RAW);
    expect(a.eventId).not.toBe(b.eventId);
  });
});

describe('parseTelegramUpdate on hostile input', () => {
  it('never throws and always returns well-typed events for 2000 mutated payloads (seeded)', () => {
    const random = seededRandom(20_260_304);
    const seeds = seedBodies();
    // One example per kind of failure, so a report names every distinct problem once.
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
        events = parseTelegramUpdate(body, BOT_ID, RECEIVED_AT);
      } catch (error) {
        fail(`threw ${String(error)}`, iteration, body);
        continue;
      }
      for (const problem of typeProblems(events)) fail(problem.replace(/ .*/, ''), iteration, body);
    }
    expect(Object.fromEntries(failures)).toEqual({});
  });

  it('does not throw on a message date outside the range of Date (e.g. 1e300)', () => {
    const body = JSON.stringify(privateMessageUpdate({ date: 1e300 }));
    expect(() => parse(body)).not.toThrow();
  });

  it('does not throw on an edit_date outside the range of Date', () => {
    const message = { ...(privateMessageUpdate().message as object), edit_date: 9e15 };
    expect(() => parse({ update_id: 1, edited_message: message })).not.toThrow();
  });

  it('never returns a non-numeric chat id for a tap whose message.chat.id is not a number', () => {
    const update = {
      update_id: 1,
      callback_query: { id: 'c', from: { id: 5 }, data: 'x', message: { chat: { id: 'not-a-number' } } },
    };
    expect(typeProblems(parse(update))).toEqual([]);
  });

  it('never returns a non-string displayName or locale when the sender fields have the wrong type', () => {
    const update = privateMessageUpdate({ from: { id: 987_654_321, username: 12_345, language_code: 7 } });
    expect(typeProblems(parse(update))).toEqual([]);
  });
});

/** The samples and a few constructed updates the fuzzer starts from. */
function seedBodies(): Record<string, unknown>[] {
  const samples = readdirSync(payloadDir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(loadSample(name)) as Record<string, unknown>);
  return [
    ...samples,
    privateMessageUpdate(),
    privateMessageUpdate({ text: undefined, photo: [{ file_id: 'a' }], caption: 'c' }),
    privateMessageUpdate({ chat: { id: -100, type: 'supergroup' } }),
    {
      update_id: 3,
      callback_query: {
        id: 'q',
        from: { id: 9, first_name: 'Q', language_code: 'en' },
        message: { message_id: 1, date: 1, chat: { id: 9, type: 'private' } },
        data: 'menu:human_agent',
      },
    },
    { update_id: 4, my_chat_member: { chat: { id: 9 }, new_chat_member: { status: 'kicked' } } },
  ];
}

function mutatedBody(seed: Record<string, unknown>, random: SeededRandom): string {
  const value = structuredClone(seed) as Record<string, unknown>;
  const mutations = random.int(1, 4);
  for (let i = 0; i < mutations; i++) mutateSomewhere(value, random);
  let body = JSON.stringify(value);
  if (random.chance(0.15)) body = mutateText(body, random);
  return body;
}

function mutateSomewhere(root: Record<string, unknown>, random: SeededRandom): void {
  // Pick one slot anywhere in the tree, favouring the fields the parser reads, then change it.
  const slots = slotsOf(root, 0);
  const favoured = slots.filter(([, key]) => INTERESTING_KEYS.includes(key));
  const [container, existingKey] = random.pick(favoured.length > 0 && random.chance(0.6) ? favoured : slots);
  const key = random.chance(0.9) ? existingKey : random.pick(INTERESTING_KEYS);
  if (random.chance(0.25)) {
    if (Array.isArray(container)) container.splice(Number(key) || 0, 1);
    else delete container[key];
    return;
  }
  (container as Record<string, unknown>)[key] = randomValue(random, 0);
}

type Slot = [Record<string, unknown> | unknown[], string];

function slotsOf(container: Record<string, unknown> | unknown[], depth: number): Slot[] {
  const slots: Slot[] = [];
  for (const [key, child] of Object.entries(container)) {
    slots.push([container, key]);
    if (depth < 6 && typeof child === 'object' && child !== null) {
      slots.push(...slotsOf(child as Record<string, unknown>, depth + 1));
    }
  }
  return slots.length > 0 ? slots : [[container, 'update_id']];
}

const INTERESTING_KEYS = [
  'update_id',
  'message',
  'edited_message',
  'callback_query',
  'chat',
  'from',
  'id',
  'type',
  'date',
  'edit_date',
  'text',
  'caption',
  'data',
  'message_id',
  'first_name',
  'last_name',
  'username',
  'language_code',
  'photo',
  'sticker',
  '__proto__',
  'constructor',
  'toString',
];

function randomValue(random: SeededRandom, depth: number): unknown {
  switch (random.int(0, 13)) {
    case 0:
      return null;
    case 1:
      return random.pick([true, false]);
    case 2:
      return random.pick([0, -1, 1, 1.5, -0.5, 2 ** 52 - 1, -(2 ** 52), 2 ** 53 + 2, 1e21, 1e300, -1e300]);
    case 3:
      return random.int(-2_000_000_000, 2_000_000_000);
    case 4:
      return random.pick(['', ' ', 'private', 'group', 'supergroup', 'channel', 'pt-BR', '10000', '-1']);
    case 5:
      return random.stringFrom('aé中😀\uD800\0"\\\n', random.int(0, 40));
    case 6:
      return random.chance(0.1) ? 'z'.repeat(70_000) : 'z'.repeat(random.int(0, 300));
    case 7:
      return [];
    case 8:
      return {};
    case 9: {
      let nested: unknown = 'bottom';
      for (let i = 0; i < random.int(1, 200); i++) nested = random.chance(0.5) ? [nested] : { x: nested };
      return nested;
    }
    case 10:
      return depth > 2 ? 1 : Array.from({ length: random.int(0, 5) }, () => randomValue(random, depth + 1));
    case 11:
      return depth > 2
        ? 'deep'
        : { id: randomValue(random, depth + 1), type: randomValue(random, depth + 1) };
    case 12:
      return {
        id: random.int(1, 1_000_000),
        first_name: randomValue(random, 3),
        username: randomValue(random, 3),
      };
    default:
      return random.int(0, 2 ** 31);
  }
}

function mutateText(body: string, random: SeededRandom): string {
  const at = random.int(0, body.length);
  switch (random.int(0, 3)) {
    case 0:
      return body.slice(0, at);
    case 1:
      return `${body.slice(0, at)}${random.stringFrom('{}[]",:\\0aé\uD800\u0000 ', random.int(1, 8))}${body.slice(at)}`;
    case 2:
      return `${body.slice(0, at)}${body.slice(at + random.int(1, 10))}`;
    default:
      return Array.from({ length: random.int(0, 200) }, () =>
        String.fromCharCode(random.int(0, 0xffff)),
      ).join('');
  }
}

const EVENT_KINDS = new Set(['message', 'edit', 'tap', 'unsupported']);
const DECIMAL_ID = /^-?\d+$/;

/** Every field of every event has the type the domain documents; returns what is wrong. */
function typeProblems(events: unknown): string[] {
  const problems: string[] = [];
  const check = (condition: boolean, what: string) => {
    if (!condition) problems.push(what);
  };
  if (!Array.isArray(events) || events.length < 1) return ['no events'];
  for (const event of events as Record<string, unknown>[]) {
    check(EVENT_KINDS.has(event.kind as string), `kind ${String(event.kind)}`);
    check(
      typeof event.eventId === 'string' && event.eventId.startsWith(`telegram:${BOT_ID}:`),
      `eventId ${String(event.eventId)}`,
    );
    check(isIsoDate(event.occurredAt), `occurredAt ${String(event.occurredAt)}`);
    if (event.kind === 'unsupported') {
      check(event.channel === 'telegram', 'channel');
      check(event.accountId === BOT_ID, 'accountId');
      check(typeof event.updateKind === 'string' && event.updateKind.length > 0, 'updateKind');
      check(typeof event.raw === 'string' && event.raw.length <= MAX_RAW, 'raw');
      continue;
    }
    const address = event.address as Record<string, unknown> | undefined;
    check(address?.channel === 'telegram', 'address.channel');
    check(address?.accountId === BOT_ID, 'address.accountId');
    check(
      typeof address?.userId === 'string' && DECIMAL_ID.test(address.userId),
      `userId ${address?.userId}`,
    );
    check(
      typeof address?.chatId === 'string' && DECIMAL_ID.test(address.chatId),
      `chatId ${address?.chatId}`,
    );
    const profile = event.profile as Record<string, unknown> | undefined;
    check(typeof profile === 'object' && profile !== null, 'profile');
    check(
      profile?.displayName === undefined || typeof profile.displayName === 'string',
      `displayName ${typeof profile?.displayName}`,
    );
    check(
      profile?.locale === undefined || typeof profile.locale === 'string',
      `locale ${typeof profile?.locale}`,
    );
    if (event.kind === 'tap') {
      check(typeof event.tapId === 'string', 'tapId');
      check(typeof event.payload === 'string', 'payload');
    } else {
      check(
        typeof event.providerMessageId === 'string' && DECIMAL_ID.test(event.providerMessageId),
        'providerMessageId',
      );
      check(typeof event.text === 'string', 'text');
      check(
        event.unreadableContent === undefined ||
          (MEDIA_KINDS as readonly unknown[]).includes(event.unreadableContent),
        'unreadableContent',
      );
    }
  }
  return problems;
}

function isIsoDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const time = Date.parse(value);
  return Number.isFinite(time) && new Date(time).toISOString() === value;
}

describe('parseTelegramUpdate: what a message carries besides text', () => {
  const message = (fields: Record<string, unknown>) =>
    parseTelegramUpdate(
      JSON.stringify({
        update_id: 77,
        message: {
          message_id: 5,
          date: 1767225600,
          chat: { id: 42, type: 'private' },
          from: { id: 42, first_name: 'Ana' },
          ...fields,
        },
      }),
      BOT_ID,
      RECEIVED_AT,
    )[0];

  it('references the largest photo size by file_id, with the caption', () => {
    const event = message({ photo: [{ file_id: 'small' }, { file_id: 'large' }], caption: 'broken screen' });
    expect(event).toMatchObject({
      kind: 'message',
      text: 'broken screen',
      unreadableContent: 'photo',
      attachments: [{ type: 'image', providerRef: 'large', caption: 'broken screen' }],
    });
  });

  it('turns voice notes, documents and stickers into attachments of their type', () => {
    expect(message({ voice: { file_id: 'v1', mime_type: 'audio/ogg' } })).toMatchObject({
      attachments: [{ type: 'voice', providerRef: 'v1', mimeType: 'audio/ogg' }],
    });
    expect(message({ document: { file_id: 'd1', file_name: 'invoice.pdf' } })).toMatchObject({
      attachments: [{ type: 'document', providerRef: 'd1', fileName: 'invoice.pdf' }],
    });
    expect(message({ sticker: { file_id: 's1' } })).toMatchObject({
      attachments: [{ type: 'sticker', providerRef: 's1' }],
    });
  });

  it('keeps a shared location or venue', () => {
    expect(message({ location: { latitude: -23.5, longitude: -46.6 } })).toMatchObject({
      location: { latitude: -23.5, longitude: -46.6 },
    });
    expect(
      message({
        venue: { location: { latitude: 52.2, longitude: 21 }, title: 'Alpha Store', address: 'Main St 1' },
      }),
    ).toMatchObject({
      location: { latitude: 52.2, longitude: 21, name: 'Alpha Store', address: 'Main St 1' },
    });
  });

  it("takes a shared contact's phone as verified only when it is the sender's own card", () => {
    const own = message({ contact: { phone_number: '48 600 100 200', first_name: 'Ana', user_id: 42 } });
    expect(own).toMatchObject({
      contacts: [{ isSender: true, phones: ['48 600 100 200'] }],
      profile: { verifiedPhone: '+48600100200' },
    });
    const someoneElse = message({
      contact: { phone_number: '+351 900 000 000', first_name: 'Rui', user_id: 7 },
    });
    expect(someoneElse).toMatchObject({ contacts: [{ name: 'Rui', providerUserId: '7' }] });
    expect((someoneElse as { profile: { verifiedPhone?: string } }).profile.verifiedPhone).toBeUndefined();
  });
});
