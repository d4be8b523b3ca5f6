/**
 * Alpha's order numbers, and how customers type them.
 *
 * Canonical format: the letter "A", a dash and six digits — `A-123456` — as printed on the order
 * confirmation and in Account > My orders. That canonical form is what orderNumberFrom returns and
 * what OrdersProvider.findOrder expects.
 *
 * Customers rarely copy it exactly, so these are recognised anywhere in a message:
 * - the prefixed form with or without the dash, and with the digits in one or two groups:
 *   "A-123456", "a123456", "A 123 456", "A-123-456" (a lone lower-case "a " is an English/Portuguese
 *   word, so "a 123456" is not taken as a prefix);
 * - a hash: "#123456", "# 123 456";
 * - the six digits after the word for "order" in English, Portuguese or Polish, optionally followed by
 *   "number"/"no."/"nº"/"nr"/":"/"is"/"é"/"to": "order 123456", "order no. 123456", "pedido nº 123456",
 *   "número do pedido é 123456", "zamówienie nr 123456", "numer zamówienia to 123 456", "nr zam. 123456"
 *   (missing diacritics and any letter case are fine);
 * - with `justAsked`, when the bot has just asked for the number, a message that is only the six digits.
 *
 * Six bare digits elsewhere are not an order number: they are just as likely a link code ("LINK 123456"),
 * a price or part of a phone number. Digits that continue (phone numbers "600 100 200", prices
 * "123456,90", dates) never match. When a message holds several numbers the first one wins.
 */

const SIX_DIGITS = String.raw`(\d{3})[ -]?(\d{3})`;
/** The number must end here: not followed by another digit, or by a separator and a digit. */
const END = String.raw`(?!\d)(?![ .,\-/]\d)`;
/** Nor start in the middle of a longer number or a word ("+48 123456", "AB123456"). */
const START = String.raw`(?<![\p{L}\p{N}_+])`;

const PREFIXED = new RegExp(`${START}(?:[Aa] ?- ?|[Aa]|A )${SIX_DIGITS}${END}`, 'u');
const HASHED = new RegExp(String.raw`(?<![\p{L}\p{N}&])# ?${SIX_DIGITS}${END}`, 'u');
/** Matched against lower-cased text without diacritics ("zamówienie" → "zamowienie", "nº" → "no"). */
const ORDER_WORD = String.raw`(?:order|pedido|encomenda|zamowieni[a-z]*|zamowien|zam\.)`;
const BRIDGE_WORD = String.raw`(?:number|numero|numer|num\.?|nr\.?|no\.?|n\.o|n°|#|:|-|is|e|to|do|da)`;
const AFTER_KEYWORD = new RegExp(
  String.raw`(?<![\p{L}\p{N}])${ORDER_WORD}(?![\p{L}])(?: ?${BRIDGE_WORD}(?![\p{L}]))* ?${SIX_DIGITS}${END}`,
  'u',
);
const ONLY_DIGITS = new RegExp(`^# ?${SIX_DIGITS}[.!]?$|^${SIX_DIGITS}[.!]?$`, 'u');
const CANONICAL = /^A-\d{6}$/;

export interface OrderNumberContext {
  /** The bot's previous message asked for the order number, so a bare "123456" is the answer. */
  readonly justAsked?: boolean;
}

/** Whether a value is already a canonical order number ("A-123456"). */
export function isOrderNumber(value: string): boolean {
  return CANONICAL.test(value);
}

/** The canonical order number the customer typed in this message, or undefined when there is none. */
export function orderNumberFrom(text: string, context: OrderNumberContext = {}): string | undefined {
  const plain = normaliseTyping(text);
  const folded = foldCase(plain);
  const match =
    PREFIXED.exec(plain) ??
    HASHED.exec(plain) ??
    AFTER_KEYWORD.exec(folded) ??
    (context.justAsked ? ONLY_DIGITS.exec(folded.trim()) : null);
  if (!match) return undefined;
  const digits = match
    .slice(1)
    .filter((group) => group !== undefined)
    .join('');
  return `A-${digits}`;
}

/**
 * Phones type full-width digits, non-breaking spaces and en dashes; NFKC turns them (and "º", "№")
 * into their plain forms so one set of patterns covers them. Runs of spaces collapse to one.
 */
function normaliseTyping(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/gu, ' ');
}

/** Lower case without diacritics: customers often skip them ("zamowienie", "numero"). */
function foldCase(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
