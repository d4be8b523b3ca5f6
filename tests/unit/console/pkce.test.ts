import { describe, expect, it } from 'vitest';
import {
  authorizeUrl,
  base64url,
  codeChallengeFor,
  createCodeVerifier,
  createState,
  decodeJwtPayload,
  parseCallback,
  tokenRequest,
} from '../../../console/src/auth/pkce.ts';

const config = {
  cognitoDomain: 'https://acme-support.auth.eu-west-1.amazoncognito.com',
  clientId: 'client123',
  redirectUri: 'https://console.example.com/callback',
};

describe('PKCE helpers of the console (Cognito hosted sign-in, authorization code + S256)', () => {
  it('derives the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await codeChallengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes verifiers of 43 unreserved characters, different each time', () => {
    const verifiers = new Set(Array.from({ length: 20 }, () => createCodeVerifier()));
    expect(verifiers.size).toBe(20);
    for (const verifier of verifiers) expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createState()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('encodes base64url without padding', () => {
    expect(base64url(new Uint8Array([251, 255, 191]))).toBe('-_-_');
    expect(base64url(new Uint8Array([1]))).toBe('AQ');
  });

  it('sends the browser to /oauth2/authorize with the code flow, the challenge and the state', () => {
    const url = new URL(authorizeUrl(config, 'state-1', 'challenge-1'));
    expect(url.origin + url.pathname).toBe(`${config.cognitoDomain}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client123',
      redirect_uri: config.redirectUri,
      scope: 'openid email profile',
      state: 'state-1',
      code_challenge_method: 'S256',
      code_challenge: 'challenge-1',
    });
  });

  it('trades the code and the verifier at /oauth2/token (public client: no secret)', () => {
    const request = tokenRequest(config, 'the-code', 'the-verifier');
    expect(request.url).toBe(`${config.cognitoDomain}/oauth2/token`);
    expect(Object.fromEntries(request.body)).toEqual({
      grant_type: 'authorization_code',
      client_id: 'client123',
      code: 'the-code',
      redirect_uri: config.redirectUri,
      code_verifier: 'the-verifier',
    });
  });

  it('accepts the callback only with the state this tab sent', () => {
    expect(parseCallback('?code=abc&state=s1', 's1')).toEqual({ ok: true, code: 'abc' });
    expect(parseCallback('?code=abc&state=forged', 's1')).toEqual({ ok: false, error: 'state_mismatch' });
    expect(parseCallback('?code=abc&state=s1', null)).toEqual({ ok: false, error: 'state_mismatch' });
    expect(parseCallback('?error=access_denied&state=s1', 's1')).toEqual({
      ok: false,
      error: 'access_denied',
    });
    expect(parseCallback('?state=s1', 's1')).toEqual({ ok: false, error: 'missing_code' });
  });

  it('reads the claims of a token to show who signed in (UTF-8 names included)', () => {
    const payload = Buffer.from(JSON.stringify({ sub: 'ana', name: 'Zofia Łęcka' })).toString('base64url');
    expect(decodeJwtPayload(`h.${payload}.s`)).toEqual({ sub: 'ana', name: 'Zofia Łęcka' });
  });
});
