export interface AccountHintOptions {
  /**
   * Country calling code (digits, e.g. '55', '48', '44') for numbers typed without one, usually
   * the company's home market. Without it only numbers starting with + or 00 are recognised,
   * because a bare run of digits is too often something else: an order number, a date, a PIN.
   */
  readonly defaultCallingCode?: string;
}

/** Longest message part looked at: a hint is short and near the start; bounds the regex work too. */
const MAX_SCANNED_CHARS = 2_000;

/** An e-mail address; the domain needs a dot and a letters-only top-level part. */
const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}_%+-]+(?:\.[\p{L}\p{N}_%+-]+)*@(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}(?![\p{L}\p{N}-])/gu;

/**
 * A maximal phone-like run: an optional + or 00, then digits with the separators people type
 * (spaces, dashes, dots, parentheses). Maximal runs never overlap and need no backtracking, so
 * the scan stays linear however long the message; the run is judged whole, never cut to fit.
 */
const PHONE_RUN = /(?:\+[ \t]?)?\(?\d[\d \t().-]*/g;

/** What may not touch a phone number on either side: it would be part of a longer word or code. */
const GLUED = /[\p{L}\p{N}_@+]/u;

/** A date (2026-11-26, 26.11.2026, 26/11/2026) has phone-like digits and is not one. */
const DATE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/;

/**
 * A secret announced right before the candidate: "my password is …", "senha: …", "hasło to …".
 * Only a connector word or sign may stand between them, so "I forgot my password, my e-mail is …"
 * still yields the e-mail. Skipping these keeps a numeric password from becoming a username sent to
 * the identity provider; redacting it from the transcript is the NLU's job.
 */
const SECRET_CUE =
  /(?:password|passwd|passcode|pwd|\bpass|\bpin|senha|has[lł]\p{L}*)\s*(?:(?:is|was|é|e|era|to|jest|było|:|=|-)\s*){0,2}$/iu;

/**
 * The e-mail address or phone number a customer typed to say which account to reset, normalised
 * (e-mail in lower case, phone in E.164), or undefined. An e-mail wins over a phone; the first of
 * each kind wins. It extracts only: the wording around it (en, pt, pl) does not matter.
 */
export function accountHintFrom(text: string, options: AccountHintOptions = {}): string | undefined {
  const scanned = text.slice(0, MAX_SCANNED_CHARS);
  for (const match of scanned.matchAll(EMAIL)) {
    if (!followsSecretCue(scanned, match.index)) return match[0].toLowerCase();
  }
  for (const match of scanned.matchAll(PHONE_RUN)) {
    const run = match[0].replace(/[ \t(.-]+$/, '');
    const before = scanned[match.index - 1];
    const after = scanned[match.index + run.length];
    if ((before && GLUED.test(before)) || (after && GLUED.test(after))) continue;
    if (followsSecretCue(scanned, match.index)) continue;
    const phone = e164From(run, options.defaultCallingCode);
    if (phone) return phone;
  }
  return undefined;
}

/**
 * The form hints are compared and counted in: e-mail trimmed and in lower case, a phone with its
 * separators removed. Rate limits key on this, so "Ana@X.com" and "ana@x.com" share one budget.
 */
export function normaliseAccountHint(hint: string): string {
  const trimmed = hint.trim();
  return trimmed.includes('@') ? trimmed.toLowerCase() : trimmed.replace(/[\s().-]/g, '');
}

function e164From(run: string, defaultCallingCode?: string): string | undefined {
  if (DATE.test(run)) return undefined;
  const digits = run.replace(/\D/g, '');
  // Longer than any phone (E.164 allows 15 digits, a 00 prefix adds 2): an id, a card, noise.
  if (digits.length > 17) return undefined;
  if (run.startsWith('+') || digits.startsWith('00')) {
    const number = run.startsWith('+') ? digits : digits.slice(2);
    return /^[1-9]\d{7,14}$/.test(number) ? `+${number}` : undefined;
  }
  if (!defaultCallingCode || !/^[1-9]\d{0,2}$/.test(defaultCallingCode)) return undefined;
  // A national number may carry the trunk prefix 0 (UK 07700…, BR 0 11…); E.164 drops it.
  const national = digits.replace(/^0/, '');
  const number = `${defaultCallingCode}${national}`;
  return national.length >= 8 && number.length <= 15 ? `+${number}` : undefined;
}

function followsSecretCue(text: string, index: number): boolean {
  return SECRET_CUE.test(text.slice(Math.max(0, index - 40), index));
}
