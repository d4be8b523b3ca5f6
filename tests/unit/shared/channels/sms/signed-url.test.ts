import { describe, expect, it } from 'vitest';
import { signedUrlVariants, twilioWebhookUrl } from '../../../../../shared/channels/sms/signed-url.ts';

describe('twilioWebhookUrl', () => {
  it.each([
    ['https://abc.execute-api.eu-west-1.amazonaws.com/', '/webhooks/sms'],
    ['https://abc.execute-api.eu-west-1.amazonaws.com', '/webhooks/sms'],
    ['https://abc.execute-api.eu-west-1.amazonaws.com//', 'webhooks/sms'],
  ])('joins %s and %s with exactly one slash', (base, path) => {
    expect(twilioWebhookUrl(base, path, undefined)).toBe(
      'https://abc.execute-api.eu-west-1.amazonaws.com/webhooks/sms',
    );
  });

  it('keeps a stage or custom-domain path prefix of the base URL', () => {
    expect(twilioWebhookUrl('https://support.example.com/prod/', '/webhooks/sms', '')).toBe(
      'https://support.example.com/prod/webhooks/sms',
    );
  });

  it('appends the query string exactly as received', () => {
    expect(twilioWebhookUrl('https://x.example/', '/webhooks/sms', "a=1&b=It's+%27x%27")).toBe(
      "https://x.example/webhooks/sms?a=1&b=It's+%27x%27",
    );
  });
});

describe('signedUrlVariants', () => {
  it('offers the URL as is, without port and with the default port', () => {
    expect(signedUrlVariants('https://x.example/webhooks/sms')).toEqual(
      expect.arrayContaining(['https://x.example/webhooks/sms', 'https://x.example:443/webhooks/sms']),
    );
    expect(signedUrlVariants('http://x.example:8080/a')).toEqual(
      expect.arrayContaining(['http://x.example:8080/a', 'http://x.example/a']),
    );
  });

  it("offers both spellings of a quote in the query: ' and %27", () => {
    const variants = signedUrlVariants("https://x.example/a?q=It's");
    expect(variants).toEqual(
      expect.arrayContaining(["https://x.example/a?q=It's", 'https://x.example/a?q=It%27s']),
    );
    expect(signedUrlVariants('https://x.example/a?q=It%27s')).toContain("https://x.example/a?q=It's");
  });

  it('keeps credentials and IPv6 hosts intact while changing the port', () => {
    expect(signedUrlVariants('https://u:p@x.example/a')).toContain('https://u:p@x.example:443/a');
    expect(signedUrlVariants('https://[::1]:8443/a')).toContain('https://[::1]/a');
  });

  it('returns only the literal spelling for something that is not a URL', () => {
    expect(signedUrlVariants('not a url')).toEqual(['not a url']);
  });
});
