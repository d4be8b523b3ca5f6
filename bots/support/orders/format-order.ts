import type { Language } from '../../../shared/domain/channel.ts';
import { ORDER_MESSAGES, type OrderMessages } from './order-messages.ts';
import type { Order, OrderItem } from './orders-provider.ts';

/** Fits every channel: about four SMS segments, well under WhatsApp's and Telegram's limits. */
export const MAX_ORDER_SUMMARY_LENGTH = 600;
const MAX_ITEM_NAME_SHOWN = 60;

export interface FormatOrderOptions {
  /** Time zone for the order date; the estimated delivery is a calendar date and is shown as given. */
  readonly timeZone?: string;
}

/**
 * A plain-text summary of one order (no markup: SMS shows it verbatim): status, date, items, the
 * estimated delivery while it is on its way, the tracking link once shipped, and what to do next.
 * Long orders list fewer items ("and 3 more") so the whole summary stays within 600 characters.
 */
export function formatOrderSummary(
  order: Order,
  language: Language,
  options: FormatOrderOptions = {},
): string {
  const messages = ORDER_MESSAGES[language];
  const timeZone = options.timeZone ?? 'UTC';
  const placed = formatDate(order.placedAt, messages.dateLocale, timeZone);
  const onItsWay = order.status === 'received' || order.status === 'processing' || order.status === 'shipped';
  const eta =
    onItsWay && order.estimatedDelivery !== undefined
      ? formatDate(
          order.estimatedDelivery,
          messages.dateLocale,
          calendarZone(order.estimatedDelivery, timeZone),
        )
      : undefined;
  const tracking =
    order.trackingUrl !== undefined && (order.status === 'shipped' || order.status === 'delivered')
      ? messages.tracking(order.trackingUrl)
      : undefined;
  const head = [
    messages.heading(order.number, messages.status[order.status]),
    [placed && messages.placed(placed), eta && messages.estimatedDelivery(eta)].filter(Boolean).join(' '),
  ];
  const hint = messages.hint[order.status];

  // Show as many items as fit; the tracking link and the hint matter more than the fifth item's name.
  for (let shown = order.items.length; shown >= 1; shown--) {
    const text = lines(...head, itemsLine(order.items, shown, messages), tracking, hint);
    if (text.length <= MAX_ORDER_SUMMARY_LENGTH) return text;
  }
  const withoutHint = lines(...head, itemsLine(order.items, 1, messages), tracking);
  if (withoutHint.length <= MAX_ORDER_SUMMARY_LENGTH) return withoutHint;
  // Only an absurd tracking URL gets here: a cut link would be broken, so leave it out.
  return lines(...head, itemsLine(order.items, 1, messages)).slice(0, MAX_ORDER_SUMMARY_LENGTH);
}

function lines(...parts: readonly (string | undefined)[]): string {
  return parts.filter((part): part is string => part !== undefined && part !== '').join('\n');
}

function itemsLine(items: readonly OrderItem[], shown: number, messages: OrderMessages): string | undefined {
  if (items.length === 0) return undefined;
  const listed = items.slice(0, shown).map(itemText);
  const rest = items.length - shown;
  return messages.items([...listed, ...(rest > 0 ? [messages.moreItems(rest)] : [])].join(', '));
}

function itemText(item: OrderItem): string {
  const name =
    item.name.length > MAX_ITEM_NAME_SHOWN ? `${item.name.slice(0, MAX_ITEM_NAME_SHOWN - 1)}…` : item.name;
  return item.quantity === 1 ? name : `${item.quantity}× ${name}`;
}

/** A bare date ("2025-05-07") is a calendar day, not an instant: shown in UTC so it never shifts by one. */
function calendarZone(value: string, timeZone: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'UTC' : timeZone;
}

function formatDate(value: string, locale: string, timeZone: string): string | undefined {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return undefined;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(
    time,
  );
}
