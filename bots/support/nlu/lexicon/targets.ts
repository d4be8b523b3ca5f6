import type { TopicIntent } from '../types.ts';

/**
 * The intent behind each article the lexicons point at. The knowledge base's front matter says the
 * same for the demo articles; this map keeps intent recognition working when a company replaces the
 * articles with its own ids (the article is then chosen by retrieval within the intent).
 */
export const LEXICON_ARTICLE_INTENTS: Readonly<Record<string, TopicIntent>> = {
  'password-reset-help': 'password_reset',
  'order-tracking': 'order_status',
  'cancel-order': 'cancel_order',
  'returns-policy': 'returns_refunds',
  'refund-timing': 'returns_refunds',
  'damaged-item': 'returns_refunds',
  'payment-methods': 'payments_invoices',
  'invoice-download': 'payments_invoices',
  'shipping-times': 'shipping_delivery',
  'shipping-costs': 'shipping_delivery',
  'update-contact-details': 'account_details',
  'delete-account': 'account_details',
  'subscription-cancel': 'subscription',
  'store-hours': 'faq',
  'store-locations': 'faq',
  warranty: 'faq',
  'device-setup-wifi': 'faq',
  'gift-cards': 'faq',
  'data-privacy': 'faq',
  'contact-options': 'faq',
};
