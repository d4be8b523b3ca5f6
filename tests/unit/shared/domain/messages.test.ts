import { describe, expect, it } from 'vitest';
import { advanceStatus, type DeliveryStatus } from '../../../../shared/domain/messages.ts';
import { seededRandom } from '../../helpers/seeded-random.ts';

/**
 * The delivery order, stated independently of the code: a message moves forward through these,
 * possibly skipping some (status callbacks get lost), and `uncertain` (a send we cannot confirm)
 * is resolved by any later evidence that it was sent.
 */
const FORWARD: readonly DeliveryStatus[] = ['queued', 'sending', 'uncertain', 'sent', 'delivered', 'read'];
const ALL: readonly DeliveryStatus[] = [...FORWARD, 'failed', 'cancelled'];
const RECEIVED: readonly DeliveryStatus[] = ['delivered', 'read'];

function expectedAdvance(current: DeliveryStatus, next: DeliveryStatus): DeliveryStatus {
  // Cancelled means never sent: it only replaces a message still waiting, and nothing replaces it.
  if (current === 'cancelled') return current;
  if (next === 'cancelled') return current === 'queued' ? next : current;
  // The customer has the message: a failure report cannot be the latest news, a receipt after one is.
  if (current === 'failed') return RECEIVED.includes(next) ? next : current;
  if (next === 'failed') return RECEIVED.includes(current) ? current : next;
  return FORWARD.indexOf(next) > FORWARD.indexOf(current) ? next : current;
}

describe('advanceStatus', () => {
  const PAIRS = ALL.flatMap((current) => ALL.map((next) => [current, next] as const));

  it('covers all 64 pairs of statuses', () => {
    expect(PAIRS).toHaveLength(64);
  });

  it.each(PAIRS)('%s then %s', (current, next) => {
    expect(advanceStatus(current, next)).toBe(expectedAdvance(current, next));
  });

  it('never moves read back to delivered, sent, sending or queued', () => {
    for (const earlier of ['delivered', 'sent', 'uncertain', 'sending', 'queued'] as const) {
      expect(advanceStatus('read', earlier)).toBe('read');
    }
  });

  it('never moves delivered back to sent', () => {
    expect(advanceStatus('delivered', 'sent')).toBe('delivered');
  });

  it('keeps cancelled terminal, and failed terminal unless a receipt proves the customer has it', () => {
    for (const next of ALL) {
      expect(advanceStatus('failed', next)).toBe(RECEIVED.includes(next) ? next : 'failed');
      expect(advanceStatus('cancelled', next)).toBe('cancelled');
    }
  });

  it('does not let a late failure hide a message the customer already read', () => {
    expect(advanceStatus('read', 'failed')).toBe('read');
    expect(advanceStatus('delivered', 'failed')).toBe('delivered');
  });

  it('resolves an uncertain send when evidence of delivery arrives, but never restarts it', () => {
    expect(advanceStatus('uncertain', 'sent')).toBe('sent');
    expect(advanceStatus('uncertain', 'read')).toBe('read');
    expect(advanceStatus('uncertain', 'sending')).toBe('uncertain');
    expect(advanceStatus('uncertain', 'queued')).toBe('uncertain');
  });

  it('is idempotent: a repeated status changes nothing', () => {
    for (const status of ALL) expect(advanceStatus(status, status)).toBe(status);
  });

  it('ends at the same status whatever order late callbacks arrive in (500 shuffles, seeded)', () => {
    const random = seededRandom(7);
    for (let iteration = 0; iteration < 500; iteration++) {
      const stream = Array.from({ length: random.int(1, 6) }, () => random.pick(FORWARD));
      const shuffled = [...stream].sort(() => random.next() - 0.5);
      const fold = (statuses: DeliveryStatus[]) => statuses.reduce(advanceStatus, 'queued' as DeliveryStatus);
      expect(fold(shuffled)).toBe(fold(stream));
      const furthest = stream.reduce((a, b) => (FORWARD.indexOf(b) > FORWARD.indexOf(a) ? b : a), 'queued');
      expect(fold(stream)).toBe(furthest);
    }
  });
});
