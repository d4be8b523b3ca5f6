import { describe, expect, it } from 'vitest';
import { smsSegments } from '../../../../../shared/channels/sms/segments.ts';

describe('smsSegments', () => {
  it.each([
    ['', 'GSM-7', 1],
    ['a'.repeat(160), 'GSM-7', 1],
    ['a'.repeat(161), 'GSM-7', 2],
    ['a'.repeat(306), 'GSM-7', 2],
    ['a'.repeat(307), 'GSM-7', 3],
    ['a'.repeat(1530), 'GSM-7', 10],
    ['ł'.repeat(70), 'UCS-2', 1],
    ['ł'.repeat(71), 'UCS-2', 2],
    ['ł'.repeat(134), 'UCS-2', 2],
    ['ł'.repeat(135), 'UCS-2', 3],
  ] as const)('counts %j as %s in %i segment(s)', (text, encoding, segments) => {
    expect(smsSegments(text)).toEqual({ encoding, segments });
  });

  it('counts extension-table characters (€ [ ] { } ~ ^ | \\) as two septets', () => {
    expect(smsSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', segments: 1 });
    expect(smsSegments('€'.repeat(81))).toEqual({ encoding: 'GSM-7', segments: 2 });
    expect(smsSegments(`${'a'.repeat(159)}]`)).toEqual({ encoding: 'GSM-7', segments: 2 });
  });

  it('keeps GSM-7 for the accented letters in the basic table (é, ñ, ü, à, Ç)', () => {
    expect(smsSegments('éñüàÇ ÄÖ £$¥ @_ ¿¡§')).toEqual({ encoding: 'GSM-7', segments: 1 });
  });

  it('switches the whole text to UCS-2 for one character outside GSM-7 (ç, ã, ł, emoji)', () => {
    for (const char of ['ç', 'ã', 'ł', '😀', '’']) {
      expect(smsSegments(`${'a'.repeat(100)}${char}`).encoding).toBe('UCS-2');
      expect(smsSegments(`${'a'.repeat(100)}${char}`).segments).toBe(2);
    }
  });

  it('counts an emoji as two UTF-16 code units in UCS-2', () => {
    expect(smsSegments('😀'.repeat(35))).toEqual({ encoding: 'UCS-2', segments: 1 });
    expect(smsSegments('😀'.repeat(36))).toEqual({ encoding: 'UCS-2', segments: 2 });
  });
});
