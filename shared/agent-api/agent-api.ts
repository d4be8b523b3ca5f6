import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { MESSENGER_MAX_TEXT } from '../channels/messenger/render.ts';
import { SMS_MAX_BODY_CHARS } from '../channels/sms/render.ts';
import { TELEGRAM_MAX_TEXT } from '../channels/telegram/render.ts';
import { WHATSAPP_MAX_TEXT } from '../channels/whatsapp/render.ts';
import { chooseReplyTarget } from '../domain/agent-reply.ts';
import { CHANNELS, type Channel, LANGUAGES, type Language } from '../domain/channel.ts';
import type { Conversation, ConversationAction, Owner } from '../domain/conversation.ts';
import type { OutboundMessage, QuickReply } from '../domain/messages.ts';
import { agentReplyWindow } from '../domain/reply-window.ts';
import { buildWeeklyReport, daysOfIsoWeek, isoWeekOf } from '../domain/report.ts';
import type { HttpRequest, HttpResponse } from '../http/types.ts';
import type { OutboundEnvelope } from '../queue/envelopes.ts';
import type { FifoMessage } from '../queue/fifo-sender.ts';
import { appendFeed, feedEntriesOf, readFeed } from '../store/agent-feed.ts';
import {
  InvalidCursorError,
  listByAssignee,
  listByTeamAndOwner,
  listQueue,
} from '../store/conversation-lists.ts';
import { applyConversationAction, getConversation, recordFirstAgentReply } from '../store/conversations.ts';
import { getCustomer } from '../store/customers.ts';
import { isConditionalCheckFailed, type TableRef } from '../store/dynamo.ts';
import { customerIdentities, readAudit, undoLink } from '../store/identity-links.ts';
import { messageId, stableDigest } from '../store/ids.ts';
import { expiresAfter, keys } from '../store/keys.ts';
import { issueLinkCode, LINK_CODE_TTL_SECONDS } from '../store/link-codes.ts';
import { countFact, readCounters } from '../store/report-counters.ts';
import { appendNote, appendOutboundMessage, readTranscriptPage } from '../store/transcript.ts';
import {
  ApiError,
  errorBody,
  json,
  MAX_PAGE_SIZE,
  notFound,
  pageSize,
  readJsonBody,
  requiredText,
} from './http.ts';
import { OPENAPI_DOCUMENT } from './openapi.ts';
import { canSeeTeam, type Principal, visibleTeams } from './principal.ts';

/** Longest text an agent may send on each channel: one platform message. */
export const MAX_REPLY_CHARS: Record<Channel, number> = {
  telegram: TELEGRAM_MAX_TEXT,
  whatsapp: WHATSAPP_MAX_TEXT,
  messenger: MESSENGER_MAX_TEXT,
  sms: SMS_MAX_BODY_CHARS,
};
/** A WhatsApp template carries the reply as one body parameter, limited by Meta. */
const MAX_TEMPLATE_CHARS = 1024;
const MAX_NOTE_CHARS = 4000;
/** A retried POST with the same Idempotency-Key within a day does not send twice. */
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

export type CannedReplies = readonly {
  readonly id: string;
  readonly team: string;
  readonly language: Language;
  readonly title: string;
  readonly text: string;
}[];

export interface AgentApiDeps {
  readonly table: TableRef;
  readonly enqueueOutbound: (messages: readonly FifoMessage[]) => Promise<void>;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  /** Every team conversations can be routed or transferred to. */
  readonly teams: readonly string[];
  readonly cannedReplies: CannedReplies;
  /** The bot's survey question in the customer's language, sent when an agent resolves. */
  readonly surveyInvitation: (language: Language) => { text: string; quickReplies: readonly QuickReply[] };
  /** The bot's words for a link code, in the customer's language, for the agent to send. */
  readonly linkCodeText: (language: Language, code: string) => string;
  readonly whatsappTemplateConfigured: boolean;
  /** Long-poll tuning of GET /api/events. */
  readonly events: {
    readonly pollIntervalMs: number;
    readonly settleMs: number;
    readonly maxWaitSeconds: number;
  };
}

interface RouteContext {
  readonly request: HttpRequest;
  readonly principal: Principal;
  readonly deps: AgentApiDeps;
  readonly params: readonly string[];
}

type Route = readonly [
  method: string,
  pattern: RegExp,
  handle: (context: RouteContext) => Promise<HttpResponse>,
];

const ID = '([A-Za-z0-9_-]{1,100})';
export const ROUTES: readonly Route[] = [
  ['GET', /^\/api\/me$/, async ({ principal }) => json(200, principal)],
  ['GET', /^\/api\/teams$/, async ({ deps }) => json(200, { teams: deps.teams })],
  ['GET', /^\/api\/queue$/, getQueue],
  ['GET', /^\/api\/conversations$/, listConversations],
  ['GET', new RegExp(`^/api/conversations/${ID}$`), getConversationView],
  ['GET', new RegExp(`^/api/conversations/${ID}/messages$`), getMessages],
  ['POST', new RegExp(`^/api/conversations/${ID}/claim$`), claim],
  ['POST', new RegExp(`^/api/conversations/${ID}/messages$`), postMessage],
  ['POST', new RegExp(`^/api/conversations/${ID}/notes$`), postNote],
  ['POST', new RegExp(`^/api/conversations/${ID}/transfer$`), transfer],
  ['POST', new RegExp(`^/api/conversations/${ID}/resolve$`), resolve],
  ['POST', new RegExp(`^/api/conversations/${ID}/release$`), release],
  ['POST', new RegExp(`^/api/conversations/${ID}/links/undo$`), undoIdentityLink],
  ['POST', new RegExp(`^/api/conversations/${ID}/link-code$`), issueCustomerLinkCode],
  ['GET', /^\/api\/canned-replies$/, getCannedReplies],
  ['GET', /^\/api\/events$/, getEvents],
  ['GET', /^\/api\/reports\/weekly$/, getWeeklyReport],
];

/** Routes anyone may call: the API's own description. */
export const PUBLIC_ROUTES = new Set(['GET /api/openapi.json']);

/**
 * One agent API request. The gateway has already verified the JWT (API Gateway's authorizer on
 * AWS, the local gateway locally); `principal` is what its claims say, or undefined without them.
 */
export async function handleAgentRequest(
  request: HttpRequest,
  principal: Principal | undefined,
  deps: AgentApiDeps,
): Promise<HttpResponse> {
  try {
    if (request.method === 'GET' && request.path === '/api/openapi.json') return json(200, OPENAPI_DOCUMENT);
    if (!principal) throw new ApiError(401, 'unauthorized', 'A valid bearer token is required');
    const allowed: string[] = [];
    for (const [method, pattern, handle] of ROUTES) {
      const match = pattern.exec(request.path);
      if (!match) continue;
      if (method !== request.method) {
        allowed.push(method);
        continue;
      }
      return await handle({ request, principal, deps, params: match.slice(1) });
    }
    if (allowed.length)
      throw new ApiError(405, 'method_not_allowed', `Use ${allowed.join(' or ')} on this path`, { allowed });
    throw new ApiError(404, 'unknown_route', `No route for ${request.method} ${request.path}`);
  } catch (error) {
    if (error instanceof ApiError) return errorBody(error);
    if (error instanceof InvalidCursorError)
      return errorBody(new ApiError(400, 'invalid_cursor', error.message));
    throw error;
  }
}

// ── reads ──────────────────────────────────────────────────────────────────────

async function getQueue({ request, principal, deps }: RouteContext): Promise<HttpResponse> {
  const teams = teamsFilter(request.query.team, principal, deps);
  const page = await listQueue(deps.table, teams, {
    limit: pageSize(request.query.limit),
    cursor: request.query.cursor,
  });
  const now = deps.now();
  return json(200, {
    conversations: page.conversations.map((conversation) => ({
      ...conversationView(conversation),
      waitingSeconds:
        conversation.owner.kind === 'queue'
          ? Math.max(0, Math.round((now.getTime() - Date.parse(conversation.owner.enqueuedAt)) / 1000))
          : 0,
    })),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
}

const OWNER_KINDS: readonly Owner['kind'][] = ['bot', 'queue', 'agent', 'closed'];

async function listConversations({ request, principal, deps }: RouteContext): Promise<HttpResponse> {
  const { assignee, status } = request.query;
  const options = { limit: pageSize(request.query.limit), cursor: request.query.cursor };
  if (assignee && status)
    throw new ApiError(400, 'invalid_request', 'Filter by assignee or by status, not both');
  let page: Awaited<ReturnType<typeof listQueue>>;
  if (assignee) {
    const agentId = assignee === 'me' ? principal.agentId : assignee;
    if (agentId !== principal.agentId && !principal.admin)
      throw new ApiError(403, 'forbidden', "Only admins may list another agent's conversations");
    page = await listByAssignee(deps.table, agentId, options);
  } else {
    const ownerKind = (status ?? 'agent') as Owner['kind'];
    if (!OWNER_KINDS.includes(ownerKind))
      throw new ApiError(400, 'invalid_request', `status must be one of ${OWNER_KINDS.join(', ')}`, {
        field: 'status',
      });
    page = await listByTeamAndOwner(
      deps.table,
      teamsFilter(request.query.team, principal, deps),
      ownerKind,
      options,
    );
  }
  return json(200, {
    conversations: page.conversations
      .filter((conversation) => canSeeTeam(principal, conversation.team))
      .map(conversationView),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
}

async function getConversationView({
  request,
  principal,
  deps,
  params,
}: RouteContext): Promise<HttpResponse> {
  const conversation = await visibleConversation(deps, principal, params[0]);
  const now = deps.now();
  const [customer, identities, transcript, audit] = await Promise.all([
    getCustomer(deps.table, conversation.customerId),
    customerIdentities(deps.table, conversation.customerId),
    readTranscriptPage(deps.table, conversation.conversationId, {
      limit: pageSize(request.query.limit),
      ...(request.query.before ? { before: request.query.before } : {}),
    }),
    readAudit(deps.table, conversation.customerId),
  ]);
  const mostRecent = [...identities].sort((a, b) =>
    (b.lastCustomerMessageAt ?? '').localeCompare(a.lastCustomerMessageAt ?? ''),
  )[0];
  return json(200, {
    conversation: conversationView(conversation),
    customer: {
      customerId: conversation.customerId,
      ...(customer?.displayName ? { displayName: customer.displayName } : {}),
      ...(customer?.language ? { language: customer.language } : {}),
      ...(mostRecent ? { mostRecentChannel: mostRecent.address.channel } : {}),
      identities: identities.map((identity) => ({
        channel: identity.address.channel,
        accountId: identity.address.accountId,
        userId: identity.address.userId,
        ...(identity.linkedBy ? { linkedBy: identity.linkedBy } : {}),
        ...(identity.linkedAt ? { linkedAt: identity.linkedAt } : {}),
        ...(identity.lastCustomerMessageAt ? { lastCustomerMessageAt: identity.lastCustomerMessageAt } : {}),
        ...(identity.optedOut ? { optedOut: true } : {}),
        replyWindow: agentReplyWindow(identity.address.channel, identity.lastCustomerMessageAt, now),
        canUndoLink: identity.linkedBy === 'link_code' || identity.linkedBy === 'phone_match',
      })),
      audit,
    },
    messages: transcript.entries.map(messageView),
    ...(transcript.before ? { before: transcript.before } : {}),
  });
}

async function getMessages({ request, principal, deps, params }: RouteContext): Promise<HttpResponse> {
  const conversation = await visibleConversation(deps, principal, params[0]);
  const transcript = await readTranscriptPage(deps.table, conversation.conversationId, {
    limit: pageSize(request.query.limit),
    ...(request.query.before ? { before: request.query.before } : {}),
  });
  return json(200, {
    messages: transcript.entries.map(messageView),
    ...(transcript.before ? { before: transcript.before } : {}),
  });
}

async function getCannedReplies({ request, principal, deps }: RouteContext): Promise<HttpResponse> {
  const teams = new Set(teamsFilter(request.query.team, principal, deps));
  const language = request.query.language;
  if (language !== undefined && !LANGUAGES.includes(language as Language))
    throw new ApiError(400, 'invalid_request', `language must be one of ${LANGUAGES.join(', ')}`, {
      field: 'language',
    });
  return json(200, {
    cannedReplies: deps.cannedReplies.filter(
      (reply) => (reply.team === '*' || teams.has(reply.team)) && (!language || reply.language === language),
    ),
  });
}

async function getEvents({ request, principal, deps }: RouteContext): Promise<HttpResponse> {
  const teams = visibleTeams(principal, deps.teams);
  const wait = request.query.wait === undefined ? 0 : Number(request.query.wait);
  if (!Number.isFinite(wait) || wait < 0)
    throw new ApiError(400, 'invalid_request', 'wait must be a number of seconds', { field: 'wait' });
  const waitMs = Math.min(wait, deps.events.maxWaitSeconds) * 1000;
  const since = request.query.since;
  if (since !== undefined && !/^\d{4}-\d\d-\d\dT[\d:.]+Z(#[\w-]+)?$/.test(since))
    throw new ApiError(400, 'invalid_cursor', 'since must be a cursor this API handed out');
  const start = deps.now();
  // Without a cursor the caller starts following from now: the lists give the current state.
  let cursor = since ?? new Date(start.getTime() - deps.events.settleMs).toISOString();
  for (;;) {
    const page = await readFeed(deps.table, teams, cursor, {
      now: deps.now(),
      settleMs: deps.events.settleMs,
      limit: MAX_PAGE_SIZE,
    });
    cursor = page.cursor;
    const waited = deps.now().getTime() - start.getTime();
    if (page.entries.length > 0 || waited + deps.events.pollIntervalMs > waitMs)
      return json(200, { events: page.entries.map(({ cursor: _cursor, ...entry }) => entry), cursor });
    await deps.sleep(deps.events.pollIntervalMs);
  }
}

/** The week's figures from the report counters (admins and team leads). */
async function getWeeklyReport({ request, principal, deps }: RouteContext): Promise<HttpResponse> {
  if (!principal.admin && !principal.lead)
    throw new ApiError(403, 'forbidden', 'Reports are for admins and team leads');
  const week = request.query.week || isoWeekOf(deps.now());
  let days: string[];
  try {
    days = daysOfIsoWeek(week);
  } catch {
    throw new ApiError(400, 'invalid_request', 'week must be an ISO week such as 2026-W48', {
      field: 'week',
    });
  }
  return json(200, buildWeeklyReport(week, await readCounters(deps.table, days)));
}

// ── writes ─────────────────────────────────────────────────────────────────────

async function claim({ principal, deps, params }: RouteContext): Promise<HttpResponse> {
  const conversation = await visibleConversation(deps, principal, params[0]);
  return act(
    deps,
    conversation,
    { type: 'claim', agentId: principal.agentId, at: deps.now().toISOString() },
    () => undefined,
    {
      conflictCode: 'already_claimed',
    },
  );
}

async function transfer({ request, principal, deps, params }: RouteContext): Promise<HttpResponse> {
  const conversation = await visibleConversation(deps, principal, params[0]);
  const body = readJsonBody(request);
  const team = body.team;
  if (typeof team !== 'string' || !deps.teams.includes(team))
    throw new ApiError(422, 'unknown_team', `team must be one of ${deps.teams.join(', ')}`, {
      field: 'team',
      teams: deps.teams,
    });
  return act(
    deps,
    conversation,
    { type: 'transfer', team, by: principal.agentId, at: deps.now().toISOString() },
    mayManage(principal),
  );
}

async function resolve({ principal, deps, params }: RouteContext): Promise<HttpResponse> {
  const conversation = await visibleConversation(deps, principal, params[0]);
  const response = await act(
    deps,
    conversation,
    { type: 'resolve', by: principal.agentId, at: deps.now().toISOString() },
    mayManage(principal),
    {
      after: async (resolved) => {
        const surveyed = await sendSurvey(deps, resolved);
        const channel = resolved.channel ?? surveyed;
        if (!channel) return;
        const now = deps.now();
        const team = resolved.team ?? 'unknown';
        if (resolved.handoff)
          await countFact(
            deps.table,
            {
              metric: 'resolution',
              channel,
              team,
              seconds: (now.getTime() - Date.parse(resolved.handoff.at)) / 1000,
            },
            now,
          );
        if (surveyed) await countFact(deps.table, { metric: 'surveys_sent', channel: surveyed, team }, now);
      },
    },
  );
  return response;
}

async function release({ principal, deps, params }: RouteContext): Promise<HttpResponse> {
  const conversation = await visibleConversation(deps, principal, params[0]);
  return act(
    deps,
    conversation,
    { type: 'release', by: principal.agentId, at: deps.now().toISOString() },
    mayManage(principal),
  );
}

/** The assignee manages an agent-owned conversation; any member of the team a queued one; admins any. */
function mayManage(principal: Principal): (current: Conversation) => string | undefined {
  return (current) => {
    if (principal.admin) return undefined;
    if (current.owner.kind === 'agent' && current.owner.agentId !== principal.agentId) return 'not_assignee';
    return undefined;
  };
}

async function act(
  deps: AgentApiDeps,
  conversation: Conversation,
  action: ConversationAction,
  guard: (current: Conversation) => string | undefined,
  options: { conflictCode?: string; after?: (conversation: Conversation) => Promise<void> } = {},
): Promise<HttpResponse> {
  const outcome = await applyConversationAction(deps.table, conversation.conversationId, action, guard);
  if (!outcome.ok) {
    if (outcome.reason === 'not_found') throw notFound();
    if (outcome.reason === 'not_assignee')
      throw new ApiError(409, 'not_assignee', 'Another agent holds this conversation', {
        conversation: outcome.conversation ? conversationView(outcome.conversation) : undefined,
      });
    throw new ApiError(409, options.conflictCode ?? 'conflict', outcome.reason, {
      conversation: outcome.conversation ? conversationView(outcome.conversation) : undefined,
    });
  }
  await options.after?.(outcome.conversation);
  await appendFeed(deps.table, feedEntriesOf(outcome.events), deps.now());
  return json(200, { conversation: conversationView(outcome.conversation) });
}

/** Resolution hands the conversation back to the bot, which asks for the survey and records the answer. */
async function sendSurvey(deps: AgentApiDeps, conversation: Conversation): Promise<Channel | undefined> {
  const [customer, identities] = await Promise.all([
    getCustomer(deps.table, conversation.customerId),
    customerIdentities(deps.table, conversation.customerId),
  ]);
  const target = chooseReplyTarget(identities, {}, deps.now(), false);
  if (!target.ok) return undefined; // No channel can take it now; the conversation is resolved all the same.
  const invitation = deps.surveyInvitation(customer?.language ?? 'en');
  const message: OutboundMessage = {
    messageId: messageId(
      deps.now(),
      `survey-${stableDigest(`${conversation.conversationId}:${conversation.version}`, 12)}`,
    ),
    conversationId: conversation.conversationId,
    author: { kind: 'bot' },
    to: target.identity.address,
    text: invitation.text,
    quickReplies: invitation.quickReplies,
    status: 'queued',
    createdAt: deps.now().toISOString(),
  };
  await appendOutboundMessage(deps.table, message);
  await enqueueMessage(deps, message);
  return message.to.channel;
}

async function postMessage({ request, principal, deps, params }: RouteContext): Promise<HttpResponse> {
  const conversation = await visibleConversation(deps, principal, params[0]);
  const body = readJsonBody(request);
  // Text only: no field may smuggle in a URL for anything to fetch (media, a template link).
  const unknown = Object.keys(body).filter((field) => !['text', 'channel', 'template'].includes(field));
  if (unknown.length > 0)
    throw new ApiError(
      400,
      'unknown_field',
      `Replies take text, channel and template only, not ${unknown.join(', ')}`,
      {
        fields: unknown,
      },
    );
  const channel = body.channel;
  if (channel !== undefined && !CHANNELS.includes(channel as Channel))
    throw new ApiError(400, 'invalid_request', `channel must be one of ${CHANNELS.join(', ')}`, {
      field: 'channel',
    });
  if (body.template !== undefined && typeof body.template !== 'boolean')
    throw new ApiError(400, 'invalid_request', 'template must be true or false', { field: 'template' });
  const { owner } = conversation;
  if (owner.kind !== 'agent' || owner.agentId !== principal.agentId)
    throw new ApiError(409, 'not_assignee', 'Claim the conversation before replying', {
      conversation: conversationView(conversation),
    });

  const identities = await customerIdentities(deps.table, conversation.customerId);
  const now = deps.now();
  const target = chooseReplyTarget(
    identities,
    { ...(channel ? { channel: channel as Channel } : {}), template: body.template === true },
    now,
    deps.whatsappTemplateConfigured,
  );
  if (!target.ok) {
    const messages = {
      no_channel: 'The customer has no channel we can reply on',
      channel_not_linked: `The customer has no ${target.channel} identity`,
      opted_out: `The customer opted out of ${target.channel} (sent STOP)`,
      reply_window_closed: `The ${target.channel} reply window is closed: use another channel or a template`,
    };
    throw new ApiError(422, target.code, messages[target.code], {
      ...(target.channel ? { channel: target.channel } : {}),
      alternatives: target.alternatives,
    });
  }
  const to = target.identity.address;
  const text = requiredText(
    body,
    'text',
    target.viaTemplate ? MAX_TEMPLATE_CHARS : MAX_REPLY_CHARS[to.channel],
  );

  const idempotencyKey = request.headers['idempotency-key'];
  const id = messageId(
    now,
    `agent-${idempotencyKey ? stableDigest(`${principal.agentId}:${conversation.conversationId}:${idempotencyKey}`, 16) : randomUUID().slice(0, 16)}`,
  );
  if (idempotencyKey) {
    const earlier = await rememberRequest(
      deps,
      `${principal.agentId}:${conversation.conversationId}:${idempotencyKey}`,
      id,
    );
    if (earlier)
      return json(202, { messageId: earlier, channel: to.channel, status: 'queued', replayed: true });
  }
  const message: OutboundMessage = {
    messageId: id,
    conversationId: conversation.conversationId,
    author: { kind: 'agent', agentId: principal.agentId },
    to,
    text,
    quickReplies: [],
    status: 'queued',
    createdAt: now.toISOString(),
    ...(conversation.team ? { team: conversation.team } : {}),
  };
  await appendOutboundMessage(deps.table, message);
  await enqueueMessage(deps, message);
  if (conversation.handoff && (await recordFirstAgentReply(deps.table, conversation.conversationId, now)))
    await countFact(
      deps.table,
      {
        metric: 'first_response',
        channel: conversation.channel ?? to.channel,
        team: conversation.team ?? 'unknown',
        seconds: (now.getTime() - Date.parse(conversation.handoff.at)) / 1000,
      },
      now,
    );
  if (conversation.team)
    await appendFeed(
      deps.table,
      [
        {
          type: 'agent_message',
          conversationId: conversation.conversationId,
          team: conversation.team,
          messageId: id,
          agentId: principal.agentId,
        },
      ],
      now,
    );
  return json(202, { messageId: id, channel: to.channel, status: 'queued' });
}

/** The message id an earlier request with this key produced, or undefined (and this one recorded). */
async function rememberRequest(
  deps: AgentApiDeps,
  requestKey: string,
  id: string,
): Promise<string | undefined> {
  const key = keys.idempotency(stableDigest(requestKey, 32));
  try {
    await deps.table.client.send(
      new PutCommand({
        TableName: deps.table.tableName,
        Item: { ...key, messageId: id, expiresAt: expiresAfter(deps.now(), IDEMPOTENCY_TTL_SECONDS) },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
        ExpressionAttributeValues: { ':now': Math.floor(deps.now().getTime() / 1000) },
      }),
    );
    return undefined;
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    const stored = await deps.table.client.send(
      new GetCommand({ TableName: deps.table.tableName, Key: key, ConsistentRead: true }),
    );
    return String(stored.Item?.messageId ?? id);
  }
}

async function enqueueMessage(deps: AgentApiDeps, message: OutboundMessage): Promise<void> {
  const envelope: OutboundEnvelope = {
    v: 1,
    work: { kind: 'message', conversationId: message.conversationId, messageId: message.messageId },
    correlationId: `agent-${message.messageId}`,
  };
  await deps.enqueueOutbound([
    { body: JSON.stringify(envelope), groupId: message.conversationId, deduplicationId: message.messageId },
  ]);
}

async function postNote({ request, principal, deps, params }: RouteContext): Promise<HttpResponse> {
  const conversation = await visibleConversation(deps, principal, params[0]);
  const text = requiredText(readJsonBody(request), 'text', MAX_NOTE_CHARS);
  const now = deps.now();
  const id = messageId(now, `note-${randomUUID().slice(0, 16)}`);
  await appendNote(deps.table, {
    messageId: id,
    conversationId: conversation.conversationId,
    kind: 'note',
    private: true,
    author: { kind: 'agent', agentId: principal.agentId, name: principal.name },
    text,
    createdAt: now.toISOString(),
  });
  if (conversation.team)
    await appendFeed(
      deps.table,
      [
        {
          type: 'note',
          conversationId: conversation.conversationId,
          team: conversation.team,
          messageId: id,
          agentId: principal.agentId,
        },
      ],
      now,
    );
  return json(201, { messageId: id });
}

async function undoIdentityLink({ request, principal, deps, params }: RouteContext): Promise<HttpResponse> {
  const conversation = await visibleConversation(deps, principal, params[0]);
  const body = readJsonBody(request);
  const { channel, accountId, userId } = body;
  if (!CHANNELS.includes(channel as Channel) || typeof accountId !== 'string' || typeof userId !== 'string')
    throw new ApiError(400, 'invalid_request', 'Name the identity: channel, accountId and userId');
  const outcome = await undoLink(
    deps.table,
    { channel: channel as Channel, accountId, userId },
    conversation.customerId,
    principal.agentId,
    deps.now(),
  );
  if (!outcome.ok)
    throw new ApiError(
      409,
      outcome.reason === 'not_linked' ? 'not_linked' : 'conflict',
      outcome.reason === 'not_linked'
        ? 'This identity was not linked by a code or a phone match'
        : 'This identity does not belong to this customer any more',
    );
  return json(200, { customerId: outcome.customerId });
}

/**
 * A one-time code for this customer, for the agent to send them: redeemed with `LINK <code>` from
 * another chat app, it joins that app's identity to this customer (the bot's own link flow).
 */
async function issueCustomerLinkCode({ principal, deps, params }: RouteContext): Promise<HttpResponse> {
  const conversation = await visibleConversation(deps, principal, params[0]);
  const now = deps.now();
  const [code, customer] = await Promise.all([
    issueLinkCode(deps.table, conversation.customerId, now),
    getCustomer(deps.table, conversation.customerId),
  ]);
  return json(201, {
    code,
    expiresAt: new Date(now.getTime() + LINK_CODE_TTL_SECONDS * 1000).toISOString(),
    suggestedText: deps.linkCodeText(customer?.language ?? 'en', code),
  });
}

// ── helpers ────────────────────────────────────────────────────────────────────

/** The conversation, or 404 whether it does not exist or belongs to a team the caller is not in. */
async function visibleConversation(
  deps: AgentApiDeps,
  principal: Principal,
  conversationId: string | undefined,
): Promise<Conversation> {
  if (!conversationId) throw notFound();
  const conversation = await getConversation(deps.table, conversationId);
  if (!conversation || !canSeeTeam(principal, conversation.team)) throw notFound();
  return conversation;
}

/** The caller's teams, or the one asked for (404-free: a team the caller is not in simply lists nothing). */
function teamsFilter(team: string | undefined, principal: Principal, deps: AgentApiDeps): readonly string[] {
  const teams = visibleTeams(principal, deps.teams);
  if (team === undefined || team === '') return teams;
  return teams.includes(team) ? [team] : [];
}

export function conversationView(conversation: Conversation) {
  const { owner } = conversation;
  return {
    conversationId: conversation.conversationId,
    customerId: conversation.customerId,
    status: owner.kind,
    owner,
    ...(conversation.team ? { team: conversation.team } : {}),
    ...(owner.kind === 'agent' ? { assignee: owner.agentId } : {}),
    ...(conversation.handoff ? { handoff: conversation.handoff } : {}),
    version: conversation.version,
    openedAt: conversation.openedAt,
    updatedAt: conversation.updatedAt ?? conversation.openedAt,
    ...(conversation.firstAgentReplyAt ? { firstAgentReplyAt: conversation.firstAgentReplyAt } : {}),
    ...(conversation.resolvedAt
      ? { resolvedAt: conversation.resolvedAt, resolvedBy: conversation.resolvedBy }
      : {}),
    ...(conversation.surveyRating !== undefined || conversation.surveyComment !== undefined
      ? {
          survey: {
            ...(conversation.surveyRating !== undefined ? { rating: conversation.surveyRating } : {}),
            ...(conversation.surveyComment !== undefined ? { comment: conversation.surveyComment } : {}),
          },
        }
      : {}),
  };
}

/** One transcript entry as the console shows it: who, which channel, what, and for ours, its status. */
function messageView(entry: Awaited<ReturnType<typeof readTranscriptPage>>['entries'][number]) {
  if ('kind' in entry && entry.kind === 'note')
    return { ...entry, type: 'note' as const, at: entry.createdAt };
  if (entry.author.kind === 'customer' && 'from' in entry) {
    const { from, eventId: _eventId, providerMessageId: _providerMessageId, ...rest } = entry;
    return {
      ...rest,
      type: 'message' as const,
      direction: 'in' as const,
      channel: from.channel,
      at: entry.receivedAt,
    };
  }
  const outbound = entry as OutboundMessage;
  const { to, ...rest } = outbound;
  return {
    ...rest,
    type: 'message' as const,
    direction: 'out' as const,
    channel: to.channel,
    at: outbound.createdAt,
  };
}
