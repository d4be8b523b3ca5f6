import { describe, expect, it } from 'vitest';
import { addressKey, type ChannelAddress, languageFromLocale } from '../../../../shared/domain/channel.ts';

describe('languageFromLocale', () => {
  it.each([
    ['pt-BR', 'pt'],
    ['pt', 'pt'],
    ['pt-PT', 'pt'],
    ['PL', 'pl'],
    ['pl-PL', 'pl'],
    ['en_US', 'en'],
    ['EN-gb', 'en'],
    ['en', 'en'],
  ])('maps %s to %s', (locale, language) => {
    expect(languageFromLocale(locale)).toBe(language);
  });

  it.each([['de'], ['de-DE'], ['es-PT'], ['ptx'], ['english'], [''], ['-pt'], ['_en']])(
    'has no language for %j',
    (locale) => {
      expect(languageFromLocale(locale)).toBeUndefined();
    },
  );

  it('has no language without a locale', () => {
    expect(languageFromLocale(undefined)).toBeUndefined();
  });
});

describe('addressKey', () => {
  const address: ChannelAddress = {
    channel: 'telegram',
    accountId: '123456789',
    userId: '4503599627370495',
    chatId: '4503599627370495',
  };

  it('is channel:account:chat', () => {
    expect(addressKey(address)).toBe('telegram:123456789:4503599627370495');
  });

  it('keeps a negative chat id as it is', () => {
    expect(addressKey({ ...address, chatId: '-1001234567890' })).toBe('telegram:123456789:-1001234567890');
  });

  it('keys by the chat, where replies go, not by the user', () => {
    expect(addressKey({ ...address, userId: 'someone-else' })).toBe(addressKey(address));
  });

  it('differs for another account (another bot or number) or another channel', () => {
    expect(addressKey({ ...address, accountId: '987654321' })).not.toBe(addressKey(address));
    expect(addressKey({ ...address, channel: 'whatsapp' })).not.toBe(addressKey(address));
    expect(addressKey({ ...address, chatId: '4503599627370494' })).not.toBe(addressKey(address));
  });
});
