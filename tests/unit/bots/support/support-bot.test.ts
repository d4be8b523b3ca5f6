import { describe, expect, it } from 'vitest';
import { type BotCopy, COPY } from '../../../../bots/support/copy.ts';
import { articleIds } from '../../../../bots/support/knowledge-base/index.ts';
import {
  type BotConversationState,
  type BotTurnContext,
  CANCEL_PAYLOADS,
  decide,
  type EffectResult,
  FEEDBACK_PAYLOADS,
  normalise,
  numberedChoice,
  PAYLOADS,
  plan,
  SURVEY_PAYLOADS,
} from '../../../../bots/support/support-bot.ts';
import {
  INTENTS,
  type Intent,
  type KnowledgeArticle,
  type Understanding,
} from '../../../../bots/support/understanding.ts';
import type { BotInput } from '../../../../shared/domain/bot-turn.ts';
import { LANGUAGES, type Language } from '../../../../shared/domain/channel.ts';

const GREETED: Record<Language, BotConversationState> = {
  en: { language: 'en', greeted: true, turns: 1 },
  pt: { language: 'pt', greeted: true, turns: 1 },
  pl: { language: 'pl', greeted: true, turns: 1 },
};

const text = (value: string): BotInput => ({ kind: 'message', text: value });
const tap = (payload: string): BotInput => ({ kind: 'tap', payload });

/** What the NLU would say: an intent in a language, plus whatever facts a test needs. */
function understood(
  language: Language,
  intent: Intent = 'unknown',
  extra: Partial<Understanding> = {},
): Understanding {
  return { language, intent, confidence: intent === 'unknown' ? 0 : 0.9, article: null, ...extra };
}

type Extra = Partial<Omit<BotTurnContext, 'input' | 'understanding'>>;

function turn(state: BotConversationState, input: BotInput, understanding: Understanding, extra: Extra = {}) {
  return decide(state, { input, understanding, ...extra });
}

function planFor(state: BotConversationState, input: BotInput, understanding: Understanding) {
  return plan(state, { input, understanding });
}

const ARTICLES: Record<Language, KnowledgeArticle> = {
  en: {
    id: 'returns-policy',
    title: 'Returns policy',
    body: 'You can return any item within 30 days.',
    url: 'https://help.example.com/en/returns-policy',
  },
  pt: { id: 'returns-policy', title: 'Política de devolução', body: 'Você pode devolver em até 30 dias.' },
  pl: { id: 'returns-policy', title: 'Zasady zwrotów', body: 'Możesz zwrócić produkt w ciągu 30 dni.' },
};
const lookups: Array<[string, Language]> = [];
const article = (id: string, language: Language): KnowledgeArticle | undefined => {
  lookups.push([id, language]);
  return id === 'returns-policy' ? ARTICLES[language] : undefined;
};

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

function handoffText(language: Language, minutes: number): string {
  return `${COPY[language].handoff} ${COPY[language].handoffWait(minutes)}`;
}

/** Phrases that would ask the customer to type their password (negations such as "don't send" excluded). */
const PASSWORD_REQUEST: Record<Language, RegExp> = {
  en: /(?<!(don't|do not|never|not) )(send|type|enter|tell|give|share|write)( me| us)? (us )?(your|the) (current |old )?password/i,
  pt: /(?<!(não|nunca) )(envie|digite|informe|mande|diga|escreva)( para mim| aqui)?( a)? (sua )?senha/i,
  pl: /(?<!(nie|nigdy) )(podaj|wpisz|wyślij|wysyłaj|prześlij|napisz)( mi)?( swoje| twoje)? hasło/i,
};
const ASKS_FOR_PASSWORD: Record<Language, string> = {
  en: 'Please send your password so I can check.',
  pt: 'Por favor, envie a sua senha para eu verificar.',
  pl: 'Proszę, podaj swoje hasło, żebym mógł sprawdzić.',
};
const NEVER_ASKS: Record<Language, RegExp> = {
  en: /never ask for it/i,
  pt: /nunca vou pedi/i,
  pl: /nigdy o nie nie poproszę/i,
};

describe('normalise', () => {
  it.each([
    ['Não', 'nao'],
    ['CZŁOWIEK', 'czlowiek'],
    ['człowiek', 'czlowiek'],
    ['  Olá!  ', 'ola!'],
    ['Chcę rozmawiać z konsultantem', 'chce rozmawiac z konsultantem'],
    ['Żółć', 'zolc'],
    ['Em PORTUGUÊS', 'em portugues'],
  ])('turns %j into %j', (input, output) => {
    expect(normalise(input)).toBe(output);
  });
});

describe('decide: the first message', () => {
  it('greets in the language the NLU found, with the three-button menu', () => {
    const decision = turn({}, text('oi'), understood('pt', 'greeting'), { displayName: 'Maria' });
    expect(decision.language).toBe('pt');
    expect(decision.replies).toHaveLength(1);
    expect(decision.replies[0]?.text).toBe(COPY.pt.greeting('Maria'));
    expect(decision.replies[0]?.quickReplies).toEqual(menuFor('pt'));
    expect(decision.handoff).toBeUndefined();
    expect(decision.records).toEqual([]);
    expect(decision.state).toMatchObject({ language: 'pt', greeted: true, turns: 1 });
    expect(decision.state.offered).toEqual(decision.replies[0]?.quickReplies);
  });

  it.each(LANGUAGES)('greets in %s when the NLU says so', (language) => {
    const decision = turn({}, text('hello'), understood(language, 'greeting'));
    expect(decision.language).toBe(language);
    expect(decision.replies).toEqual([
      { text: COPY[language].greeting(undefined), quickReplies: menuFor(language) },
    ]);
  });

  it('greets the customer by their first name only', () => {
    const decision = turn({}, text('oi'), understood('pt', 'greeting'), { displayName: 'Maria Silva' });
    const greeting = decision.replies[0]?.text ?? '';
    expect(greeting).toBe(COPY.pt.greeting('Maria'));
    expect(greeting).toContain('Maria');
    expect(greeting).not.toContain('Silva');
  });

  it('greets (and does not count a misunderstanding) when the first message is not understood', () => {
    const decision = turn({}, text('my parcel is late'), understood('pl'));
    expect(decision.replies).toEqual([{ text: COPY.pl.greeting(undefined), quickReplies: menuFor('pl') }]);
    expect(decision.handoff).toBeUndefined();
    expect(decision.state.misunderstood).toBeUndefined();
  });

  it('greets again when the customer says hello after the greeting', () => {
    const decision = turn(GREETED.en, text('Hello'), understood('en', 'greeting'));
    expect(decision.replies[0]?.text).toBe(COPY.en.greeting(undefined));
    expect(decision.replies[0]?.quickReplies).toEqual(menuFor('en'));
  });
});

describe('decide: the language', () => {
  it("answers a message in the NLU's language, even if the conversation was in another", () => {
    const decision = turn(GREETED.en, text('tchau'), understood('pt', 'goodbye'));
    expect(decision.language).toBe('pt');
    expect(decision.state.language).toBe('pt');
    expect(decision.replies[0]?.text).toBe(COPY.pt.goodbye);
  });

  it('answers a tap in the conversation language, not the fallback the adapter guessed', () => {
    const decision = turn(GREETED.pl, tap(PAYLOADS.menu), understood('en'));
    expect(decision.language).toBe('pl');
    expect(decision.replies).toEqual([{ text: COPY.pl.menuPrompt, quickReplies: menuFor('pl') }]);
  });

  it('answers a tap on a fresh conversation in the language the adapter guessed', () => {
    const decision = turn({}, tap(PAYLOADS.menu), understood('pt'));
    expect(decision.language).toBe('pt');
    expect(decision.replies[0]?.text).toBe(COPY.pt.menuPrompt);
  });

  it.each([
    ['English please', 'pt', 'en'],
    ['in english', 'pl', 'en'],
    ['em português', 'en', 'pt'],
    ['Em portugues, por favor', 'pl', 'pt'],
    ['po polsku', 'en', 'pl'],
    ['Po polsku proszę', 'pt', 'pl'],
  ] as const)('%j switches from %s to %s, says so and shows the menu', (said, from, to) => {
    const decision = turn(GREETED[from], text(said), understood(to, 'unknown', { languageOverride: true }));
    expect(decision.language).toBe(to);
    expect(decision.state.language).toBe(to);
    expect(decision.replies).toEqual([{ text: COPY[to].languageChanged, quickReplies: menuFor(to) }]);
    expect(decision.handoff).toBeUndefined();
  });

  it('says the language changed for a greeting with a switch ("hi, english please")', () => {
    const decision = turn(
      GREETED.pl,
      text('hi, english please'),
      understood('en', 'greeting', { languageOverride: true }),
    );
    expect(decision.replies[0]?.text).toBe(COPY.en.languageChanged);
  });

  it('answers the question itself when the switch comes with one', () => {
    const decision = turn(
      GREETED.pt,
      text('bye, in english'),
      understood('en', 'goodbye', { languageOverride: true }),
    );
    expect(decision.language).toBe('en');
    expect(decision.replies[0]?.text).toBe(COPY.en.goodbye);
  });

  it('keeps the new language for taps on the next turn', () => {
    const switched = turn(
      GREETED.en,
      text('po polsku'),
      understood('pl', 'unknown', { languageOverride: true }),
    );
    const next = turn(switched.state, tap(PAYLOADS.orderStatus), understood('en'));
    expect(next.language).toBe('pl');
    expect(next.replies[0]?.text).toBe(COPY.pl.askOrderNumber);
  });

  it('lets a switch on the very first message win', () => {
    const decision = turn(
      {},
      text('English please'),
      understood('en', 'unknown', { languageOverride: true }),
    );
    expect(decision.language).toBe('en');
    expect(decision.replies[0]?.text).toBe(COPY.en.languageChanged);
  });
});

describe('plan', () => {
  const resetting = understood('en', 'password_reset', { accountHint: 'ana@example.com' });

  it('starts a password reset for the password_reset intent with an account hint', () => {
    expect(planFor(GREETED.en, text('reset password for ana@example.com'), resetting)).toEqual({
      kind: 'start_password_reset',
      accountHint: 'ana@example.com',
    });
  });

  it('starts a password reset for an account hint while awaiting it, whatever the intent', () => {
    const state: BotConversationState = { ...GREETED.pt, flow: { kind: 'awaiting_account_hint' } };
    expect(
      planFor(
        state,
        text('+55 11 91234-5678'),
        understood('pt', 'unknown', { accountHint: '+5511912345678' }),
      ),
    ).toEqual({ kind: 'start_password_reset', accountHint: '+5511912345678' });
  });

  it('does not start a reset without an account hint', () => {
    expect(
      planFor(GREETED.en, text('I forgot my password'), understood('en', 'password_reset')),
    ).toBeUndefined();
    const awaiting: BotConversationState = { ...GREETED.en, flow: { kind: 'awaiting_account_hint' } };
    expect(planFor(awaiting, text('I do not remember'), understood('en'))).toBeUndefined();
  });

  it('does not start a reset for an account hint outside the reset flow and intent', () => {
    const hint = { accountHint: 'ana@example.com' };
    expect(
      planFor(GREETED.en, text('my mail is ana@example.com'), understood('en', 'unknown', hint)),
    ).toBeUndefined();
    expect(
      planFor(GREETED.en, text('ana@example.com'), understood('en', 'account_details', hint)),
    ).toBeUndefined();
    const tracking: BotConversationState = { ...GREETED.en, flow: { kind: 'awaiting_order_number' } };
    expect(planFor(tracking, text('ana@example.com'), understood('en', 'unknown', hint))).toBeUndefined();
  });

  it('looks up an order for the order_status intent with an order number', () => {
    expect(
      planFor(
        GREETED.pl,
        text('gdzie jest A-123456'),
        understood('pl', 'order_status', { orderNumber: 'A-123456' }),
      ),
    ).toEqual({ kind: 'find_order', orderNumber: 'A-123456' });
  });

  it('looks up an order for an order number while awaiting it, whatever the intent', () => {
    const state: BotConversationState = { ...GREETED.en, flow: { kind: 'awaiting_order_number' } };
    expect(
      planFor(state, text('A-654321'), understood('en', 'unknown', { orderNumber: 'A-654321' })),
    ).toEqual({
      kind: 'find_order',
      orderNumber: 'A-654321',
    });
  });

  it('does not look up an order without an order number, or outside the order flow and intent', () => {
    expect(planFor(GREETED.en, text('where is my order'), understood('en', 'order_status'))).toBeUndefined();
    const awaiting: BotConversationState = { ...GREETED.en, flow: { kind: 'awaiting_order_number' } };
    expect(planFor(awaiting, text('no idea'), understood('en'))).toBeUndefined();
    expect(
      planFor(
        GREETED.en,
        text('cancel A-123456'),
        understood('en', 'cancel_order', { orderNumber: 'A-123456' }),
      ),
    ).toBeUndefined();
    const resettingFlow: BotConversationState = { ...GREETED.en, flow: { kind: 'awaiting_account_hint' } };
    expect(
      planFor(resettingFlow, text('A-123456'), understood('en', 'unknown', { orderNumber: 'A-123456' })),
    ).toBeUndefined();
  });

  it('plans nothing for a tap or a numbered choice, even in a flow', () => {
    const awaiting: BotConversationState = {
      ...GREETED.en,
      flow: { kind: 'awaiting_order_number' },
      offered: menuFor('en'),
    };
    const withNumber = understood('en', 'order_status', { orderNumber: '2' });
    expect(planFor(awaiting, tap(PAYLOADS.orderStatus), withNumber)).toBeUndefined();
    expect(planFor(awaiting, text('2'), withNumber)).toBeUndefined();
  });

  it('plans nothing for a message with a pasted secret, which decide() will not act on', () => {
    // decide() answers a secret with "never share passwords" and ignores any effect result, so an
    // effect planned here would send a reset link (or look up an order) the customer is never told about.
    const state: BotConversationState = { ...GREETED.en, flow: { kind: 'awaiting_account_hint' } };
    const secret = understood('en', 'unknown', { accountHint: 'ana@example.com', containsSecret: true });
    expect(planFor(state, text('ana@example.com password Hunter2!'), secret)).toBeUndefined();
  });
});

describe('decide: password reset', () => {
  it.each(LANGUAGES)('(%s) the intent asks for the e-mail or phone and waits for it', (language) => {
    const decision = turn(GREETED[language], text('forgot password'), understood(language, 'password_reset'));
    expect(decision.replies).toEqual([{ text: COPY[language].askAccountHint, quickReplies: [] }]);
    expect(decision.state.flow).toEqual({ kind: 'awaiting_account_hint' });
    expect(decision.handoff).toBeUndefined();
  });

  it.each(LANGUAGES)('(%s) the menu button asks for the e-mail or phone too', (language) => {
    const decision = turn(GREETED[language], tap(PAYLOADS.passwordReset), understood(language));
    expect(decision.replies).toEqual([{ text: COPY[language].askAccountHint, quickReplies: [] }]);
    expect(decision.state.flow).toEqual({ kind: 'awaiting_account_hint' });
  });

  it.each(LANGUAGES)('(%s) no reset message ever asks for the password', (language) => {
    const copy = COPY[language];
    expect(ASKS_FOR_PASSWORD[language]).toMatch(PASSWORD_REQUEST[language]);
    const ask = turn(GREETED[language], text('forgot password'), understood(language, 'password_reset'));
    expect(ask.replies[0]?.text).not.toMatch(PASSWORD_REQUEST[language]);
    expect(ask.replies[0]?.text).toMatch(NEVER_ASKS[language]);
    for (const message of [
      copy.askAccountHint,
      copy.resetLinkSent,
      copy.resetRateLimited,
      copy.passwordReset,
      copy.neverSharePasswords,
    ]) {
      expect(message).not.toMatch(PASSWORD_REQUEST[language]);
    }
  });

  const awaiting = (language: Language): BotConversationState => ({
    ...GREETED[language],
    flow: { kind: 'awaiting_account_hint' },
  });
  const withHint = (language: Language, accountHint: string) =>
    understood(language, 'unknown', { accountHint });
  const resetResult = (outcome: 'sent' | 'rate_limited' | 'unavailable'): EffectResult => ({
    kind: 'start_password_reset',
    outcome,
  });

  it.each(LANGUAGES)(
    '(%s) a sent link says so, with the menu and person buttons, and ends the flow',
    (language) => {
      const decision = turn(
        awaiting(language),
        text('ana@example.com'),
        withHint(language, 'ana@example.com'),
        {
          effect: resetResult('sent'),
        },
      );
      expect(decision.replies).toEqual([
        { text: COPY[language].resetLinkSent, quickReplies: afterAnswerFor(language) },
      ]);
      expect(decision.state.flow).toBeUndefined();
      expect(decision.handoff).toBeUndefined();
    },
  );

  it.each(LANGUAGES)(
    '(%s) says the same for a known and an unknown account (no account probing)',
    (language) => {
      const known = turn(awaiting(language), text('ana@example.com'), withHint(language, 'ana@example.com'), {
        effect: resetResult('sent'),
      });
      const unknown = turn(
        awaiting(language),
        text('nobody@example.org'),
        withHint(language, 'nobody@example.org'),
        {
          effect: resetResult('sent'),
        },
      );
      expect(known.replies[0]?.text).toBe(COPY[language].resetLinkSent);
      expect(unknown.replies).toEqual(known.replies);
      expect(known.replies[0]?.text).not.toContain('ana@example.com');
    },
  );

  it.each(LANGUAGES)('(%s) too many resets says to use the last link, and ends the flow', (language) => {
    const decision = turn(
      awaiting(language),
      text('ana@example.com'),
      withHint(language, 'ana@example.com'),
      {
        effect: resetResult('rate_limited'),
      },
    );
    expect(decision.replies).toEqual([
      { text: COPY[language].resetRateLimited, quickReplies: afterAnswerFor(language) },
    ]);
    expect(decision.state.flow).toBeUndefined();
  });

  it.each(LANGUAGES)(
    '(%s) no identity provider explains self-service reset, and ends the flow',
    (language) => {
      const decision = turn(
        awaiting(language),
        text('ana@example.com'),
        withHint(language, 'ana@example.com'),
        {
          effect: resetResult('unavailable'),
        },
      );
      expect(decision.replies).toEqual([
        { text: COPY[language].passwordReset, quickReplies: afterAnswerFor(language) },
      ]);
      expect(decision.state.flow).toBeUndefined();
    },
  );

  it('keeps waiting for the hint while none is given (not understood)', () => {
    const decision = turn(awaiting('en'), text('hmm'), understood('en'));
    expect(decision.replies[0]?.text).toBe(COPY.en.notUnderstood);
  });

  it('runs plan and decide together: intent, hint, link sent', () => {
    const first = turn(GREETED.en, text('I forgot my password'), understood('en', 'password_reset'));
    const second = understood('en', 'unknown', { accountHint: 'ana@example.com' });
    const effect = planFor(first.state, text('ana@example.com'), second);
    expect(effect).toEqual({ kind: 'start_password_reset', accountHint: 'ana@example.com' });
    const decision = turn(first.state, text('ana@example.com'), second, { effect: resetResult('sent') });
    expect(decision.replies[0]?.text).toBe(COPY.en.resetLinkSent);
    expect(decision.state.flow).toBeUndefined();
  });
});

describe('decide: a pasted password or code', () => {
  it.each(LANGUAGES)('(%s) gets the never-share reply, keeps the flow and does not echo it', (language) => {
    const state: BotConversationState = { ...GREETED[language], flow: { kind: 'awaiting_account_hint' } };
    const decision = turn(
      state,
      text('Hunter2!xyz'),
      understood(language, 'unknown', { containsSecret: true }),
    );
    expect(decision.replies).toEqual([
      { text: COPY[language].neverSharePasswords, quickReplies: afterAnswerFor(language) },
    ]);
    expect(decision.state.flow).toEqual({ kind: 'awaiting_account_hint' });
    expect(decision.handoff).toBeUndefined();
    expect(JSON.stringify(decision.replies)).not.toContain('Hunter2');
  });

  it('wins over the intent and over an effect result', () => {
    const decision = turn(
      GREETED.en,
      text('talk to a person, my password is Hunter2!'),
      understood('en', 'human_agent', { containsSecret: true }),
      { effect: { kind: 'start_password_reset', outcome: 'sent' } },
    );
    expect(decision.replies[0]?.text).toBe(COPY.en.neverSharePasswords);
    expect(decision.handoff).toBeUndefined();
    expect(decision.state.flow).toBeUndefined();
  });

  it('is not remembered as the first question, so no handoff summary carries it to an agent', () => {
    const first = turn(
      GREETED.en,
      text('my password is Hunter2!'),
      understood('en', 'unknown', { containsSecret: true }),
    );
    expect(JSON.stringify(first.state)).not.toContain('Hunter2');
    const handoff = turn(first.state, text('talk to a person'), understood('en', 'human_agent'));
    expect(handoff.handoff?.summary).not.toContain('Hunter2');
  });
});

describe('decide: order status', () => {
  const awaiting = (language: Language): BotConversationState => ({
    ...GREETED[language],
    flow: { kind: 'awaiting_order_number' },
  });
  const withNumber = (language: Language) => understood(language, 'unknown', { orderNumber: 'A-123456' });

  it.each(LANGUAGES)('(%s) the intent asks for the order number and waits for it', (language) => {
    const decision = turn(GREETED[language], text('where is my order'), understood(language, 'order_status'));
    expect(decision.replies).toEqual([{ text: COPY[language].askOrderNumber, quickReplies: [] }]);
    expect(decision.state.flow).toEqual({ kind: 'awaiting_order_number' });
    expect(decision.handoff).toBeUndefined();
  });

  it.each(LANGUAGES)('(%s) the menu button asks for the order number too', (language) => {
    const decision = turn(GREETED[language], tap(PAYLOADS.orderStatus), understood(language));
    expect(decision.replies).toEqual([{ text: COPY[language].askOrderNumber, quickReplies: [] }]);
    expect(decision.state.flow).toEqual({ kind: 'awaiting_order_number' });
  });

  it.each(LANGUAGES)('(%s) a shareable order is answered with its summary, ending the flow', (language) => {
    const summary = `A-123456 ${language} shipped`;
    const decision = turn(awaiting(language), text('A-123456'), withNumber(language), {
      effect: { kind: 'find_order', outcome: 'shareable', summary },
    });
    expect(decision.replies).toEqual([{ text: summary, quickReplies: afterAnswerFor(language) }]);
    expect(decision.state.flow).toBeUndefined();
    expect(decision.handoff).toBeUndefined();
  });

  it.each(LANGUAGES)('(%s) an order of someone else is not shown, ending the flow', (language) => {
    const decision = turn(awaiting(language), text('A-123456'), withNumber(language), {
      effect: { kind: 'find_order', outcome: 'not_shareable' },
    });
    expect(decision.replies).toEqual([
      { text: COPY[language].orderNotShareable, quickReplies: afterAnswerFor(language) },
    ]);
    expect(decision.state.flow).toBeUndefined();
  });

  it.each(LANGUAGES)('(%s) an unreachable order system says so, ending the flow', (language) => {
    const decision = turn(awaiting(language), text('A-123456'), withNumber(language), {
      effect: { kind: 'find_order', outcome: 'unavailable' },
    });
    expect(decision.replies).toEqual([
      { text: COPY[language].ordersUnavailable, quickReplies: afterAnswerFor(language) },
    ]);
    expect(decision.state.flow).toBeUndefined();
  });
});

describe('decide: knowledge-base answers', () => {
  const topic = (language: Language) =>
    understood(language, 'returns_refunds', { article: 'returns-policy' });

  it.each(LANGUAGES)('(%s) answers with the article, then asks whether it helped', (language) => {
    const decision = turn(GREETED[language], text('how do returns work'), topic(language), { article });
    const copy = COPY[language];
    expect(decision.replies).toHaveLength(2);
    const [answer, question] = decision.replies;
    expect(answer?.text).toContain(ARTICLES[language].title);
    expect(answer?.text).toContain(ARTICLES[language].body);
    expect(answer?.quickReplies).toEqual([]);
    expect(question).toEqual({
      text: copy.kbFeedbackQuestion,
      quickReplies: [
        { label: copy.buttons.yes, payload: 'kb:yes:returns-policy' },
        { label: copy.buttons.no, payload: 'kb:no:returns-policy' },
      ],
    });
    expect(decision.records).toEqual([{ kind: 'kb_answer', article: 'returns-policy', language }]);
    expect(decision.state.offered).toEqual(question?.quickReplies);
    expect(decision.handoff).toBeUndefined();
  });

  it('includes the help-centre link when the article has one', () => {
    const decision = turn(GREETED.en, text('returns?'), topic('en'), { article });
    expect(decision.replies[0]?.text).toContain('https://help.example.com/en/returns-policy');
  });

  it('looks the article up in the language of the answer', () => {
    lookups.length = 0;
    turn(GREETED.en, text('devolução'), topic('pt'), { article });
    expect(lookups).toEqual([['returns-policy', 'pt']]);
  });

  it('answers an article even on the first message', () => {
    const decision = turn({}, text('how do returns work'), topic('en'), { article });
    expect(decision.replies[0]?.text).toContain(ARTICLES.en.title);
    expect(decision.records).toHaveLength(1);
  });

  it('falls back to "not understood" without a record when the article is missing', () => {
    const missing = understood('en', 'returns_refunds', { article: 'no-such-article' });
    const decision = turn(GREETED.en, text('returns?'), missing, { article });
    expect(decision.replies).toEqual([{ text: COPY.en.notUnderstood, quickReplies: menuFor('en') }]);
    expect(decision.records).toEqual([]);
  });

  it('answers no article for an intent that is not a topic', () => {
    const decision = turn(
      GREETED.en,
      text('asdf'),
      understood('en', 'unknown', { article: 'returns-policy' }),
      {
        article,
      },
    );
    expect(decision.records).toEqual([]);
    expect(decision.replies[0]?.text).toBe(COPY.en.notUnderstood);
  });

  it.each(LANGUAGES)('(%s) "yes" thanks the customer and records that the article helped', (language) => {
    const answered = turn(GREETED[language], text('returns?'), topic(language), { article });
    const decision = turn(answered.state, tap(FEEDBACK_PAYLOADS.helped('returns-policy')), understood('en'));
    expect(decision.language).toBe(language);
    // Settled: the satisfaction survey follows, 1 to 5.
    expect(decision.replies).toEqual([
      { text: COPY[language].kbHelped, quickReplies: [] },
      {
        text: COPY[language].surveyQuestion,
        quickReplies: [1, 2, 3, 4, 5].map((rating) => ({
          label: String(rating),
          payload: SURVEY_PAYLOADS.rating(rating),
        })),
      },
    ]);
    expect(decision.records).toEqual([
      { kind: 'kb_feedback', article: 'returns-policy', helped: true, language },
    ]);
    expect(decision.handoff).toBeUndefined();
  });

  it.each(LANGUAGES)('(%s) "no" offers a person and records that the article did not help', (language) => {
    const answered = turn(GREETED[language], text('returns?'), topic(language), { article });
    const decision = turn(
      answered.state,
      tap(FEEDBACK_PAYLOADS.notHelped('returns-policy')),
      understood('en'),
    );
    expect(decision.replies).toEqual([
      { text: COPY[language].kbNotHelped, quickReplies: afterAnswerFor(language) },
    ]);
    expect(decision.records).toEqual([
      { kind: 'kb_feedback', article: 'returns-policy', helped: false, language },
    ]);
  });

  it('reads "1" and "2" on SMS as yes and no to the question', () => {
    const answered = turn(GREETED.en, text('returns?'), topic('en'), { article });
    expect(turn(answered.state, text('1'), understood('en')).records).toEqual([
      { kind: 'kb_feedback', article: 'returns-policy', helped: true, language: 'en' },
    ]);
    expect(turn(answered.state, text('2'), understood('en')).records).toEqual([
      { kind: 'kb_feedback', article: 'returns-policy', helped: false, language: 'en' },
    ]);
  });

  it('records nothing on an ordinary turn', () => {
    expect(turn(GREETED.en, text('bye'), understood('en', 'goodbye')).records).toEqual([]);
    expect(turn(GREETED.en, tap(PAYLOADS.menu), understood('en')).records).toEqual([]);
  });
});

describe('decide: handing off to a person', () => {
  it.each(LANGUAGES)(
    '(%s) the human_agent intent hands off to support with one reply and no buttons',
    (language) => {
      const decision = turn(GREETED[language], text('a person please'), understood(language, 'human_agent'));
      expect(decision.handoff).toMatchObject({
        team: 'support',
        priority: 1,
        reason: 'customer_asked_for_a_person',
      });
      expect(decision.replies).toEqual([{ text: handoffText(language, 10), quickReplies: [] }]);
      expect(decision.state.offered).toEqual([]);
    },
  );

  it.each(LANGUAGES)('(%s) the "talk to a person" button hands off too', (language) => {
    const decision = turn(GREETED[language], tap(PAYLOADS.human), understood(language));
    expect(decision.handoff).toMatchObject({ team: 'support', reason: 'customer_asked_for_a_person' });
    expect(decision.replies).toEqual([{ text: handoffText(language, 10), quickReplies: [] }]);
  });

  it('hands off on the very first message when that is what the customer asks', () => {
    const decision = turn({}, text('talk to a person'), understood('en', 'human_agent'));
    expect(decision.handoff).toBeDefined();
    expect(decision.replies).toHaveLength(1);
    expect(decision.replies[0]?.text).toBe(handoffText('en', 10));
  });

  it('routes a request for a person about payments to billing, with its wait', () => {
    const decision = turn(
      GREETED.en,
      text('person about my invoice'),
      understood('en', 'human_agent', { secondaryIntent: 'payments_invoices' }),
    );
    expect(decision.handoff).toMatchObject({ team: 'billing', priority: 1 });
    expect(decision.replies[0]?.text).toBe(handoffText('en', 20));
  });

  it.each(LANGUAGES)('(%s) a complaint about payments goes to billing with a raised priority', (language) => {
    const decision = turn(
      GREETED[language],
      text('you charged me twice'),
      understood(language, 'complaint', { secondaryIntent: 'payments_invoices' }),
    );
    expect(decision.handoff).toMatchObject({ team: 'billing', priority: 2, reason: 'complaint' });
    expect(decision.handoff?.summary).toContain('payments_invoices');
    expect(decision.replies).toEqual([{ text: handoffText(language, 20), quickReplies: [] }]);
  });

  it('routes a complaint about delivery to orders, and a plain complaint to support', () => {
    const delivery = turn(
      GREETED.en,
      text('late again'),
      understood('en', 'complaint', { secondaryIntent: 'shipping_delivery' }),
    );
    expect(delivery.handoff).toMatchObject({ team: 'orders', reason: 'complaint' });
    expect(delivery.replies[0]?.text).toBe(handoffText('en', 15));
    const plain = turn(GREETED.en, text('terrible service'), understood('en', 'complaint'));
    expect(plain.handoff).toMatchObject({ team: 'support', priority: 2, reason: 'complaint' });
    expect(plain.handoff?.summary).toContain('Topic: complaint');
  });

  it('does not hand off an ordinary question', () => {
    expect(
      turn(GREETED.en, text('where is my order'), understood('en', 'order_status')).handoff,
    ).toBeUndefined();
    expect(turn(GREETED.en, tap(PAYLOADS.orderStatus), understood('en')).handoff).toBeUndefined();
  });

  describe('priority', () => {
    const priority = (understanding: Understanding, said = 'I need help with this', extra: Extra = {}) =>
      turn(GREETED.en, text(said), understanding, extra).handoff?.priority;

    it('is 1 for a calm request for a person', () => {
      expect(priority(understood('en', 'human_agent'))).toBe(1);
    });

    it('rises with anger, urgency, shouting and a repeat contact', () => {
      expect(priority(understood('en', 'human_agent', { angry: true }))).toBe(2);
      expect(priority(understood('en', 'human_agent', { urgent: true }))).toBe(2);
      expect(priority(understood('en', 'human_agent'), 'I NEED A PERSON NOW')).toBe(2);
      expect(priority(understood('en', 'human_agent'), 'need a person', { repeatContact: true })).toBe(2);
      expect(priority(understood('en', 'complaint', { angry: true }))).toBe(3);
      expect(priority(understood('en', 'complaint', { angry: true, urgent: true }))).toBe(4);
    });

    it('is capped at 4', () => {
      const everything = understood('en', 'complaint', { angry: true, urgent: true });
      expect(priority(everything, 'THIS IS UNACCEPTABLE', { repeatContact: true })).toBe(4);
    });

    it('is raised for a repeat contact when not understood twice', () => {
      const state: BotConversationState = { ...GREETED.en, misunderstood: 1 };
      const decision = turn(state, text('zzz'), understood('en'), { repeatContact: true });
      expect(decision.handoff).toMatchObject({ reason: 'not_understood_twice', priority: 2 });
    });
  });

  describe('summary', () => {
    it("carries the customer's first question and their last message", () => {
      const first = turn(GREETED.en, text('my refund for A-123456 never arrived'), understood('en'));
      const second = turn(first.state, text('agent please'), understood('en', 'human_agent'));
      const summary = second.handoff?.summary ?? '';
      expect(summary).toContain('my refund for A-123456 never arrived');
      expect(summary).toContain('agent please');
    });

    it('carries the first question on a tap on the person button', () => {
      const first = turn({}, text('do you ship to Lisbon?'), understood('en'));
      const decision = turn(first.state, tap(PAYLOADS.human), understood('en'));
      expect(decision.handoff?.summary).toContain('do you ship to Lisbon?');
    });

    it('keeps the first question, not a later one, and at most 200 characters of it', () => {
      const long = `${'x'.repeat(250)}`;
      const first = turn({}, text(long), understood('en'));
      expect(first.state.firstQuestion).toBe('x'.repeat(200));
      const second = turn(first.state, text('another question'), understood('en'));
      expect(second.state.firstQuestion).toBe('x'.repeat(200));
    });

    it('names the topic', () => {
      const decision = turn(
        GREETED.en,
        text('human about my subscription'),
        understood('en', 'human_agent', { secondaryIntent: 'subscription' }),
      );
      expect(decision.handoff?.summary).toContain('Topic: subscription');
    });
  });

  it('ends any flow on a handoff', () => {
    const state: BotConversationState = { ...GREETED.en, flow: { kind: 'awaiting_order_number' } };
    const decision = turn(state, tap(PAYLOADS.human), understood('en'));
    expect(decision.handoff).toBeDefined();
    expect(decision.state.flow).toBeUndefined();
  });
});

describe('decide: not understood', () => {
  it.each(LANGUAGES)('(%s) once: "not understood" with the menu, and counted', (language) => {
    const decision = turn(GREETED[language], text('asdf qwerty'), understood(language));
    expect(decision.replies).toEqual([
      { text: COPY[language].notUnderstood, quickReplies: menuFor(language) },
    ]);
    expect(decision.handoff).toBeUndefined();
    expect(decision.state.misunderstood).toBe(1);
  });

  it.each(LANGUAGES)('(%s) twice in a row: hands off to support', (language) => {
    const once = turn(GREETED[language], text('asdf'), understood(language));
    const twice = turn(once.state, text('qwerty'), understood(language));
    expect(twice.handoff).toMatchObject({ team: 'support', reason: 'not_understood_twice' });
    expect(twice.handoff?.summary).toContain('Topic: not understood');
    expect(twice.replies).toEqual([{ text: handoffText(language, 10), quickReplies: [] }]);
    expect(twice.state.misunderstood).toBeUndefined();
  });

  it('does not hand off when something was understood in between', () => {
    const once = turn(GREETED.en, text('asdf'), understood('en'));
    const understoodTurn = turn(once.state, text('bye'), understood('en', 'goodbye'));
    expect(understoodTurn.state.misunderstood).toBeUndefined();
    const again = turn(understoodTurn.state, text('qwerty'), understood('en'));
    expect(again.handoff).toBeUndefined();
    expect(again.replies[0]?.text).toBe(COPY.en.notUnderstood);
  });

  it('does not hand off when the customer tapped a button in between', () => {
    const once = turn(GREETED.en, text('asdf'), understood('en'));
    const tapped = turn(once.state, tap(PAYLOADS.menu), understood('en'));
    expect(turn(tapped.state, text('qwerty'), understood('en')).handoff).toBeUndefined();
  });
});

describe('decide: everything else', () => {
  it.each(LANGUAGES)('(%s) says goodbye without buttons', (language) => {
    const decision = turn(GREETED[language], text('thanks, bye'), understood(language, 'goodbye'));
    expect(decision.replies).toEqual([{ text: COPY[language].goodbye, quickReplies: [] }]);
    expect(decision.handoff).toBeUndefined();
  });

  it.each(LANGUAGES)('(%s) explains how to link chats', (language) => {
    const decision = turn(GREETED[language], text('link my account'), understood(language, 'link_account'));
    expect(decision.replies).toEqual([
      { text: COPY[language].linkAccountHowTo, quickReplies: afterAnswerFor(language) },
    ]);
  });

  it('answers a sticker or photo with the text-only reply and the menu', () => {
    const decision = turn(
      GREETED.en,
      { kind: 'message', text: '', unreadableContent: 'sticker' },
      understood('en'),
    );
    expect(decision.replies).toEqual([{ text: COPY.en.unreadableContent, quickReplies: menuFor('en') }]);
    expect(decision.handoff).toBeUndefined();
  });

  it('answers unreadable content with a caption as a text message', () => {
    const decision = turn(
      GREETED.pt,
      { kind: 'message', text: 'tchau', unreadableContent: 'photo' },
      understood('pt', 'goodbye'),
    );
    expect(decision.replies[0]?.text).toBe(COPY.pt.goodbye);
  });

  it.each(LANGUAGES)(
    '(%s) shows the menu prompt on "main menu" and on a button no longer offered',
    (language) => {
      const expected = [{ text: COPY[language].menuPrompt, quickReplies: menuFor(language) }];
      expect(turn(GREETED[language], tap(PAYLOADS.menu), understood(language)).replies).toEqual(expected);
      expect(turn(GREETED[language], tap('menu:something_removed'), understood(language)).replies).toEqual(
        expected,
      );
    },
  );
});

describe('decide: state', () => {
  it('counts turns', () => {
    expect(turn({}, text('hi'), understood('en', 'greeting')).state.turns).toBe(1);
    expect(turn({ ...GREETED.en, turns: 4 }, text('asdf'), understood('en')).state.turns).toBe(5);
    expect(turn({ ...GREETED.en, turns: 4 }, tap(PAYLOADS.human), understood('en')).state.turns).toBe(5);
    expect(
      turn({ ...GREETED.en, turns: 7 }, text('x'), understood('en'), {
        effect: { kind: 'find_order', outcome: 'unavailable' },
      }).state.turns,
    ).toBe(8);
  });

  it('does not change the state it was given', () => {
    const original: BotConversationState = {
      ...GREETED.en,
      flow: { kind: 'awaiting_account_hint' },
      misunderstood: 1,
      firstQuestion: 'help',
      offered: menuFor('en'),
    };
    const snapshot = structuredClone(original);
    const frozen = Object.freeze({
      ...original,
      flow: Object.freeze({ ...original.flow }),
      offered: Object.freeze(original.offered?.map((quick) => Object.freeze({ ...quick }))),
    }) as BotConversationState;
    turn(frozen, text('po polsku'), understood('pl', 'unknown', { languageOverride: true }));
    turn(frozen, text('asdf'), understood('en'));
    turn(frozen, tap(PAYLOADS.human), understood('en'));
    turn(frozen, text('x'), understood('en', 'unknown', { accountHint: 'a@b.c' }), {
      effect: { kind: 'start_password_reset', outcome: 'sent' },
    });
    plan(frozen, {
      input: text('a@b.c'),
      understanding: understood('en', 'unknown', { accountHint: 'a@b.c' }),
    });
    expect(frozen).toEqual(snapshot);
  });

  it('remembers the buttons of the last reply for numbered answers', () => {
    const decision = turn(GREETED.en, text('asdf'), understood('en'));
    expect(decision.state.offered).toEqual(menuFor('en'));
    expect(turn(GREETED.en, text('bye'), understood('en', 'goodbye')).state.offered).toEqual([]);
  });
});

describe('buttons and copy', () => {
  it('keeps every payload within 1-64 bytes (Telegram callback_data)', () => {
    for (const payload of Object.values(PAYLOADS)) {
      expect(Buffer.byteLength(payload, 'utf8')).toBeGreaterThanOrEqual(1);
      expect(Buffer.byteLength(payload, 'utf8')).toBeLessThanOrEqual(64);
    }
  });

  it('keeps the feedback payloads of every knowledge-base article within 64 bytes', () => {
    const ids = articleIds();
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      for (const payload of [FEEDBACK_PAYLOADS.helped(id), FEEDBACK_PAYLOADS.notHelped(id)]) {
        expect(Buffer.byteLength(payload, 'utf8'), payload).toBeLessThanOrEqual(64);
      }
    }
  });

  it('offers only buttons with known payloads of at most 64 bytes, in every language, state and intent', () => {
    const known = new Set<string>([
      ...Object.values(PAYLOADS),
      FEEDBACK_PAYLOADS.helped('returns-policy'),
      FEEDBACK_PAYLOADS.notHelped('returns-policy'),
      ...[1, 2, 3, 4, 5].map((rating) => SURVEY_PAYLOADS.rating(rating)),
      SURVEY_PAYLOADS.skip,
      CANCEL_PAYLOADS.keep,
    ]);
    const effects: Array<EffectResult | undefined> = [
      undefined,
      { kind: 'start_password_reset', outcome: 'sent' },
      { kind: 'find_order', outcome: 'not_shareable' },
    ];
    let checked = 0;
    for (const language of LANGUAGES) {
      const states: BotConversationState[] = [
        {},
        GREETED[language],
        { ...GREETED[language], misunderstood: 1 },
        { ...GREETED[language], flow: { kind: 'awaiting_order_number' } },
      ];
      const understandings = INTENTS.map((intent) =>
        understood(language, intent, { article: 'returns-policy', secondaryIntent: 'payments_invoices' }),
      );
      for (const state of states) {
        const inputs: Array<[BotInput, Understanding]> = [
          ...understandings.map((understanding): [BotInput, Understanding] => [
            text('something'),
            understanding,
          ]),
          [text('secret'), understood(language, 'unknown', { containsSecret: true })],
          [{ kind: 'message', text: '', unreadableContent: 'voice' }, understood(language)],
          ...[...Object.values(PAYLOADS), ...known].map((payload): [BotInput, Understanding] => [
            tap(payload),
            understood(language),
          ]),
        ];
        for (const [input, understanding] of inputs) {
          for (const effect of effects) {
            const decision = turn(state, input, understanding, { article, ...(effect ? { effect } : {}) });
            expect(decision.replies.length).toBeGreaterThan(0);
            for (const reply of decision.replies) {
              expect(reply.text.trim()).not.toBe('');
              for (const quick of reply.quickReplies) {
                expect(known.has(quick.payload), quick.payload).toBe(true);
                expect(Buffer.byteLength(quick.payload, 'utf8')).toBeLessThanOrEqual(64);
                expect(quick.label.trim()).not.toBe('');
                checked += 1;
              }
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  // Every key of BotCopy: the compiler rejects this object when a key is added to or removed from BotCopy.
  const COPY_KEYS: Record<keyof BotCopy, 'string' | 'function' | 'object'> = {
    greeting: 'function',
    menuPrompt: 'string',
    notUnderstood: 'string',
    unreadableContent: 'string',
    passwordReset: 'string',
    orderStatus: 'string',
    handoff: 'string',
    languageChanged: 'string',
    askAccountHint: 'string',
    resetLinkSent: 'string',
    resetRateLimited: 'string',
    neverSharePasswords: 'string',
    askOrderNumber: 'string',
    orderNotShareable: 'string',
    ordersUnavailable: 'string',
    kbFeedbackQuestion: 'string',
    kbHelped: 'string',
    kbNotHelped: 'string',
    goodbye: 'string',
    linkAccountHowTo: 'string',
    linkCodeIssued: 'function',
    linkDone: 'string',
    linkInvalid: 'string',
    confirmCancel: 'function',
    cancelKept: 'string',
    surveyQuestion: 'string',
    surveyCommentQuestion: 'string',
    surveyThanks: 'string',
    handoffWait: 'function',
    buttons: 'object',
  };
  const BUTTON_KEYS: Record<keyof BotCopy['buttons'], true> = {
    passwordReset: true,
    orderStatus: true,
    human: true,
    menu: true,
    yes: true,
    no: true,
    skip: true,
  };

  it('has every key of the catalogue, and no other, in en, pt and pl', () => {
    expect(Object.keys(COPY).sort()).toEqual([...LANGUAGES].sort());
    for (const language of LANGUAGES) {
      expect(Object.keys(COPY[language]).sort(), language).toEqual(Object.keys(COPY_KEYS).sort());
      expect(Object.keys(COPY[language].buttons).sort(), language).toEqual(Object.keys(BUTTON_KEYS).sort());
      for (const [key, type] of Object.entries(COPY_KEYS)) {
        expect(typeof COPY[language][key as keyof BotCopy], `${language}.${key}`).toBe(type);
      }
    }
  });

  it('translates every catalogue string: non-empty and different in each language', () => {
    const strings = (language: Language): Record<string, string> => {
      const { greeting, handoffWait, linkCodeIssued, confirmCancel, buttons, ...rest } = COPY[language];
      return {
        ...rest,
        linkCodeIssued: linkCodeIssued('123456'),
        confirmCancel: confirmCancel('A-100002'),
        greetingWithoutName: greeting(undefined),
        greetingWithName: greeting('Ana'),
        handoffWait: handoffWait(15),
        ...Object.fromEntries(Object.entries(buttons).map(([key, value]) => [`button.${key}`, value])),
      };
    };
    const byLanguage = Object.fromEntries(LANGUAGES.map((language) => [language, strings(language)]));
    const keys = Object.keys(strings('en'));
    // greeting is checked with and without a name, buttons one by one.
    expect(keys).toHaveLength(Object.keys(COPY_KEYS).length + Object.keys(BUTTON_KEYS).length);
    for (const key of keys) {
      const values = LANGUAGES.map((language) => byLanguage[language]?.[key]);
      for (const value of values) {
        expect(typeof value, key).toBe('string');
        expect(value?.trim(), key).not.toBe('');
      }
      expect(new Set(values).size, `${key} must differ between languages`).toBe(LANGUAGES.length);
    }
  });

  it('puts the name into the greeting only when there is one', () => {
    for (const language of LANGUAGES) {
      expect(COPY[language].greeting('Ana')).toContain('Ana');
      expect(COPY[language].greeting(undefined)).not.toContain('undefined');
    }
  });

  it("puts the team's wait into the handoff message", () => {
    for (const language of LANGUAGES) {
      expect(COPY[language].handoffWait(37)).toContain('37');
    }
  });
});

describe('numbered replies (channels without buttons)', () => {
  it('treats "2" as a tap on the second button of the last reply', () => {
    const first = turn({}, text('hi'), understood('en', 'greeting'));
    const second = turn(first.state, text('2'), understood('en'));
    expect(second.replies).toEqual(turn(first.state, tap(PAYLOADS.orderStatus), understood('en')).replies);
    expect(second.replies[0]?.text).toBe(COPY.en.askOrderNumber);
    expect(second.state.flow).toEqual({ kind: 'awaiting_order_number' });
  });

  it('hands off on SMS "3" and " #3. " when the third button is "talk to a person"', () => {
    const first = turn({}, text('oi'), understood('pt', 'greeting'));
    for (const said of ['3', ' #3. ']) {
      const decision = turn(first.state, text(said), understood('pt'));
      expect(decision.handoff, said).toMatchObject({
        team: 'support',
        reason: 'customer_asked_for_a_person',
      });
      expect(decision.replies[0]?.text).toBe(handoffText('pt', 10));
    }
  });

  it('does not read a number as a choice when none was offered, or beyond the offer', () => {
    const afterHandoff = turn({}, tap(PAYLOADS.human), understood('en'));
    expect(afterHandoff.state.offered).toEqual([]);
    const afterGreeting = turn({}, text('hi'), understood('en', 'greeting'));
    expect(numberedChoice('4', afterGreeting.state.offered)).toBeUndefined();
    expect(numberedChoice('0', afterGreeting.state.offered)).toBeUndefined();
    expect(numberedChoice('12345', [{ label: 'a', payload: 'a' }])).toBeUndefined();
    expect(turn(afterGreeting.state, text('4'), understood('en')).handoff).toBeUndefined();
  });
});

describe('linking chats with a one-time code', () => {
  const understood = (text: string, linkCode?: string): BotTurnContext => ({
    input: { kind: 'message', text },
    understanding: {
      language: 'en',
      intent: 'link_account',
      confidence: 0.9,
      article: null,
      ...(linkCode ? { linkCode } : {}),
    },
  });

  it('plans a new code when the customer asks to link, and redeems one when they send LINK <code>', () => {
    expect(plan({ greeted: true }, understood('link my accounts'))).toEqual({ kind: 'issue_link_code' });
    expect(plan({ greeted: true }, understood('LINK 123456', '123456'))).toEqual({
      kind: 'redeem_link_code',
      code: '123456',
    });
  });

  it('gives the code with the instructions, and confirms or refuses the redemption', () => {
    const issued = decide(
      { greeted: true },
      { ...understood('link my accounts'), effect: { kind: 'issue_link_code', code: '654321' } },
    );
    expect(issued.replies[0]?.text).toBe(COPY.en.linkCodeIssued('654321'));
    expect(issued.replies[0]?.text).toContain('LINK 654321');
    const linked = decide(
      { greeted: true },
      { ...understood('LINK 654321', '654321'), effect: { kind: 'redeem_link_code', outcome: 'linked' } },
    );
    expect(linked.replies[0]?.text).toBe(COPY.en.linkDone);
    const refused = decide(
      { greeted: true },
      { ...understood('LINK 000000', '000000'), effect: { kind: 'redeem_link_code', outcome: 'invalid' } },
    );
    expect(refused.replies[0]?.text).toBe(COPY.en.linkInvalid);
  });
});

describe('the satisfaction survey after a settled request', () => {
  const en = (intent: 'unknown' = 'unknown'): BotTurnContext['understanding'] => ({
    language: 'en',
    intent,
    confidence: 0,
    article: null,
  });

  it('records the rating, asks for an optional comment, then records it and closes the conversation', () => {
    const rated = decide(
      { language: 'en', greeted: true },
      { input: { kind: 'tap', payload: SURVEY_PAYLOADS.rating(4) }, understanding: en() },
    );
    expect(rated.records).toEqual([{ kind: 'survey_rating', rating: 4 }]);
    expect(rated.replies[0]?.text).toBe(COPY.en.surveyCommentQuestion);
    expect(rated.state.flow).toEqual({ kind: 'awaiting_survey_comment' });
    expect(rated.resolve).toBeUndefined();

    const commented = decide(rated.state, {
      input: { kind: 'message', text: 'Quick and clear, thanks' },
      understanding: en(),
    });
    expect(commented.records).toEqual([{ kind: 'survey_comment', comment: 'Quick and clear, thanks' }]);
    expect(commented.replies[0]?.text).toBe(COPY.en.surveyThanks);
    expect(commented.resolve).toBe(true);
  });

  it('closes without a comment when the customer skips it', () => {
    const skipped = decide(
      { language: 'pl', greeted: true, flow: { kind: 'awaiting_survey_comment' } },
      { input: { kind: 'tap', payload: SURVEY_PAYLOADS.skip }, understanding: en() },
    );
    expect(skipped.replies[0]?.text).toBe(COPY.pl.surveyThanks);
    expect(skipped.records).toEqual([]);
    expect(skipped.resolve).toBe(true);
  });
});

describe('cancelling an order', () => {
  const asked = (text: string, orderNumber?: string): BotTurnContext => ({
    input: { kind: 'message', text },
    understanding: {
      language: 'en',
      intent: 'cancel_order',
      confidence: 0.9,
      article: null,
      ...(orderNumber ? { orderNumber } : {}),
    },
  });

  it('asks the customer to confirm before anything is cancelled', () => {
    expect(plan({ greeted: true }, asked('cancel order A-100002', 'A-100002'))).toBeUndefined();
    const decision = decide({ greeted: true }, asked('cancel order A-100002', 'A-100002'));
    expect(decision.replies[0]?.text).toBe(COPY.en.confirmCancel('A-100002'));
    expect(decision.replies[0]?.quickReplies.map((button) => button.payload)).toEqual([
      CANCEL_PAYLOADS.confirm('A-100002'),
      CANCEL_PAYLOADS.keep,
    ]);
  });

  it('cancels only after the confirming tap, and keeps the order on "no"', () => {
    const tap = (payload: string): BotTurnContext => ({
      input: { kind: 'tap', payload },
      understanding: { language: 'en', intent: 'unknown', confidence: 0, article: null },
    });
    expect(plan({ greeted: true }, tap(CANCEL_PAYLOADS.confirm('A-100002')))).toEqual({
      kind: 'cancel_order',
      orderNumber: 'A-100002',
    });
    const done = decide(
      { greeted: true },
      {
        ...tap(CANCEL_PAYLOADS.confirm('A-100002')),
        effect: { kind: 'cancel_order', outcome: 'cancelled', text: 'Done: order A-100002 is cancelled.' },
      },
    );
    expect(done.replies[0]?.text).toBe('Done: order A-100002 is cancelled.');
    const stranger = decide(
      { greeted: true },
      {
        ...tap(CANCEL_PAYLOADS.confirm('A-100002')),
        effect: { kind: 'cancel_order', outcome: 'not_shareable' },
      },
    );
    expect(stranger.replies[0]?.text).toBe(COPY.en.orderNotShareable);
    expect(plan({ greeted: true }, tap(CANCEL_PAYLOADS.keep))).toBeUndefined();
    expect(decide({ greeted: true }, tap(CANCEL_PAYLOADS.keep)).replies[0]?.text).toBe(COPY.en.cancelKept);
  });
});
