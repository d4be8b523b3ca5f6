import { describe, expect, it } from 'vitest';
import { fuzzyEquals, fuzzyStartsWith, withinOneEdit } from '../../../../../bots/support/nlu/text/fuzzy.ts';
import { fold, isShouting, MAX_CHARS, tokenise } from '../../../../../bots/support/nlu/text/normalise.ts';

describe('fold', () => {
  it('drops diacritics, including ł, and lowercases', () => {
    expect(fold('Não consigo ENTRAR')).toBe('nao consigo entrar');
    expect(fold('Nie mogę się ZALOGOWAĆ, Łódź')).toBe('nie moge sie zalogowac, lodz');
    expect(fold('Cadê meu pedido? Ação!')).toBe('cade meu pedido? acao!');
  });

  it('drops apostrophes so "can\'t" and "cant" are one word', () => {
    expect(fold("I can't log in, where’s my order")).toBe('i cant log in, wheres my order');
  });

  it('collapses letters stretched three or more times', () => {
    expect(fold('bom diaaaa, oiiii, helloo')).toBe('bom dia, oi, helloo');
  });
});

describe('tokenise', () => {
  it('splits on punctuation and keeps digits', () => {
    expect(tokenise('Order #55102 - status?')).toEqual(['order', '55102', 'status']);
  });

  it('maps meaningful emoji to tokens and drops the rest', () => {
    expect(tokenise('you people 😡😡 🚀')).toEqual(['you', 'people', ':anger:', ':anger:']);
    expect(tokenise('obrigado 🙏👍')).toEqual(['obrigado', ':thanks:', ':ok:']);
  });

  it('reads at most MAX_CHARS characters', () => {
    expect(tokenise('word '.repeat(MAX_CHARS)).length).toBe(MAX_CHARS / 5);
  });

  it('copes with empty text, lone surrogates and control characters', () => {
    expect(tokenise('')).toEqual([]);
    expect(tokenise('\uD800\u0000\uDFFF')).toEqual([]);
  });
});

describe('isShouting', () => {
  it('is true for capitals only when there are enough letters', () => {
    expect(isShouting('WHERE IS MY ORDER')).toBe(true);
    expect(isShouting('OK')).toBe(false);
    expect(isShouting('Where is my ORDER')).toBe(false);
  });
});

describe('fuzzy matching (Damerau-Levenshtein ≤ 1)', () => {
  it('accepts one substitution, insertion, deletion or swap', () => {
    expect(withinOneEdit('password', 'pasword')).toBe(true);
    expect(withinOneEdit('cancel', 'cancle')).toBe(true);
    expect(withinOneEdit('senha', 'senhas')).toBe(true);
    expect(withinOneEdit('order', 'ordar')).toBe(true);
    expect(withinOneEdit('order', 'odrer')).toBe(true);
    expect(withinOneEdit('order', 'ordered')).toBe(false);
    expect(withinOneEdit('refund', 'fund')).toBe(false);
  });

  it('needs 5+ letters and the same first letter', () => {
    expect(fuzzyEquals('pasword', 'password')).toBe(true);
    expect(fuzzyEquals('card', 'cart')).toBe(false);
    expect(fuzzyEquals('tenha', 'senha')).toBe(false);
  });

  it('matches prefixes with a typo inside the stem, not at its end', () => {
    expect(fuzzyStartsWith('zalogowac', 'zalog')).toBe(true);
    expect(fuzzyStartsWith('zalgowac', 'zalog')).toBe(true);
    expect(fuzzyStartsWith('cancle', 'cancel')).toBe(true);
    expect(fuzzyStartsWith('zalozyc', 'zalog')).toBe(false);
    expect(fuzzyStartsWith('crack', 'track')).toBe(false);
  });
});
