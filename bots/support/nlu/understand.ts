import { decide } from './decide.ts';
import { detectLanguage } from './language/detect.ts';
import { linkCode } from './link-code.ts';
import { scoreIntents } from './scoring.ts';
import { soundsAngry, soundsUrgent } from './signals.ts';
import { fold, MAX_CHARS, tokenise } from './text/normalise.ts';
import type { Understanding, UnderstandOptions } from './types.ts';

/** Score a link code adds to link_account: "LINK 123456" is unambiguous. */
const LINK_CODE_SCORE = 10;

/**
 * What one customer message means: its language, intent, the best knowledge-base article, and the
 * signals the handoff rules use. Pure and synchronous (no network, no I/O); never throws on any text.
 */
export function understand(text: string, options: UnderstandOptions = {}): Understanding {
  const input = typeof text === 'string' ? text : '';
  const detection = detectLanguage(input, options);
  const tokens = tokenise(input);
  const scores = scoreIntents(input.slice(0, MAX_CHARS), tokens, detection.language);
  if (linkCode(input)) {
    const current = scores.get('link_account');
    scores.set('link_account', {
      intent: 'link_account',
      score: (current?.score ?? 0) + LINK_CODE_SCORE,
      positions: current?.positions ?? new Set(),
      first: 0,
      strongest: LINK_CODE_SCORE,
      article: null,
    });
  }
  const decision = decide(scores);
  const complaint = scores.get('complaint')?.score ?? 0;
  return {
    text: input,
    language: detection.language,
    intent: decision.intent,
    confidence: decision.confidence,
    article: decision.article,
    ...(decision.secondaryIntent ? { secondaryIntent: decision.secondaryIntent } : {}),
    ...(detection.override ? { languageOverride: true as const } : {}),
    ...(soundsAngry(input, tokens) || complaint >= 4 ? { angry: true as const } : {}),
    ...(soundsUrgent(fold(input.slice(0, MAX_CHARS))) ? { urgent: true as const } : {}),
  };
}
