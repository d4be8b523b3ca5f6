import { TermIndex } from './terms.ts';
import type { CompiledLexicon, CompiledPattern, LexiconGroup, LexiconTarget, Term } from './types.ts';

/** How many unrelated words may sit between the words of one pattern. */
const WINDOW_SLACK = 3;

export function compileLexicon(groups: readonly LexiconGroup[]): CompiledLexicon {
  const terms: Term[] = [];
  const ids = new Map<string, number>();
  const termId = (alternative: string): number => {
    const term: Term = alternative.endsWith('*')
      ? { text: alternative.slice(0, -1), kind: 'prefix' }
      : alternative.startsWith('=')
        ? { text: alternative.slice(1), kind: 'exact' }
        : { text: alternative, kind: 'word' };
    const key = `${term.kind}:${term.text}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = terms.push(term) - 1;
      ids.set(key, id);
    }
    return id;
  };
  const patterns = groups.flatMap((group) =>
    group.p.map(
      (source): CompiledPattern => ({
        to: group.to,
        weight: group.w,
        slots: source.split(/\s+/).map((slot) => slot.split('|').map(termId)),
        source,
        ...(group.max === undefined ? {} : { max: group.max }),
      }),
    ),
  );
  return { patterns, terms };
}

/** The evidence for one target: its score and which message words produced it. */
export interface TargetEvidence {
  score: number;
  readonly positions: Set<number>;
  /** Where in the message the target is first mentioned (for two-topic messages). */
  first: number;
  readonly patterns: string[];
  /** The weight of the strongest pattern: one strong phrase names a topic, two weak words may not. */
  strongest: number;
}

interface LexiconIndex {
  readonly terms: TermIndex;
  /** For each term id, the patterns that use it: a message only visits patterns it has a word of. */
  readonly patternsByTerm: ReadonlyMap<number, readonly number[]>;
}

const indexes = new WeakMap<CompiledLexicon, LexiconIndex>();

function indexFor(lexicon: CompiledLexicon): LexiconIndex {
  let index = indexes.get(lexicon);
  if (!index) {
    const patternsByTerm = new Map<number, number[]>();
    for (const [patternId, pattern] of lexicon.patterns.entries()) {
      for (const id of new Set(pattern.slots.flat())) {
        const list = patternsByTerm.get(id);
        if (list) list.push(patternId);
        else patternsByTerm.set(id, [patternId]);
      }
    }
    index = { terms: new TermIndex(lexicon.terms), patternsByTerm };
    indexes.set(lexicon, index);
  }
  return index;
}

/** Scores every target of the lexicon against the message tokens. */
export function matchLexicon(
  lexicon: CompiledLexicon,
  tokens: readonly string[],
): Map<LexiconTarget, TargetEvidence> {
  const index = indexFor(lexicon);
  const positionsByTerm = new Map<number, number[]>();
  for (const [position, token] of tokens.entries()) {
    for (const id of index.terms.matches(token)) {
      const list = positionsByTerm.get(id);
      if (list) list.push(position);
      else positionsByTerm.set(id, [position]);
    }
  }
  const wordCount = tokens.filter((token) => !token.startsWith(':')).length;
  const hits = new Map<LexiconTarget, Array<{ pattern: CompiledPattern; positions: number[] }>>();
  const candidatePatterns = new Set<number>();
  for (const id of positionsByTerm.keys())
    for (const patternId of index.patternsByTerm.get(id) ?? []) candidatePatterns.add(patternId);
  for (const patternId of [...candidatePatterns].sort((a, b) => a - b)) {
    const pattern = lexicon.patterns[patternId]!;
    if (pattern.max !== undefined && wordCount > pattern.max) continue;
    const candidates = pattern.slots.map((slot) => slotPositions(slot, positionsByTerm));
    const positions = findWithinWindow(candidates, pattern.slots.length + WINDOW_SLACK);
    if (!positions) continue;
    const list = hits.get(pattern.to) ?? [];
    list.push({ pattern, positions });
    hits.set(pattern.to, list);
  }
  const evidence = new Map<LexiconTarget, TargetEvidence>();
  for (const [target, list] of hits) {
    const entry: TargetEvidence = {
      score: 0,
      positions: new Set(),
      first: Number.POSITIVE_INFINITY,
      patterns: [],
      strongest: 0,
    };
    // Strongest first; a pattern only counts when it adds a word the stronger ones did not use, so the
    // same word listed in two languages (or matched fuzzily by two spellings) is not counted twice.
    for (const { pattern, positions } of list.sort((a, b) => b.pattern.weight - a.pattern.weight)) {
      if (pattern.weight > 0 && positions.every((position) => entry.positions.has(position))) continue;
      entry.score += pattern.weight;
      entry.strongest = Math.max(entry.strongest, pattern.weight);
      if (pattern.weight > 0) {
        for (const position of positions) entry.positions.add(position);
        entry.first = Math.min(entry.first, ...positions);
      }
      entry.patterns.push(pattern.source);
    }
    evidence.set(target, entry);
  }
  return evidence;
}

function slotPositions(slot: readonly number[], positionsByTerm: ReadonlyMap<number, number[]>): number[] {
  if (slot.length === 1) return positionsByTerm.get(slot[0]!) ?? [];
  const merged = new Set<number>();
  for (const id of slot) for (const position of positionsByTerm.get(id) ?? []) merged.add(position);
  return [...merged].sort((a, b) => a - b);
}

/**
 * Picks one position per slot, all different, spanning fewer than `window` tokens; undefined when
 * impossible. Positions are ascending, and each slot only scans the positions the window still allows,
 * so a long message that repeats a word cannot make this explode.
 */
function findWithinWindow(candidates: readonly number[][], window: number): number[] | undefined {
  if (candidates.some((positions) => positions.length === 0)) return undefined;
  const chosen: number[] = [];
  const search = (slot: number, low: number, high: number): boolean => {
    if (slot === candidates.length) return true;
    const positions = candidates[slot]!;
    const from = chosen.length === 0 ? 0 : high - window + 1;
    const to = chosen.length === 0 ? Number.POSITIVE_INFINITY : low + window - 1;
    for (let i = firstAtLeast(positions, from); i < positions.length && positions[i]! <= to; i++) {
      const position = positions[i]!;
      if (chosen.includes(position)) continue;
      chosen.push(position);
      if (search(slot + 1, Math.min(low, position), Math.max(high, position))) return true;
      chosen.pop();
    }
    return false;
  };
  return search(0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) ? chosen : undefined;
}

function firstAtLeast(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
