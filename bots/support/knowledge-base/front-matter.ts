/**
 * The small YAML subset help-centre articles use in their front matter: `key: value`, double-quoted
 * strings and flow lists (`[a, b]`). A full YAML parser would be a dependency for five keys.
 */
export type FrontMatterValue = string | string[];

export interface ParsedMarkdown {
  readonly data: Readonly<Record<string, FrontMatterValue>>;
  readonly body: string;
}

export class FrontMatterError extends Error {
  override readonly name = 'FrontMatterError';
}

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

export function parseMarkdown(source: string): ParsedMarkdown {
  const match = FENCE.exec(source.replace(/^\uFEFF/, ''));
  if (!match) throw new FrontMatterError('missing front matter (--- … ---) at the top of the file');
  const data: Record<string, FrontMatterValue> = {};
  for (const [index, line] of (match[1] ?? '').split(/\r?\n/).entries()) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const pair = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!pair) throw new FrontMatterError(`front matter line ${index + 1} is not "key: value": ${line}`);
    data[pair[1]!] = parseValue(pair[2] ?? '');
  }
  return { data, body: (match[2] ?? '').trim() };
}

function parseValue(raw: string): FrontMatterValue {
  const value = raw.trim();
  if (value.startsWith('"') || value.startsWith("'")) return unquote(value);
  if (value.startsWith('[')) {
    const end = value.lastIndexOf(']');
    if (end < 0) throw new FrontMatterError(`unterminated list: ${value}`);
    return splitList(value.slice(1, end))
      .map((item) => parseValue(item))
      .filter((item): item is string => typeof item === 'string' && item !== '');
  }
  // An unquoted value ends at a comment, as in YAML.
  return value.replace(/\s+#.*$/, '');
}

function unquote(value: string): string {
  const quote = value[0]!;
  const end = value.lastIndexOf(quote);
  if (end <= 0) throw new FrontMatterError(`unterminated string: ${value}`);
  const inner = value.slice(1, end);
  return quote === '"' ? inner.replace(/\\(["\\])/g, '$1') : inner.replace(/''/g, "'");
}

/** Splits a flow list on commas that are outside quotes. */
function splitList(inner: string): string[] {
  const items: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const char of inner) {
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === ',') {
      items.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  items.push(current);
  return items.map((item) => item.trim());
}
