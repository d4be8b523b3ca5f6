import type { Language } from '../../../shared/domain/channel.ts';

/**
 * The intents an article can answer: the bot's topic intents, or `faq` for any other question the help
 * centre answers. Conversation intents (greeting, human_agent, …) never have an article.
 */
export const ARTICLE_INTENTS = [
  'password_reset',
  'order_status',
  'cancel_order',
  'returns_refunds',
  'payments_invoices',
  'shipping_delivery',
  'account_details',
  'subscription',
  'faq',
] as const;
export type ArticleIntent = (typeof ARTICLE_INTENTS)[number];

/** One help-centre article in one language, as compiled from `articles/<lang>/<id>.md`. */
export interface KbArticle {
  /** Same in every language; the file name without `.md`. */
  readonly id: string;
  readonly locale: Language;
  readonly title: string;
  /** Search keywords in the article's language. */
  readonly tags: readonly string[];
  readonly intent: ArticleIntent;
  /** Markdown, as written: the bot sizes it for the channel. */
  readonly body: string;
  /** The full article on the company's help centre, when the company configured one. */
  readonly url?: string;
}

export function isArticleIntent(value: string): value is ArticleIntent {
  return (ARTICLE_INTENTS as readonly string[]).includes(value);
}
