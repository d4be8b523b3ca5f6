import { describe, expect, it } from 'vitest';
import { advanceStatus, type DeliveryStatus } from '../../../../shared/domain/messages.ts';
import { seededRandom } from '../../helpers/seeded-random.ts';

/**
 * The delivery order, stated independently of the code: a message moves forward through these,
 * possibly skipping some (status callbacks get lost), and `uncertain` (a send we cannot confirm)
 * is resolved by any later evidence that it was sent.
 */
const FORWARD: readonly DeliveryStatus[] = ['queued', 'sending', 'uncertain', 'sent', 'delivered', 'read'];
/** Nothing leaves these. */
const TERMINAL: readonly DeliveryStatus[] = ['failed', 'cancelled'];
const ALL: readonly DeliveryStatus[] = [...FORWARD, ...TERMINAL];

function expectedAdvance(current: DeliveryStatus, next: DeliveryStatus): DeliveryStatus {
  if (TERMINAL.includes(current)) return current;
  if (TERMINAL.includes(next)) return next;
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

  it('keeps failed and cancelled terminal, whatever arrives later', () => {
    for (const next of ALL) {
      expect(advanceStatus('failed', next)).toBe('failed');
      expect(advanceStatus('cancelled', next)).toBe('cancelled');
    }
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
