import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  type IWidget,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { WebhookChannel } from '../../../shared/definitions.ts';
import { METRIC, METRICS_NAMESPACE } from '../../../shared/observability/metrics.ts';
import type { FifoQueueWithDeadLetter } from './fifo-queue-with-dead-letter.ts';
import type { MessageQueues } from './message-queues.ts';
import type { PipelineFunction } from './pipeline-function.ts';
import type { PipelineFunctions } from './pipeline-functions.ts';

export interface PipelineMonitoringProps {
  readonly queues: MessageQueues;
  readonly functions: PipelineFunctions;
  readonly httpApi: HttpApi;
  readonly channels: readonly WebhookChannel[];
  /** POWERTOOLS_SERVICE_NAME: the `service` dimension of the custom metrics. */
  readonly serviceName: string;
  /** Where alarms notify (SNS topics, or their ARNs); none means they only show in the console. */
  readonly alarmActions: readonly (ITopic | string)[];
  /** Oldest inbound message age that raises the alarm. */
  readonly oldestInboundMessageAge: Duration;
}

/** What each alarm is for; docs/deploy.md has the runbook, keyed by the same ids. */
export type PipelineAlarmId =
  | 'InboundDeadLetters'
  | 'OutboundDeadLetters'
  | 'InboundOldestMessageAge'
  | 'WebhookErrors'
  | 'WebhookThrottles'
  | 'ConversationWorkerErrors'
  | 'ConversationWorkerThrottles'
  | 'SenderErrors'
  | 'SenderThrottles'
  | 'WebhookApi5xx';

const ONE_MINUTE = Duration.minutes(1);
const FIVE_MINUTES = Duration.minutes(5);

/** The alarms an operator needs and one dashboard with the pipeline's traffic and health. */
export class PipelineMonitoring extends Construct {
  readonly alarms: Readonly<Record<PipelineAlarmId, Alarm>>;
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: PipelineMonitoringProps) {
    super(scope, id);
    const { queues, functions, httpApi } = props;
    const actions = props.alarmActions.map(
      (topic, index) =>
        new SnsAction(
          typeof topic === 'string' ? Topic.fromTopicArn(this, `AlarmTopic${index}`, topic) : topic,
        ),
    );
    const alarm = (alarmId: PipelineAlarmId, description: string, options: AlarmOptions): Alarm => {
      const created = new Alarm(this, alarmId, {
        alarmDescription: `${description} Runbook: docs/deploy.md#${alarmId.toLowerCase()}`,
        metric: options.metric,
        threshold: options.threshold,
        comparisonOperator: options.comparison ?? ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        // No data means nothing happened (no messages, no invocations): that is healthy.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      for (const action of actions) {
        created.addAlarmAction(action);
        created.addOkAction(action);
      }
      return created;
    };

    const deadLetters = (queue: FifoQueueWithDeadLetter) =>
      queue.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: ONE_MINUTE,
        statistic: 'Maximum',
      });
    const errors = (fn: PipelineFunction) =>
      fn.function.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' });
    const throttles = (fn: PipelineFunction) =>
      fn.function.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' });

    this.alarms = {
      InboundDeadLetters: alarm(
        'InboundDeadLetters',
        'An inbound update failed every attempt and is parked: the customer got no answer to it.',
        { metric: deadLetters(queues.inbound), threshold: 0 },
      ),
      OutboundDeadLetters: alarm(
        'OutboundDeadLetters',
        'A reply failed every send attempt and is parked; the customer did not receive it.',
        { metric: deadLetters(queues.outbound), threshold: 0 },
      ),
      InboundOldestMessageAge: alarm(
        'InboundOldestMessageAge',
        `Customers are waiting: the oldest inbound update is older than ${props.oldestInboundMessageAge.toSeconds()} s.`,
        {
          metric: queues.inbound.queue.metricApproximateAgeOfOldestMessage({
            period: ONE_MINUTE,
            statistic: 'Maximum',
          }),
          threshold: props.oldestInboundMessageAge.toSeconds(),
        },
      ),
      WebhookErrors: alarm('WebhookErrors', 'The webhook function failed (crash or timeout).', {
        metric: errors(functions.webhook),
        threshold: 0,
      }),
      WebhookThrottles: alarm('WebhookThrottles', 'Webhook invocations were throttled by Lambda.', {
        metric: throttles(functions.webhook),
        threshold: 0,
      }),
      ConversationWorkerErrors: alarm(
        'ConversationWorkerErrors',
        'The conversation worker failed (crash or timeout); its records will be retried.',
        { metric: errors(functions.conversationWorker), threshold: 0 },
      ),
      ConversationWorkerThrottles: alarm(
        'ConversationWorkerThrottles',
        'Conversation worker invocations were throttled by Lambda.',
        { metric: throttles(functions.conversationWorker), threshold: 0 },
      ),
      SenderErrors: alarm(
        'SenderErrors',
        'The sender failed (crash or timeout); its records will be retried.',
        {
          metric: errors(functions.sender),
          threshold: 0,
        },
      ),
      SenderThrottles: alarm('SenderThrottles', 'Sender invocations were throttled by Lambda.', {
        metric: throttles(functions.sender),
        threshold: 0,
      }),
      WebhookApi5xx: alarm(
        'WebhookApi5xx',
        'The webhook API answered 5xx: platforms will redeliver, but the queue or the function is failing.',
        { metric: httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }), threshold: 0 },
      ),
    };

    this.dashboard = new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(6),
      widgets: dashboardRows(props, this.alarms),
    });
  }
}

interface AlarmOptions {
  readonly metric: IMetric;
  readonly threshold: number;
  readonly comparison?: ComparisonOperator;
}

function dashboardRows(
  props: PipelineMonitoringProps,
  alarms: Readonly<Record<PipelineAlarmId, Alarm>>,
): IWidget[][] {
  const { queues, functions, httpApi, channels, serviceName } = props;
  const custom = (metricName: string, dimensions: Record<string, string>, statistic = 'Sum') =>
    new Metric({
      namespace: METRICS_NAMESPACE,
      metricName,
      dimensionsMap: { service: serviceName, ...dimensions },
      statistic,
      period: FIVE_MINUTES,
    });
  const perChannel = (metricName: string) =>
    channels.map((channel) => custom(metricName, { Channel: channel }).with({ label: channel }));
  const search = (metricName: string, dimensions: string, label: string) =>
    new MathExpression({
      expression: `SEARCH('{${METRICS_NAMESPACE},${dimensions},service} MetricName="${metricName}" service="${serviceName}"', 'Sum', 300)`,
      usingMetrics: {},
      label,
      period: FIVE_MINUTES,
    });
  const pipeline = [functions.webhook, functions.conversationWorker, functions.sender];

  return [
    [new AlarmStatusWidget({ title: 'Alarms', alarms: Object.values(alarms), width: 24, height: 4 })],
    [
      new GraphWidget({ title: 'Messages in (per channel)', left: perChannel(METRIC.messagesIn), width: 8 }),
      new GraphWidget({
        title: 'Messages out (per channel)',
        left: perChannel(METRIC.messagesOut),
        width: 8,
      }),
      new GraphWidget({
        title: 'Bot resolved vs escalated',
        left: [
          search(METRIC.botResolved, 'Channel', 'resolved by the bot'),
          search(METRIC.escalated, 'Channel', 'handed to a team'),
        ],
        width: 8,
      }),
    ],
    [
      new GraphWidget({
        title: 'Send failures by provider code',
        left: [search(METRIC.sendFailures, 'Channel,ProviderCode', 'failures')],
        width: 8,
      }),
      new GraphWidget({
        title: 'Webhook requests refused',
        left: [search(METRIC.webhookRejected, 'Channel,Reason', 'refused')],
        width: 8,
      }),
      new GraphWidget({
        title: 'Time records waited in the queue (p90, ms)',
        left: (['inbound', 'outbound'] as const).map((queue) =>
          custom(METRIC.queueAge, { Queue: queue }, 'p90').with({ label: queue }),
        ),
        width: 8,
      }),
    ],
    [
      new GraphWidget({
        title: 'Queue depth and dead letters',
        left: [queues.inbound, queues.outbound].flatMap((pair, index) => [
          pair.queue.metricApproximateNumberOfMessagesVisible({
            period: ONE_MINUTE,
            statistic: 'Maximum',
            label: index === 0 ? 'inbound' : 'outbound',
          }),
          pair.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
            period: ONE_MINUTE,
            statistic: 'Maximum',
            label: index === 0 ? 'inbound dead letters' : 'outbound dead letters',
          }),
        ]),
        width: 8,
      }),
      new GraphWidget({
        title: 'Age of the oldest message (s)',
        left: [queues.inbound, queues.outbound].map((pair, index) =>
          pair.queue.metricApproximateAgeOfOldestMessage({
            period: ONE_MINUTE,
            statistic: 'Maximum',
            label: index === 0 ? 'inbound' : 'outbound',
          }),
        ),
        width: 8,
      }),
      new GraphWidget({
        title: 'Webhook API',
        left: [
          httpApi.metricCount({ period: FIVE_MINUTES, label: 'requests' }),
          httpApi.metricClientError({ period: FIVE_MINUTES, label: '4xx' }),
          httpApi.metricServerError({ period: FIVE_MINUTES, label: '5xx' }),
        ],
        right: [httpApi.metricLatency({ period: FIVE_MINUTES, statistic: 'p90', label: 'latency p90 (ms)' })],
        width: 8,
      }),
    ],
    [
      new GraphWidget({
        title: 'Function errors and throttles',
        left: pipeline.flatMap((fn) => [
          fn.function.metricErrors({ period: FIVE_MINUTES, label: `${fn.node.id} errors` }),
          fn.function.metricThrottles({ period: FIVE_MINUTES, label: `${fn.node.id} throttles` }),
        ]),
        width: 12,
      }),
      new GraphWidget({
        title: 'Function duration p90 (ms)',
        left: pipeline.map((fn) =>
          fn.function.metricDuration({ period: FIVE_MINUTES, statistic: 'p90', label: fn.node.id }),
        ),
        width: 12,
      }),
    ],
  ];
}
