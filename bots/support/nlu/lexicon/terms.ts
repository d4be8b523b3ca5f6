import { fuzzyEquals, fuzzyStartsWith } from '../text/fuzzy.ts';
import type { Term } from './types.ts';

/**
 * Which lexicon terms a message token matches. Terms are indexed by first letter (fuzzy matching
 * keeps the first letter, see text/fuzzy.ts), so a token is compared with a few dozen terms instead
 * of all of them, and each token's answer is cached across messages.
 */
export class TermIndex {
  private readonly exact = new Map<string, number[]>();
  private readonly byFirstLetter = new Map<string, Array<{ readonly term: Term; readonly id: number }>>();
  private readonly cache = new Map<string, readonly number[]>();

  constructor(terms: readonly Term[]) {
    for (const [id, term] of terms.entries()) {
      if (term.kind !== 'prefix') push(this.exact, term.text, id);
      if (term.kind !== 'exact') {
        const list = this.byFirstLetter.get(term.text[0] ?? '') ?? [];
        list.push({ term, id });
        this.byFirstLetter.set(term.text[0] ?? '', list);
      }
    }
  }

  /** Ids of every term the token matches (exactly, fuzzily or by prefix). */
  matches(token: string): readonly number[] {
    const cached = this.cache.get(token);
    if (cached) return cached;
    const found = new Set(this.exact.get(token) ?? []);
    for (const { term, id } of this.byFirstLetter.get(token[0] ?? '') ?? []) {
      if (found.has(id)) continue;
      const hit = term.kind === 'prefix' ? fuzzyStartsWith(token, term.text) : fuzzyEquals(token, term.text);
      if (hit) found.add(id);
    }
    const result = [...found];
    // Bounded: a fuzz test or a flood of random words must not grow memory without limit.
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(token, result);
    return result;
  }
}

function push(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}
