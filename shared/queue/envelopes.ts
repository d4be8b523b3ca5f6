import type { InboundEvent } from '../domain/events.ts';
import type { OutboundWork } from '../domain/messages.ts';

/** Body of an inbound queue message: one normalised event and when our webhook accepted it. */
export interface InboundEnvelope {
  readonly v: 1;
  readonly event: InboundEvent;
  readonly receivedAt: string;
  /** Position of the event in the webhook body that carried it (Meta batches several), for ordering. */
  readonly position?: number;
  /** Carried from the webhook request to the platform send, for log correlation. */
  readonly correlationId: string;
}

export interface OutboundEnvelope {
  readonly v: 1;
  readonly work: OutboundWork;
  readonly correlationId: string;
}

export class MalformedQueueMessageError extends Error {
  override readonly name = 'MalformedQueueMessageError';
}

function parseJson<T>(body: string): Partial<T> {
  try {
    return (JSON.parse(body) ?? {}) as Partial<T>;
  } catch (error) {
    throw new MalformedQueueMessageError('queue message body is not JSON', { cause: error });
  }
}

export function parseInboundEnvelope(body: string): InboundEnvelope {
  const parsed = parseJson<InboundEnvelope>(body);
  if (parsed.v !== 1 || !parsed.event || typeof parsed.event.eventId !== 'string' || !parsed.receivedAt) {
    throw new MalformedQueueMessageError('not an inbound envelope of version 1');
  }
  return parsed as InboundEnvelope;
}

export function parseOutboundEnvelope(body: string): OutboundEnvelope {
  const parsed = parseJson<OutboundEnvelope>(body);
  if (parsed.v !== 1 || !parsed.work || typeof parsed.work.kind !== 'string') {
    throw new MalformedQueueMessageError('not an outbound envelope of version 1');
  }
  return parsed as OutboundEnvelope;
}
