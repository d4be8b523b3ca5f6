/**
 * Splits text into parts of at most `limit` characters (code points, so an emoji is never cut in
 * half), preferring line, then word breaks in the later half of each part. Parts are trimmed at
 * the cut and blank parts are dropped: WhatsApp refuses an empty body.
 */
export function splitText(text: string, limit: number): string[] {
  const chars = Array.from(text);
  const parts: string[] = [];
  let start = 0;
  while (chars.length - start > limit) {
    const window = chars.slice(start, start + limit);
    const cut = breakIndex(window, limit) ?? limit;
    parts.push(window.slice(0, cut).join(''));
    start += cut;
  }
  parts.push(chars.slice(start).join(''));
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/**
 * Cuts text into a head and a tail of at most `limit` characters, the tail starting at a line or
 * word break when there is one in its first half. Used when the last part must fit a smaller
 * field (reply-button bodies take 1024 characters, text messages 4096).
 */
export function splitTail(text: string, limit: number): { head: string; tail: string } {
  const chars = Array.from(text.trim());
  if (chars.length <= limit) return { head: '', tail: chars.join('') };
  const from = chars.length - limit;
  const window = chars.slice(from);
  const firstNewline = window.indexOf('\n');
  const firstSpace = window.indexOf(' ');
  const offset =
    firstNewline >= 0 && firstNewline < limit / 2
      ? firstNewline + 1
      : firstSpace >= 0 && firstSpace < limit / 2
        ? firstSpace + 1
        : 0;
  const tail = chars
    .slice(from + offset)
    .join('')
    .trim();
  const head = chars
    .slice(0, from + offset)
    .join('')
    .trim();
  // The text ends in a non-space character, so the tail is never blank.
  return { head, tail };
}

/** Where to cut a full window: after the last newline, else the last space, in its later half. */
function breakIndex(window: readonly string[], limit: number): number | undefined {
  const lastNewline = window.lastIndexOf('\n');
  if (lastNewline > limit / 2) return lastNewline + 1;
  const lastSpace = window.lastIndexOf(' ');
  if (lastSpace > limit / 2) return lastSpace + 1;
  return undefined;
}

/** Shortens a label to `max` characters with an ellipsis (a label is shown, never rejected). */
export function shortened(label: string, max: number): string {
  const chars = Array.from(label.trim());
  if (chars.length <= max) return chars.join('');
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}
