import { describe, expect, it } from 'vitest';
import { numberedChoice, numberedOptions } from '../../../../../shared/channels/sms/choices.ts';
import type { QuickReply } from '../../../../../shared/domain/messages.ts';

const OFFERED: QuickReply[] = [
  { label: 'Reset my password', payload: 'flow:password_reset' },
  { label: 'Order status', payload: 'flow:order_status' },
  { label: 'Falar com atendente', payload: 'handoff' },
];

describe('numberedOptions', () => {
  it('numbers the labels from 1 and ends with the prompt', () => {
    expect(numberedOptions(OFFERED)).toBe(
      '1. Reset my password\n2. Order status\n3. Falar com atendente\nReply with a number.',
    );
    expect(numberedOptions(OFFERED.slice(0, 1), 'Responda com um número.')).toBe(
      '1. Reset my password\nResponda com um número.',
    );
  });
});

describe('numberedChoice', () => {
  it.each(['1', ' 1 ', '1.', '1)', '#1', '# 1', '(1', '01', '1️⃣', '１'])(
    'recognises %j as the first option',
    (text) => {
      expect(numberedChoice(text, OFFERED)).toBe(OFFERED[0]);
    },
  );

  it('recognises the other numbers', () => {
    expect(numberedChoice('2', OFFERED)).toBe(OFFERED[1]);
    expect(numberedChoice('3.', OFFERED)).toBe(OFFERED[2]);
  });

  it('ignores numbers that were not offered', () => {
    for (const text of ['0', '4', '10', '999']) expect(numberedChoice(text, OFFERED)).toBeUndefined();
  });

  it('ignores text that only contains a number', () => {
    for (const text of ['1 please', 'option 2', 'I have 2 orders', '1.5', '12345', '-1', '']) {
      expect(numberedChoice(text, OFFERED)).toBeUndefined();
    }
  });

  it('recognises a label typed out, ignoring case, spacing and accents', () => {
    expect(numberedChoice('  reset MY   password ', OFFERED)).toBe(OFFERED[0]);
    expect(numberedChoice('falar com atendênte', OFFERED)).toBe(OFFERED[2]);
    expect(numberedChoice('reset my password now', OFFERED)).toBeUndefined();
  });

  it('offers nothing when nothing was offered', () => {
    expect(numberedChoice('1', [])).toBeUndefined();
  });
});
