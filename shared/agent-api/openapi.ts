/**
 * The agent API, described as OpenAPI 3.1 and served at GET /api/openapi.json. A test checks that
 * every route the API answers is here and every path here is answered.
 */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('Error') } },
});
const ok = (description: string, schema: object) => ({
  description,
  content: { 'application/json': { schema } },
});
const conversationId = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,100}$' },
};
const limit = {
  name: 'limit',
  in: 'query',
  schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 },
  description: 'Page size; larger values are capped at 100.',
};
const cursor = {
  name: 'cursor',
  in: 'query',
  schema: { type: 'string' },
  description: 'From the previous page.',
};
const team = {
  name: 'team',
  in: 'query',
  schema: { type: 'string' },
  description: 'Only this one of your teams.',
};
const common = {
  '401': errorResponse('Missing, expired or invalid token (`unauthorized`)'),
  '404': errorResponse('No such conversation, or one of a team you are not in (`not_found`)'),
};
const jsonBody = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });
const action = (summary: string, description: string, extra: Record<string, unknown> = {}) => ({
  post: {
    summary,
    description,
    parameters: [conversationId],
    responses: {
      '200': ok('The conversation after the change', {
        type: 'object',
        properties: { conversation: ref('Conversation') },
      }),
      '409': errorResponse('The conversation is not in a state that allows this, or another agent holds it'),
      ...common,
    },
    ...extra,
  },
});

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Omnichannel support: agent API',
    version: '1.0.0',
    description:
      'What the agent console uses: the queue, conversations across channels, replies, notes and ownership. ' +
      'Every route but this document needs `Authorization: Bearer <JWT>` (Cognito on AWS; `npm run --silent token` locally). ' +
      'Reads and writes are scoped by the teams in the token (`cognito:groups`); members of `admins` see every team. ' +
      'Errors are `{ "error": { "code", "message", ...details } }` with a stable machine-readable code.',
  },
  servers: [{ url: '/' }],
  security: [{ bearer: [] }],
  paths: {
    '/api/openapi.json': {
      get: {
        summary: 'This document',
        security: [],
        responses: { '200': ok('OpenAPI 3.1', { type: 'object' }) },
      },
    },
    '/api/me': {
      get: {
        summary: 'Who the token says you are',
        responses: { '200': ok('The agent', ref('Principal')), '401': common['401'] },
      },
    },
    '/api/teams': {
      get: {
        summary: 'Teams conversations can be transferred to',
        responses: {
          '200': ok('Teams', {
            type: 'object',
            properties: { teams: { type: 'array', items: { type: 'string' } } },
          }),
          '401': common['401'],
        },
      },
    },
    '/api/queue': {
      get: {
        summary: 'Conversations waiting for an agent in your teams',
        description: 'Highest priority first, then the longest waiting.',
        parameters: [team, limit, cursor],
        responses: {
          '200': ok('A page of the queue', {
            type: 'object',
            required: ['conversations'],
            properties: {
              conversations: {
                type: 'array',
                items: {
                  allOf: [
                    ref('Conversation'),
                    { type: 'object', properties: { waitingSeconds: { type: 'integer' } } },
                  ],
                },
              },
              cursor: { type: 'string' },
            },
          }),
          '400': errorResponse('Bad limit or cursor (`invalid_request`, `invalid_cursor`)'),
          '401': common['401'],
        },
      },
    },
    '/api/conversations': {
      get: {
        summary: 'Your conversations, or your teams’ by status',
        parameters: [
          {
            name: 'assignee',
            in: 'query',
            schema: { type: 'string' },
            description: '`me`, or (admins) an agent id: the conversations that agent holds now.',
          },
          {
            name: 'status',
            in: 'query',
            schema: { type: 'string', enum: ['bot', 'queue', 'agent', 'closed'] },
            description:
              'The owner kind; default `agent`. Most recently changed first (the queue in queue order).',
          },
          team,
          limit,
          cursor,
        ],
        responses: {
          '200': ok('A page', {
            type: 'object',
            properties: {
              conversations: { type: 'array', items: ref('Conversation') },
              cursor: { type: 'string' },
            },
          }),
          '400': errorResponse('Bad filter, limit or cursor'),
          '401': common['401'],
          '403': errorResponse("Only admins list another agent's conversations (`forbidden`)"),
        },
      },
    },
    '/api/conversations/{id}': {
      get: {
        summary:
          'A conversation with its customer, every channel’s reply window, and the latest transcript page',
        parameters: [
          conversationId,
          limit,
          {
            name: 'before',
            in: 'query',
            schema: { type: 'string' },
            description: 'Message id: the page before it.',
          },
        ],
        responses: { '200': ok('The conversation', ref('ConversationDetail')), ...common },
      },
    },
    '/api/conversations/{id}/messages': {
      get: {
        summary: 'An older page of the transcript',
        parameters: [
          conversationId,
          limit,
          {
            name: 'before',
            in: 'query',
            schema: { type: 'string' },
            description: 'Message id: the page before it.',
          },
        ],
        responses: {
          '200': ok('Messages in time order', {
            type: 'object',
            properties: { messages: { type: 'array', items: ref('Message') }, before: { type: 'string' } },
          }),
          ...common,
        },
      },
      post: {
        summary: 'Reply to the customer (the assignee only)',
        description:
          'Goes to `channel`, or the channel the customer wrote on most recently. When that channel cannot take ' +
          'a free-form message now (WhatsApp or Messenger window closed, SMS opt-out), the answer is 422 with the ' +
          'channels that can (`alternatives`), including the WhatsApp template when one is configured: resend with ' +
          '`template: true` to use it. Send an `Idempotency-Key` header to make retries safe.',
        parameters: [
          conversationId,
          { name: 'Idempotency-Key', in: 'header', schema: { type: 'string', maxLength: 200 } },
        ],
        requestBody: jsonBody({
          type: 'object',
          required: ['text'],
          properties: {
            text: {
              type: 'string',
              description:
                'Up to the channel’s limit: Telegram and WhatsApp 4096, Messenger 2000, SMS 1600, a template 1024.',
            },
            channel: ref('Channel'),
            template: { type: 'boolean', description: 'Send through the approved WhatsApp template.' },
          },
        }),
        responses: {
          '202': ok('Queued for sending; follow its status in /api/events', {
            type: 'object',
            properties: {
              messageId: { type: 'string' },
              channel: ref('Channel'),
              status: { const: 'queued' },
              replayed: { type: 'boolean' },
            },
          }),
          '400': errorResponse('Bad body (`invalid_request`, `invalid_json`)'),
          '409': errorResponse('You do not hold the conversation (`not_assignee`)'),
          '413': errorResponse('Body over 16 KiB (`body_too_large`)'),
          '415': errorResponse('Not application/json (`unsupported_media_type`)'),
          '422': {
            description:
              '`reply_window_closed`, `opted_out`, `channel_not_linked`, `no_channel` (with `alternatives`), or `text_too_long` (with `max`)',
            content: { 'application/json': { schema: ref('ReplyRefusal') } },
          },
          ...common,
        },
      },
    },
    '/api/conversations/{id}/claim': action(
      'Take a queued conversation',
      'Exactly one of any number of concurrent callers gets 200; the others get 409 `already_claimed`.',
    ),
    '/api/conversations/{id}/notes': {
      post: {
        summary: 'Leave a private note for colleagues (never sent to the customer)',
        parameters: [conversationId],
        requestBody: jsonBody({
          type: 'object',
          required: ['text'],
          properties: { text: { type: 'string', maxLength: 4000 } },
        }),
        responses: {
          '201': ok('Stored', { type: 'object', properties: { messageId: { type: 'string' } } }),
          '400': errorResponse('Bad body'),
          ...common,
        },
      },
    },
    '/api/conversations/{id}/transfer': action(
      'Put the conversation in another team’s queue',
      'The summary and priority travel with it. 422 `unknown_team` for a team that does not exist.',
      {
        requestBody: jsonBody({
          type: 'object',
          required: ['team'],
          properties: { team: { type: 'string' } },
        }),
      },
    ),
    '/api/conversations/{id}/resolve': action(
      'Mark it solved: the bot takes it back and sends the satisfaction survey',
      'The survey goes to the channel the customer used most recently; the answer is stored on the conversation.',
    ),
    '/api/conversations/{id}/release': action(
      'Hand it back to the bot, which answers the customer again',
      '',
    ),
    '/api/conversations/{id}/links/undo': {
      post: {
        summary: 'Undo a link of one of the customer’s identities (link code or phone match)',
        description:
          'The identity returns to the customer it came from and is never linked automatically again.',
        parameters: [conversationId],
        requestBody: jsonBody({
          type: 'object',
          required: ['channel', 'accountId', 'userId'],
          properties: { channel: ref('Channel'), accountId: { type: 'string' }, userId: { type: 'string' } },
        }),
        responses: {
          '200': ok('Where the identity went', {
            type: 'object',
            properties: { customerId: { type: 'string' } },
          }),
          '409': errorResponse('Not a linked identity of this customer (`not_linked`, `conflict`)'),
          ...common,
        },
      },
    },
    '/api/conversations/{id}/link-code': {
      post: {
        summary: 'A one-time code (10 minutes) for the customer to link another chat app',
        description:
          'Send `suggestedText` to the customer; when they send `LINK <code>` from another app, that identity joins this customer and its messages this conversation.',
        parameters: [conversationId],
        responses: {
          '201': ok('The code', {
            type: 'object',
            properties: {
              code: { type: 'string', pattern: '^[0-9]{6}$' },
              expiresAt: { type: 'string', format: 'date-time' },
              suggestedText: { type: 'string' },
            },
          }),
          ...common,
        },
      },
    },
    '/api/canned-replies': {
      get: {
        summary: 'Canned replies of your teams',
        parameters: [
          team,
          { name: 'language', in: 'query', schema: { type: 'string', enum: ['en', 'pt', 'pl'] } },
        ],
        responses: {
          '200': ok('Replies', {
            type: 'object',
            properties: {
              cannedReplies: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    team: { type: 'string', description: '`*` for every team' },
                    language: { type: 'string' },
                    title: { type: 'string' },
                    text: { type: 'string' },
                  },
                },
              },
            },
          }),
          '401': common['401'],
        },
      },
    },
    '/api/reports/weekly': {
      get: {
        summary: 'The week in figures (admins and team leads)',
        description:
          'Conversations, bot containment (settled by the bot with no new contact within 24 h), escalation rate and reasons, ' +
          'first agent response and resolution times (median and 90th percentile as the upper edge of a histogram bucket), ' +
          'satisfaction, top intents, knowledge-base articles by use and by "did not help", repeat customers, and ' +
          'delivery failures; overall, per day, per channel and per team. Computed from counters written as things happen.',
        parameters: [
          {
            name: 'week',
            in: 'query',
            schema: { type: 'string', pattern: '^[0-9]{4}-W[0-9]{2}$' },
            description: 'ISO week; default the current one (UTC).',
          },
        ],
        responses: {
          '200': ok('The report', { type: 'object' }),
          '400': errorResponse('Not an ISO week'),
          '401': common['401'],
          '403': errorResponse('Not an admin or team lead (`forbidden`)'),
        },
      },
    },
    '/api/events': {
      get: {
        summary: 'What changed for you since a cursor (long polling)',
        description:
          'Without `since`, starts from now. With `wait` (seconds, up to 20) the call returns as soon as there is ' +
          'something, or after `wait` with no events. Pass the returned `cursor` as `since` next time. Entries ' +
          'carry ids only: fetch the conversation for its content.',
        parameters: [
          { name: 'since', in: 'query', schema: { type: 'string' } },
          { name: 'wait', in: 'query', schema: { type: 'number', minimum: 0, maximum: 20, default: 0 } },
        ],
        responses: {
          '200': ok('Events, oldest first', {
            type: 'object',
            required: ['events', 'cursor'],
            properties: { events: { type: 'array', items: ref('Event') }, cursor: { type: 'string' } },
          }),
          '400': errorResponse('Bad cursor or wait'),
          '401': common['401'],
        },
      },
    },
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: { code: { type: 'string' }, message: { type: 'string' } },
            additionalProperties: true,
          },
        },
      },
      Channel: { type: 'string', enum: ['telegram', 'whatsapp', 'messenger', 'sms'] },
      Principal: {
        type: 'object',
        properties: {
          agentId: { type: 'string' },
          name: { type: 'string' },
          teams: { type: 'array', items: { type: 'string' } },
          admin: { type: 'boolean' },
        },
      },
      Owner: {
        oneOf: [
          { type: 'object', properties: { kind: { const: 'bot' } } },
          {
            type: 'object',
            properties: {
              kind: { const: 'queue' },
              team: { type: 'string' },
              priority: { type: 'integer', minimum: 0, maximum: 9 },
              enqueuedAt: { type: 'string', format: 'date-time' },
              reason: { type: 'string' },
              summary: { type: 'string' },
            },
          },
          {
            type: 'object',
            properties: { kind: { const: 'agent' }, agentId: { type: 'string' }, team: { type: 'string' } },
          },
          { type: 'object', properties: { kind: { const: 'closed' }, closedAt: { type: 'string' } } },
        ],
      },
      Conversation: {
        type: 'object',
        required: ['conversationId', 'customerId', 'status', 'owner', 'version'],
        properties: {
          conversationId: { type: 'string' },
          customerId: { type: 'string' },
          status: { type: 'string', enum: ['bot', 'queue', 'agent', 'closed'] },
          owner: ref('Owner'),
          team: { type: 'string' },
          assignee: { type: 'string' },
          handoff: {
            type: 'object',
            properties: {
              priority: { type: 'integer' },
              reason: { type: 'string' },
              summary: { type: 'string' },
              at: { type: 'string' },
            },
          },
          version: { type: 'integer' },
          openedAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
          resolvedAt: { type: 'string' },
          resolvedBy: { type: 'string' },
          survey: {
            type: 'object',
            properties: { rating: { type: 'integer' }, comment: { type: 'string' } },
          },
        },
      },
      ReplyWindow: {
        type: 'object',
        properties: {
          state: { type: 'string', enum: ['open', 'human_agent', 'template_only', 'closed'] },
          closesAt: { type: 'string', format: 'date-time' },
        },
      },
      Identity: {
        type: 'object',
        properties: {
          channel: ref('Channel'),
          accountId: { type: 'string' },
          userId: { type: 'string' },
          linkedBy: { type: 'string', enum: ['first_contact', 'phone_match', 'link_code', 'agent_undo'] },
          linkedAt: { type: 'string' },
          lastCustomerMessageAt: { type: 'string' },
          optedOut: { type: 'boolean' },
          replyWindow: ref('ReplyWindow'),
          canUndoLink: { type: 'boolean' },
        },
      },
      Message: {
        type: 'object',
        required: ['messageId', 'type', 'at', 'author', 'text'],
        properties: {
          messageId: { type: 'string' },
          type: { type: 'string', enum: ['message', 'note'] },
          direction: { type: 'string', enum: ['in', 'out'] },
          private: { type: 'boolean', description: 'Notes only: never shown to the customer.' },
          channel: ref('Channel'),
          author: { type: 'object', properties: { kind: { type: 'string' }, agentId: { type: 'string' } } },
          text: { type: 'string' },
          at: { type: 'string', format: 'date-time' },
          status: {
            type: 'string',
            enum: ['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'uncertain', 'cancelled'],
          },
          failure: {
            type: 'object',
            properties: { code: { type: 'string' }, description: { type: 'string' } },
          },
        },
      },
      ConversationDetail: {
        type: 'object',
        properties: {
          conversation: ref('Conversation'),
          customer: {
            type: 'object',
            properties: {
              customerId: { type: 'string' },
              displayName: { type: 'string' },
              language: { type: 'string' },
              mostRecentChannel: ref('Channel'),
              identities: { type: 'array', items: ref('Identity') },
              audit: { type: 'array', items: { type: 'object' } },
            },
          },
          messages: { type: 'array', items: ref('Message') },
          before: { type: 'string', description: 'Pass as `before` for the older page.' },
        },
      },
      ReplyRefusal: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              code: { type: 'string' },
              message: { type: 'string' },
              channel: ref('Channel'),
              max: { type: 'integer' },
              alternatives: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    channel: ref('Channel'),
                    window: ref('ReplyWindow'),
                    via: { type: 'string', enum: ['message', 'template'] },
                  },
                },
              },
            },
          },
        },
      },
      Event: {
        type: 'object',
        required: ['id', 'at', 'type', 'conversationId', 'team'],
        properties: {
          id: { type: 'string' },
          at: { type: 'string', format: 'date-time' },
          type: {
            type: 'string',
            enum: [
              'queued',
              'claimed',
              'released',
              'transferred',
              'resolved',
              'closed',
              'customer_message',
              'agent_message',
              'note',
              'delivery_status',
            ],
          },
          conversationId: { type: 'string' },
          team: { type: 'string' },
          messageId: { type: 'string' },
          status: { type: 'string' },
          agentId: { type: 'string' },
        },
      },
    },
  },
} as const;
