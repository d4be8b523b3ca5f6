import type { SQSRecord } from 'aws-lambda';
import { QUEUES } from '../../shared/definitions.ts';
import { logger } from '../../shared/observability/logger.ts';
import { deliverOutbound, type SenderDeps } from '../../shared/pipeline/deliver-outbound.ts';
import { parseOutboundEnvelope } from '../../shared/queue/envelopes.ts';
import { createFifoConsumer } from '../../shared/queue/fifo-consumer.ts';

/** SQS outbound → platform send API, with the attempt recorded before the call. */
export function createSenderHandler(
  deps: SenderDeps,
  queue: {
    park: (record: SQSRecord) => Promise<void>;
    retryLater: (record: SQSRecord, seconds: number) => Promise<void>;
  },
) {
  return createFifoConsumer({
    parse: parseOutboundEnvelope,
    handle: async (envelope, record) => {
      const finalAttempt =
        Number(record.attributes.ApproximateReceiveCount) >= QUEUES.outbound.maxReceiveCount;
      const result = await deliverOutbound(envelope, deps, { finalAttempt });
      logger.info('outbound', { kind: envelope.work.kind, result, correlationId: envelope.correlationId });
    },
    ...queue,
  });
}
