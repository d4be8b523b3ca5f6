import { timingSafeEqual } from 'node:crypto';

/**
 * Constant-time equality of a received value with our secret. Lengths are compared first because
 * timingSafeEqual throws on unequal buffers: no value a caller sends can turn into a 500.
 */
export function isSameSecret(received: string | undefined, expected: string): boolean {
  if (received === undefined || expected.length === 0) return false;
  const receivedBytes = Buffer.from(received, 'utf8');
  const expectedBytes = Buffer.from(expected, 'utf8');
  return receivedBytes.length === expectedBytes.length && timingSafeEqual(receivedBytes, expectedBytes);
}
