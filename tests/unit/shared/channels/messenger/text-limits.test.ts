import { describe, expect, it } from 'vitest';
import { shortenWithEllipsis, splitText } from '../../../../../shared/channels/messenger/text-limits.ts';

describe('splitText', () => {
  it('returns short text unchanged as a single part, and one part for empty text', () => {
    expect(splitText('hello world', 2000)).toEqual(['hello world']);
    expect(splitText('', 2000)).toEqual(['']);
  });

  it('cuts after the last space or newline, trimming the whitespace at the cut', () => {
    expect(splitText('aaaa bbbb', 6)).toEqual(['aaaa', 'bbbb']);
    expect(splitText('aaaa\nbbbb', 6)).toEqual(['aaaa', 'bbbb']);
  });

  it('prefers a newline over a later space when both are in the second half of the window', () => {
    expect(splitText('aaaaaa\nbb cc dd', 12)).toEqual(['aaaaaa', 'bb cc dd']);
  });

  it('ignores a break in the first half of the window and cuts hard instead', () => {
    expect(splitText('a bbbbbbbbbbb', 10)).toEqual(['a bbbbbbbb', 'bbb']);
  });

  it('counts UTF-16 units and keeps graphemes whole (skin-tone emoji, flags)', () => {
    expect(splitText('😀😀😀', 4)).toEqual(['😀😀', '😀']);
    expect(splitText('👍🏽👍🏽', 5)).toEqual(['👍🏽', '👍🏽']);
    expect(splitText('🇧🇷🇵🇱', 4)).toEqual(['🇧🇷', '🇵🇱']);
  });

  it('breaks a single grapheme longer than the limit into code points rather than looping', () => {
    const zalgo = `a${'\u0301'.repeat(10)}`;
    const parts = splitText(zalgo, 4);
    expect(parts.join('')).toBe(zalgo);
    expect(parts.every((part) => part.length <= 4)).toBe(true);
  });
});

describe('shortenWithEllipsis', () => {
  it('keeps text within the limit unchanged', () => {
    expect(shortenWithEllipsis('Talk to a person', 20)).toBe('Talk to a person');
    expect(shortenWithEllipsis('x'.repeat(20), 20)).toBe('x'.repeat(20));
  });

  it('cuts longer text to limit - 1 units and adds an ellipsis, without trailing space', () => {
    expect(shortenWithEllipsis('x'.repeat(21), 20)).toBe(`${'x'.repeat(19)}…`);
    expect(shortenWithEllipsis('Rozmawiaj z konsultantem', 20)).toBe('Rozmawiaj z konsult…');
    expect(shortenWithEllipsis('Quero falar com um atendente', 20)).toBe('Quero falar com um…');
  });
});
