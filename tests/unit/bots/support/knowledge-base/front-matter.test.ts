import { describe, expect, it } from 'vitest';
import { FrontMatterError, parseMarkdown } from '../../../../../bots/support/knowledge-base/front-matter.ts';

describe('parseMarkdown', () => {
  it('reads strings, quoted strings and flow lists, and trims the body', () => {
    const parsed = parseMarkdown(
      '---\nid: refund-timing # a comment\ntitle: "When will I get my \\"refund\\"?"\ntags: [refund, "money back", \'a, b\']\n---\n\n Body **text**.\n',
    );
    expect(parsed.data).toEqual({
      id: 'refund-timing',
      title: 'When will I get my "refund"?',
      tags: ['refund', 'money back', 'a, b'],
    });
    expect(parsed.body).toBe('Body **text**.');
  });

  it('accepts Windows line endings and a byte-order mark', () => {
    const parsed = parseMarkdown('\uFEFF---\r\nid: x\r\n---\r\nBody\r\n');
    expect(parsed.data).toEqual({ id: 'x' });
    expect(parsed.body).toBe('Body');
  });

  it('rejects a file without front matter or with a malformed line', () => {
    expect(() => parseMarkdown('# Just markdown')).toThrow(FrontMatterError);
    expect(() => parseMarkdown('---\nnot a pair\n---\nBody')).toThrow(/line 1/);
    expect(() => parseMarkdown('---\ntags: [a, b\n---\nBody')).toThrow(/unterminated list/);
  });
});
