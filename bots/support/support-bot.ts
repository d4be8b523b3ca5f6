import type { BotInput, BotRecord, BotReply, HandoffRequest } from '../../shared/domain/bot-turn.ts';
import type { Language } from '../../shared/domain/channel.ts';
import type { QuickReply } from '../../shared/domain/messages.ts';
import { COPY } from './copy.ts';
import { priorityFor, routeFor } from './routing.ts';
import { type Intent, type KnowledgeArticle, TOPIC_INTENTS, type Understanding } from './understanding.ts';

/** A step of a multi-turn flow the conversation is in. */
export type BotFlow =
  | { readonly kind: 'awaiting_account_hint' }
  | { readonly kind: 'awaiting_order_number' }
  | { readonly kind: 'awaiting_survey_comment' };

/** What the bot remembers about a conversation between turns. */
export interface BotConversationState {
  language?: Language;
  greeted?: boolean;
  turns?: number;
  /** The buttons of the last reply: on channels without buttons (SMS) the customer answers "2". */
  offered?: QuickReply[];
  flow?: BotFlow;
  /** Misunderstandings in a row: the second one hands the customer to a person. */
  misunderstood?: number;
  /** The customer's first question in this conversation, for the agent's summary. */
  firstQuestion?: string;
}

/** Work a turn needs done before the bot can answer (the adapter runs it through the providers). */
export type BotEffect =
  | { readonly kind: 'start_password_reset'; readonly accountHint: string }
  | { readonly kind: 'find_order'; readonly orderNumber: string }
  | { readonly kind: 'cancel_order'; readonly orderNumber: string }
  | { readonly kind: 'issue_link_code' }
  | { readonly kind: 'redeem_link_code'; readonly code: string };

export type EffectResult =
  | { readonly kind: 'start_password_reset'; readonly outcome: 'sent' | 'rate_limited' | 'unavailable' }
  | { readonly kind: 'find_order'; readonly outcome: 'shareable'; readonly summary: string }
  | { readonly kind: 'find_order'; readonly outcome: 'not_shareable' | 'unavailable' }
  | {
      readonly kind: 'cancel_order';
      readonly outcome: 'cancelled' | 'too_late' | 'not_shareable' | 'unavailable';
      readonly text?: string;
    }
  | { readonly kind: 'issue_link_code'; readonly code: string }
  | { readonly kind: 'redeem_link_code'; readonly outcome: 'linked' | 'invalid' };

export interface BotTurnContext {
  readonly input: BotInput;
  /** What the NLU made of a text message; for taps only the language matters. */
  readonly understanding: Understanding;
  readonly displayName?: string;
  /** Looks up a knowledge-base article in a language. */
  readonly article?: (id: string, language: Language) => KnowledgeArticle | undefined;
  /** The customer had another conversation in the last 7 days. */
  readonly repeatContact?: boolean;
  /** The result of the effect `plan` asked for, when it asked for one. */
  readonly effect?: EffectResult;
}

export interface BotDecision {
  readonly state: BotConversationState;
  readonly replies: readonly BotReply[];
  readonly handoff?: HandoffRequest;
  readonly language: Language;
  /** Facts for reports: knowledge-base answers and their feedback, survey answers. */
  readonly records: readonly BotRecord[];
  /** What the customer's message was understood to be about, for the reports' top intents. */
  readonly intent?: string;
  /** The conversation is settled: the worker closes it. */
  readonly resolve?: boolean;
}

/** Button payloads: short, stable, and within Telegram's 64-byte callback_data. */
export const PAYLOADS = {
  passwordReset: 'menu:password_reset',
  orderStatus: 'menu:order_status',
  human: 'menu:human_agent',
  menu: 'menu:main',
} as const;

/** Confirming or keeping an order the customer asked to cancel. */
export const CANCEL_PAYLOADS = {
  confirm: (orderNumber: string) => `cancel:yes:${orderNumber}`,
  keep: 'cancel:no',
} as const;

/** Survey buttons: a rating 1-5, or skipping the comment. */
export const SURVEY_PAYLOADS = {
  rating: (rating: number) => `survey:${rating}`,
  skip: 'survey:skip',
} as const;

/** "Did this help?" answers name the article, so feedback is recorded per article. */
export const FEEDBACK_PAYLOADS = {
  helped: (article: string) => `kb:yes:${article}`,
  notHelped: (article: string) => `kb:no:${article}`,
};

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

function surveyButtons(): QuickReply[] {
  return [1, 2, 3, 4, 5].map((rating) => ({
    label: String(rating),
    payload: SURVEY_PAYLOADS.rating(rating),
  }));
}

function afterAnswer(language: Language): QuickReply[] {
  const labels = COPY[language].buttons;
  return [
    { label: labels.menu, payload: PAYLOADS.menu },
    { label: labels.human, payload: PAYLOADS.human },
  ];
}

/** The payload a tap (or a numbered answer) carries, if the input is one. */
function chosenPayload(state: BotConversationState, input: BotInput): string | undefined {
  if (input.kind === 'tap') return input.payload;
  return numberedChoice(input.text, state.offered)?.payload;
}

/**
 * Which effect, if any, this turn needs before the bot can answer: a password reset once the
 * customer gave an e-mail or phone, an order lookup once they gave an order number. Pure.
 */
export function plan(state: BotConversationState, context: BotTurnContext): BotEffect | undefined {
  const chosen = chosenPayload(state, context.input);
  const confirmed = chosen ? /^cancel:yes:(.+)$/.exec(chosen)?.[1] : undefined;
  if (confirmed) return { kind: 'cancel_order', orderNumber: confirmed };
  if (context.input.kind !== 'message' || chosen) return undefined;
  // A message carrying a pasted secret is answered with a warning only: nothing is acted on.
  if (context.understanding.containsSecret) return undefined;
  const { intent, accountHint, orderNumber, linkCode } = context.understanding;
  if (intent === 'link_account')
    return linkCode ? { kind: 'redeem_link_code', code: linkCode } : { kind: 'issue_link_code' };
  const resetting = state.flow?.kind === 'awaiting_account_hint' || intent === 'password_reset';
  if (resetting && accountHint) return { kind: 'start_password_reset', accountHint };
  const tracking = state.flow?.kind === 'awaiting_order_number' || intent === 'order_status';
  if (tracking && orderNumber) return { kind: 'find_order', orderNumber };
  return undefined;
}

/**
 * One bot turn, pure: the conversation's state, the customer's input as understood, and the result
 * of the effect `plan` asked for, in; replies, the new state, an optional handoff and report records
 * out. The SDK adapter and the worker do all I/O.
 */
export function decide(state: BotConversationState, context: BotTurnContext): BotDecision {
  const { input, understanding } = context;
  const language = understanding.languageOverride
    ? understanding.language
    : input.kind === 'tap'
      ? (state.language ?? understanding.language)
      : understanding.language;
  const copy = COPY[language];
  const rawText = input.kind === 'message' ? input.text : '';
  const base: BotConversationState = {
    ...state,
    language,
    greeted: true,
    turns: (state.turns ?? 0) + 1,
    // Never remember a pasted secret: the first question reaches the agent in the handoff summary.
    ...(state.firstQuestion || !rawText || understanding.containsSecret
      ? {}
      : { firstQuestion: rawText.slice(0, 200) }),
  };
  const reply = (text: string, quickReplies: QuickReply[] = []): BotReply => ({ text, quickReplies });
  const decision = (
    replies: BotReply[],
    options: {
      flow?: BotFlow;
      misunderstood?: number;
      handoff?: HandoffRequest;
      records?: BotRecord[];
      resolve?: boolean;
    } = {},
  ): BotDecision => {
    const { flow: _flow, misunderstood: _misunderstood, ...rest } = base;
    return {
      state: {
        ...rest,
        ...(options.flow ? { flow: options.flow } : {}),
        ...(options.misunderstood ? { misunderstood: options.misunderstood } : {}),
        offered: [...(replies.at(-1)?.quickReplies ?? [])],
      },
      replies,
      language,
      ...(options.handoff ? { handoff: options.handoff } : {}),
      records: options.records ?? [],
      ...(input.kind === 'message' && understanding.intent ? { intent: understanding.intent } : {}),
      ...(options.resolve ? { resolve: true } : {}),
    };
  };
  const handOff = (topic: Intent | undefined, category: string, complaint = false): BotDecision => {
    const route = routeFor(topic);
    const priority = priorityFor({
      complaint,
      angry: understanding.angry === true,
      urgent: understanding.urgent === true,
      rawText,
      repeatContact: context.repeatContact === true,
    });
    const summary = [
      `Topic: ${topic ?? 'not understood'}`,
      base.firstQuestion ? `First message: "${base.firstQuestion}"` : undefined,
      rawText && rawText !== base.firstQuestion ? `Last message: "${rawText.slice(0, 200)}"` : undefined,
    ]
      .filter(Boolean)
      .join('\n');
    return decision([reply(`${copy.handoff} ${copy.handoffWait(route.expectedWaitMinutes)}`)], {
      handoff: { team: route.team, priority, reason: category, summary },
    });
  };

  // A pasted password or code is never echoed or answered on; the worker redacts it from the transcript.
  if (input.kind === 'message' && understanding.containsSecret) {
    return decision(
      [reply(copy.neverSharePasswords, afterAnswer(language))],
      state.flow ? { flow: state.flow } : {},
    );
  }

  // Effects planned for this turn.
  const effect = context.effect;
  if (effect?.kind === 'start_password_reset') {
    const text = {
      sent: copy.resetLinkSent,
      rate_limited: copy.resetRateLimited,
      unavailable: copy.passwordReset,
    };
    return decision([reply(text[effect.outcome], afterAnswer(language))]);
  }
  if (effect?.kind === 'find_order') {
    if (effect.outcome === 'shareable') return decision([reply(effect.summary, afterAnswer(language))]);
    return decision([
      reply(
        effect.outcome === 'unavailable' ? copy.ordersUnavailable : copy.orderNotShareable,
        afterAnswer(language),
      ),
    ]);
  }

  if (effect?.kind === 'cancel_order') {
    const text =
      effect.text ?? (effect.outcome === 'unavailable' ? copy.ordersUnavailable : copy.orderNotShareable);
    return decision([reply(text, afterAnswer(language))]);
  }
  if (effect?.kind === 'issue_link_code') return decision([reply(copy.linkCodeIssued(effect.code))]);
  if (effect?.kind === 'redeem_link_code') {
    return decision([
      reply(effect.outcome === 'linked' ? copy.linkDone : copy.linkInvalid, afterAnswer(language)),
    ]);
  }

  const payload = chosenPayload(state, input);
  if (payload !== undefined) return decideTap(payload);
  if (state.flow?.kind === 'awaiting_survey_comment' && rawText.trim()) {
    return decision([reply(copy.surveyThanks)], {
      records: [{ kind: 'survey_comment', comment: rawText.slice(0, 1000) }],
      resolve: true,
    });
  }
  if (input.kind === 'message' && input.unreadableContent && !rawText.trim()) {
    return decision([reply(copy.unreadableContent, menu(language))]);
  }

  const { intent } = understanding;
  if (understanding.languageOverride && (intent === 'unknown' || intent === 'greeting')) {
    return decision([reply(copy.languageChanged, menu(language))]);
  }
  switch (intent) {
    case 'human_agent':
      return handOff(understanding.secondaryIntent, 'customer_asked_for_a_person');
    case 'complaint':
      return handOff(understanding.secondaryIntent ?? 'complaint', 'complaint', true);
    case 'password_reset':
      return decision([reply(copy.askAccountHint)], { flow: { kind: 'awaiting_account_hint' } });
    case 'order_status':
      return decision([reply(copy.askOrderNumber)], { flow: { kind: 'awaiting_order_number' } });
    case 'greeting':
      return decision([reply(copy.greeting(context.displayName?.split(' ')[0]), menu(language))]);
    case 'goodbye':
      return decision([reply(copy.goodbye)]);
    case 'link_account':
      return decision([reply(copy.linkAccountHowTo, afterAnswer(language))]);
    case 'cancel_order':
      // With an order number the bot can cancel it, once the customer confirms; without one, the article explains how.
      if (understanding.orderNumber) {
        return decision([
          reply(copy.confirmCancel(understanding.orderNumber), [
            { label: copy.buttons.yes, payload: CANCEL_PAYLOADS.confirm(understanding.orderNumber) },
            { label: copy.buttons.no, payload: CANCEL_PAYLOADS.keep },
          ]),
        ]);
      }
      break;
    default:
      break;
  }
  const article =
    TOPIC_INTENTS.includes(intent) && understanding.article
      ? context.article?.(understanding.article, language)
      : undefined;
  if (article) {
    const text = [article.title, article.body, article.url].filter(Boolean).join('\n\n');
    return decision(
      [
        reply(text),
        reply(copy.kbFeedbackQuestion, [
          { label: copy.buttons.yes, payload: FEEDBACK_PAYLOADS.helped(article.id) },
          { label: copy.buttons.no, payload: FEEDBACK_PAYLOADS.notHelped(article.id) },
        ]),
      ],
      { records: [{ kind: 'kb_answer', article: article.id, language }] },
    );
  }
  if (!state.greeted)
    return decision([reply(copy.greeting(context.displayName?.split(' ')[0]), menu(language))]);
  const misunderstood = (state.misunderstood ?? 0) + 1;
  if (misunderstood >= 2) return handOff(undefined, 'not_understood_twice');
  return decision([reply(copy.notUnderstood, menu(language))], { misunderstood });

  function decideTap(chosen: string): BotDecision {
    const feedback = /^kb:(yes|no):(.+)$/.exec(chosen);
    if (feedback?.[2]) {
      const helped = feedback[1] === 'yes';
      const records: BotRecord[] = [{ kind: 'kb_feedback', article: feedback[2], helped, language }];
      // Settled: the satisfaction survey follows; not settled: a person is one tap away.
      return helped
        ? decision([reply(copy.kbHelped), reply(copy.surveyQuestion, surveyButtons())], { records })
        : decision([reply(copy.kbNotHelped, afterAnswer(language))], { records });
    }
    if (chosen === CANCEL_PAYLOADS.keep) return decision([reply(copy.cancelKept, afterAnswer(language))]);
    const survey = /^survey:([1-5]|skip)$/.exec(chosen);
    if (survey?.[1] === 'skip') return decision([reply(copy.surveyThanks)], { resolve: true });
    if (survey?.[1]) {
      return decision(
        [reply(copy.surveyCommentQuestion, [{ label: copy.buttons.skip, payload: SURVEY_PAYLOADS.skip }])],
        {
          flow: { kind: 'awaiting_survey_comment' },
          records: [{ kind: 'survey_rating', rating: Number(survey[1]) }],
        },
      );
    }
    switch (chosen) {
      case PAYLOADS.human:
        return handOff(undefined, 'customer_asked_for_a_person');
      case PAYLOADS.passwordReset:
        return decision([reply(copy.askAccountHint)], { flow: { kind: 'awaiting_account_hint' } });
      case PAYLOADS.orderStatus:
        return decision([reply(copy.askOrderNumber)], { flow: { kind: 'awaiting_order_number' } });
      case PAYLOADS.menu:
        return decision([reply(copy.menuPrompt, menu(language))]);
      default:
        // A button from an old message we no longer offer: show what we do offer.
        return decision([reply(copy.menuPrompt, menu(language))]);
    }
  }
}

/** The survey question an agent's resolution sends, in the customer's language, with its 1-5 buttons. */
export function surveyInvitation(language: Language): { text: string; quickReplies: QuickReply[] } {
  return { text: COPY[language].surveyQuestion, quickReplies: surveyButtons() };
}
