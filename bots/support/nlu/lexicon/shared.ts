import type { LexiconGroup } from './types.ts';

/** Signals that are the same in every language: emoji tokens, bot commands, brand and product names. */
export const SHARED: readonly LexiconGroup[] = [
  { to: 'greeting', w: 3, max: 2, p: ['start', 'menu'] },
  { to: 'greeting', w: 2, max: 4, p: [':wave:', ':happy:'] },
  { to: 'goodbye', w: 3, max: 6, p: [':thanks:'] },
  { to: 'goodbye', w: 2, max: 4, p: [':ok:'] },
  { to: 'complaint', w: 2.5, p: [':anger:'] },
  { to: '@payment-methods', w: 3, p: ['paypal', 'blik', 'pix', 'klarna'] },
  { to: '@device-setup-wifi', w: 1, p: ['bluetooth', 'app'] },
  { to: '@warranty', w: 3, p: ['pixel*', 'piksel*'] },
];
