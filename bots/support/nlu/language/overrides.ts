import type { Language } from '../../../../shared/domain/channel.ts';

/**
 * Explicit requests for a language, in any of the three languages and on folded text: "English
 * please", "em português", "po polsku", "in Polish", "pode falar em inglês?". A language name alone
 * is not enough ("I'm Polish and my order…"): it needs "in/em/po", "please", or to be the whole message.
 */
const NAMES: Readonly<Record<Language, string>> = {
  en: 'english|ingles|angielsku|angielski|inglish',
  pt: 'portuguese|portugues|portugalsku|portugalski|brazilian|brasileiro',
  pl: 'polish|polones|polaco|polsku|polski',
};

const PLEASE = 'please|pls|plz|por favor|pfv|prosze';

function patternsFor(names: string): RegExp[] {
  return [
    new RegExp(`^\\s*(${names})\\s*[.!?]*\\s*$`),
    new RegExp(`\\b(in|em|no|po|na|para|pro|to)\\s+(${names})\\b`),
    new RegExp(`\\b(${names})\\s+(${PLEASE})\\b`),
    new RegExp(
      `\\b(speak|talk|write|answer|reply|fala|falar|fale|escreve|escreva|mow|mowic|pisz|pisac)\\s+(${names})\\b`,
    ),
    new RegExp(`\\b(do you|can you|voce|vc|czy)\\s+(speak|fala|mowisz|mowicie)\\s+(${names})\\b`),
  ];
}

const OVERRIDES: ReadonlyArray<readonly [Language, readonly RegExp[]]> = (
  Object.entries(NAMES) as Array<[Language, string]>
).map(([language, names]) => [language, patternsFor(names)]);

/** Words that never mean the customer wants a language ("polski" is also an adjective: "polski sklep"). */
const NOT_A_REQUEST = /\b(sklep|firma|numer|bank|klient|zloty|zl)\b/;

/** The language the customer explicitly asked for, if any. `folded` is the output of `fold`. */
export function languageOverride(folded: string): Language | undefined {
  if (folded.length > 120 || NOT_A_REQUEST.test(folded)) return undefined;
  for (const [language, patterns] of OVERRIDES) {
    if (patterns.some((pattern) => pattern.test(folded))) return language;
  }
  return undefined;
}
