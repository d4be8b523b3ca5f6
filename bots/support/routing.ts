import routing from './config/routing.json' with { type: 'json' };

export interface HandoffRoute {
  readonly team: string;
  readonly expectedWaitMinutes: number;
}

export interface RoutingTable {
  readonly defaultTeam: string;
  readonly teams: Readonly<Record<string, { readonly expectedWaitMinutes: number }>>;
  readonly topics: Readonly<Record<string, string>>;
}

/**
 * A deployment's own routing table (JSON of the same shape as config/routing.json), set by the CDK
 * construct's `routing` prop; the file in the bundle applies when it is unset.
 */
export const ROUTING_ENV = 'SUPPORT_ROUTING';

/** Checks a routing table's shape; every topic and the default must name a team it defines. */
export function parseRoutingTable(value: unknown): RoutingTable {
  const fail = (why: string): never => {
    throw new Error(`Invalid routing table: ${why}`);
  };
  if (typeof value !== 'object' || value === null) return fail('not an object');
  const { defaultTeam, teams, topics } = value as Record<string, unknown>;
  if (typeof teams !== 'object' || teams === null) return fail('teams must be an object');
  for (const [team, settings] of Object.entries(teams)) {
    const minutes = (settings as { expectedWaitMinutes?: unknown } | null)?.expectedWaitMinutes;
    if (typeof minutes !== 'number' || !(minutes >= 0)) fail(`team ${team} needs expectedWaitMinutes >= 0`);
  }
  if (typeof defaultTeam !== 'string' || !(defaultTeam in teams))
    fail('defaultTeam must be one of the teams');
  if (typeof topics !== 'object' || topics === null) return fail('topics must be an object');
  for (const [topic, team] of Object.entries(topics)) {
    if (typeof team !== 'string' || !(team in teams)) fail(`topic ${topic} goes to an unknown team`);
  }
  return value as RoutingTable;
}

export function routingTable(env: NodeJS.ProcessEnv = process.env): RoutingTable {
  const configured = env[ROUTING_ENV];
  return configured ? parseRoutingTable(JSON.parse(configured)) : (routing as RoutingTable);
}

/** Read once at cold start: a broken table fails the deploy's first invocation loudly, not a customer's turn. */
const table = routingTable();

/** The team for a topic (an intent name), from the routing table in config/routing.json. */
export function routeFor(topic: string | undefined): HandoffRoute {
  const team = (topic ? table.topics[topic] : undefined) ?? table.defaultTeam;
  return { team, expectedWaitMinutes: table.teams[team]?.expectedWaitMinutes ?? 15 };
}

/**
 * Priority 1 (normal) to 4: a complaint, anger, urgency words, shouting and a repeat contact each
 * move the customer up the queue (the NLU tells anger and urgency).
 */
export function priorityFor(input: {
  readonly complaint: boolean;
  readonly angry: boolean;
  readonly urgent: boolean;
  readonly rawText: string;
  readonly repeatContact: boolean;
}): number {
  let priority = 1;
  if (input.complaint) priority += 1;
  if (input.angry) priority += 1;
  if (input.urgent) priority += 1;
  const letters = input.rawText.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 8 && letters === letters.toUpperCase()) priority += 1;
  if (input.repeatContact) priority += 1;
  return Math.min(4, priority);
}

/** Every team a conversation can be routed or transferred to. */
export const TEAMS: readonly string[] = Object.keys(table.teams);
