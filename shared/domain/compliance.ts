import type { Language } from './channel.ts';

/** What an SMS keyword asks for: stop all messages, start again, or the help text. */
export type ComplianceKeyword = 'stop' | 'start' | 'help';

/** Answer to HELP on SMS: who we are, how to stop, how else to reach us (carriers require it). */
export const SMS_HELP_TEXT: Record<Language, string> = {
  en: 'Alpha Support: reply here to chat with us. Agents: Mon-Fri 8-20, Sat 9-15. Call 0800 555 0199. Reply STOP to opt out.',
  pt: 'Alpha Atendimento: responda aqui para falar conosco. Seg-sex 8-20, sáb 9-15. Ligue 0800 555 0199. Responda PARAR para sair.',
  pl: 'Alpha Obsługa: odpisz tutaj, aby z nami porozmawiać. Pn-pt 8-20, sob 9-15. Tel. 0800 555 0199. Wyślij STOP, aby zrezygnować.',
};
