import { describe, expect, it } from 'vitest';
import { type Intent, understand } from '../../../../../bots/support/nlu/index.ts';

/** [text, intent, article] — a few per intent and language, as customers type them on phones. */
type Case = readonly [string, Intent, string | null];

const CASES: Readonly<Record<'en' | 'pt' | 'pl', readonly Case[]>> = {
  en: [
    ['hello!!', 'greeting', null],
    ['good morning 🙂', 'greeting', null],
    ['thanks, bye', 'goodbye', null],
    ['many thanks 🙏', 'goodbye', null],
    ['i forgot my pasword', 'password_reset', 'password-reset-help'],
    ['CANT LOG IN', 'password_reset', 'password-reset-help'],
    ['where is my orderr', 'order_status', 'order-tracking'],
    ['tracking number pls', 'order_status', 'order-tracking'],
    ['pls cancel my purchase', 'cancel_order', 'cancel-order'],
    ['how do I send it back', 'returns_refunds', 'returns-policy'],
    ['still waiting for my refund', 'returns_refunds', 'refund-timing'],
    ['the screen arrived smashed', 'returns_refunds', 'damaged-item'],
    ['do u take apple pay', 'payments_invoices', 'payment-methods'],
    ['where do i find the invoice', 'payments_invoices', 'invoice-download'],
    ['how long is shipping', 'shipping_delivery', 'shipping-times'],
    ['delivery fee?', 'shipping_delivery', 'shipping-costs'],
    ['i want to update my phone number', 'account_details', 'update-contact-details'],
    ['close my account', 'account_details', 'delete-account'],
    ['cancel my alpha plus membership', 'subscription', 'subscription-cancel'],
    ['i need a human', 'human_agent', null],
    ['worst company ever', 'complaint', null],
    ['LINK 102938', 'link_account', null],
    ['is the downtown store open on sunday', 'faq', 'store-hours'],
    ['my headphones stopped working, warranty?', 'faq', 'warranty'],
    ['qwertyuiop', 'unknown', null],
  ],
  pt: [
    ['oiii', 'greeting', null],
    ['boa tarde 🙂', 'greeting', null],
    ['obrigadão, tchau', 'goodbye', null],
    ['valeu 🙏', 'goodbye', null],
    ['esqueci minha senah', 'password_reset', 'password-reset-help'],
    ['NAO CONSIGO ACESSAR MINHA CONTA', 'password_reset', 'password-reset-help'],
    ['cade minha encomenda', 'order_status', 'order-tracking'],
    ['quero o codigo de rastreio', 'order_status', 'order-tracking'],
    ['cancela minha compra pfv', 'cancel_order', 'cancel-order'],
    ['como devolvo o produto', 'returns_refunds', 'returns-policy'],
    ['ainda nao recebi o estorno', 'returns_refunds', 'refund-timing'],
    ['a tela chegou trincada', 'returns_refunds', 'damaged-item'],
    ['aceitam apple pay?', 'payments_invoices', 'payment-methods'],
    ['cade a nota fiscal', 'payments_invoices', 'invoice-download'],
    ['em quantos dias chega a entrega', 'shipping_delivery', 'shipping-times'],
    ['quanto fica o frete', 'shipping_delivery', 'shipping-costs'],
    ['quero atualizar meu endereço', 'account_details', 'update-contact-details'],
    ['encerrar minha conta', 'account_details', 'delete-account'],
    ['cancelar o alpha plus', 'subscription', 'subscription-cancel'],
    ['preciso falar com um atendente humano', 'human_agent', null],
    ['pior empresa do brasil', 'complaint', null],
    ['LINK 102938', 'link_account', null],
    ['a loja abre no feriado?', 'faq', 'store-hours'],
    ['meu fone deu defeito, tem garantia?', 'faq', 'warranty'],
    ['asdkjhasd', 'unknown', null],
  ],
  pl: [
    ['cześć!', 'greeting', null],
    ['dzien dobry 🙂', 'greeting', null],
    ['dzięki, pa', 'goodbye', null],
    ['dziękuję 🙏', 'goodbye', null],
    ['zapomniałam hasła', 'password_reset', 'password-reset-help'],
    ['NIE MOGE SIE ZALOGOWAC', 'password_reset', 'password-reset-help'],
    ['gdzie moja przesyłka', 'order_status', 'order-tracking'],
    ['podajcie numer przesylki', 'order_status', 'order-tracking'],
    ['anulujcie moje zamówienie', 'cancel_order', 'cancel-order'],
    ['jak odesłać produkt', 'returns_refunds', 'returns-policy'],
    ['dalej nie ma zwrotu pieniędzy', 'returns_refunds', 'refund-timing'],
    ['ekran przyszedł pęknięty', 'returns_refunds', 'damaged-item'],
    ['czy mogę płacić apple pay?', 'payments_invoices', 'payment-methods'],
    ['gdzie jest faktura', 'payments_invoices', 'invoice-download'],
    ['ile dni trwa wysyłka', 'shipping_delivery', 'shipping-times'],
    ['ile kosztuje przesyłka', 'shipping_delivery', 'shipping-costs'],
    ['chcę zmienić adres', 'account_details', 'update-contact-details'],
    ['usuńcie moje konto', 'account_details', 'delete-account'],
    ['rezygnuję z alpha plus', 'subscription', 'subscription-cancel'],
    ['proszę o konsultanta', 'human_agent', null],
    ['najgorszy sklep', 'complaint', null],
    ['LINK 102938', 'link_account', null],
    ['czy sklep jest otwarty w niedzielę', 'faq', 'store-hours'],
    ['słuchawki przestały działać, gwarancja?', 'faq', 'warranty'],
    ['qwpoeiru', 'unknown', null],
  ],
};

describe('understand: intents and articles', () => {
  for (const [language, cases] of Object.entries(CASES)) {
    it.each(cases)(`${language}: %s → %s (%s)`, (text, intent, articleId) => {
      const result = understand(text);
      expect({ intent: result.intent, article: result.article }).toEqual({ intent, article: articleId });
      expect(result.confidence).toBeGreaterThanOrEqual(0);
      expect(result.confidence).toBeLessThanOrEqual(1);
    });
  }

  it('reports the text and language with the intent', () => {
    expect(understand('nie mogę się zalogować')).toMatchObject({
      text: 'nie mogę się zalogować',
      language: 'pl',
    });
  });
});

describe('understand: two topics in one message', () => {
  it.each([
    ['I forgot my password, also where is my order?', 'password_reset', 'order_status'],
    ['onde está meu pedido? e preciso da nota fiscal', 'order_status', 'payments_invoices'],
    ['chcę anulować zamówienie i zrezygnować z subskrypcji', 'cancel_order', 'subscription'],
  ])('%s → %s + %s', (text, intent, secondaryIntent) => {
    expect(understand(text)).toMatchObject({ intent, secondaryIntent });
  });

  it('sends an explicit request for a person to a person, keeping the topic', () => {
    expect(understand('I want to speak to an agent about my refund')).toMatchObject({
      intent: 'human_agent',
      secondaryIntent: 'returns_refunds',
      article: null,
    });
  });

  it('treats a complaint with a topic as a complaint', () => {
    expect(understand('absurdo, meu pedido não chegou até hoje')).toMatchObject({
      intent: 'complaint',
      secondaryIntent: 'order_status',
    });
  });

  it('lets the topic win over a greeting or thanks', () => {
    expect(understand('hi! how much is delivery?')).toMatchObject({ intent: 'shipping_delivery' });
    expect(understand('dzięki, a gdzie moja paczka?')).toMatchObject({ intent: 'order_status' });
  });
});

describe('understand: signals for the handoff priority and the language', () => {
  it('flags anger and urgency', () => {
    expect(understand('WHERE IS MY ORDER!!!')).toMatchObject({ intent: 'order_status', angry: true });
    expect(understand('preciso disso urgente, cadê meu pedido')).toMatchObject({ urgent: true });
    expect(understand('gdzie moja paczka 😡')).toMatchObject({ angry: true });
    expect(understand('where is my order')).not.toHaveProperty('angry');
  });

  it('passes on an explicit language request', () => {
    expect(understand('po polsku proszę')).toMatchObject({ language: 'pl', languageOverride: true });
  });

  it('uses the locale hint for very short messages', () => {
    expect(understand('ok', { localeHint: 'pt-BR' }).language).toBe('pt');
    expect(understand('LINK 123456', { localeHint: 'pl' })).toMatchObject({
      language: 'pl',
      intent: 'link_account',
    });
  });

  it('reads very long messages', () => {
    const long = `${'I bought a few things last month and everything was fine, '.repeat(30)}but where is my order now?`;
    expect(understand(long).intent).toBe('order_status');
  });
});
