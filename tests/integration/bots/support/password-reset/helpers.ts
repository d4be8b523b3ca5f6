import type {
  IdentityProvider,
  StartResetInput,
} from '../../../../../bots/support/password-reset/identity-provider.ts';
import type { ResetTiming } from '../../../../../bots/support/password-reset/start-password-reset.ts';
import type { Mailbox } from '../../../../../infra/local/sandbox/mailbox.ts';

/** Distinct hours of one day: each test works in its own rate-limit windows. */
export const at = (hour: number, minute = 0, second = 0) =>
  new Date(Date.UTC(2026, 10, 26, hour, minute, second));

/** The raw token in the last link a mailbox address received. */
export function lastTokenFor(mailbox: Mailbox, address: string): string | undefined {
  const messages = mailbox.messagesFor(address);
  return /token=([A-Za-z0-9_-]{43})/.exec(messages.at(-1)?.text ?? '')?.[1];
}

/** Wraps a provider and remembers what it was asked, to prove when it was (not) called. */
export function spying(provider: IdentityProvider) {
  const calls: StartResetInput[] = [];
  return {
    calls,
    provider: {
      async startReset(input: StartResetInput) {
        calls.push(input);
        await provider.startReset(input);
      },
    } satisfies IdentityProvider,
  };
}

/**
 * A simulated monotonic clock: only what the test advances and what the use case sleeps counts, so
 * the padding can be checked exactly with no real waiting and no flakiness.
 */
export function simulatedTiming(jitter = 0) {
  let clock = 0;
  const sleeps: number[] = [];
  const timing: ResetTiming = {
    elapsedMs: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    jitter: () => jitter,
  };
  return {
    timing,
    sleeps,
    advance: (ms: number) => {
      clock += ms;
    },
    read: () => clock,
  };
}
