import type { Language } from '../../shared/domain/channel.ts';

import { ARTICLE_INTENTS } from './knowledge-base/index.ts';
import type { Intent } from './nlu/index.ts';

export { INTENTS, type Intent } from './nlu/index.ts';

/** Topics answered from the knowledge base (with the best article): the articles' intents and `faq`. */
export const TOPIC_INTENTS: readonly Intent[] = ARTICLE_INTENTS;

/** What the bot understood of one customer message, plus facts extracted from it. */
export interface Understanding {
  readonly language: Language;
  /** The customer asked for this language explicitly ("English please"). */
  readonly languageOverride?: boolean;
  readonly intent: Intent;
  readonly confidence: number;
  /** Best knowledge-base article for topic intents, else null. */
  readonly article: string | null;
  readonly secondaryIntent?: Intent;
  /** An e-mail or phone the customer typed (for a password reset). */
  readonly accountHint?: string;
  /** An order number the customer typed. */
  readonly orderNumber?: string;
  /** The 6-digit code of "LINK 123456", carried from another chat app. */
  readonly linkCode?: string;
  /** The message looks like a pasted password, code or card number: it is redacted and never echoed. */
  readonly containsSecret?: boolean;
  /** Anger or urgency raise the priority of a handoff. */
  readonly angry?: boolean;
  readonly urgent?: boolean;
}

export interface KnowledgeArticle {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly url?: string;
}
