/**
 * A phone number a platform vouches for, as E.164 ("+48600100200"). Platforms send international
 * digits with or without '+' (Telegram contact cards, WhatsApp wa_id), sometimes with spaces or
 * dashes; anything that is not 7-15 digits with a non-zero country code is not a phone.
 */
export function platformPhone(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const digits = value
    .trim()
    .replace(/^\+/, '')
    .replace(/[\s\-.()]/g, '');
  return /^[1-9]\d{6,14}$/.test(digits) ? `+${digits}` : undefined;
}
