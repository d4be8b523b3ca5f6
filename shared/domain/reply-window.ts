import type { Author } from './messages.ts';

/**
 * Whether a free-form message may go out now:
 * - `open`: within the platform's window (or the platform has none);
 * - `human_agent`: Messenger only, a person replying between 24 h and 7 days (HUMAN_AGENT tag);
 * - `template_only`: WhatsApp outside 24 h: only an approved template may be sent;
 * - `closed`: nothing may be sent until the customer writes again.
 */
export type ReplyWindow = 'open' | 'human_agent' | 'template_only' | 'closed';

const HOUR_MS = 60 * 60 * 1000;

export function replyWindow(
  channel: 'telegram' | 'whatsapp' | 'messenger' | 'sms',
  lastCustomerMessageAt: string | undefined,
  now: Date,
  author: Author,
): ReplyWindow {
  if (channel === 'telegram' || channel === 'sms') return 'open';
  const age = lastCustomerMessageAt
    ? now.getTime() - Date.parse(lastCustomerMessageAt)
    : Number.POSITIVE_INFINITY;
  if (age <= 24 * HOUR_MS) return 'open';
  if (channel === 'whatsapp') return 'template_only';
  return author.kind === 'agent' && age <= 7 * 24 * HOUR_MS ? 'human_agent' : 'closed';
}

/** What an agent sees of one channel: can a person reply there now, and until when. */
export interface ReplyWindowStatus {
  readonly state: ReplyWindow;
  /** When the current state ends (WhatsApp and Messenger), for "closing in N minutes". */
  readonly closesAt?: string;
}

export function agentReplyWindow(
  channel: 'telegram' | 'whatsapp' | 'messenger' | 'sms',
  lastCustomerMessageAt: string | undefined,
  now: Date,
): ReplyWindowStatus {
  const state = replyWindow(channel, lastCustomerMessageAt, now, { kind: 'agent', agentId: 'any' });
  if (!lastCustomerMessageAt || (state !== 'open' && state !== 'human_agent')) return { state };
  if (channel === 'telegram' || channel === 'sms') return { state };
  const hours = state === 'open' ? 24 : 7 * 24;
  return { state, closesAt: new Date(Date.parse(lastCustomerMessageAt) + hours * HOUR_MS).toISOString() };
}
