import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { ADMIN_GROUP, LEADS_GROUP } from '../../shared/agent-api/principal.ts';

/**
 * Locally, agents' tokens are signed by a key of this machine (ES256, kept in the data dir) and
 * verified by the local gateway the way API Gateway's JWT authorizer verifies Cognito's: signature,
 * algorithm, issuer, audience, expiry. The claims are Cognito's: `sub`, `cognito:groups`, `name`.
 */
export const LOCAL_AGENT_ISSUER = 'urn:omnichannel-support:local-agents';
export const LOCAL_AGENT_AUDIENCE = 'omnichannel-support-console';
const ALGORITHM = 'ES256';
const DEFAULT_TTL_SECONDS = 12 * 60 * 60;
type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface LocalSigningKey {
  readonly kid: string;
  readonly privateKey: Key;
  readonly publicKey: Key;
}

/** The data dir's signing key, created on first use (by the runtime or the token command, whichever runs first). */
export async function localSigningKey(dataDir: string): Promise<LocalSigningKey> {
  const folder = join(dataDir, 'agent-auth');
  const path = join(folder, 'signing-key.json');
  let stored: { kid: string; privateJwk: JWK; publicJwk: JWK } | undefined;
  try {
    stored = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    mkdirSync(folder, { recursive: true });
    const pair = await generateKeyPair(ALGORITHM, { extractable: true });
    const candidate = {
      kid: `local-${Date.now().toString(36)}`,
      privateJwk: await exportJWK(pair.privateKey),
      publicJwk: await exportJWK(pair.publicKey),
    };
    try {
      writeFileSync(path, JSON.stringify(candidate), { flag: 'wx', mode: 0o600 });
      stored = candidate;
    } catch {
      // Another process created it a moment ago: use theirs.
      stored = JSON.parse(readFileSync(path, 'utf8'));
    }
  }
  if (!stored) throw new Error(`no local signing key at ${path}`);
  return {
    kid: stored.kid,
    privateKey: (await importJWK(stored.privateJwk, ALGORITHM)) as Key,
    publicKey: (await importJWK(stored.publicJwk, ALGORITHM)) as Key,
  };
}

export interface LocalAgent {
  readonly agentId: string;
  readonly teams: readonly string[];
  readonly admin?: boolean;
  readonly lead?: boolean;
  readonly name?: string;
}

export async function issueLocalToken(
  key: LocalSigningKey,
  agent: LocalAgent,
  options: { ttlSeconds?: number; now?: Date } = {},
): Promise<string> {
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const groups = [
    ...agent.teams,
    ...(agent.admin ? [ADMIN_GROUP] : []),
    ...(agent.lead ? [LEADS_GROUP] : []),
  ];
  // Shaped like a Cognito access token: the app client in `client_id` (no `aud`), `token_use: access`.
  return new SignJWT({
    'cognito:groups': groups,
    username: agent.agentId,
    name: agent.name ?? agent.agentId,
    token_use: 'access',
    client_id: LOCAL_AGENT_AUDIENCE,
  })
    .setProtectedHeader({ alg: ALGORITHM, kid: key.kid, typ: 'JWT' })
    .setSubject(agent.agentId)
    .setIssuer(LOCAL_AGENT_ISSUER)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.ttlSeconds ?? DEFAULT_TTL_SECONDS))
    .sign(key.privateKey);
}

/**
 * What API Gateway's JWT authorizer does: the claims of a valid bearer token, or undefined. Array
 * claims are flattened to `[a b]` strings, as the authorizer passes them to the function.
 */
export async function authorizeLocally(
  key: LocalSigningKey,
  authorization: string | undefined,
): Promise<Record<string, string> | undefined> {
  const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/i.exec(
    authorization?.trim() ?? '',
  );
  if (!match?.[1]) return undefined;
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(match[1], key.publicKey, {
      algorithms: [ALGORITHM],
      issuer: LOCAL_AGENT_ISSUER,
      requiredClaims: ['exp', 'sub'],
    }));
  } catch {
    return undefined;
  }
  // API Gateway accepts the audience in `aud` (ID tokens) or `client_id` (access tokens).
  const audiences = [payload.aud, payload.client_id].flat().filter((value) => typeof value === 'string');
  if (!audiences.includes(LOCAL_AGENT_AUDIENCE)) return undefined;
  return Object.fromEntries(
    Object.entries(payload).map(([name, value]) => [
      name,
      Array.isArray(value)
        ? `[${value.join(' ')}]`
        : typeof value === 'string'
          ? value
          : JSON.stringify(value),
    ]),
  );
}
