import type { StoreItem } from '@microsoft/agents-hosting';
import { describe, expect, it } from 'vitest';
import {
  type BotServices,
  conversationStateKey,
  runSupportTurn,
  type TurnStorage,
} from '../../../../bots/support/agent-adapter.ts';
import { COPY } from '../../../../bots/support/copy.ts';
import { type BotEffect, type EffectResult, PAYLOADS } from '../../../../bots/support/support-bot.ts';
import type { KnowledgeArticle, Understanding } from '../../../../bots/support/understanding.ts';
import type { TurnOutcome, TurnRequest } from '../../../../shared/domain/bot-turn.ts';
import type { Language } from '../../../../shared/domain/channel.ts';

const NOW = new Date('2026-03-04T05:06:07.000Z');
const STATE_KEY = 'conversations/conv-1';

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

  stateWrites(): StoreItem[] {
    return this.writes().flatMap((changes) => {
      const item = changes[STATE_KEY];
      return item ? [item] : [];
    });
  }

  outcomes(): TurnOutcome[] {
    return this.journal.flatMap((entry) => (entry.op === 'outcome' ? [entry.outcome] : []));
  }
}

function understood(
  language: Language,
  intent: Understanding['intent'] = 'unknown',
  extra: Partial<Understanding> = {},
): Understanding {
  return { language, intent, confidence: intent === 'unknown' ? 0 : 0.9, article: null, ...extra };
}

const RETURNS: KnowledgeArticle = {
  id: 'returns-policy',
  title: 'Política de devolução',
  body: 'Você pode devolver em até 30 dias.',
};

type Hints = Parameters<BotServices['understand']>[1];

/** Services under the test's control: a fixed understanding, one article, and effects that are recorded. */
interface FakeServices extends BotServices {
  understanding: Understanding;
  effectResult: EffectResult | Error;
  readonly understandCalls: Array<{ text: string; hints: Hints }>;
  readonly effectCalls: Array<{ effect: BotEffect; request: TurnRequest; language: Language }>;
}

function fakeServices(understanding: Understanding = understood('pt', 'greeting')): FakeServices {
  const services: FakeServices = {
    understanding,
    effectResult: { kind: 'start_password_reset', outcome: 'sent' },
    understandCalls: [],
    effectCalls: [],
    understand: (text, hints) => {
      services.understandCalls.push({ text, hints: { ...hints } });
      return services.understanding;
    },
    article: (id, language) => (id === RETURNS.id && language === 'pt' ? RETURNS : undefined),
    runEffect: async (effect, request, language) => {
      services.effectCalls.push({ effect, request, language });
      if (services.effectResult instanceof Error) throw services.effectResult;
      return services.effectResult;
    },
  };
  return services;
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

let eventNumber = 10_001;
/** The next event of the same conversation. */
function next(overrides: Partial<TurnRequest> = {}): TurnRequest {
  eventNumber += 1;
  return request({ eventId: `telegram:123456789:${eventNumber}`, ...overrides });
}

function menuFor(language: Language) {
  const labels = COPY[language].buttons;
  return [
    { label: labels.passwordReset, payload: PAYLOADS.passwordReset },
    { label: labels.orderStatus, payload: PAYLOADS.orderStatus },
    { label: labels.human, payload: PAYLOADS.human },
  ];
}

function afterAnswerFor(language: Language) {
  const labels = COPY[language].buttons;
  return [
    { label: labels.menu, payload: PAYLOADS.menu },
    { label: labels.human, payload: PAYLOADS.human },
  ];
}

describe('runSupportTurn: state and outcome', () => {
  it('saves the bot state under conversations/<conversationId>, key "support"', async () => {
    const storage = new MemoryTurnStorage();
    await runSupportTurn(request(), storage, fakeServices());

    expect(conversationStateKey('conv-1')).toBe(STATE_KEY);
    expect(storage.stateWrites()).toHaveLength(1);
    expect(storage.stateWrites()[0]).toMatchObject({
      support: { language: 'pt', greeted: true, turns: 1, firstQuestion: 'oi' },
    });
    expect(storage.items.get(STATE_KEY)).toMatchObject({ support: { greeted: true } });
  });

  it('answers in the language the understanding gives', async () => {
    const outcome = await runSupportTurn(
      request(),
      new MemoryTurnStorage(),
      fakeServices(understood('pl', 'greeting')),
    );
    expect(outcome.language).toBe('pl');
    expect(outcome.replies[0]?.text).toBe(COPY.pl.greeting('Maria'));
  });

  it('returns the greeting with the menu as quick replies (label = title, payload = value)', async () => {
    const outcome = await runSupportTurn(request(), new MemoryTurnStorage(), fakeServices());

    expect(outcome.eventId).toBe('telegram:123456789:10001');
    expect(outcome.language).toBe('pt');
    expect(outcome.handoff).toBeUndefined();
    expect(outcome.replies).toHaveLength(1);
    expect(outcome.replies[0]).toMatchObject({
      text: COPY.pt.greeting('Maria'),
      quickReplies: menuFor('pt'),
    });
    expect(outcome.replies[0]?.messageId).toMatch(/^[0-9a-z]{9,}-[A-Za-z0-9_-]+-0$/);
    expect(outcome).not.toHaveProperty('records');
  });

  it('records the outcome once, before the state is written, so both land in one write', async () => {
    const storage = new MemoryTurnStorage();
    const outcome = await runSupportTurn(request(), storage, fakeServices());

    expect(storage.outcomes()).toEqual([outcome]);
    const outcomeAt = storage.journal.findIndex((entry) => entry.op === 'outcome');
    const writeAt = storage.journal.findIndex((entry) => entry.op === 'write' && STATE_KEY in entry.changes);
    expect(outcomeAt).toBeGreaterThanOrEqual(0);
    expect(outcomeAt).toBeLessThan(writeAt);
  });

  it('gives replies the same message ids for the same eventId and time (a retried turn rewrites, not duplicates)', async () => {
    const first = await runSupportTurn(request(), new MemoryTurnStorage(), fakeServices());
    const retry = await runSupportTurn(request(), new MemoryTurnStorage(), fakeServices());
    expect(retry.replies.map((reply) => reply.messageId)).toEqual(
      first.replies.map((reply) => reply.messageId),
    );
    expect(retry).toEqual(first);
  });

  it('gives replies different message ids for another event or another time', async () => {
    const base = await runSupportTurn(request(), new MemoryTurnStorage(), fakeServices());
    const otherEvent = await runSupportTurn(
      request({ eventId: 'telegram:123456789:99999' }),
      new MemoryTurnStorage(),
      fakeServices(),
    );
    const later = await runSupportTurn(
      request({ now: new Date(NOW.getTime() + 1000) }),
      new MemoryTurnStorage(),
      fakeServices(),
    );
    const id = (outcome: TurnOutcome) => outcome.replies[0]?.messageId;
    expect(id(otherEvent)).not.toBe(id(base));
    expect(id(later)).not.toBe(id(base));
  });

  it('reads the saved state on the next turn: no second greeting, the unknown text is not understood', async () => {
    const storage = new MemoryTurnStorage();
    const services = fakeServices();
    await runSupportTurn(request(), storage, services);
    services.understanding = understood('pt');
    const second = await runSupportTurn(
      next({ input: { kind: 'message', text: 'blablabla' } }),
      storage,
      services,
    );

    expect(second.replies).toHaveLength(1);
    expect(second.replies[0]?.text).toBe(COPY.pt.notUnderstood);
    expect(second.replies[0]?.quickReplies).toEqual(menuFor('pt'));
    const reads = storage.journal.flatMap((entry) => (entry.op === 'read' ? entry.keys : []));
    expect(reads.filter((key) => key === STATE_KEY)).toHaveLength(2);
    expect(storage.items.get(STATE_KEY)).toMatchObject({ support: { turns: 2, misunderstood: 1 } });
  });

  it('keeps state per conversation: another conversation of the same customer is greeted afresh', async () => {
    const storage = new MemoryTurnStorage();
    const services = fakeServices();
    await runSupportTurn(request(), storage, services);
    services.understanding = understood('pt');
    const other = await runSupportTurn(
      next({ conversationId: 'conv-2', input: { kind: 'message', text: 'x' } }),
      storage,
      services,
    );
    expect(other.replies[0]?.text).toBe(COPY.pt.greeting('Maria'));
    expect(storage.items.get('conversations/conv-2')).toMatchObject({ support: { turns: 1 } });
    expect(storage.items.get(STATE_KEY)).toMatchObject({ support: { turns: 1 } });
  });

  it('passes unreadable content through to the bot', async () => {
    const storage = new MemoryTurnStorage();
    const services = fakeServices();
    await runSupportTurn(request(), storage, services);
    services.understanding = understood('pt');
    const outcome = await runSupportTurn(
      next({ input: { kind: 'message', text: '', unreadableContent: 'sticker' } }),
      storage,
      services,
    );
    expect(outcome.replies).toEqual([
      expect.objectContaining({ text: COPY.pt.unreadableContent, quickReplies: menuFor('pt') }),
    ]);
  });
});

describe('runSupportTurn: understanding', () => {
  it('asks the NLU about the text with the locale and the remembered language', async () => {
    const services = fakeServices();
    await runSupportTurn(request({ rememberedLanguage: 'pl' }), new MemoryTurnStorage(), services);
    expect(services.understandCalls).toEqual([{ text: 'oi', hints: { locale: 'pt-BR', remembered: 'pl' } }]);
  });

  it('passes no hints it does not have', async () => {
    const services = fakeServices();
    const { locale: _locale, ...withoutLocale } = request();
    await runSupportTurn(withoutLocale, new MemoryTurnStorage(), services);
    expect(services.understandCalls).toEqual([{ text: 'oi', hints: {} }]);
  });

  it("remembers the conversation's language over the customer's remembered one", async () => {
    const storage = new MemoryTurnStorage();
    const services = fakeServices(understood('en', 'greeting'));
    await runSupportTurn(request({ rememberedLanguage: 'pl' }), storage, services);
    await runSupportTurn(next({ rememberedLanguage: 'pl' }), storage, services);
    expect(services.understandCalls[1]?.hints).toMatchObject({ remembered: 'en' });
  });

  it('tells the NLU what the bot is waiting for', async () => {
    const storage = new MemoryTurnStorage();
    const services = fakeServices(understood('pt', 'password_reset'));
    await runSupportTurn(request(), storage, services);
    services.understanding = understood('pt');
    await runSupportTurn(next({ input: { kind: 'message', text: 'hmm' } }), storage, services);
    expect(services.understandCalls[1]?.hints).toMatchObject({ awaiting: 'account_hint' });

    const orders = new MemoryTurnStorage();
    const tracking = fakeServices(understood('pt', 'order_status'));
    await runSupportTurn(request(), orders, tracking);
    await runSupportTurn(next({ input: { kind: 'message', text: 'hmm' } }), orders, tracking);
    expect(tracking.understandCalls[1]?.hints).toMatchObject({ awaiting: 'order_number' });
    expect(tracking.understandCalls[0]?.hints).not.toHaveProperty('awaiting');
  });

  it('does not run the NLU for a tap, and answers it in the conversation language', async () => {
    const storage = new MemoryTurnStorage();
    const services = fakeServices(understood('pl', 'greeting'));
    await runSupportTurn(request(), storage, services);
    const outcome = await runSupportTurn(
      next({ input: { kind: 'tap', payload: PAYLOADS.menu } }),
      storage,
      services,
    );
    expect(services.understandCalls).toHaveLength(1);
    expect(outcome.language).toBe('pl');
    expect(outcome.replies[0]).toMatchObject({ text: COPY.pl.menuPrompt, quickReplies: menuFor('pl') });
  });

  it('answers a tap on a new conversation in the locale language', async () => {
    const services = fakeServices();
    const outcome = await runSupportTurn(
      request({ locale: 'pl-PL', input: { kind: 'tap', payload: PAYLOADS.menu } }),
      new MemoryTurnStorage(),
      services,
    );
    expect(services.understandCalls).toEqual([]);
    expect(outcome.language).toBe('pl');
  });
});

describe('runSupportTurn: handoff', () => {
  it('hands off on a tap on the human button, with one reply and no buttons', async () => {
    const storage = new MemoryTurnStorage();
    const services = fakeServices();
    await runSupportTurn(request(), storage, services);
    const outcome = await runSupportTurn(
      next({ input: { kind: 'tap', payload: PAYLOADS.human } }),
      storage,
      services,
    );
    expect(outcome.handoff).toMatchObject({
      team: 'support',
      priority: 1,
      reason: 'customer_asked_for_a_person',
    });
    expect(outcome.handoff?.summary).toContain('oi');
    expect(outcome.replies).toHaveLength(1);
    expect(outcome.replies[0]).toMatchObject({
      text: `${COPY.pt.handoff} ${COPY.pt.handoffWait(10)}`,
      quickReplies: [],
    });
  });

  it('routes a complaint by the team of its topic', async () => {
    const services = fakeServices(
      understood('en', 'complaint', { secondaryIntent: 'payments_invoices', angry: true }),
    );
    const outcome = await runSupportTurn(request(), new MemoryTurnStorage(), services);
    expect(outcome.handoff).toMatchObject({ team: 'billing', priority: 3, reason: 'complaint' });
  });
});

describe('runSupportTurn: effects', () => {
  async function awaitingAccountHint() {
    const storage = new MemoryTurnStorage();
    const services = fakeServices(understood('pt', 'password_reset'));
    const asked = await runSupportTurn(request(), storage, services);
    expect(asked.replies[0]?.text).toBe(COPY.pt.askAccountHint);
    expect(services.effectCalls).toEqual([]);
    services.understanding = understood('pt', 'unknown', { accountHint: 'maria@example.com' });
    return { storage, services };
  }

  it('runs the planned password reset and answers with its result', async () => {
    const { storage, services } = await awaitingAccountHint();
    const turn = next({ input: { kind: 'message', text: 'maria@example.com' } });
    const outcome = await runSupportTurn(turn, storage, services);

    expect(services.effectCalls).toEqual([
      {
        effect: { kind: 'start_password_reset', accountHint: 'maria@example.com' },
        request: turn,
        language: 'pt',
      },
    ]);
    expect(outcome.replies).toEqual([
      expect.objectContaining({ text: COPY.pt.resetLinkSent, quickReplies: afterAnswerFor('pt') }),
    ]);
    expect(storage.items.get(STATE_KEY)?.support).not.toHaveProperty('flow');
  });

  it('tells a rate-limited customer to use the last link', async () => {
    const { storage, services } = await awaitingAccountHint();
    services.effectResult = { kind: 'start_password_reset', outcome: 'rate_limited' };
    const outcome = await runSupportTurn(
      next({ input: { kind: 'message', text: 'maria@example.com' } }),
      storage,
      services,
    );
    expect(outcome.replies[0]?.text).toBe(COPY.pt.resetRateLimited);
  });

  it('runs the planned order lookup and answers with the order summary', async () => {
    const services = fakeServices(understood('en', 'order_status', { orderNumber: 'A-123456' }));
    services.effectResult = {
      kind: 'find_order',
      outcome: 'shareable',
      summary: 'A-123456: shipped on 3 March',
    };
    const storage = new MemoryTurnStorage();
    const turn = request({ input: { kind: 'message', text: 'where is A-123456' } });
    const outcome = await runSupportTurn(turn, storage, services);

    expect(services.effectCalls).toEqual([
      { effect: { kind: 'find_order', orderNumber: 'A-123456' }, request: turn, language: 'en' },
    ]);
    expect(outcome.replies).toEqual([
      expect.objectContaining({ text: 'A-123456: shipped on 3 March', quickReplies: afterAnswerFor('en') }),
    ]);
  });

  it('says when the order belongs to someone else', async () => {
    const services = fakeServices(understood('pl', 'order_status', { orderNumber: 'A-123456' }));
    services.effectResult = { kind: 'find_order', outcome: 'not_shareable' };
    const outcome = await runSupportTurn(request(), new MemoryTurnStorage(), services);
    expect(outcome.replies[0]?.text).toBe(COPY.pl.orderNotShareable);
  });

  it('runs no effect when the turn plans none', async () => {
    const services = fakeServices(understood('en', 'order_status'));
    await runSupportTurn(request(), new MemoryTurnStorage(), services);
    services.understanding = understood('en', 'greeting', { accountHint: 'a@b.c', orderNumber: 'A-1' });
    await runSupportTurn(request(), new MemoryTurnStorage(), services);
    expect(services.effectCalls).toEqual([]);
  });

  it('fails the turn when an effect fails, saving no state and recording no outcome', async () => {
    const { storage, services } = await awaitingAccountHint();
    const failure = new Error('identity provider timed out');
    services.effectResult = failure;
    const writesBefore = storage.stateWrites().length;

    await expect(
      runSupportTurn(next({ input: { kind: 'message', text: 'maria@example.com' } }), storage, services),
    ).rejects.toBe(failure);
    expect(storage.stateWrites()).toHaveLength(writesBefore);
    expect(storage.outcomes()).toHaveLength(1);
  });
});

describe('runSupportTurn: knowledge base', () => {
  it('answers with the article and the feedback question, with ids per reply and a kb_answer record', async () => {
    const services = fakeServices(understood('pt', 'returns_refunds', { article: 'returns-policy' }));
    const outcome = await runSupportTurn(request(), new MemoryTurnStorage(), services);

    expect(outcome.replies).toHaveLength(2);
    expect(outcome.replies[0]?.text).toContain(RETURNS.title);
    expect(outcome.replies[0]?.text).toContain(RETURNS.body);
    expect(outcome.replies[1]).toMatchObject({
      text: COPY.pt.kbFeedbackQuestion,
      quickReplies: [
        { label: COPY.pt.buttons.yes, payload: 'kb:yes:returns-policy' },
        { label: COPY.pt.buttons.no, payload: 'kb:no:returns-policy' },
      ],
    });
    expect(outcome.replies[0]?.messageId).toMatch(/-0$/);
    expect(outcome.replies[1]?.messageId).toMatch(/-1$/);
    expect(outcome.records).toEqual([{ kind: 'kb_answer', article: 'returns-policy', language: 'pt' }]);
  });

  it('records the feedback tap', async () => {
    const storage = new MemoryTurnStorage();
    const services = fakeServices(understood('pt', 'returns_refunds', { article: 'returns-policy' }));
    await runSupportTurn(request(), storage, services);
    const outcome = await runSupportTurn(
      next({ input: { kind: 'tap', payload: 'kb:no:returns-policy' } }),
      storage,
      services,
    );
    expect(outcome.replies[0]?.text).toBe(COPY.pt.kbNotHelped);
    expect(outcome.records).toEqual([
      { kind: 'kb_feedback', article: 'returns-policy', helped: false, language: 'pt' },
    ]);
  });

  it('works with services written as a class (article() is called with its own `this`)', async () => {
    class KnowledgeBaseServices implements BotServices {
      private readonly articles = new Map([[`pt/${RETURNS.id}`, RETURNS]]);
      understand(): Understanding {
        return understood('pt', 'returns_refunds', { article: RETURNS.id });
      }
      article(id: string, language: Language): KnowledgeArticle | undefined {
        return this.articles.get(`${language}/${id}`);
      }
      async runEffect(): Promise<EffectResult> {
        throw new Error('no effect expected');
      }
    }
    const outcome = await runSupportTurn(request(), new MemoryTurnStorage(), new KnowledgeBaseServices());
    expect(outcome.replies[0]?.text).toContain(RETURNS.title);
  });
});

describe('runSupportTurn: storage errors', () => {
  it('rejects with the storage error when reading the state fails, and sends, runs and saves nothing', async () => {
    const storage = new MemoryTurnStorage();
    const failure = new Error('DynamoDB is throttling');
    storage.failReadsWith = failure;
    const services = fakeServices(understood('en', 'order_status', { orderNumber: 'A-123456' }));

    await expect(runSupportTurn(request(), storage, services)).rejects.toBe(failure);
    expect(storage.outcomes()).toEqual([]);
    expect(storage.writes()).toEqual([]);
    expect(services.effectCalls).toEqual([]);
  });

  it('rejects with the storage error when saving the state fails (the turn must be retried)', async () => {
    const storage = new MemoryTurnStorage();
    const failure = new Error('conditional check failed');
    storage.failWritesWith = failure;

    await expect(runSupportTurn(request(), storage, fakeServices())).rejects.toBe(failure);
  });
});
