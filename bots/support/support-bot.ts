import type { BotInput, BotReply, HandoffRequest } from '../../shared/domain/bot-turn.ts';
import { type Language, languageFromLocale } from '../../shared/domain/channel.ts';
import type { QuickReply } from '../../shared/domain/messages.ts';
import { COPY } from './copy.ts';

/** What the bot remembers about a conversation between turns. */
export interface BotConversationState {
  language?: Language;
  greeted?: boolean;
  turns?: number;
  /** The buttons of the last reply: on channels without buttons (SMS) the customer answers "2". */
  offered?: QuickReply[];
}

export interface BotTurnContext {
  readonly input: BotInput;
  readonly displayName?: string;
  /** The platform's locale hint (Telegram language_code). */
  readonly locale?: string;
  /** The language the customer was answered in before, in any conversation. */
  readonly rememberedLanguage?: Language;
}

export interface BotDecision {
  readonly state: BotConversationState;
  readonly replies: readonly BotReply[];
  readonly handoff?: HandoffRequest;
  readonly language: Language;
}

/** Button payloads: short, stable, and within Telegram's 64-byte callback_data. */
export const PAYLOADS = {
  passwordReset: 'menu:password_reset',
  orderStatus: 'menu:order_status',
  human: 'menu:human_agent',
  menu: 'menu:main',
} as const;

const HUMAN_REQUEST =
  /\b(human|person|agent|operator|someone real|real person|atendente|pessoa|humano|falar com alguem|konsultant\w*|czlowiek\w*|osob\w*)\b/;
const GREETING =
  /^\/?(start|hi|hello|hey|good (morning|afternoon|evening)|ola|oi|bom dia|boa tarde|boa noite|czesc|dzien dobry|hej|witam|menu)\b/;
const LANGUAGE_SWITCH: ReadonlyArray<[RegExp, Language]> = [
  [/\b(english( please)?|in english|speak english)\b/, 'en'],
  [/\b(portugues|em portugues|in portuguese)\b/, 'pt'],
  [/\b(po polsku|polski|in polish)\b/, 'pl'],
];

/** "2", "2.", "#2" or " 2 " picks the second offered button, as the numbered list on SMS invites. */
export function numberedChoice(
  text: string,
  offered: readonly QuickReply[] | undefined,
): QuickReply | undefined {
  const match = /^#?\s*(\d{1,2})\s*[.)]?$/.exec(text.trim());
  return match?.[1] ? offered?.[Number(match[1]) - 1] : undefined;
}

/** Lowercase without diacritics: people type "nao" for "não" and "czlowiek" for "człowiek" on phones. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase()
    .trim();
}

function menu(language: Language): QuickReply[] {
  const labels = COPY[language].buttons;
  return [
    { label: labels.passwordReset, payload: PAYLOADS.passwordReset },
    { label: labels.orderStatus, payload: PAYLOADS.orderStatus },
    { label: labels.human, payload: PAYLOADS.human },
  ];
}

function afterAnswer(language: Language): QuickReply[] {
  const labels = COPY[language].buttons;
  return [
    { label: labels.menu, payload: PAYLOADS.menu },
    { label: labels.human, payload: PAYLOADS.human },
  ];
}

/**
 * One bot turn, pure: the conversation's state and the customer's input in, replies, the new state
 * and an optional handoff out. The SDK adapter and the worker do all I/O.
 */
export function decide(state: BotConversationState, context: BotTurnContext): BotDecision {
  const { input } = context;
  const text = input.kind === 'message' ? normalise(input.text) : '';
  const switched = LANGUAGE_SWITCH.find(([pattern]) => pattern.test(text))?.[1];
  const language =
    switched ?? state.language ?? context.rememberedLanguage ?? languageFromLocale(context.locale) ?? 'en';
  const copy = COPY[language];
  const nextState: BotConversationState = {
    ...state,
    language,
    greeted: true,
    turns: (state.turns ?? 0) + 1,
  };
  const reply = (replyText: string, quickReplies: QuickReply[]): BotReply => ({
    text: replyText,
    quickReplies,
  });
  const decision = (replies: BotReply[], handoff?: HandoffRequest): BotDecision => ({
    state: { ...nextState, offered: [...(replies.at(-1)?.quickReplies ?? [])] },
    replies,
    language,
    ...(handoff ? { handoff } : {}),
  });

  const payload = input.kind === 'tap' ? input.payload : numberedChoice(text, state.offered)?.payload;
  if (payload === PAYLOADS.human || (input.kind === 'message' && HUMAN_REQUEST.test(text))) {
    return decision([reply(copy.handoff, [])], {
      team: 'support',
      priority: 1,
      reason: 'customer_asked_for_a_person',
    });
  }
  if (payload === PAYLOADS.passwordReset) return decision([reply(copy.passwordReset, afterAnswer(language))]);
  if (payload === PAYLOADS.orderStatus) return decision([reply(copy.orderStatus, afterAnswer(language))]);
  if (switched) return decision([reply(copy.languageChanged, menu(language))]);
  if (input.kind === 'message' && input.unreadableContent)
    return decision([reply(copy.unreadableContent, menu(language))]);
  if (!state.greeted || payload === PAYLOADS.menu || GREETING.test(text)) {
    const greeting =
      state.greeted && payload === PAYLOADS.menu
        ? copy.menuPrompt
        : copy.greeting(context.displayName?.split(' ')[0]);
    return decision([reply(greeting, menu(language))]);
  }
  return decision([reply(copy.notUnderstood, menu(language))]);
}
