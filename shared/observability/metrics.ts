import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** CloudWatch namespace of every custom metric; the dashboard and alarms read the same constant. */
export const METRICS_NAMESPACE = 'OmnichannelSupport';

/**
 * The pipeline's business metrics. Names and dimensions are part of the deployed contract: the
 * CloudWatch dashboard (infra/aws/constructs/operations.ts) graphs them by these names.
 */
export const METRIC = {
  /** A customer wrote or tapped (statuses and read receipts are not messages). Dimension: Channel. */
  messagesIn: 'MessagesIn',
  /** A platform accepted a message we sent. Dimension: Channel. */
  messagesOut: 'MessagesOut',
  /** A platform refused a send or did not answer. Dimensions: Channel, ProviderCode. */
  sendFailures: 'SendFailures',
  /** A bot turn settled the customer's request. Dimension: Channel. */
  botResolved: 'BotResolved',
  /** A bot turn handed the conversation to a team. Dimension: Channel. */
  escalated: 'Escalated',
  /** A webhook request refused (bad signature, too large, queue down). Dimensions: Channel, Reason. */
  webhookRejected: 'WebhookRejected',
  /** How long a record waited in its queue before a consumer took it, ms. Dimension: Queue. */
  queueAge: 'QueueAge',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];

/** Where the function shells report metrics; a port, so pure pipeline code never sees it. */
export interface MetricsRecorder {
  count(name: MetricName, dimensions: Readonly<Record<string, string>>, value?: number): void;
  milliseconds(name: MetricName, dimensions: Readonly<Record<string, string>>, value: number): void;
}

/** Records nothing: the local runtime and tests that are not about metrics. */
export const NO_METRICS: MetricsRecorder = { count() {}, milliseconds() {} };

/**
 * Powertools EMF: each data point is one JSON line on stdout that CloudWatch turns into a metric,
 * with no API call and no added latency. One line per point (singleMetric) because the dimensions
 * differ from point to point (channel, provider code).
 */
export function emfMetrics(serviceName: string): MetricsRecorder {
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
  const emit = (
    name: MetricName,
    unit: (typeof MetricUnit)[keyof typeof MetricUnit],
    dimensions: Record<string, string>,
    value: number,
  ) => {
    const single = metrics.singleMetric();
    for (const [key, dimension] of Object.entries(dimensions)) single.addDimension(key, dimension || 'none');
    single.addMetric(name, unit, value);
  };
  return {
    count: (name, dimensions, value = 1) => emit(name, MetricUnit.Count, dimensions, value),
    milliseconds: (name, dimensions, value) =>
      emit(name, MetricUnit.Milliseconds, dimensions, Math.max(0, value)),
  };
}

/**
 * EMF on Lambda; nothing elsewhere, so `npm start` and the tests do not print a metric line per
 * message. POWERTOOLS_METRICS_DISABLED=true turns them off on Lambda too, =false on locally.
 */
export function pipelineMetrics(env: NodeJS.ProcessEnv = process.env): MetricsRecorder {
  const disabled = env.POWERTOOLS_METRICS_DISABLED;
  const enabled = disabled === undefined ? env.AWS_LAMBDA_FUNCTION_NAME !== undefined : disabled === 'false';
  return enabled ? emfMetrics(env.POWERTOOLS_SERVICE_NAME ?? 'omnichannel-support') : NO_METRICS;
}

/** Milliseconds a record spent in its queue, from SQS's SentTimestamp attribute (epoch ms). */
export function queueAgeMs(sentTimestamp: string | undefined, now: number): number | undefined {
  const sent = Number(sentTimestamp);
  return Number.isFinite(sent) && sent > 0 ? Math.max(0, now - sent) : undefined;
}
