import routing from './config/routing.json' with { type: 'json' };

export interface HandoffRoute {
  readonly team: string;
  readonly expectedWaitMinutes: number;
}

interface RoutingTable {
  readonly defaultTeam: string;
  readonly teams: Readonly<Record<string, { readonly expectedWaitMinutes: number }>>;
  readonly topics: Readonly<Record<string, string>>;
}

const table = routing as RoutingTable;

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
export const TEAMS: readonly string[] = Object.keys(routing.teams);
