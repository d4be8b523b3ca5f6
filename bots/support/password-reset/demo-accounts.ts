import type { Language } from '../../../shared/domain/channel.ts';

/** A customer account of the demo company, as its directory would hold it. */
export interface DemoAccount {
  readonly accountId: string;
  readonly name: string;
  /** The registered, verified e-mail address (lower case). */
  readonly email?: string;
  /** The registered, verified phone, E.164. */
  readonly phone?: string;
  readonly language: Language;
}

/**
 * Invented customers of Alpha, the demo company. E-mail domains are the reserved example.com, .net
 * and .org (RFC 2606) and phones come from ranges set aside for fiction (Ofcom's +44 7700 900xxx,
 * NANP 555-01xx), so a demo link can never reach a real person. On AWS, Cognito is the directory.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    accountId: 'acc_demo_emma',
    name: 'Emma Clarke',
    email: 'emma.clarke@example.com',
    phone: '+447700900101',
    language: 'en',
  },
  {
    accountId: 'acc_demo_ana',
    name: 'Ana Souza',
    email: 'ana.souza@example.net',
    phone: '+447700900202',
    language: 'pt',
  },
  { accountId: 'acc_demo_joao', name: 'João Pereira', email: 'joao.pereira@example.com', language: 'pt' },
  {
    accountId: 'acc_demo_piotr',
    name: 'Piotr Nowak',
    email: 'piotr.nowak@example.org',
    phone: '+447700900303',
    language: 'pl',
  },
  {
    accountId: 'acc_demo_kasia',
    name: 'Katarzyna Wiśniewska',
    email: 'k.wisniewska@example.org',
    language: 'pl',
  },
  /** Signed up with a phone only: the link goes by text message. */
  { accountId: 'acc_demo_liam', name: 'Liam Carter', phone: '+12025550142', language: 'en' },
];
