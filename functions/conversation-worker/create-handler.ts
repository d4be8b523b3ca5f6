import type { SQSRecord } from 'aws-lambda';
import { logger } from '../../shared/observability/logger.ts';
import {
  type ConversationWorkerDeps,
  handleInboundEvent,
} from '../../shared/pipeline/handle-inbound-event.ts';
import { parseInboundEnvelope } from '../../shared/queue/envelopes.ts';
import { createFifoConsumer } from '../../shared/queue/fifo-consumer.ts';

/** SQS inbound → one conversation step per record. */
export function createConversationWorkerHandler(
  deps: ConversationWorkerDeps,
  park: (record: SQSRecord) => Promise<void>,
) {
  return createFifoConsumer({
    parse: parseInboundEnvelope,
    handle: async (envelope) => {
      const result = await handleInboundEvent(envelope, deps);
      logger.info('inbound event', {
        eventId: envelope.event.eventId,
        kind: envelope.event.kind,
        result,
        correlationId: envelope.correlationId,
      });
    },
    park,
  });
}
