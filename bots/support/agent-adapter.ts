/**
 * The only file that touches the Microsoft 365 Agents SDK. It runs one turn of the support bot per
 * queue record, with no HTTP server and no Azure auth: an adapter that collects what the bot sends,
 * the SDK's TurnState over our DynamoDB Storage, and a mapping between our types and Activities.
 */
import { Activity, ActivityTypes } from '@microsoft/agents-activity';
import {
  AgentApplication,
  BaseAdapter,
  MessageFactory,
  type ResourceResponse,
  type Storage,
  TurnContext,
  TurnState,
} from '@microsoft/agents-hosting';
import type { BotInput, PlannedReply, TurnOutcome, TurnRequest } from '../../shared/domain/bot-turn.ts';
import { type Language, languageFromLocale } from '../../shared/domain/channel.ts';
import { messageId, stableDigest } from '../../shared/store/ids.ts';
import { type BotConversationState, type BotEffect, decide, type EffectResult, plan } from './support-bot.ts';
import type { KnowledgeArticle, Understanding } from './understanding.ts';

const BOT_ID = 'support-bot';
const STATE_PROPERTY = 'conversation.support';

/** Storage keys that do not depend on the channel: one conversation, one state, whatever the channel. */
export function conversationStateKey(conversationId: string): string {
  return `conversations/${conversationId}`;
}

class SupportTurnState extends TurnState {
  protected override async onComputeStorageKeys(context: TurnContext): Promise<Record<string, string>> {
    return {
      conversation: conversationStateKey(context.activity.conversation?.id ?? ''),
      user: `customers/${context.activity.from?.id ?? ''}`,
    };
  }
}

/** Collects outgoing activities instead of calling a channel: the sender delivers them later. */
class CollectingAdapter extends BaseAdapter {
  readonly sent: Activity[] = [];

  async sendActivities(_context: TurnContext, activities: Activity[]): Promise<ResourceResponse[]> {
    this.sent.push(...activities);
    return activities.map((_, index) => ({ id: String(this.sent.length - activities.length + index) }));
  }
  async updateActivity(): Promise<void> {
    throw new Error('The support bot does not edit sent messages');
  }
  async deleteActivity(): Promise<void> {
    throw new Error('The support bot does not delete sent messages');
  }
  async continueConversation(): Promise<void> {
    throw new Error('Proactive turns go through the outbound queue, not the adapter');
  }
  async uploadAttachment(): Promise<never> {
    throw new Error('Attachments are not supported by the queue adapter');
  }
  async getAttachmentInfo(): Promise<never> {
    throw new Error('Attachments are not supported by the queue adapter');
  }
  async getAttachment(): Promise<never> {
    throw new Error('Attachments are not supported by the queue adapter');
  }
}

/** Storage for one turn: writes of the conversation state carry the turn's outcome with them. */
export interface TurnStorage extends Storage {
  /** Called by the turn right before the state is saved, with what the turn decided. */
  recordOutcome(outcome: TurnOutcome): void;
}

function toActivity(request: TurnRequest): Activity {
  const base = {
    type: ActivityTypes.Message,
    id: request.eventId,
    channelId: request.channel,
    conversation: { id: request.conversationId },
    from: { id: request.customerId, ...(request.displayName ? { name: request.displayName } : {}) },
    recipient: { id: BOT_ID },
    ...(request.locale ? { locale: request.locale } : {}),
    timestamp: request.now.toISOString(),
  };
  return Activity.fromObject(
    request.input.kind === 'tap'
      ? { ...base, value: { payload: request.input.payload } }
      : {
          ...base,
          text: request.input.text,
          ...(request.input.unreadableContent
            ? { value: { unreadableContent: request.input.unreadableContent } }
            : {}),
        },
  );
}

function plannedReplies(activities: Activity[], request: TurnRequest): PlannedReply[] {
  const eventDigest = stableDigest(request.eventId, 16);
  return activities
    .filter((activity) => activity.type === ActivityTypes.Message)
    .map((activity, index) => ({
      messageId: messageId(request.now, `${eventDigest}-${index}`),
      text: activity.text ?? '',
      quickReplies: (activity.suggestedActions?.actions ?? []).map((action) => ({
        label: action.title ?? String(action.value),
        payload: String(action.value),
      })),
    }));
}

/** What the bot needs from outside the SDK: understanding, the knowledge base, and its effects. */
export interface BotServices {
  understand(
    text: string,
    hints: {
      locale?: string;
      remembered?: Language;
      awaiting?: 'order_number' | 'account_hint' | 'survey_comment';
    },
  ): Understanding;
  article(id: string, language: Language): KnowledgeArticle | undefined;
  runEffect(effect: BotEffect, request: TurnRequest, language: Language): Promise<EffectResult>;
}

function createApplication(
  request: TurnRequest,
  storage: TurnStorage,
  adapter: CollectingAdapter,
  services: BotServices,
) {
  const app = new AgentApplication<SupportTurnState>({
    storage,
    turnStateFactory: () => new SupportTurnState(),
  });
  // No onError handler: run() below rethrows whatever the turn throws, so a failed turn fails
  // the queue record instead of telling the customer "The agent encountered an error".
  app.onActivity(ActivityTypes.Message, async (context, state) => {
    const value = context.activity.value as { payload?: string; unreadableContent?: string } | undefined;
    const previous = (state.getValue(STATE_PROPERTY) as BotConversationState | undefined) ?? {};
    const remembered = previous.language ?? request.rememberedLanguage;
    const locale = context.activity.locale;
    const text = context.activity.text ?? '';
    const input: BotInput =
      request.input.kind === 'tap'
        ? { kind: 'tap', payload: value?.payload ?? '' }
        : {
            kind: 'message',
            text,
            ...(value?.unreadableContent ? { unreadableContent: value.unreadableContent } : {}),
          };
    const understanding: Understanding =
      input.kind === 'message'
        ? services.understand(text, {
            ...(locale ? { locale } : {}),
            ...(remembered ? { remembered } : {}),
            ...(previous.flow?.kind === 'awaiting_order_number' ? { awaiting: 'order_number' as const } : {}),
            ...(previous.flow?.kind === 'awaiting_account_hint' ? { awaiting: 'account_hint' as const } : {}),
            ...(previous.flow?.kind === 'awaiting_survey_comment'
              ? { awaiting: 'survey_comment' as const }
              : {}),
          })
        : {
            language: remembered ?? languageFromLocale(locale) ?? 'en',
            intent: 'unknown',
            confidence: 0,
            article: null,
          };
    const turn = {
      input,
      understanding,
      article: (id: string, language: Language) => services.article(id, language),
      ...(request.displayName ? { displayName: request.displayName } : {}),
      ...(request.repeatContact ? { repeatContact: true } : {}),
    };
    const effect = plan(previous, turn);
    const decision = decide(previous, {
      ...turn,
      ...(effect ? { effect: await services.runEffect(effect, request, understanding.language) } : {}),
    });
    state.setValue(STATE_PROPERTY, decision.state);
    for (const reply of decision.replies) {
      await context.sendActivity(
        MessageFactory.suggestedActions(
          reply.quickReplies.map((quick) => ({ type: 'imBack', title: quick.label, value: quick.payload })),
          reply.text,
        ),
      );
    }
    storage.recordOutcome({
      eventId: request.eventId,
      replies: plannedReplies(adapter.sent, request),
      language: decision.language,
      ...(decision.handoff ? { handoff: decision.handoff } : {}),
      ...(decision.records.length > 0 ? { records: decision.records } : {}),
      ...(decision.intent ? { intent: decision.intent } : {}),
      ...(decision.resolve ? { resolve: true } : {}),
    });
  });
  // State is saved only when an afterTurn handler asks for it.
  app.onTurn('afterTurn', async () => true);
  return app;
}

/** Runs one bot turn through the Agents SDK and returns what it decided (also stored with the state). */
export async function runSupportTurn(
  request: TurnRequest,
  storage: TurnStorage,
  services: BotServices,
): Promise<TurnOutcome> {
  const adapter = new CollectingAdapter();
  let outcome: TurnOutcome | undefined;
  const recording: TurnStorage = {
    read: (keys) => storage.read(keys),
    write: (changes) => storage.write(changes),
    delete: (keys) => storage.delete(keys),
    recordOutcome: (value) => {
      outcome = value;
      storage.recordOutcome(value);
    },
  };
  const app = createApplication(request, recording, adapter, services);
  await app.run(new TurnContext(adapter, toActivity(request)));
  if (!outcome) throw new Error(`the support bot did not handle event ${request.eventId}`);
  return outcome;
}
