/** One webhook a platform owes our runtime, built and signed once: retries resend the same bytes. */
export interface CallbackRequest {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Whether the runtime's answer counts as received: Meta wants exactly 200, Twilio any 2xx. */
  readonly isReceived: (status: number) => boolean;
}

export interface CallbackRetryPolicy {
  /** A failed callback is tried again after a random delay between these two (spreads a restart's herd). */
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  /** Counted from the first attempt; after that the callback is dropped, as the platforms eventually do. */
  readonly giveUpAfterMs: number;
  /** A runtime that accepts the connection but never answers must not hold a slot for ever. */
  readonly attemptTimeoutMs: number;
  /** At most this many posts at once, so thousands of retries after a restart do not swamp the runtime. */
  readonly maxInFlight: number;
}

/** Every 1–2 s for 10 minutes: long enough to outlast a killed and restarted runtime. */
export const PLATFORM_RETRY_POLICY: CallbackRetryPolicy = {
  minDelayMs: 1_000,
  maxDelayMs: 2_000,
  giveUpAfterMs: 10 * 60_000,
  attemptTimeoutMs: 10_000,
  maxInFlight: 8,
};

export interface CallbackStats {
  /** Acknowledged by the runtime. */
  readonly delivered: number;
  /** Not yet acknowledged and still being tried. */
  readonly pending: number;
  /** Given up after giveUpAfterMs, or dropped by close(). */
  readonly abandoned: number;
  /** Every POST made, first tries and retries alike. */
  readonly attempts: number;
}

interface PendingCallback {
  readonly request: CallbackRequest;
  readonly firstAttemptAt: number;
}

/**
 * Posts platform callbacks to the runtime the way Meta and Twilio do: after the send was answered,
 * retried with backoff while the runtime refuses, errs or is down, given up after a while. It never
 * throws to its caller and never delays the send it is about: everything happens on later ticks.
 */
export class CallbackPoster {
  private readonly policy: CallbackRetryPolicy;
  private readonly pendingCallbacks = new Set<PendingCallback>();
  private readonly due: PendingCallback[] = [];
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private readonly inFlightAttempts = new Set<Promise<void>>();
  private readonly settledWaiters: (() => void)[] = [];
  private readonly closing = new AbortController();
  private pumpScheduled = false;
  private delivered = 0;
  private abandoned = 0;
  private attempts = 0;

  constructor(policy: Partial<CallbackRetryPolicy> = {}) {
    this.policy = { ...PLATFORM_RETRY_POLICY, ...policy };
  }

  /** Queues the callback; its first attempt goes out once the current send has been answered. */
  post(request: CallbackRequest): void {
    if (this.closing.signal.aborted) {
      this.abandoned += 1;
      return;
    }
    const callback = { request, firstAttemptAt: Date.now() };
    this.pendingCallbacks.add(callback);
    this.due.push(callback);
    this.schedulePump();
  }

  pending(): number {
    return this.pendingCallbacks.size;
  }

  stats(): CallbackStats {
    return {
      delivered: this.delivered,
      pending: this.pendingCallbacks.size,
      abandoned: this.abandoned,
      attempts: this.attempts,
    };
  }

  /** Resolves once nothing is pending: every callback delivered or given up. */
  settled(): Promise<void> {
    if (this.pendingCallbacks.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  /** Stops retrying: pending callbacks are dropped and posts in flight aborted. */
  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.due.length = 0;
    this.abandoned += this.pendingCallbacks.size;
    this.pendingCallbacks.clear();
    this.notifyIfSettled();
    await Promise.allSettled([...this.inFlightAttempts]);
  }

  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (
      !this.closing.signal.aborted &&
      this.inFlightAttempts.size < this.policy.maxInFlight &&
      this.due.length > 0
    ) {
      const callback = this.due.shift()!;
      const attempt = this.attempt(callback).finally(() => {
        this.inFlightAttempts.delete(attempt);
        this.pump();
      });
      this.inFlightAttempts.add(attempt);
    }
  }

  private async attempt(callback: PendingCallback): Promise<void> {
    this.attempts += 1;
    const { url, body, headers, isReceived } = callback.request;
    let received = false;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.any([this.closing.signal, AbortSignal.timeout(this.policy.attemptTimeoutMs)]),
      });
      // Read to the end so the connection can be reused.
      await response.arrayBuffer();
      received = isReceived(response.status);
    } catch {
      // Refused, reset, timed out or aborted by close(): all mean "not received", like a non-200.
    }
    if (this.closing.signal.aborted) return;
    if (received) {
      this.delivered += 1;
      this.finish(callback);
    } else if (Date.now() - callback.firstAttemptAt >= this.policy.giveUpAfterMs) {
      this.abandoned += 1;
      this.finish(callback);
    } else {
      this.retryLater(callback);
    }
  }

  private retryLater(callback: PendingCallback): void {
    const { minDelayMs, maxDelayMs } = this.policy;
    const timer = setTimeout(
      () => {
        this.retryTimers.delete(timer);
        this.due.push(callback);
        this.pump();
      },
      minDelayMs + Math.random() * (maxDelayMs - minDelayMs),
    );
    this.retryTimers.add(timer);
  }

  private finish(callback: PendingCallback): void {
    this.pendingCallbacks.delete(callback);
    this.notifyIfSettled();
  }

  private notifyIfSettled(): void {
    if (this.pendingCallbacks.size > 0) return;
    for (const resolve of this.settledWaiters.splice(0)) resolve();
  }
}
