import type { ComplianceKeyword } from '../../domain/compliance.ts';

/**
 * Opt-out / opt-in / help keywords, recognised only when they are the whole message (any case,
 * surrounding spaces, a trailing "." or "!" and accents ignored). Twilio acts on single-word
 * replies only ("STOP PLEASE" does nothing): https://support.twilio.com/hc/en-us/articles/223134027
 * and the error 23002 page list the defaults; https://twilio.com/en-us/blog/update-to-fcc-s-sms-opt-out-keywords
 * adds REVOKE and OPTOUT (May 2025).
 *
 * - stop:  STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT;
 *          Portuguese PARAR, PARE, SAIR, CANCELAR, DESCADASTRAR; Polish KONIEC, ANULUJ, WYPISZ
 *          (Polish speakers also send STOP itself).
 * - start: START, YES, UNSTOP; Portuguese INICIAR; Polish WZNÓW.
 *          SIM / TAK ("yes") are left out on purpose: customers type them as answers to the bot.
 * - help:  HELP, INFO; Portuguese AJUDA; Polish POMOC.
 *
 * Twilio itself blocks sending only for its English keywords (unless Advanced Opt-Out is set up),
 * so the worker must honour the local-language ones: stop sending, confirm once.
 */

const KEYWORDS: Readonly<Record<string, ComplianceKeyword>> = {
  STOP: 'stop',
  STOPALL: 'stop',
  UNSUBSCRIBE: 'stop',
  CANCEL: 'stop',
  END: 'stop',
  QUIT: 'stop',
  REVOKE: 'stop',
  OPTOUT: 'stop',
  PARAR: 'stop',
  PARE: 'stop',
  SAIR: 'stop',
  CANCELAR: 'stop',
  DESCADASTRAR: 'stop',
  KONIEC: 'stop',
  ANULUJ: 'stop',
  WYPISZ: 'stop',
  START: 'start',
  YES: 'start',
  UNSTOP: 'start',
  INICIAR: 'start',
  WZNOW: 'start',
  HELP: 'help',
  INFO: 'help',
  AJUDA: 'help',
  POMOC: 'help',
};

export function complianceKeyword(text: string): ComplianceKeyword | undefined {
  const word = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .trim()
    .replace(/[.!]+$/, '')
    .trim()
    .toUpperCase();
  return Object.hasOwn(KEYWORDS, word) ? KEYWORDS[word] : undefined;
}
