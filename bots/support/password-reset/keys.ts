/**
 * Single-table keys of the password-reset flow, beside those in shared/store/keys.ts (kept here so
 * the flow is self-contained; they follow the same `TYPE#id` shape and never collide with it).
 * Neither key holds personal data: a reset token is keyed by its SHA-256 hash (the raw token is
 * only ever in the customer's link), a rate-limit bucket by a digest of the sender or hint.
 * - one reset token                   pk RESETTOKEN#<sha-256 of the token, hex>   sk RESETTOKEN
 * - one fixed rate-limit window       pk RATELIMIT#<bucket key>                   sk <window start, epoch s>
 */
export const resetKeys = {
  resetToken: (tokenHash: string) => ({ pk: `RESETTOKEN#${tokenHash}`, sk: 'RESETTOKEN' }),
  rateLimitWindow: (bucket: string, windowStartSeconds: number) => ({
    pk: `RATELIMIT#${bucket}`,
    sk: String(windowStartSeconds),
  }),
};
