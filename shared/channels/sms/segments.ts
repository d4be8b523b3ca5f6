/**
 * How carriers bill an SMS body (https://www.twilio.com/docs/glossary/what-sms-character-limit):
 * text made only of GSM-7 characters costs 7 bits per character (the extension table's characters
 * cost two), and fits 160 in one segment or 153 per segment of a concatenated message; a single
 * other character switches the whole body to UCS-2, counted in UTF-16 code units, 70 / 67.
 */

export interface SmsSegmentCount {
  readonly encoding: 'GSM-7' | 'UCS-2';
  readonly segments: number;
}

/** GSM 03.38 basic character set (ESC excluded: it introduces the extension table). */
const GSM7_BASIC = new Set(
  Array.from(
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
      '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
  ),
);
/** Reached through ESC, so each costs two septets. */
const GSM7_EXTENSION = new Set(Array.from('\f^{}\\[~]|€'));

const LIMITS = {
  'GSM-7': { single: 160, concatenated: 153 },
  'UCS-2': { single: 70, concatenated: 67 },
} as const;

/** The cost of one character in each encoding: septets in GSM-7 (undefined when it has none), code units in UCS-2. */
export function characterCost(char: string): { gsm7: number | undefined; ucs2: number } {
  const gsm7 = GSM7_BASIC.has(char) ? 1 : GSM7_EXTENSION.has(char) ? 2 : undefined;
  return { gsm7, ucs2: char.length };
}

/** Segments from totals: one segment up to the single limit, otherwise the concatenated size each. */
export function segmentsFor(encoding: SmsSegmentCount['encoding'], units: number): number {
  const limit = LIMITS[encoding];
  if (units <= limit.single) return 1;
  return Math.ceil(units / limit.concatenated);
}

export function smsSegments(text: string): SmsSegmentCount {
  let septets = 0;
  let codeUnits = 0;
  let gsm = true;
  for (const char of text) {
    const cost = characterCost(char);
    codeUnits += cost.ucs2;
    if (cost.gsm7 === undefined) gsm = false;
    else septets += cost.gsm7;
  }
  return gsm
    ? { encoding: 'GSM-7', segments: segmentsFor('GSM-7', septets) }
    : { encoding: 'UCS-2', segments: segmentsFor('UCS-2', codeUnits) };
}
