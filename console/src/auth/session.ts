import {
  authorizeUrl,
  type CognitoConfig,
  codeChallengeFor,
  createCodeVerifier,
  createState,
  decodeJwtPayload,
  parseCallback,
  tokenRequest,
} from './pkce.ts';

/** /config.json: the local runtime answers `local`; on AWS the deployment writes Cognito's settings. */
export type ConsoleConfig =
  | { readonly mode: 'local'; readonly apiUrl: string }
  | {
      readonly mode: 'cognito';
      readonly apiUrl: string;
      readonly cognitoDomain: string;
      readonly clientId: string;
    };

export interface Session {
  readonly token: string;
  readonly agentId: string;
  readonly name: string;
  readonly expiresAt: number;
}

const SESSION_KEY = 'console.session';
const PKCE_KEY = 'console.pkce';

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  return (await response.json()) as ConsoleConfig;
}

export function sessionFromToken(token: string): Session {
  const claims = decodeJwtPayload(token);
  const agentId = String(claims.sub ?? '');
  const name = [claims.name, claims.email, claims['cognito:username']].find(
    (value): value is string => typeof value === 'string' && value !== '',
  );
  return { token, agentId, name: name ?? agentId, expiresAt: Number(claims.exp ?? 0) * 1000 };
}

export function storedSession(now = Date.now()): Session | undefined {
  try {
    const session = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    return session && session.expiresAt > now + 30_000 ? session : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(SESSION_KEY);
}

function cognitoConfig(config: Extract<ConsoleConfig, { mode: 'cognito' }>): CognitoConfig {
  return {
    cognitoDomain: config.cognitoDomain,
    clientId: config.clientId,
    redirectUri: `${location.origin}/callback`,
  };
}

/** Step 1: remember a verifier and state in this tab, go to Cognito's hosted sign-in. */
export async function startCognitoSignIn(config: Extract<ConsoleConfig, { mode: 'cognito' }>): Promise<void> {
  const verifier = createCodeVerifier();
  const state = createState();
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  location.assign(authorizeUrl(cognitoConfig(config), state, await codeChallengeFor(verifier)));
}

/** Step 2, on /callback: check the state, trade the code and verifier for tokens. */
export async function finishCognitoSignIn(
  config: Extract<ConsoleConfig, { mode: 'cognito' }>,
  search: string,
): Promise<Session> {
  const pending = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? 'null') as {
    verifier: string;
    state: string;
  } | null;
  sessionStorage.removeItem(PKCE_KEY);
  const result = parseCallback(search, pending?.state ?? null);
  if (!result.ok || !pending) throw new Error(result.ok ? 'missing_verifier' : result.error);
  const request = tokenRequest(cognitoConfig(config), result.code, pending.verifier);
  const response = await fetch(request.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: request.body,
  });
  if (!response.ok) throw new Error(`token endpoint: ${response.status}`);
  const tokens = (await response.json()) as { id_token: string };
  const session = sessionFromToken(tokens.id_token);
  saveSession(session);
  return session;
}

export function cognitoSignOutUrl(config: Extract<ConsoleConfig, { mode: 'cognito' }>): string {
  const url = new URL('/logout', config.cognitoDomain);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    logout_uri: `${location.origin}/`,
  }).toString();
  return url.toString();
}
