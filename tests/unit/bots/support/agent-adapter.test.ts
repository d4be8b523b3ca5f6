import type { StoreItem } from '@microsoft/agents-hosting';
import { describe, expect, it } from 'vitest';
import {
  conversationStateKey,
  runSupportTurn,
  type TurnStorage,
} from '../../../../bots/support/agent-adapter.ts';
import { COPY } from '../../../../bots/support/copy.ts';
import { PAYLOADS } from '../../../../bots/support/support-bot.ts';
import type { TurnOutcome, TurnRequest } from '../../../../shared/domain/bot-turn.ts';

const NOW = new Date('2026-03-04T05:06:07.000Z');

/**
 * The SDK's Storage contract in memory: items keyed by storage key, an eTag per write (a stale
 * eTag is refused), and a journal of what happened in which order.
 */
class MemoryTurnStorage implements TurnStorage {
  readonly items = new Map<string, StoreItem>();
  readonly journal: Array<
    | { op: 'read'; keys: string[] }
    | { op: 'write'; changes: Record<string, StoreItem> }
    | { op: 'delete'; keys: string[] }
    | { op: 'outcome'; outcome: TurnOutcome }
  > = [];
  private version = 0;
  failReadsWith: Error | undefined;
  failWritesWith: Error | undefined;

  async read(keys: string[]): Promise<StoreItem> {
    this.journal.push({ op: 'read', keys: [...keys] });
    if (this.failReadsWith) throw this.failReadsWith;
    const found: StoreItem = {};
    for (const key of keys) {
      const item = this.items.get(key);
      if (item) found[key] = structuredClone(item);
    }
    return found;
  }

  async write(changes: StoreItem): Promise<void> {
    this.journal.push({ op: 'write', changes: structuredClone(changes) });
    if (this.failWritesWith) throw this.failWritesWith;
    for (const [key, item] of Object.entries(changes) as Array<[string, StoreItem]>) {
      const stored = this.items.get(key);
      if (stored && item.eTag && item.eTag !== '*' && item.eTag !== stored.eTag) {
        throw new Error(`eTag conflict on ${key}`);
      }
      this.items.set(key, { ...structuredClone(item), eTag: String(++this.version) });
    }
  }

  async delete(keys: string[]): Promise<void> {
    this.journal.push({ op: 'delete', keys: [...keys] });
    for (const key of keys) this.items.delete(key);
  }

  recordOutcome(outcome: TurnOutcome): void {
    this.journal.push({ op: 'outcome', outcome });
  }

  writes(): Array<Record<string, StoreItem>> {
    return this.journal.flatMap((entry) => (entry.op === 'write' ? [entry.changes] : []));
  }

  outcomes(): TurnOutcome[] {
    return this.journal.flatMap((entry) => (entry.op === 'outcome' ? [entry.outcome] : []));
  }
}

function request(overrides: Partial<TurnRequest> = {}): TurnRequest {
  return {
    eventId: 'telegram:123456789:10001',
    conversationId: 'conv-1',
    customerId: 'cus-1',
    channel: 'telegram',
    input: { kind: 'message', text: 'oi' },
    displayName: 'Maria Silva',
    locale: 'pt-BR',
    now: NOW,
    ...overrides,
  };
}

function menuFor(language: 'en' | 'pt' | 'pl') {
  const labels = COPY[language].buttons;
  return [
    { label: labels.passwordReset, payload: PAYLOADS.passwordReset },
    { label: labels.orderStatus, payload: PAYLOADS.orderStatus },
    { label: labels.human, payload: PAYLOADS.human },
  ];
}

describe('runSupportTurn', () => {
  it('saves the bot state under conversations/<conversationId>, key "support"', async () => {
    const storage = new MemoryTurnStorage();
    await runSupportTurn(request(), storage);

    expect(conversationStateKey('conv-1')).toBe('conversations/conv-1');
    const stateWrites = storage.writes().filter((changes) => 'conversations/conv-1' in changes);
    expect(stateWrites).toHaveLength(1);
    expect(stateWrites[0]?.['conversations/conv-1']).toMatchObject({
      support: { language: 'pt', greeted: true, turns: 1 },
    });
    expect(storage.items.get('conversations/conv-1')).toMatchObject({ support: { greeted: true } });
  });

  it('returns the greeting with the menu as quick replies (label = title, payload = value)', async () => {
    const storage = new MemoryTurnStorage();
    const outcome = await runSupportTurn(request(), storage);

    expect(outcome.eventId).toBe('telegram:123456789:10001');
    expect(outcome.language).toBe('pt');
    expect(outcome.handoff).toBeUndefined();
    expect(outcome.replies).toHaveLength(1);
    expect(outcome.replies[0]).toMatchObject({
      text: COPY.pt.greeting('Maria'),
      quickReplies: menuFor('pt'),
    });
    expect(outcome.replies[0]?.messageId).toMatch(/^[0-9a-z]{9,}-[A-Za-z0-9_-]+-0$/);
  });

  it('records the outcome once, before the state is written, so both land in one write', async () => {
    const storage = new MemoryTurnStorage();
    const outcome = await runSupportTurn(request(), storage);

    expect(storage.outcomes()).toEqual([outcome]);
    const outcomeAt = storage.journal.findIndex((entry) => entry.op === 'outcome');
    const writeAt = storage.journal.findIndex(
      (entry) => entry.op === 'write' && 'conversations/conv-1' in entry.changes,
    );
    expect(outcomeAt).toBeGreaterThanOrEqual(0);
    expect(outcomeAt).toBeLessThan(writeAt);
  });

  it('gives replies the same message ids for the same eventId and time (a retried turn rewrites, not duplicates)', async () => {
    const first = await runSupportTurn(request(), new MemoryTurnStorage());
    const retry = await runSupportTurn(request(), new MemoryTurnStorage());
    expect(retry.replies.map((reply) => reply.messageId)).toEqual(
      first.replies.map((reply) => reply.messageId),
    );
  });

  it('gives replies different message ids for another event or another time', async () => {
    const base = await runSupportTurn(request(), new MemoryTurnStorage());
    const otherEvent = await runSupportTurn(
      request({ eventId: 'telegram:123456789:10002' }),
      new MemoryTurnStorage(),
    );
    const later = await runSupportTurn(
      request({ now: new Date(NOW.getTime() + 1000) }),
      new MemoryTurnStorage(),
    );
    const id = (outcome: TurnOutcome) => outcome.replies[0]?.messageId;
    expect(id(otherEvent)).not.toBe(id(base));
    expect(id(later)).not.toBe(id(base));
  });

  it('hands off on a tap on the human button, with one reply and no buttons', async () => {
    const storage = new MemoryTurnStorage();
    await runSupportTurn(request(), storage);
    const outcome = await runSupportTurn(
      request({ eventId: 'telegram:123456789:10002', input: { kind: 'tap', payload: PAYLOADS.human } }),
      storage,
    );
    expect(outcome.handoff).toMatchObject({ team: 'support' });
    expect(outcome.replies).toHaveLength(1);
    expect(outcome.replies[0]).toMatchObject({ text: COPY.pt.handoff, quickReplies: [] });
  });

  it('reads the saved state on the next turn: no second greeting, the unknown text is not understood', async () => {
    const storage = new MemoryTurnStorage();
    await runSupportTurn(request(), storage);
    const second = await runSupportTurn(
      request({ eventId: 'telegram:123456789:10002', input: { kind: 'message', text: 'blablabla' } }),
      storage,
    );

    expect(second.replies).toHaveLength(1);
    expect(second.replies[0]?.text).toBe(COPY.pt.notUnderstood);
    expect(second.replies[0]?.quickReplies).toEqual(menuFor('pt'));
    const reads = storage.journal.flatMap((entry) => (entry.op === 'read' ? entry.keys : []));
    expect(reads.filter((key) => key === 'conversations/conv-1')).toHaveLength(2);
    expect(storage.items.get('conversations/conv-1')).toMatchObject({ support: { turns: 2 } });
  });

  it('keeps state per conversation: another conversation of the same customer is greeted afresh', async () => {
    const storage = new MemoryTurnStorage();
    await runSupportTurn(request(), storage);
    const other = await runSupportTurn(
      request({
        eventId: 'telegram:123456789:10003',
        conversationId: 'conv-2',
        input: { kind: 'message', text: 'x' },
      }),
      storage,
    );
    expect(other.replies[0]?.text).toBe(COPY.pt.greeting('Maria'));
  });

  it('passes unreadable content through to the bot', async () => {
    const storage = new MemoryTurnStorage();
    await runSupportTurn(request(), storage);
    const outcome = await runSupportTurn(
      request({
        eventId: 'telegram:123456789:10004',
        input: { kind: 'message', text: '', unreadableContent: 'sticker' },
      }),
      storage,
    );
    expect(outcome.replies[0]?.text).toBe(COPY.pt.unreadableContent);
  });

  it('passes the remembered language through to the bot', async () => {
    const outcome = await runSupportTurn(request({ rememberedLanguage: 'pl' }), new MemoryTurnStorage());
    expect(outcome.language).toBe('pl');
    expect(outcome.replies[0]?.text).toBe(COPY.pl.greeting('Maria'));
  });

  it('rejects with the storage error when reading the state fails, and sends and saves nothing', async () => {
    const storage = new MemoryTurnStorage();
    const failure = new Error('DynamoDB is throttling');
    storage.failReadsWith = failure;

    await expect(runSupportTurn(request(), storage)).rejects.toBe(failure);
    expect(storage.outcomes()).toEqual([]);
    expect(storage.writes()).toEqual([]);
  });

  it('rejects with the storage error when saving the state fails (the turn must be retried)', async () => {
    const storage = new MemoryTurnStorage();
    const failure = new Error('conditional check failed');
    storage.failWritesWith = failure;

    await expect(runSupportTurn(request(), storage)).rejects.toBe(failure);
  });
});
