import type { SQSRecord } from 'aws-lambda';
import {
  ChannelApiError,
  ChannelNetworkError,
  UndeliverableMessageError,
} from '../../shared/channels/errors.ts';
import type { OutboundAdapter } from '../../shared/channels/outbound-adapter.ts';
import { QUEUES } from '../../shared/definitions.ts';
import { logger, withCorrelationId } from '../../shared/observability/logger.ts';
import { METRIC, type MetricsRecorder, NO_METRICS, queueAgeMs } from '../../shared/observability/metrics.ts';
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
  metrics: MetricsRecorder = NO_METRICS,
) {
  const observed: SenderDeps = {
    ...deps,
    adapters: Object.fromEntries(
      Object.entries(deps.adapters).map(([channel, adapter]) => [
        channel,
        adapter && adapterWithSendMetrics(adapter, metrics),
      ]),
    ),
  };
  return createFifoConsumer({
    parse: parseOutboundEnvelope,
    handle: (envelope, record) =>
      withCorrelationId(envelope.correlationId, async () => {
        const age = queueAgeMs(record.attributes.SentTimestamp, deps.now().getTime());
        if (age !== undefined) metrics.milliseconds(METRIC.queueAge, { Queue: 'outbound' }, age);
        const finalAttempt =
          Number(record.attributes.ApproximateReceiveCount) >= QUEUES.outbound.maxReceiveCount;
        try {
          const result = await deliverOutbound(envelope, observed, { finalAttempt });
          logger.info('outbound', { kind: envelope.work.kind, result });
        } catch (error) {
          if (!finalAttempt) throw error;
          // The last attempt failed too (a failed send already shows as failed on the message).
          // Parked here, the conversation's later replies go on in order; left to the queue, every
          // later record of the group (received with it each time) would follow it into the DLQ.
          await queue.park(record);
          logger.error('parked an outbound record that failed every attempt', {
            kind: envelope.work.kind,
            messageId: record.messageId,
            error,
          });
        }
      }),
    ...queue,
  });
}

/** The platform's own code for a failed send, or what kind of failure it was when there is none. */
export function failureCode(error: unknown): string {
  if (error instanceof ChannelApiError) return error.providerCode || `http_${error.status}`;
  if (error instanceof ChannelNetworkError) return 'network';
  if (error instanceof UndeliverableMessageError) return 'undeliverable';
  return 'internal_error';
}

/** Counts every platform send: accepted per channel, refused per channel and provider code. */
function adapterWithSendMetrics(adapter: OutboundAdapter, metrics: MetricsRecorder): OutboundAdapter {
  return {
    ...adapter,
    async deliver(message, context) {
      try {
        const sent = await adapter.deliver(message, context);
        metrics.count(METRIC.messagesOut, { Channel: adapter.channel });
        return sent;
      } catch (error) {
        metrics.count(METRIC.sendFailures, { Channel: adapter.channel, ProviderCode: failureCode(error) });
        throw error;
      }
    },
  };
}
