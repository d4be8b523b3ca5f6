import type { SQSRecord } from 'aws-lambda';
import { QUEUES } from '../../shared/definitions.ts';
import type { SupportBot } from '../../shared/domain/bot-turn.ts';
import { logger, withCorrelationId } from '../../shared/observability/logger.ts';
import { METRIC, type MetricsRecorder, NO_METRICS, queueAgeMs } from '../../shared/observability/metrics.ts';
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
  metrics: MetricsRecorder = NO_METRICS,
) {
  const observed = { ...deps, bot: botWithOutcomeMetrics(deps.bot, metrics) };
  return createFifoConsumer({
    parse: parseInboundEnvelope,
    handle: (envelope, record) =>
      withCorrelationId(envelope.correlationId, async () => {
        const age = queueAgeMs(record.attributes.SentTimestamp, deps.now().getTime());
        if (age !== undefined) metrics.milliseconds(METRIC.queueAge, { Queue: 'inbound' }, age);
        const { event } = envelope;
        try {
          const result = await handleInboundEvent(envelope, observed);
          if (result === 'processed' && (event.kind === 'message' || event.kind === 'tap')) {
            metrics.count(METRIC.messagesIn, { Channel: event.address.channel });
          }
          logger.info('inbound event', { eventId: event.eventId, kind: event.kind, result });
        } catch (error) {
          if (Number(record.attributes.ApproximateReceiveCount) < QUEUES.inbound.maxReceiveCount) throw error;
          // The last attempt failed too. Parked here, with a gap marker in the transcript, the rest of
          // the conversation goes on in order; left to the queue, every later message of the group
          // (received with it each time) would follow it into the dead-letter queue.
          const conversationId = await appendGapMarker(deps.table, envelope, deps.now());
          await park(record);
          logger.error('parked an inbound event that failed every attempt', {
            eventId: event.eventId,
            messageId: record.messageId,
            conversationId,
            error,
          });
        }
      }),
    park,
  });
}

/** Counts what each fresh bot turn decided: settled by the bot, or handed to a team. */
function botWithOutcomeMetrics(bot: SupportBot, metrics: MetricsRecorder): SupportBot {
  return {
    storedOutcome: (conversationId, eventId) => bot.storedOutcome(conversationId, eventId),
    async runTurn(request) {
      const outcome = await bot.runTurn(request);
      if (outcome.handoff) metrics.count(METRIC.escalated, { Channel: request.channel });
      if (outcome.resolve) metrics.count(METRIC.botResolved, { Channel: request.channel });
      return outcome;
    },
  };
}
