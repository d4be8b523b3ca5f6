import { describe, expect, it } from 'vitest';
import { article } from '../../../../../bots/support/knowledge-base/index.ts';
import {
  detectLanguage,
  detectsPasswordOrSecret,
  INTENTS,
  linkCode,
  redactSecrets,
  understand,
} from '../../../../../bots/support/nlu/index.ts';
import { LANGUAGES } from '../../../../../shared/domain/channel.ts';
import { AWKWARD_ALPHABET, seededRandom } from '../../../helpers/seeded-random.ts';

const WORDS = [
  'password',
  'senha',
  'hasło',
  'order',
  'pedido',
  'zamówienie',
  'LINK',
  '123456',
  'cancel',
  'anulować',
  'refund',
  'reembolso',
  'zwrot',
  'agent',
  'atendente',
  'konsultant',
  'hi',
  'oi',
  'cześć',
  'thanks',
  'obrigado',
  'dzięki',
  '😡',
  '👍',
  '!!!',
  'wifi',
  'alpha plus',
  'ORD-2024-1234',
  '4111 1111 1111 1111',
  'nie',
  'não',
  'the',
];

describe('understand never throws', () => {
  it('for random text, word salad, huge and odd inputs (seeded)', () => {
    const random = seededRandom(20_240_601);
    const inputs: string[] = ['', ' ', '\n', '\0', '\uD800', '😡'.repeat(5000), 'a'.repeat(100_000)];
    for (let i = 0; i < 200; i++) {
      inputs.push(random.stringFrom(AWKWARD_ALPHABET, random.int(0, 80)));
      inputs.push(
        Array.from({ length: random.int(1, 40) }, () => random.pick(WORDS)).join(
          random.pick([' ', '', ', ']),
        ),
      );
    }
    for (const [index, text] of inputs.entries()) {
      const hint = random.pick([undefined, 'pt-BR', 'pl', 'en', 'de', '', 'x'.repeat(100)]);
      const remembered = random.pick([undefined, ...LANGUAGES]);
      const result = understand(text, { localeHint: hint, remembered });
      const where = `input ${index}`;
      expect(INTENTS, where).toContain(result.intent);
      expect(LANGUAGES, where).toContain(result.language);
      expect(result.confidence, where).toBeGreaterThanOrEqual(0);
      expect(result.confidence, where).toBeLessThanOrEqual(1);
      if (result.article !== null)
        expect(article(result.article, result.language)?.intent, where).toBeDefined();
      expect(() => detectLanguage(text), where).not.toThrow();
      expect(() => linkCode(text), where).not.toThrow();
      expect(typeof detectsPasswordOrSecret(text), where).toBe('boolean');
      expect(typeof redactSecrets(text), where).toBe('string');
    }
  });

  it('for values that are not strings at runtime (JSON from a platform can lie)', () => {
    for (const value of [undefined, null, 42, {}, []]) {
      expect(understand(value as unknown as string).intent).toBe('unknown');
      expect(redactSecrets(value as unknown as string)).toBe('');
    }
  });

  it('stays fast on a long message', () => {
    const long = 'my order has not arrived and I want a refund, '.repeat(200);
    const started = performance.now();
    understand(long);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
