import type { Language } from '../../../shared/domain/channel.ts';
import type { TableRef } from '../../../shared/store/dynamo.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from './demo-accounts.ts';
import {
  errorNameOf,
  type IdentityProvider,
  logResetOutcome,
  type ResetOutcomeRecorder,
} from './identity-provider.ts';
import type { MailDelivery, ResetLinkMail } from './mail-delivery.ts';
import { RESET_COPY } from './reset-copy.ts';
import { issueResetToken } from './reset-tokens.ts';

/** Path of the page a reset link opens; the lead mounts `GET /demo/reset` there (see reset-page.ts). */
export const DEMO_RESET_PATH = '/demo/reset';

export interface DemoIdentityProviderOptions {
  readonly table: TableRef;
  readonly delivery: MailDelivery;
  /** Where the customer's browser reaches this deployment (PUBLIC_BASE_URL). */
  readonly publicBaseUrl: string;
  readonly accounts?: readonly DemoAccount[];
  readonly now?: () => Date;
  readonly record?: ResetOutcomeRecorder;
}

/**
 * The local stand-in for Cognito: looks the hint up among the demo accounts, and for a match issues
 * a one-time token (stored hashed) and sends the link to the address on the account, never to the
 * hint. Like Cognito's default AccountRecoverySetting it prefers the verified e-mail and falls back
 * to the phone. No match: nothing is sent, and the call resolves the same way.
 */
export function createDemoIdentityProvider(options: DemoIdentityProviderOptions): IdentityProvider {
  const accounts = options.accounts ?? DEMO_ACCOUNTS;
  const now = options.now ?? (() => new Date());
  const record = options.record ?? logResetOutcome;
  return {
    async startReset({ accountHint, language }) {
      const account = findDemoAccount(accounts, accountHint);
      const address = account && registeredAddress(account);
      if (!account || !address) return record('demo', 'no_account');
      try {
        const token = await issueResetToken(options.table, account.accountId, now());
        await options.delivery.deliver(
          resetLinkMail(address, resetLinkUrl(options.publicBaseUrl, token), language),
        );
        record('demo', 'requested');
      } catch (error) {
        // Only real accounts reach this point, so a failure must look like success to the caller.
        record('demo', 'failed', errorNameOf(error));
      }
    },
  };
}

/** The account whose registered e-mail (any case) or phone (E.164, separators ignored) is the hint. */
export function findDemoAccount(
  accounts: readonly DemoAccount[],
  accountHint: string,
): DemoAccount | undefined {
  const hint = accountHint.trim();
  if (hint.includes('@')) {
    const email = hint.toLowerCase();
    return accounts.find((account) => account.email?.toLowerCase() === email);
  }
  const phone = hint.replace(/[\s().-]/g, '');
  return accounts.find((account) => account.phone === phone);
}

export function resetLinkUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${DEMO_RESET_PATH}?token=${encodeURIComponent(token)}`;
}

export interface RegisteredAddress {
  readonly kind: 'email' | 'phone';
  readonly to: string;
}

/** Where the link goes: the account's e-mail when it has one, otherwise its phone. */
export function registeredAddress(account: DemoAccount): RegisteredAddress | undefined {
  if (account.email) return { kind: 'email', to: account.email };
  if (account.phone) return { kind: 'phone', to: account.phone };
  return undefined;
}

/** The message carrying the link, in the language the customer asked in. */
export function resetLinkMail(address: RegisteredAddress, link: string, language: Language): ResetLinkMail {
  const copy = RESET_COPY[language].link;
  return address.kind === 'email'
    ? { to: address.to, subject: copy.emailSubject, text: copy.email(link) }
    : { to: address.to, subject: '', text: copy.sms(link) };
}
