import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../../../bots/support/nlu/index.ts';

describe('detectLanguage from the text', () => {
  it.each([
    ['where is my parcel, it was supposed to come yesterday', 'en'],
    ['não recebi o meu pedido ainda', 'pt'],
    ['nao recebi o meu pedido ainda', 'pt'],
    ['vc pode me ajudar com a entrega?', 'pt'],
    ['nie dostałem jeszcze paczki', 'pl'],
    ['nie dostalem jeszcze paczki', 'pl'],
    ['gdzie jest moje zamowienie', 'pl'],
    ['czas dostawy?', 'pl'],
    ['ESQUECI A SENHA', 'pt'],
  ])('%s → %s', (text, language) => {
    const detection = detectLanguage(text);
    expect(detection.language).toBe(language);
    expect(detection.source).toBe('text');
    expect(detection.confidence).toBeGreaterThanOrEqual(0.7);
  });
});

describe('detectLanguage with a locale hint and a remembered language', () => {
  it('uses the platform locale hint when the text is too short to tell', () => {
    for (const text of ['ok', '👍', 'LINK 123456', '55102']) {
      expect(detectLanguage(text, { localeHint: 'pt-BR' })).toMatchObject({ language: 'pt', source: 'hint' });
      expect(detectLanguage(text, { localeHint: 'pl' })).toMatchObject({ language: 'pl', source: 'hint' });
    }
  });

  it('lets a clear text win over the hint (a Brazilian phone set to English)', () => {
    expect(detectLanguage('quero cancelar meu pedido', { localeHint: 'en-US' })).toMatchObject({
      language: 'pt',
      source: 'text',
    });
  });

  it('ignores hints for languages we do not speak and falls back to the remembered language', () => {
    expect(detectLanguage('ok', { localeHint: 'de', remembered: 'pl' })).toMatchObject({
      language: 'pl',
      source: 'remembered',
    });
    expect(detectLanguage('👍', { remembered: 'pt' })).toMatchObject({
      language: 'pt',
      source: 'remembered',
    });
  });

  it('defaults to English when nothing says otherwise', () => {
    expect(detectLanguage('')).toMatchObject({ language: 'en', source: 'default' });
  });
});

describe('explicit language requests', () => {
  it.each([
    ['English please', 'en'],
    ['can you speak english?', 'en'],
    ['em português', 'pt'],
    ['fala português?', 'pt'],
    ['po polsku', 'pl'],
    ['po polsku proszę, gdzie moja paczka', 'pl'],
    ['in Polish', 'pl'],
    ['Polski', 'pl'],
    ['pode responder em inglês?', 'en'],
  ])('%s → %s (override)', (text, language) => {
    expect(detectLanguage(text, { remembered: language === 'en' ? 'pl' : 'en' })).toEqual({
      language,
      confidence: 1,
      override: true,
      source: 'override',
    });
  });

  it('does not treat a mention of a language as a request', () => {
    expect(detectLanguage("I'm Polish and my order is late").override).toBeUndefined();
    expect(detectLanguage('polski sklep internetowy?').override).toBeUndefined();
  });
});
