/** The agent behind a request, from the JWT claims the gateway verified (Cognito on AWS, the local key locally). */
export interface Principal {
  readonly agentId: string;
  readonly name: string;
  /** Teams are Cognito groups; the admin group is not a team. */
  readonly teams: readonly string[];
  readonly admin: boolean;
  /** Team leads read the reports; they act on conversations like any agent of their teams. */
  readonly lead: boolean;
}

/** The Cognito group whose members see and act on every team's conversations. */
export const ADMIN_GROUP = 'admins';
/** The Cognito group of team leads (reports). */
export const LEADS_GROUP = 'leads';

/**
 * Reads the claims API Gateway passes on. HTTP API JWT authorizers flatten array claims into a
 * string such as `[billing support]`; Cognito sends `cognito:groups`; the local gateway passes the
 * JSON array as signed. All three are accepted. Without a subject, or for anything but an access
 * token, there is no principal.
 */
export function principalFromClaims(
  claims: Readonly<Record<string, unknown>> | undefined,
): Principal | undefined {
  if (!claims) return undefined;
  // Cognito's ID token passes the same authorizer (its `aud` is the app client): only access tokens
  // may call the API, as OAuth intends.
  if (claims.token_use !== 'access') return undefined;
  const agentId = typeof claims.sub === 'string' && claims.sub.trim() ? claims.sub.trim() : undefined;
  if (!agentId) return undefined;
  const groups = groupList(claims['cognito:groups']);
  const name = [claims.name, claims.email, claims['cognito:username'], claims.username].find(
    (value): value is string => typeof value === 'string' && value.trim() !== '',
  );
  return {
    agentId,
    name: name ?? agentId,
    teams: [...new Set(groups.filter((group) => group !== ADMIN_GROUP && group !== LEADS_GROUP))].sort(),
    admin: groups.includes(ADMIN_GROUP),
    lead: groups.includes(LEADS_GROUP),
  };
}

function groupList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value !== 'string') return [];
  const text = value.trim();
  if (text.startsWith('[') && text.includes('"')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.filter((item): item is string => typeof item === 'string');
    } catch {
      // Not JSON: the gateway's `[a b]` form below.
    }
  }
  return text
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

/** Teams whose conversations the principal may see: their own, or every known team for an admin. */
export function visibleTeams(principal: Principal, knownTeams: readonly string[]): readonly string[] {
  return principal.admin ? [...new Set([...knownTeams, ...principal.teams])] : principal.teams;
}

export function canSeeTeam(principal: Principal, team: string | undefined): boolean {
  if (principal.admin) return true;
  return team !== undefined && principal.teams.includes(team);
}
