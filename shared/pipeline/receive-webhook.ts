import type { InboundAdapter } from '../channels/inbound-adapter.ts';
import { messageGroupOf } from '../domain/events.ts';
import { type BodyRejectionCode, checkWebhookBody } from '../http/body-checks.ts';
import { errorResponse, type HttpRequest, type HttpResponse, jsonResponse } from '../http/types.ts';
import type { InboundEnvelope } from '../queue/envelopes.ts';
import type { FifoMessage } from '../queue/fifo-sender.ts';

export interface ReceiveWebhookDeps {
  /** Resolves once the inbound queue durably holds every message. */
  readonly enqueue: (messages: readonly FifoMessage[]) => Promise<void>;
  readonly now: () => Date;
  /** Whether a second look with freshly fetched credentials can help (secrets that can rotate). */
  readonly credentialsCanRotate: boolean;
}

export interface WebhookOutcome {
  readonly response: HttpResponse;
  readonly accepted: number;
  readonly rejected?: 'signature' | 'credentials' | 'enqueue' | BodyRejectionCode;
  readonly error?: unknown;
}

/**
 * The webhook's whole job: check authenticity on the raw bytes, normalise, enqueue, answer 200.
 * No database and no bot on this path, so the platform gets its answer in milliseconds.
 */
export async function receiveWebhook(
  request: HttpRequest,
  adapter: InboundAdapter,
  deps: ReceiveWebhookDeps,
): Promise<WebhookOutcome> {
  if (request.method === 'GET') {
    const response = adapter.handshake
      ? await adapter.handshake(request)
      : errorResponse(405, 'method_not_allowed', 'This webhook accepts POST only');
    return { response, accepted: 0 };
  }
  const bodyRejection = checkWebhookBody(request, adapter.body);
  if (bodyRejection) return { response: bodyRejection.response, accepted: 0, rejected: bodyRejection.code };
  let authentic: boolean;
  try {
    authentic =
      (await adapter.authenticate(request, { refreshCredentials: false })) ||
      (deps.credentialsCanRotate && (await adapter.authenticate(request, { refreshCredentials: true })));
  } catch (error) {
    // Fail closed: without the secret nothing is verified, and a 5xx makes the platform retry later.
    return {
      response: errorResponse(503, 'credentials_unavailable', 'The channel secret could not be read; retry'),
      accepted: 0,
      rejected: 'credentials',
      error,
    };
  }
  if (!authentic) {
    return {
      response: errorResponse(
        401,
        'invalid_signature',
        "The request is not signed with this channel's secret",
      ),
      accepted: 0,
      rejected: 'signature',
    };
  }
  const receivedAt = deps.now();
  const events = await adapter.parse(request, receivedAt);
  const messages = events.map((event, position) => {
    const envelope: InboundEnvelope = {
      v: 1,
      event,
      receivedAt: receivedAt.toISOString(),
      position,
      correlationId: request.requestId,
    };
    return { body: JSON.stringify(envelope), groupId: messageGroupOf(event), deduplicationId: event.eventId };
  });
  try {
    await deps.enqueue(messages);
  } catch (error) {
    // Not stored means not acknowledged: a 5xx makes the platform deliver the update again.
    return {
      response: errorResponse(503, 'enqueue_failed', 'The update could not be queued; please retry'),
      accepted: 0,
      rejected: 'enqueue',
      error,
    };
  }
  return {
    response: adapter.acceptedResponse?.() ?? jsonResponse(200, { ok: true }),
    accepted: events.length,
  };
}
