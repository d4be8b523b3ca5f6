/**
 * OAuth 2.0 authorization code + PKCE (RFC 7636) against Cognito's hosted sign-in. Pure helpers,
 * no DOM: the browser flow in session.ts wires them to location and sessionStorage.
 */
export interface CognitoConfig {
  /** e.g. https://my-prefix.auth.eu-west-1.amazoncognito.com */
  readonly cognitoDomain: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scopes?: readonly string[];
}

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A high-entropy verifier: 32 random bytes give 43 characters of the unreserved alphabet. */
export function createCodeVerifier(random: (bytes: Uint8Array) => Uint8Array = defaultRandom): string {
  return base64url(random(new Uint8Array(32)));
}

/** S256: BASE64URL(SHA-256(ASCII(verifier))). */
export async function codeChallengeFor(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

export function createState(random: (bytes: Uint8Array) => Uint8Array = defaultRandom): string {
  return base64url(random(new Uint8Array(16)));
}

export function authorizeUrl(config: CognitoConfig, state: string, challenge: string): string {
  const url = new URL('/oauth2/authorize', config.cognitoDomain);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: (config.scopes ?? ['openid', 'email', 'profile']).join(' '),
    state,
    code_challenge_method: 'S256',
    code_challenge: challenge,
  }).toString();
  return url.toString();
}

export function tokenRequest(
  config: CognitoConfig,
  code: string,
  verifier: string,
): { url: string; body: URLSearchParams } {
  return {
    url: new URL('/oauth2/token', config.cognitoDomain).toString(),
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code,
      redirect_uri: config.redirectUri,
      code_verifier: verifier,
    }),
  };
}

export type CallbackResult =
  | { readonly ok: true; readonly code: string }
  | { readonly ok: false; readonly error: string };

/** The redirect back from Cognito: the code, when the state is the one this tab sent. */
export function parseCallback(search: string, expectedState: string | null): CallbackResult {
  const params = new URLSearchParams(search);
  const error = params.get('error');
  if (error) return { ok: false, error };
  const code = params.get('code');
  if (!code) return { ok: false, error: 'missing_code' };
  if (!expectedState || params.get('state') !== expectedState) return { ok: false, error: 'state_mismatch' };
  return { ok: true, code };
}

/** The claims of a JWT's payload, unverified: only for showing who signed in (the API verifies). */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

function defaultRandom(bytes: Uint8Array): Uint8Array {
  return crypto.getRandomValues(bytes);
}
