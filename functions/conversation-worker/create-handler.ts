import type { SQSRecord } from 'aws-lambda';
import { QUEUES } from '../../shared/definitions.ts';
import { logger } from '../../shared/observability/logger.ts';
import {
  type ConversationWorkerDeps,
  handleInboundEvent,
} from '../../shared/pipeline/handle-inbound-event.ts';
import { parseInboundEnvelope } from '../../shared/queue/envelopes.ts';
import { createFifoConsumer } from '../../shared/queue/fifo-consumer.ts';
import { appendGapMarker } from '../../shared/store/gap-markers.ts';

/** SQS inbound → one conversation step per record. */
export function createConversationWorkerHandler(
  deps: ConversationWorkerDeps,
  park: (record: SQSRecord) => Promise<void>,
) {
  return createFifoConsumer({
    parse: parseInboundEnvelope,
    handle: async (envelope, record) => {
      try {
        const result = await handleInboundEvent(envelope, deps);
        logger.info('inbound event', {
          eventId: envelope.event.eventId,
          kind: envelope.event.kind,
          result,
          correlationId: envelope.correlationId,
        });
      } catch (error) {
        if (Number(record.attributes.ApproximateReceiveCount) < QUEUES.inbound.maxReceiveCount) throw error;
        // The last attempt failed too. Parked here, with a gap marker in the transcript, the rest of
        // the conversation goes on in order; left to the queue, every later message of the group
        // (received with it each time) would follow it into the dead-letter queue.
        const conversationId = await appendGapMarker(deps.table, envelope, deps.now());
        await park(record);
        logger.error('parked an inbound event that failed every attempt', {
          eventId: envelope.event.eventId,
          messageId: record.messageId,
          conversationId,
          correlationId: envelope.correlationId,
          error,
        });
      }
    },
    park,
  });
}
