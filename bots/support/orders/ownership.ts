import type { Order } from './orders-provider.ts';

/**
 * What the layer has verified about the person writing: phones the platforms vouch for (WhatsApp
 * wa_id, SMS From, a Telegram contact the user shared about themselves) and e-mails confirmed by a
 * link. Never something the customer merely typed: anyone can type someone else's phone number.
 */
export interface VerifiedContacts {
  readonly verifiedPhones: readonly string[];
  readonly verifiedEmails: readonly string[];
}

/**
 * Whether the order may be shown to this customer: its owner's phone or e-mail is one of theirs.
 * Fails closed: an owner without usable contacts, or contacts that cannot be normalised, match nobody.
 */
export function ownsOrder(order: Pick<Order, 'owner'>, customer: VerifiedContacts): boolean {
  const ownerPhone = order.owner.phone === undefined ? undefined : e164(order.owner.phone);
  if (ownerPhone !== undefined && customer.verifiedPhones.some((phone) => e164(phone) === ownerPhone)) {
    return true;
  }
  const ownerEmail = order.owner.email === undefined ? undefined : canonicalEmail(order.owner.email);
  return (
    ownerEmail !== undefined && customer.verifiedEmails.some((email) => canonicalEmail(email) === ownerEmail)
  );
}

/**
 * A phone number as E.164 ("+48600100200"), or undefined. Formatting characters, the "(0)" trunk
 * digit some countries print after the code, and an international "00" prefix are tolerated. A
 * number without "+" or "00" is rejected rather than guessed at: without a country code
 * "600100200" could be anyone's, and a wrong guess here would show a stranger's order.
 */
export function e164(phone: string): string | undefined {
  const compact = phone
    .trim()
    .replace(/\(0\)/g, '')
    .replace(/[\s\-.()/]/g, '');
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  return /^\+[1-9]\d{6,14}$/.test(international) ? international : undefined;
}

/**
 * An e-mail address compared case-insensitively, as customers and order systems write it in any
 * case. Provider-specific aliasing (Gmail dots, "+tags") is deliberately not undone: for most
 * providers those are different mailboxes, and matching them would widen who sees an order.
 */
export function canonicalEmail(email: string): string | undefined {
  const lowered = email.trim().normalize('NFKC').toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(lowered) ? lowered : undefined;
}
