/**
 * The support bot's understanding: language, intent and knowledge-base article for a customer message,
 * plus the helpers the transcript needs. Pure, synchronous and offline (it runs inside the Lambda).
 * How it works and how well: docs/nlu.md.
 */
export { detectLanguage } from './language/detect.ts';
export { linkCode } from './link-code.ts';
export { detectsPasswordOrSecret, redactSecrets } from './secrets.ts';
export { fold, tokenise } from './text/normalise.ts';
export {
  INTENTS,
  type Intent,
  type Language,
  type LanguageDetection,
  type TopicIntent,
  type Understanding,
  type UnderstandOptions,
} from './types.ts';
export { understand } from './understand.ts';
