import { describe, expect, it } from 'vitest';
import { complianceKeyword } from '../../../../../shared/channels/sms/compliance.ts';

describe('complianceKeyword', () => {
  it.each(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'])(
    'reads Twilio opt-out keyword %s as stop',
    (word) => {
      expect(complianceKeyword(word)).toBe('stop');
    },
  );

  it.each(['START', 'YES', 'UNSTOP'])('reads Twilio opt-in keyword %s as start', (word) => {
    expect(complianceKeyword(word)).toBe('start');
  });

  it.each(['HELP', 'INFO'])('reads Twilio help keyword %s as help', (word) => {
    expect(complianceKeyword(word)).toBe('help');
  });

  it.each([
    ['parar', 'stop'],
    ['Pare', 'stop'],
    ['SAIR', 'stop'],
    ['cancelar', 'stop'],
    ['descadastrar', 'stop'],
    ['ajuda', 'help'],
    ['iniciar', 'start'],
    ['koniec', 'stop'],
    ['Anuluj', 'stop'],
    ['wypisz', 'stop'],
    ['pomoc', 'help'],
    ['wznów', 'start'],
    ['WZNOW', 'start'],
  ] as const)('reads the local keyword %s as %s', (word, keyword) => {
    expect(complianceKeyword(word)).toBe(keyword);
  });

  it('ignores case, surrounding spaces and a trailing full stop or exclamation mark', () => {
    for (const text of ['stop', ' Stop ', 'sToP', '\tSTOP\n', 'STOP.', 'stop!', 'Stop!!']) {
      expect(complianceKeyword(text)).toBe('stop');
    }
  });

  it('only matches the whole message', () => {
    for (const text of [
      'STOP PLEASE',
      'please stop',
      'stop it',
      'helpdesk',
      'I need help',
      'OPT OUT',
      'yes please',
    ]) {
      expect(complianceKeyword(text)).toBeUndefined();
    }
  });

  it('leaves everyday yes-words alone (they answer the bot)', () => {
    for (const text of ['sim', 'tak', 'ok', '']) expect(complianceKeyword(text)).toBeUndefined();
  });

  it('does not treat inherited object keys as keywords', () => {
    for (const text of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(complianceKeyword(text)).toBeUndefined();
    }
  });
});
