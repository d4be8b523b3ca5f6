import type { Language } from '../../../shared/domain/channel.ts';
import type { ArticleIntent } from '../knowledge-base/index.ts';

export type { Language } from '../../../shared/domain/channel.ts';

/** The bot's intents. Fixed names: the bot's flows, the handoff routing table and the docs use them. */
export const INTENTS = [
  'greeting',
  'goodbye',
  'password_reset',
  'order_status',
  'cancel_order',
  'returns_refunds',
  'payments_invoices',
  'shipping_delivery',
  'account_details',
  'subscription',
  'human_agent',
  'complaint',
  'link_account',
  'faq',
  'unknown',
] as const;
export type Intent = (typeof INTENTS)[number];

/** Intents answered from a knowledge-base article (every ArticleIntent must be an Intent). */
export type TopicIntent = ArticleIntent & Intent;

export interface UnderstandOptions {
  /** The platform's locale (Telegram `language_code`, e.g. "pt-br"): used when the text is too short. */
  readonly localeHint?: string;
  /** The language this customer was answered in before: the last fallback. */
  readonly remembered?: Language;
}

export interface LanguageDetection {
  readonly language: Language;
  /** In [0, 1]: how sure the detector is of `language`. */
  readonly confidence: number;
  /** The customer asked for a language ("English please", "po polsku"): remember it. */
  readonly override?: true;
  /** Where the answer came from: the text, the locale hint, the remembered language, or the default. */
  readonly source: 'text' | 'override' | 'hint' | 'remembered' | 'default';
}

export interface Understanding {
  readonly text: string;
  readonly language: Language;
  readonly intent: Intent;
  /** In [0, 1], calibrated on the dev set (see docs/nlu.md); `unknown` below the threshold. */
  readonly confidence: number;
  /** The best knowledge-base article for a topic intent or `faq`, otherwise null. */
  readonly article: string | null;
  /** The other topic, when one message asks about two things. */
  readonly secondaryIntent?: Intent;
  /** The customer asked for this language explicitly; the bot should remember it. */
  readonly languageOverride?: true;
  /** Anger emoji, insults or a shouted complaint: raises the handoff priority. */
  readonly angry?: true;
  /** Urgency words ("urgent", "asap", "pilne"): raises the handoff priority. */
  readonly urgent?: true;
}
