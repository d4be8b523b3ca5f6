/**
 * Cutting text to Messenger's limits. Lengths are counted in UTF-16 code units: never more than
 * Meta's "characters" however Meta counts them, and cuts never fall inside a grapheme, so an emoji
 * with a skin tone or a flag stays whole.
 */
const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Splits text into parts of at most `limit` code units, preferring a line break, then a space. */
export function splitText(text: string, limit: number): string[] {
  const units = graphemesWithin(text, limit);
  const parts: string[] = [];
  let start = 0;
  while (start < units.length) {
    let end = start;
    let length = 0;
    while (end < units.length && length + (units[end] as string).length <= limit) {
      length += (units[end] as string).length;
      end++;
    }
    const cut = end < units.length ? breakPoint(units, start, end, limit) : end;
    parts.push(units.slice(start, cut).join('').trimEnd());
    start = cut;
  }
  return parts.length > 0 ? parts : [''];
}

/** Text of at most `limit` code units; longer text is cut at a grapheme boundary and ends with '…'. */
export function shortenWithEllipsis(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let kept = '';
  for (const { segment } of graphemeSegmenter.segment(text)) {
    if (kept.length + segment.length > limit - 1) break;
    kept += segment;
  }
  return `${kept.trimEnd()}…`;
}

/** After the last newline, else the last whitespace, in the second half of the window; else a hard cut. */
function breakPoint(units: readonly string[], start: number, end: number, limit: number): number {
  let length = 0;
  let lastNewline = -1;
  let lastSpace = -1;
  for (let i = start; i < end; i++) {
    const unit = units[i] as string;
    length += unit.length;
    if (length <= limit / 2) continue;
    if (unit.includes('\n')) lastNewline = i;
    else if (/^\s+$/.test(unit)) lastSpace = i;
  }
  if (lastNewline >= 0) return lastNewline + 1;
  if (lastSpace >= 0) return lastSpace + 1;
  return end;
}

/** Graphemes, with any single grapheme longer than the limit broken into code points. */
function graphemesWithin(text: string, limit: number): string[] {
  const units: string[] = [];
  for (const { segment } of graphemeSegmenter.segment(text)) {
    if (segment.length <= limit) units.push(segment);
    else units.push(...Array.from(segment));
  }
  return units;
}
