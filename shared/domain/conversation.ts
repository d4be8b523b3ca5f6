import type { Channel } from './channel.ts';
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
  /** The channel the customer opened it on (reports count conversations by it). */
  readonly channel?: Channel;
  /** When an agent first wrote to the customer in it (first response time). */
  readonly firstAgentReplyAt?: string;
  /** When the owner last changed: orders agents' lists. */
  readonly updatedAt?: string;
  /**
   * The team that last handled the conversation. Set at the first handoff and kept after release
   * or resolution, so the team can still find it; agents of other teams never see it.
   */
  readonly team?: string;
  /** What the bot gathered at handoff, kept when the conversation moves between teams and agents. */
  readonly handoff?: {
    readonly priority: number;
    readonly reason: string;
    readonly summary?: string;
    readonly at: string;
  };
  /** An agent marked it solved and handed it back to the bot for the satisfaction survey. */
  readonly resolvedBy?: string;
  readonly resolvedAt?: string;
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
  /** Back to the bot: it answers the customer again. */
  | { readonly type: 'release'; readonly by: string; readonly at: string }
  | { readonly type: 'transfer'; readonly team: string; readonly by: string; readonly at: string }
  /** An agent marks the conversation solved: the bot takes it back and asks for the survey. */
  | { readonly type: 'resolve'; readonly by: string; readonly at: string }
  /** The bot closes a conversation it settled (after the survey, or without a person). */
  | { readonly type: 'close'; readonly at: string };

/** Facts the rest of the system reacts to (the agent console, reports). */
export type ConversationEvent =
  | {
      readonly type: 'queued';
      readonly conversationId: string;
      readonly team: string;
      readonly reason: string;
      readonly priority: number;
    }
  | {
      readonly type: 'claimed';
      readonly conversationId: string;
      readonly team: string;
      readonly agentId: string;
    }
  | { readonly type: 'released'; readonly conversationId: string; readonly team: string; readonly by: string }
  | {
      readonly type: 'transferred';
      readonly conversationId: string;
      readonly fromTeam: string;
      readonly team: string;
      readonly by: string;
    }
  | { readonly type: 'resolved'; readonly conversationId: string; readonly team: string; readonly by: string }
  | { readonly type: 'closed'; readonly conversationId: string; readonly team?: string };

export type TransitionResult =
  | { readonly ok: true; readonly conversation: Conversation; readonly events: readonly ConversationEvent[] }
  | { readonly ok: false; readonly reason: string };

/**
 * The ownership state machine, pure:
 *   bot ──request_human──▶ queue ──claim──▶ agent ──resolve──▶ bot (survey) ──close──▶ closed
 *   queue|agent ──transfer──▶ queue (another team); queue|agent ──release──▶ bot
 * The store persists a successful result with a conditional update on `version`, so two
 * concurrent transitions can never both win.
 */
export function transition(conversation: Conversation, action: ConversationAction): TransitionResult {
  const { owner, conversationId } = conversation;
  const next = (
    newOwner: Owner,
    events: ConversationEvent[],
    changes: Partial<Conversation> = {},
  ): TransitionResult => ({
    ok: true,
    conversation: {
      ...conversation,
      ...changes,
      owner: newOwner,
      version: conversation.version + 1,
      updatedAt: action.at,
    },
    events,
  });
  const refuse = (reason: string): TransitionResult => ({ ok: false, reason });
  const priority = conversation.handoff?.priority ?? 0;

  switch (action.type) {
    case 'request_human': {
      if (owner.kind !== 'bot') return refuse(`cannot hand off a conversation owned by ${owner.kind}`);
      const handoff = {
        priority: action.priority,
        reason: action.reason,
        at: action.at,
        ...(action.summary ? { summary: action.summary } : {}),
      };
      return next(
        {
          kind: 'queue',
          team: action.team,
          priority: action.priority,
          enqueuedAt: action.at,
          reason: action.reason,
          ...(action.summary ? { summary: action.summary } : {}),
        },
        [
          {
            type: 'queued',
            conversationId,
            team: action.team,
            reason: action.reason,
            priority: action.priority,
          },
        ],
        { team: action.team, handoff },
      );
    }
    case 'claim':
      if (owner.kind !== 'queue')
        return refuse(`only a queued conversation can be claimed, this one is ${owner.kind}`);
      return next({ kind: 'agent', agentId: action.agentId, team: owner.team }, [
        { type: 'claimed', conversationId, team: owner.team, agentId: action.agentId },
      ]);
    case 'release':
      if (owner.kind !== 'agent' && owner.kind !== 'queue')
        return refuse(`only a conversation with a team can be released, the owner is ${owner.kind}`);
      return next({ kind: 'bot' }, [{ type: 'released', conversationId, team: owner.team, by: action.by }]);
    case 'transfer':
      if (owner.kind !== 'agent' && owner.kind !== 'queue')
        return refuse(`cannot transfer from ${owner.kind}`);
      if (owner.team === action.team && owner.kind === 'queue')
        return refuse(`already waiting in ${action.team}`);
      return next(
        {
          kind: 'queue',
          team: action.team,
          priority,
          enqueuedAt: action.at,
          reason: 'transferred',
          ...(conversation.handoff?.summary ? { summary: conversation.handoff.summary } : {}),
        },
        [{ type: 'transferred', conversationId, fromTeam: owner.team, team: action.team, by: action.by }],
        { team: action.team },
      );
    case 'resolve':
      if (owner.kind !== 'agent' && owner.kind !== 'queue')
        return refuse(`only a conversation with a team can be resolved, the owner is ${owner.kind}`);
      return next({ kind: 'bot' }, [{ type: 'resolved', conversationId, team: owner.team, by: action.by }], {
        resolvedBy: action.by,
        resolvedAt: action.at,
      });
    case 'close':
      if (owner.kind === 'closed') return refuse('the conversation is already closed');
      return next({ kind: 'closed', closedAt: action.at }, [
        { type: 'closed', conversationId, ...(conversation.team ? { team: conversation.team } : {}) },
      ]);
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
