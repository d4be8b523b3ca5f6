import { describe, expect, it } from 'vitest';
import { COPY } from '../../../../bots/support/copy.ts';
import {
  type BotConversationState,
  type BotTurnContext,
  decide,
  normalise,
  numberedChoice,
  PAYLOADS,
} from '../../../../bots/support/support-bot.ts';
import type { BotInput } from '../../../../shared/domain/bot-turn.ts';
import { LANGUAGES, type Language } from '../../../../shared/domain/channel.ts';

const GREETED: Record<Language, BotConversationState> = {
  en: { language: 'en', greeted: true, turns: 1 },
  pt: { language: 'pt', greeted: true, turns: 1 },
  pl: { language: 'pl', greeted: true, turns: 1 },
};

const text = (value: string): BotInput => ({ kind: 'message', text: value });
const tap = (payload: string): BotInput => ({ kind: 'tap', payload });

function turn(state: BotConversationState, input: BotInput, context: Omit<BotTurnContext, 'input'> = {}) {
  return decide(state, { input, ...context });
}

function menuFor(language: Language) {
  const labels = COPY[language].buttons;
  return [
    { label: labels.passwordReset, payload: PAYLOADS.passwordReset },
    { label: labels.orderStatus, payload: PAYLOADS.orderStatus },
    { label: labels.human, payload: PAYLOADS.human },
  ];
}

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
  it('greets in Portuguese for a pt-BR locale, with the three-button menu', () => {
    const decision = turn({}, text('oi'), { locale: 'pt-BR', displayName: 'Maria' });
    expect(decision.language).toBe('pt');
    expect(decision.replies).toHaveLength(1);
    expect(decision.replies[0]?.text).toBe(COPY.pt.greeting('Maria'));
    expect(decision.replies[0]?.quickReplies).toEqual(menuFor('pt'));
    expect(decision.handoff).toBeUndefined();
    expect(decision.state).toMatchObject({ language: 'pt', greeted: true, turns: 1 });
    expect(decision.state.offered?.map((button) => button.payload)).toEqual(
      decision.replies[0]?.quickReplies.map((b) => b.payload),
    );
  });

  it('greets the customer by their first name only', () => {
    const decision = turn({}, text('oi'), { locale: 'pt-BR', displayName: 'Maria Silva' });
    const greeting = decision.replies[0]?.text ?? '';
    expect(greeting).toBe(COPY.pt.greeting('Maria'));
    expect(greeting).not.toContain('Silva');
  });

  it('greets even when the first message is not a greeting', () => {
    const decision = turn({}, text('my parcel is late'), { locale: 'pl-PL' });
    expect(decision.replies[0]?.text).toBe(COPY.pl.greeting(undefined));
    expect(decision.replies[0]?.quickReplies).toEqual(menuFor('pl'));
  });

  it('greets in English without a locale, and for a locale it does not speak', () => {
    expect(turn({}, text('hello')).language).toBe('en');
    expect(turn({}, text('hallo'), { locale: 'de-DE' }).language).toBe('en');
    expect(turn({}, text('hallo'), { locale: 'de-DE' }).replies[0]?.text).toBe(COPY.en.greeting(undefined));
  });

  it('lets the remembered language win over the locale hint', () => {
    const decision = turn({}, text('hi'), { locale: 'pt-BR', rememberedLanguage: 'pl' });
    expect(decision.language).toBe('pl');
    expect(decision.replies[0]?.text).toBe(COPY.pl.greeting(undefined));
  });

  it("lets the conversation's language win over the remembered one", () => {
    const decision = turn(GREETED.en, text('hi'), { locale: 'pt-BR', rememberedLanguage: 'pt' });
    expect(decision.language).toBe('en');
    expect(decision.state.language).toBe('en');
  });
});

describe('decide: switching language', () => {
  it.each([
    ['English please', 'pt', 'en'],
    ['in english', 'pl', 'en'],
    ['em português', 'en', 'pt'],
    ['Em portugues, por favor', 'pl', 'pt'],
    ['po polsku', 'en', 'pl'],
    ['Po polsku proszę', 'pt', 'pl'],
  ] as const)('%j switches from %s to %s, says so and shows the menu', (said, from, to) => {
    const decision = turn(GREETED[from], text(said));
    expect(decision.language).toBe(to);
    expect(decision.state.language).toBe(to);
    expect(decision.replies).toHaveLength(1);
    expect(decision.replies[0]?.text).toBe(COPY[to].languageChanged);
    expect(decision.replies[0]?.quickReplies).toEqual(menuFor(to));
  });

  it('keeps the new language on the next turn', () => {
    const switched = turn(GREETED.en, text('po polsku'));
    const next = turn(switched.state, text('asdf qwerty'), { locale: 'en', rememberedLanguage: 'en' });
    expect(next.language).toBe('pl');
    expect(next.replies[0]?.text).toBe(COPY.pl.notUnderstood);
  });

  it('lets a switch on the very first message win over the locale', () => {
    expect(turn({}, text('English please'), { locale: 'pt-BR' }).language).toBe('en');
  });
});

describe('decide: asking for a person', () => {
  it.each([
    ['talk to a person', 'en'],
    ['Can I talk to a human?', 'en'],
    ['quero falar com um atendente', 'pt'],
    ['Quero falar com uma pessoa', 'pt'],
    ['chcę rozmawiać z konsultantem', 'pl'],
    ['CZLOWIEK', 'pl'],
    ['człowiek!', 'pl'],
  ] as const)('%j hands off to support with one reply and no buttons', (said, language) => {
    const decision = turn(GREETED[language], text(said));
    expect(decision.handoff).toMatchObject({ team: 'support' });
    expect(decision.replies).toHaveLength(1);
    expect(decision.replies[0]?.text).toBe(COPY[language].handoff);
    expect(decision.replies[0]?.quickReplies).toEqual([]);
  });

  it('hands off on a tap on the "talk to a person" button', () => {
    const decision = turn(GREETED.pt, tap(PAYLOADS.human));
    expect(decision.handoff).toMatchObject({ team: 'support' });
    expect(decision.replies).toEqual([{ text: COPY.pt.handoff, quickReplies: [] }]);
  });

  it('hands off on the very first message when that is what the customer asks', () => {
    const decision = turn({}, text('talk to a person'));
    expect(decision.handoff).toMatchObject({ team: 'support' });
    expect(decision.replies).toHaveLength(1);
    expect(decision.replies[0]?.text).toBe(COPY.en.handoff);
  });

  it('does not hand off an ordinary question', () => {
    expect(turn(GREETED.en, text('where is my order')).handoff).toBeUndefined();
    expect(turn(GREETED.en, tap(PAYLOADS.orderStatus)).handoff).toBeUndefined();
  });
});

describe('decide: the menu answers', () => {
  const PASSWORD_REQUEST: Record<Language, RegExp> = {
    en: /(send|type|enter|tell|give|share)( me)? (us )?your password/i,
    pt: /(envie|digite|informe|mande|diga)( a)? (sua )?senha/i,
    pl: /(podaj|wpisz|wyślij|prześlij|napisz)( swoje| twoje)? hasło/i,
  };
  const ONE_TIME_LINK: Record<Language, RegExp> = {
    en: /one-time link/i,
    pt: /link de uso único/i,
    pl: /jednorazowy link/i,
  };

  it.each(LANGUAGES)(
    'password reset (%s) never asks for the password and mentions the one-time link valid 30 minutes',
    (language) => {
      const decision = turn(GREETED[language], tap(PAYLOADS.passwordReset));
      expect(decision.replies).toHaveLength(1);
      const answer = decision.replies[0]?.text ?? '';
      expect(answer).toBe(COPY[language].passwordReset);
      expect(answer).not.toMatch(PASSWORD_REQUEST[language]);
      expect(answer).toMatch(ONE_TIME_LINK[language]);
      expect(answer).toMatch(/\b30 minut/);
      expect(decision.replies[0]?.quickReplies.map((reply) => reply.payload)).toEqual([
        PAYLOADS.menu,
        PAYLOADS.human,
      ]);
      expect(decision.handoff).toBeUndefined();
    },
  );

  it.each(LANGUAGES)(
    'order status (%s) explains where to follow the order, with menu and person buttons',
    (language) => {
      const decision = turn(GREETED[language], tap(PAYLOADS.orderStatus));
      expect(decision.replies).toEqual([
        {
          text: COPY[language].orderStatus,
          quickReplies: [
            { label: COPY[language].buttons.menu, payload: PAYLOADS.menu },
            { label: COPY[language].buttons.human, payload: PAYLOADS.human },
          ],
        },
      ]);
    },
  );

  it('shows the menu prompt, not the greeting, on a tap on "main menu"', () => {
    const decision = turn(GREETED.pl, tap(PAYLOADS.menu));
    expect(decision.replies).toEqual([{ text: COPY.pl.menuPrompt, quickReplies: menuFor('pl') }]);
  });
});

describe('decide: everything else', () => {
  it('answers a sticker or photo with the text-only reply and the menu', () => {
    const decision = turn(GREETED.en, { kind: 'message', text: '', unreadableContent: 'sticker' });
    expect(decision.replies).toEqual([{ text: COPY.en.unreadableContent, quickReplies: menuFor('en') }]);
    expect(decision.handoff).toBeUndefined();
  });

  it('answers unreadable content in the conversation language', () => {
    const decision = turn(GREETED.pt, { kind: 'message', text: 'foto', unreadableContent: 'photo' });
    expect(decision.replies[0]?.text).toBe(COPY.pt.unreadableContent);
  });

  it('answers an unknown text after the greeting with "not understood" and the menu', () => {
    const decision = turn(GREETED.en, text('asdf qwerty'));
    expect(decision.replies).toEqual([{ text: COPY.en.notUnderstood, quickReplies: menuFor('en') }]);
  });

  it('answers an unknown button payload after the greeting with "not understood"', () => {
    expect(turn(GREETED.pl, tap('menu:something_removed')).replies[0]?.text).toBe(COPY.pl.notUnderstood);
  });

  it('greets again when the customer says hello after the greeting', () => {
    expect(turn(GREETED.en, text('Hello')).replies[0]?.text).toBe(COPY.en.greeting(undefined));
  });

  it('counts turns', () => {
    expect(turn({}, text('hi')).state.turns).toBe(1);
    expect(turn({ ...GREETED.en, turns: 4 }, text('asdf')).state.turns).toBe(5);
    expect(turn({ ...GREETED.en, turns: 4 }, tap(PAYLOADS.human)).state.turns).toBe(5);
  });

  it('does not change the state it was given', () => {
    const state = Object.freeze({ ...GREETED.en });
    turn(state, text('po polsku'));
    expect(state).toEqual(GREETED.en);
  });
});

describe('buttons and copy', () => {
  it('keeps every payload within 1-64 bytes (Telegram callback_data)', () => {
    for (const payload of Object.values(PAYLOADS)) {
      expect(Buffer.byteLength(payload, 'utf8')).toBeGreaterThanOrEqual(1);
      expect(Buffer.byteLength(payload, 'utf8')).toBeLessThanOrEqual(64);
    }
  });

  it('offers only buttons with known payloads of at most 64 bytes, in every language and state', () => {
    const inputs: BotInput[] = [
      text('hi'),
      text('asdf'),
      text('po polsku'),
      text('talk to a person'),
      { kind: 'message', text: '', unreadableContent: 'voice' },
      ...Object.values(PAYLOADS).map(tap),
    ];
    const known = new Set<string>(Object.values(PAYLOADS));
    for (const language of LANGUAGES) {
      for (const state of [{}, GREETED[language]]) {
        for (const input of inputs) {
          for (const reply of turn(state, input, { locale: language }).replies) {
            expect(reply.text.trim()).not.toBe('');
            for (const quick of reply.quickReplies) {
              expect(known.has(quick.payload)).toBe(true);
              expect(Buffer.byteLength(quick.payload, 'utf8')).toBeLessThanOrEqual(64);
              expect(quick.label.trim()).not.toBe('');
            }
          }
        }
      }
    }
  });

  it('has the same copy keys in en, pt and pl', () => {
    const keys = (language: Language) => Object.keys(COPY[language]).sort();
    const buttonKeys = (language: Language) => Object.keys(COPY[language].buttons).sort();
    expect(Object.keys(COPY).sort()).toEqual([...LANGUAGES].sort());
    for (const language of LANGUAGES) {
      expect(keys(language)).toEqual(keys('en'));
      expect(buttonKeys(language)).toEqual(buttonKeys('en'));
    }
  });

  it('translates every copy string: present, non-empty and different in each language', () => {
    const strings = (language: Language): Record<string, string> => {
      const { greeting, buttons, ...rest } = COPY[language];
      return {
        ...rest,
        greetingWithoutName: greeting(undefined),
        greetingWithName: greeting('Ana'),
        ...Object.fromEntries(Object.entries(buttons).map(([key, value]) => [`button.${key}`, value])),
      };
    };
    const byLanguage = Object.fromEntries(LANGUAGES.map((language) => [language, strings(language)]));
    for (const key of Object.keys(strings('en'))) {
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
});

describe('numbered replies (channels without buttons)', () => {
  it('treats "2" as a tap on the second button of the last reply', () => {
    const first = decide({}, { input: { kind: 'message', text: 'hi' } });
    const second = decide(first.state, { input: { kind: 'message', text: '2' } });
    expect(second.replies[0]?.text).toBe(
      decide(first.state, { input: { kind: 'tap', payload: 'menu:order_status' } }).replies[0]?.text,
    );
  });

  it('hands off on "3." when the third button is "talk to a person"', () => {
    const first = decide({}, { input: { kind: 'message', text: 'hi' } });
    expect(decide(first.state, { input: { kind: 'message', text: ' #3. ' } }).handoff).toBeDefined();
  });

  it('does not read a number as a choice when none was offered, or beyond the offer', () => {
    const afterHandoff = decide({}, { input: { kind: 'tap', payload: 'menu:human_agent' } });
    expect(afterHandoff.state.offered).toEqual([]);
    expect(
      numberedChoice('4', decide({}, { input: { kind: 'message', text: 'hi' } }).state.offered),
    ).toBeUndefined();
    expect(numberedChoice('12345', [{ label: 'a', payload: 'a' }])).toBeUndefined();
  });
});
