/**
 * A small seeded PRNG (mulberry32) for property- and fuzz-style loops: the same seed gives the same
 * sequence, so a failure found by a loop is reproducible from the seed and the iteration number.
 */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** A string of `length` characters drawn from `alphabet` (code points, so astral characters stay whole). */
  stringFrom(alphabet: string, length: number): string;
}

export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('pick needs at least one item');
    return items[int(0, items.length - 1)] as T;
  };
  return {
    next,
    int,
    pick,
    chance: (probability) => next() < probability,
    stringFrom: (alphabet, length) => {
      const chars = Array.from(alphabet);
      let out = '';
      for (let i = 0; i < length; i++) out += pick(chars);
      return out;
    },
  };
}

/** Characters Telegram allows in a webhook secret_token: A-Z, a-z, 0-9, _ and -. */
export const SECRET_TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** A mix that exercises UTF-8 encoding: ASCII, Latin-1, Polish, CJK, emoji, NUL and lone surrogates. */
export const AWKWARD_ALPHABET = `${SECRET_TOKEN_ALPHABET} \t\n\0éãłŁżąęść中文😀\uD800👍🏽\uDFFF\uFFFD"\\{}[]:,`;
