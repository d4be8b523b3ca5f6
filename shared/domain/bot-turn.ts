import type { Channel, ChannelAddress, Language } from './channel.ts';
import type { QuickReply } from './messages.ts';

/** What the customer did, as the bot sees it. */
export type BotInput =
  | { readonly kind: 'message'; readonly text: string; readonly unreadableContent?: string }
  | { readonly kind: 'tap'; readonly payload: string };

export interface BotReply {
  readonly text: string;
  readonly quickReplies: readonly QuickReply[];
}

/** The bot asks for a person: the conversation moves from the bot to a team's queue. */
export interface HandoffRequest {
  readonly team: string;
  readonly priority: number;
  /** Why: `customer_asked_for_a_person`, `complaint`, `not_understood_twice`... */
  readonly reason: string;
  /** What the customer asked, so the agent never starts from zero. */
  readonly summary?: string;
}

/** Facts a turn reports for the weekly reports (knowledge-base use and its feedback). */
export type BotRecord =
  | { readonly kind: 'kb_answer'; readonly article: string; readonly language: Language }
  | {
      readonly kind: 'kb_feedback';
      readonly article: string;
      readonly helped: boolean;
      readonly language: Language;
    }
  /** The satisfaction survey: a 1-5 rating, then an optional comment. */
  | { readonly kind: 'survey_rating'; readonly rating: number }
  | { readonly kind: 'survey_comment'; readonly comment: string };

/** One bot turn asked of the bot by the conversation worker. */
export interface TurnRequest {
  readonly eventId: string;
  readonly conversationId: string;
  readonly customerId: string;
  readonly channel: Channel;
  /** The identity the customer wrote from (a link code moves it to another customer). */
  readonly from?: ChannelAddress;
  readonly input: BotInput;
  readonly displayName?: string;
  readonly locale?: string;
  readonly rememberedLanguage?: Language;
  /** The customer had another conversation in the last 7 days (raises handoff priority). */
  readonly repeatContact?: boolean;
  /** Phones the platform vouches for (for revealing order details to their owner only). */
  readonly verifiedPhones?: readonly string[];
  readonly now: Date;
}

/** A reply with the message id it will have in the transcript (fixed once, reused on retries). */
export interface PlannedReply extends BotReply {
  readonly messageId: string;
}

/**
 * What a turn decided. It is stored in the same DynamoDB write as the bot's new state, so a retried
 * event reuses it instead of running the bot again: no second answer, no skipped answer.
 */
export interface TurnOutcome {
  readonly eventId: string;
  readonly replies: readonly PlannedReply[];
  readonly handoff?: HandoffRequest;
  readonly language: Language;
  readonly records?: readonly BotRecord[];
  /** What the customer's message was understood to be about (reports' top intents). */
  readonly intent?: string;
  /** The customer's request is settled (they said the answer helped and took the survey): close it. */
  readonly resolve?: boolean;
}

/** The bot as the conversation worker uses it. */
export interface SupportBot {
  /** The outcome already stored for this event by an earlier, interrupted attempt. */
  storedOutcome(conversationId: string, eventId: string): Promise<TurnOutcome | undefined>;
  runTurn(request: TurnRequest): Promise<TurnOutcome>;
}
