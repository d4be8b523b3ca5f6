import { describe, expect, it } from 'vitest';
import {
  type Conversation,
  type ConversationAction,
  type ConversationEvent,
  maySend,
  type Owner,
  transition,
} from '../../../../shared/domain/conversation.ts';
import type { Author, OutboundMessage } from '../../../../shared/domain/messages.ts';

const AT = '2026-03-04T05:06:07.000Z';

const OWNERS = {
  bot: { kind: 'bot' },
  queue: {
    kind: 'queue',
    team: 'billing',
    priority: 2,
    enqueuedAt: '2026-03-04T05:00:00.000Z',
    reason: 'asked',
  },
  agent: { kind: 'agent', agentId: 'agent-ana', team: 'support' },
  closed: { kind: 'closed', closedAt: '2026-03-03T00:00:00.000Z' },
} as const satisfies Record<Owner['kind'], Owner>;

const ACTIONS = {
  request_human: {
    type: 'request_human',
    team: 'support',
    priority: 1,
    reason: 'customer_asked_for_a_person',
    at: AT,
  },
  claim: { type: 'claim', agentId: 'agent-bruno', at: AT },
  release: { type: 'release', by: 'agent-ana', at: AT },
  transfer: { type: 'transfer', team: 'returns', by: 'agent-ana', at: AT },
  resolve: { type: 'resolve', by: 'agent-ana', at: AT },
  close: { type: 'close', at: AT },
} as const satisfies Record<ConversationAction['type'], ConversationAction>;

type OwnerKind = keyof typeof OWNERS;
type ActionType = keyof typeof ACTIONS;

function conversation(owner: Owner): Conversation {
  return deepFreeze({
    conversationId: 'conv-1',
    customerId: 'cus-1',
    owner,
    version: 41,
    openedAt: '2026-03-01T00:00:00.000Z',
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** What each allowed transition must produce, written from the ownership rules, not from the code. */
const ALLOWED: Partial<
  Record<OwnerKind, Partial<Record<ActionType, { owner: object; events: ConversationEvent[] }>>>
> = {
  bot: {
    request_human: {
      owner: {
        kind: 'queue',
        team: 'support',
        priority: 1,
        enqueuedAt: AT,
        reason: 'customer_asked_for_a_person',
      },
      events: [
        {
          type: 'queued',
          conversationId: 'conv-1',
          team: 'support',
          reason: 'customer_asked_for_a_person',
          priority: 1,
        },
      ],
    },
    // The bot closes a conversation it settled; it has no team until a handoff.
    close: {
      owner: { kind: 'closed', closedAt: AT },
      events: [{ type: 'closed', conversationId: 'conv-1' }],
    },
  },
  queue: {
    claim: {
      // The claiming agent works the conversation for the team whose queue it was in.
      owner: { kind: 'agent', agentId: 'agent-bruno', team: 'billing' },
      events: [{ type: 'claimed', conversationId: 'conv-1', team: 'billing', agentId: 'agent-bruno' }],
    },
    transfer: {
      owner: { kind: 'queue', team: 'returns', enqueuedAt: AT },
      events: [
        {
          type: 'transferred',
          conversationId: 'conv-1',
          fromTeam: 'billing',
          team: 'returns',
          by: 'agent-ana',
        },
      ],
    },
    release: {
      owner: { kind: 'bot' },
      events: [{ type: 'released', conversationId: 'conv-1', team: 'billing', by: 'agent-ana' }],
    },
    resolve: {
      owner: { kind: 'bot' },
      events: [{ type: 'resolved', conversationId: 'conv-1', team: 'billing', by: 'agent-ana' }],
    },
    close: {
      owner: { kind: 'closed', closedAt: AT },
      events: [{ type: 'closed', conversationId: 'conv-1' }],
    },
  },
  agent: {
    release: {
      // Back to the bot, which answers the customer again.
      owner: { kind: 'bot' },
      events: [{ type: 'released', conversationId: 'conv-1', team: 'support', by: 'agent-ana' }],
    },
    transfer: {
      owner: { kind: 'queue', team: 'returns', enqueuedAt: AT },
      events: [
        {
          type: 'transferred',
          conversationId: 'conv-1',
          fromTeam: 'support',
          team: 'returns',
          by: 'agent-ana',
        },
      ],
    },
    resolve: {
      // Solved: the bot takes it back for the satisfaction survey.
      owner: { kind: 'bot' },
      events: [{ type: 'resolved', conversationId: 'conv-1', team: 'support', by: 'agent-ana' }],
    },
    close: {
      owner: { kind: 'closed', closedAt: AT },
      events: [{ type: 'closed', conversationId: 'conv-1' }],
    },
  },
};

const PAIRS = (Object.keys(OWNERS) as OwnerKind[]).flatMap((owner) =>
  (Object.keys(ACTIONS) as ActionType[]).map((action) => [owner, action] as const),
);
const ALLOWED_PAIRS = PAIRS.filter(([owner, action]) => ALLOWED[owner]?.[action]);
const REFUSED_PAIRS = PAIRS.filter(([owner, action]) => !ALLOWED[owner]?.[action]);

describe('transition', () => {
  it('covers every owner and action: 11 allowed and 13 refused pairs', () => {
    expect(ALLOWED_PAIRS).toHaveLength(11);
    expect(REFUSED_PAIRS).toHaveLength(13);
  });

  it.each(ALLOWED_PAIRS)(
    '%s + %s: moves the owner, bumps the version by exactly 1, emits one event',
    (ownerKind, actionType) => {
      const before = conversation(OWNERS[ownerKind]);
      const snapshot = structuredClone(before);
      const expected = ALLOWED[ownerKind]?.[actionType];

      const result = transition(before, ACTIONS[actionType]);

      expect(result.ok).toBe(true);
      if (!result.ok || !expected) return;
      expect(result.conversation.version).toBe(42);
      expect(result.conversation.owner).toMatchObject(expected.owner);
      expect(result.events).toStrictEqual(expected.events);
      // Only the owner, version, time of change, and the team and resolution facts move.
      const {
        owner: _o,
        version: _v,
        updatedAt,
        team: _t,
        handoff: _h,
        resolvedBy,
        resolvedAt,
        ...rest
      } = result.conversation;
      const { owner: _o2, version: _v2, ...before2 } = snapshot;
      expect(rest).toEqual(before2);
      expect(updatedAt).toBe(AT);
      if (actionType === 'resolve')
        expect({ resolvedBy, resolvedAt }).toEqual({ resolvedBy: 'agent-ana', resolvedAt: AT });
      expect(before).toStrictEqual(snapshot);
    },
  );

  it.each(REFUSED_PAIRS)(
    '%s + %s: is refused with a reason and leaves the conversation as it was',
    (ownerKind, actionType) => {
      const before = conversation(OWNERS[ownerKind]);
      const snapshot = structuredClone(before);

      const result = transition(before, ACTIONS[actionType]);

      expect(result.ok).toBe(false);
      expect(result).not.toHaveProperty('conversation');
      if (!result.ok) expect(result.reason).toMatch(/\S/);
      expect(before).toStrictEqual(snapshot);
    },
  );

  it('refuses a claim on a conversation another agent already owns (two agents can never both claim)', () => {
    const claimedByAna = conversation(OWNERS.agent);
    expect(transition(claimedByAna, { type: 'claim', agentId: 'agent-bruno', at: AT }).ok).toBe(false);
  });

  it('lets only the first of two claims from the same version win once the store applies it', () => {
    const queued = conversation(OWNERS.queue);
    const first = transition(queued, { type: 'claim', agentId: 'agent-ana', at: AT });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    // The second claim, evaluated on the stored result, is refused.
    expect(transition(first.conversation, { type: 'claim', agentId: 'agent-bruno', at: AT }).ok).toBe(false);
  });

  it('walks a whole conversation bot → queue → agent → queue → agent → bot (survey) → closed, one version per step', () => {
    let current = conversation(OWNERS.bot);
    const steps: ConversationAction[] = [
      ACTIONS.request_human,
      { type: 'claim', agentId: 'agent-ana', at: AT },
      ACTIONS.transfer,
      { type: 'claim', agentId: 'agent-bruno', at: AT },
      ACTIONS.resolve,
      ACTIONS.close,
    ];
    for (const [index, step] of steps.entries()) {
      const result = transition(current, step);
      expect(result.ok, `step ${index} ${step.type}`).toBe(true);
      if (!result.ok) return;
      expect(result.conversation.version).toBe(current.version + 1);
      current = result.conversation;
    }
    expect(current.owner).toEqual({ kind: 'closed', closedAt: AT });
    expect(current.version).toBe(41 + steps.length);
  });
});

describe('maySend', () => {
  const AUTHORS: Record<string, Author> = {
    customer: { kind: 'customer' },
    bot: { kind: 'bot' },
    assignee: { kind: 'agent', agentId: 'agent-ana' },
    otherAgent: { kind: 'agent', agentId: 'agent-bruno' },
  };
  const PURPOSES: Array<OutboundMessage['purpose']> = [undefined, 'handoff_notice'];

  /** The rule, stated independently: who may write to the customer for each owner. */
  function expected(owner: OwnerKind, author: string, purpose: OutboundMessage['purpose']): boolean {
    if (author === 'customer') return false;
    if (author === 'bot') return owner === 'bot' || (owner === 'queue' && purpose === 'handoff_notice');
    if (author === 'assignee') return owner === 'agent'; // OWNERS.agent is agent-ana
    return false; // another agent never writes over the assignee, and no agent writes to an unclaimed conversation
  }

  const CASES = (Object.keys(OWNERS) as OwnerKind[]).flatMap((owner) =>
    Object.keys(AUTHORS).flatMap((author) =>
      PURPOSES.map((purpose) => [owner, author, purpose ?? 'reply'] as const),
    ),
  );

  it.each(CASES)('owner %s, author %s, purpose %s', (owner, author, purpose) => {
    const messagePurpose = purpose === 'reply' ? undefined : purpose;
    const message: Pick<OutboundMessage, 'author' | 'purpose'> = {
      author: AUTHORS[author] as Author,
      ...(messagePurpose ? { purpose: messagePurpose } : {}),
    };
    expect(maySend(OWNERS[owner], message)).toBe(expected(owner, author, messagePurpose));
  });

  it('lets the bot send while it owns the conversation', () => {
    expect(maySend(OWNERS.bot, { author: { kind: 'bot' } })).toBe(true);
  });

  it('lets the bot send only its handoff notice while the conversation waits in the queue', () => {
    expect(maySend(OWNERS.queue, { author: { kind: 'bot' }, purpose: 'handoff_notice' })).toBe(true);
    expect(maySend(OWNERS.queue, { author: { kind: 'bot' } })).toBe(false);
  });

  it('never lets the bot talk over an agent, not even with the handoff notice', () => {
    expect(maySend(OWNERS.agent, { author: { kind: 'bot' } })).toBe(false);
    expect(maySend(OWNERS.agent, { author: { kind: 'bot' }, purpose: 'handoff_notice' })).toBe(false);
  });

  it('lets an agent send only while they are the assignee', () => {
    expect(maySend(OWNERS.agent, { author: { kind: 'agent', agentId: 'agent-ana' } })).toBe(true);
    expect(maySend(OWNERS.agent, { author: { kind: 'agent', agentId: 'agent-bruno' } })).toBe(false);
    expect(maySend(OWNERS.queue, { author: { kind: 'agent', agentId: 'agent-ana' } })).toBe(false);
    expect(maySend(OWNERS.closed, { author: { kind: 'agent', agentId: 'agent-ana' } })).toBe(false);
  });

  it('never sends a customer-authored message back to the customer', () => {
    for (const owner of Object.values(OWNERS))
      expect(maySend(owner, { author: { kind: 'customer' } })).toBe(false);
  });
});

describe('maySend: the bot after closing a conversation it settled', () => {
  const closed = { kind: 'closed', closedAt: '2026-11-26T10:00:00Z' } as const;

  it('lets only its closing notice out, never an ordinary bot message', () => {
    expect(maySend(closed, { author: { kind: 'bot' }, purpose: 'closing_notice' })).toBe(true);
    expect(maySend(closed, { author: { kind: 'bot' } })).toBe(false);
    expect(
      maySend(
        { kind: 'agent', agentId: 'a1', team: 'support' },
        { author: { kind: 'bot' }, purpose: 'closing_notice' },
      ),
    ).toBe(false);
  });
});
