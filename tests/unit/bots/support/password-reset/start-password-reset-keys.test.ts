import { describe, expect, it } from 'vitest';
import { hashResetToken } from '../../../../../bots/support/password-reset/reset-tokens.ts';
import {
  PASSWORD_RESET_LIMITS,
  resetRateLimitKeys,
} from '../../../../../bots/support/password-reset/start-password-reset.ts';
import { keys as resetKeys } from '../../../../../shared/store/keys.ts';

describe('resetRateLimitKeys', () => {
  it('holds no personal data: digests only', () => {
    const keys = resetRateLimitKeys('sms:+15558675310:+15017122661', 'Ana.Souza@example.net');
    expect(keys.sender).toMatch(/^password-reset#sender#[0-9a-f]{64}$/);
    expect(keys.accountHint).toMatch(/^password-reset#hint#[0-9a-f]{64}$/);
    expect(JSON.stringify(keys)).not.toMatch(/ana|souza|example|1501712|5558675/i);
  });

  it('counts one budget per account however the hint is typed, and keeps senders and hints apart', () => {
    expect(resetRateLimitKeys('a', 'Ana.Souza@Example.net ').accountHint).toBe(
      resetRateLimitKeys('b', 'ana.souza@example.net').accountHint,
    );
    expect(resetRateLimitKeys('x', '+44 7700 900101').accountHint).toBe(
      resetRateLimitKeys('y', '+447700900101').accountHint,
    );
    const same = resetRateLimitKeys('+447700900101', '+447700900101');
    expect(same.sender.split('#')[2]).not.toBe(same.accountHint.split('#')[2]);
  });

  it('follows the policy: 3 an hour per sender and per account', () => {
    expect(PASSWORD_RESET_LIMITS).toEqual({
      perSender: { limit: 3, windowSeconds: 3600 },
      perAccountHint: { limit: 3, windowSeconds: 3600 },
    });
  });
});

describe('reset token keys', () => {
  it('key a token by its SHA-256, never by the token', () => {
    const token = 'q'.repeat(43);
    const hash = hashResetToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(resetKeys.resetToken(hash)).toEqual({ pk: `RESETTOKEN#${hash}`, sk: 'RESETTOKEN' });
    expect(JSON.stringify(resetKeys.resetToken(hash))).not.toContain(token);
  });
});
