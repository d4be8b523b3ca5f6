import type { OutboundMessage } from './messages.ts';

/**
 * Exactly one party owns a conversation at a time. Only the owner may write to the customer:
 * the bot never talks over an agent.
 */
export type Owner =
  | { readonly kind: 'bot' }
  | {
      readonly kind: 'queue';
      readonly team: string;
      readonly priority: number;
      readonly enqueuedAt: string;
      readonly reason: string;
      /** What the customer asked, gathered by the bot, so the agent never starts from zero. */
      readonly summary?: string;
    }
  | { readonly kind: 'agent'; readonly agentId: string; readonly team: string }
  | { readonly kind: 'closed'; readonly closedAt: string };

export interface Conversation {
  readonly conversationId: string;
  readonly customerId: string;
  readonly owner: Owner;
  /** Optimistic-lock version: every change is a conditional write on it. */
  readonly version: number;
  readonly openedAt: string;
  /** The customer's previous conversation was opened within 7 days: they came back (raises handoff priority). */
  readonly repeatContact?: boolean;
  /** The satisfaction survey after resolution (1-5) and the customer's optional comment. */
  readonly surveyRating?: number;
  readonly surveyComment?: string;
}

export type ConversationAction =
  | {
      readonly type: 'request_human';
      readonly team: string;
      readonly priority: number;
      readonly reason: string;
      readonly summary?: string;
      readonly at: string;
    }
  | { readonly type: 'claim'; readonly agentId: string; readonly at: string }
  | { readonly type: 'release'; readonly at: string }
  | { readonly type: 'transfer'; readonly team: string; readonly at: string }
  | { readonly type: 'resolve'; readonly at: string };

/** Facts the rest of the system reacts to (the agent console, reports). */
export type ConversationEvent =
  | {
      readonly type: 'handed_off';
      readonly conversationId: string;
      readonly team: string;
      readonly reason: string;
    }
  | { readonly type: 'claimed'; readonly conversationId: string; readonly agentId: string }
  | { readonly type: 'released'; readonly conversationId: string; readonly team: string }
  | { readonly type: 'transferred'; readonly conversationId: string; readonly team: string }
  | { readonly type: 'resolved'; readonly conversationId: string };

export type TransitionResult =
  | { readonly ok: true; readonly conversation: Conversation; readonly events: readonly ConversationEvent[] }
  | { readonly ok: false; readonly reason: string };

/**
 * The ownership state machine, pure. The store persists a successful result with a conditional
 * update on `version`, so two concurrent transitions can never both win.
 */
export function transition(conversation: Conversation, action: ConversationAction): TransitionResult {
  const { owner, conversationId } = conversation;
  const next = (newOwner: Owner, events: ConversationEvent[]): TransitionResult => ({
    ok: true,
    conversation: { ...conversation, owner: newOwner, version: conversation.version + 1 },
    events,
  });
  const refuse = (reason: string): TransitionResult => ({ ok: false, reason });

  switch (action.type) {
    case 'request_human':
      if (owner.kind !== 'bot') return refuse(`cannot hand off a conversation owned by ${owner.kind}`);
      return next(
        {
          kind: 'queue',
          team: action.team,
          priority: action.priority,
          enqueuedAt: action.at,
          reason: action.reason,
          ...(action.summary ? { summary: action.summary } : {}),
        },
        [{ type: 'handed_off', conversationId, team: action.team, reason: action.reason }],
      );
    case 'claim':
      if (owner.kind !== 'queue')
        return refuse(`only a queued conversation can be claimed, this one is ${owner.kind}`);
      return next({ kind: 'agent', agentId: action.agentId, team: owner.team }, [
        { type: 'claimed', conversationId, agentId: action.agentId },
      ]);
    case 'release':
      if (owner.kind !== 'agent') return refuse(`only an agent can release, the owner is ${owner.kind}`);
      return next(
        { kind: 'queue', team: owner.team, priority: 0, enqueuedAt: action.at, reason: 'released' },
        [{ type: 'released', conversationId, team: owner.team }],
      );
    case 'transfer':
      if (owner.kind !== 'agent' && owner.kind !== 'queue')
        return refuse(`cannot transfer from ${owner.kind}`);
      return next(
        { kind: 'queue', team: action.team, priority: 0, enqueuedAt: action.at, reason: 'transferred' },
        [{ type: 'transferred', conversationId, team: action.team }],
      );
    case 'resolve':
      if (owner.kind === 'closed') return refuse('the conversation is already closed');
      return next({ kind: 'closed', closedAt: action.at }, [{ type: 'resolved', conversationId }]);
  }
}

/**
 * Whether a message may go to the customer right now, checked by the sender right before the call.
 * The bot speaks only while it owns the conversation, except for the notice that it handed the
 * customer over, which may still go out while the conversation waits in the queue (never once an
 * agent has it: the bot never talks over an agent), and its goodbye in a conversation it closed.
 * Compliance answers (SMS HELP) always go out.
 */
export function maySend(owner: Owner, message: Pick<OutboundMessage, 'author' | 'purpose'>): boolean {
  const { author } = message;
  if (author.kind === 'customer') return false;
  if (message.purpose === 'compliance') return true;
  if (author.kind === 'agent') return owner.kind === 'agent' && owner.agentId === author.agentId;
  return (
    owner.kind === 'bot' ||
    (owner.kind === 'queue' && message.purpose === 'handoff_notice') ||
    (owner.kind === 'closed' && message.purpose === 'closing_notice')
  );
}
