import { describe, expect, it } from 'vitest';
import { platformPhone } from '../../../../shared/domain/phone.ts';

describe('platformPhone', () => {
  it('writes international digits from a platform as E.164, with or without the plus', () => {
    expect(platformPhone('48600100200')).toBe('+48600100200');
    expect(platformPhone('+48 600-100-200')).toBe('+48600100200');
    expect(platformPhone('5511999990000')).toBe('+5511999990000');
  });

  it('refuses what cannot be an international number', () => {
    for (const value of [
      undefined,
      '',
      '0600100200',
      '12345',
      '1234567890123456',
      'abc',
      '+48 600 100 2OO',
    ]) {
      expect(platformPhone(value), String(value)).toBeUndefined();
    }
  });
});
