import type { Language } from '../../../shared/domain/channel.ts';
import { type FormatOrderOptions, formatOrderSummary } from './format-order.ts';
import { ORDER_MESSAGES } from './order-messages.ts';
import type { Order } from './orders-provider.ts';
import { ownsOrder, type VerifiedContacts } from './ownership.ts';

export interface OrderStatusReply {
  /** Whether the order's details were shown; false for unknown orders and other people's alike. */
  readonly shared: boolean;
  readonly text: string;
}

/**
 * The answer to "where is order X?" once the provider has looked it up. The one place that decides
 * what a customer may see: details only for their own order, and otherwise one identical answer
 * whether the order does not exist or belongs to someone else, so a stranger trying numbers learns
 * nothing (not even that a number is real).
 */
export function orderStatusReply(
  found: Order | undefined,
  customer: VerifiedContacts,
  language: Language,
  options: FormatOrderOptions = {},
): OrderStatusReply {
  if (found !== undefined && ownsOrder(found, customer)) {
    return { shared: true, text: formatOrderSummary(found, language, options) };
  }
  return { shared: false, text: ORDER_MESSAGES[language].notShared };
}
