/**
 * API Gateway's per-route throttling, for the agent routes of the local gateway: a token bucket per
 * route key that refills at `rateLimit` per second up to `burstLimit`. Over it, the gateway answers
 * 429 without calling the function, as API Gateway does.
 */
export class RouteThrottle {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limits: { readonly rateLimit: number; readonly burstLimit: number },
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Takes one token for this route; false when the route is over its limit. */
  take(routeKey: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(routeKey) ?? { tokens: this.limits.burstLimit, at: now };
    bucket.tokens = Math.min(
      this.limits.burstLimit,
      bucket.tokens + ((now - bucket.at) / 1000) * this.limits.rateLimit,
    );
    bucket.at = now;
    this.buckets.set(routeKey, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
