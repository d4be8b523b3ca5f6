import { describe, expect, it } from 'vitest';
import routing from '../../../../bots/support/config/routing.json' with { type: 'json' };
import {
  parseRoutingTable,
  priorityFor,
  ROUTING_ENV,
  routeFor,
  routingTable,
} from '../../../../bots/support/routing.ts';
import { INTENTS } from '../../../../bots/support/understanding.ts';

const CALM = { complaint: false, angry: false, urgent: false, rawText: 'hello', repeatContact: false };

describe('routeFor', () => {
  it.each([
    ['order_status', 'orders', 15],
    ['cancel_order', 'orders', 15],
    ['returns_refunds', 'orders', 15],
    ['shipping_delivery', 'orders', 15],
    ['payments_invoices', 'billing', 20],
    ['subscription', 'billing', 20],
  ] as const)('sends %s to %s (about %i minutes)', (topic, team, minutes) => {
    expect(routeFor(topic)).toEqual({ team, expectedWaitMinutes: minutes });
  });

  it('sends no topic, an unrouted intent and an unknown topic to the default team', () => {
    expect(routeFor(undefined)).toEqual({ team: 'support', expectedWaitMinutes: 10 });
    expect(routeFor('complaint')).toEqual({ team: 'support', expectedWaitMinutes: 10 });
    expect(routeFor('human_agent')).toEqual({ team: 'support', expectedWaitMinutes: 10 });
    expect(routeFor('no_such_topic')).toEqual({ team: 'support', expectedWaitMinutes: 10 });
    expect(routeFor('')).toEqual({ team: 'support', expectedWaitMinutes: 10 });
  });

  it('follows the routing table for every intent, and every team it names has a wait', () => {
    const topics: Record<string, string> = routing.topics;
    const teams: Record<string, { expectedWaitMinutes: number }> = routing.teams;
    expect(teams[routing.defaultTeam]).toBeDefined();
    for (const team of Object.values(topics)) expect(teams[team], team).toBeDefined();
    for (const topic of Object.keys(topics)) expect(INTENTS as readonly string[]).toContain(topic);
    for (const intent of INTENTS) {
      const team = topics[intent] ?? routing.defaultTeam;
      expect(routeFor(intent), intent).toEqual({
        team,
        expectedWaitMinutes: teams[team]?.expectedWaitMinutes,
      });
    }
  });
});

describe('priorityFor', () => {
  it('is 1 for a calm customer', () => {
    expect(priorityFor(CALM)).toBe(1);
  });

  it.each([
    ['complaint', { complaint: true }],
    ['anger', { angry: true }],
    ['urgency', { urgent: true }],
    ['a repeat contact', { repeatContact: true }],
    ['shouting', { rawText: 'WHERE IS MY ORDER' }],
  ] as const)('adds one for %s', (_, change) => {
    expect(priorityFor({ ...CALM, ...change })).toBe(2);
  });

  it('adds the reasons up', () => {
    expect(priorityFor({ ...CALM, complaint: true, angry: true })).toBe(3);
    expect(priorityFor({ ...CALM, urgent: true, repeatContact: true })).toBe(3);
    expect(priorityFor({ ...CALM, complaint: true, angry: true, urgent: true })).toBe(4);
  });

  it('is capped at 4', () => {
    expect(
      priorityFor({
        complaint: true,
        angry: true,
        urgent: true,
        rawText: 'THIS IS A DISGRACE',
        repeatContact: true,
      }),
    ).toBe(4);
    expect(priorityFor({ ...CALM, complaint: true, angry: true, urgent: true, repeatContact: true })).toBe(4);
  });

  it.each([
    ['CZŁOWIEK TERAZ', true],
    ['QUERO FALAR COM ALGUÉM', true],
    ['ORDER A-123456 WHERE IS IT?!', true],
    ['HELP ME', false],
    ['OK!!! 123456789', false],
    ['Where Is My Order', false],
    ['where is my order', false],
    ['A-123456', false],
    ['', false],
  ])('reads %j as shouting: %s', (rawText, shouting) => {
    expect(priorityFor({ ...CALM, rawText })).toBe(shouting ? 2 : 1);
  });
});

describe('a deployment routing table', () => {
  const own = {
    defaultTeam: 'frontline',
    teams: { frontline: { expectedWaitMinutes: 5 }, finance: { expectedWaitMinutes: 30 } },
    topics: { payments_invoices: 'finance' },
  };

  it('replaces the bundled file when SUPPORT_ROUTING is set (the construct routing prop)', () => {
    expect(routingTable({ [ROUTING_ENV]: JSON.stringify(own) })).toEqual(own);
    expect(routingTable({})).toEqual(routing);
  });

  it.each([
    ['a default team it does not define', { ...own, defaultTeam: 'nobody' }],
    ['a topic sent to an unknown team', { ...own, topics: { subscription: 'sales' } }],
    ['a team without its wait', { ...own, teams: { frontline: {} } }],
    ['no teams at all', { defaultTeam: 'x', topics: {} }],
  ])('refuses %s', (_why, table) => {
    expect(() => parseRoutingTable(table)).toThrow(/Invalid routing table/);
  });
});
