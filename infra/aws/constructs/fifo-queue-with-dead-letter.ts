import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import {
  DeduplicationScope,
  FifoThroughputLimit,
  Queue,
  QueueEncryption,
  type QueueProps,
} from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DEAD_LETTER_RETENTION_SECONDS, type QueueDefinition } from '../../../shared/definitions.ts';

export interface FifoQueueWithDeadLetterProps {
  readonly definition: QueueDefinition;
}

/** Settings every queue of the pipeline shares, dead-letter queues included. */
const COMMON: QueueProps = {
  fifo: true,
  // Producers always pass a MessageDeduplicationId (the provider event id); hashing bodies would
  // drop two identical texts sent on purpose.
  contentBasedDeduplication: false,
  // High-throughput FIFO: ordering and dedup only matter within one conversation (message group).
  deduplicationScope: DeduplicationScope.MESSAGE_GROUP,
  fifoThroughputLimit: FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
  encryption: QueueEncryption.SQS_MANAGED,
  enforceSSL: true,
};

/** One FIFO queue of the pipeline and the FIFO dead-letter queue that parks its poison records. */
export class FifoQueueWithDeadLetter extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  /** Fires as soon as one record is parked: every dead letter is a customer message or reply not handled. */
  readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, props: FifoQueueWithDeadLetterProps) {
    super(scope, id);
    const { definition } = props;
    // No queueName: CloudFormation generates unique *.fifo names; the local runtime uses definition.name.
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      ...COMMON,
      retentionPeriod: Duration.seconds(DEAD_LETTER_RETENTION_SECONDS),
    });
    this.queue = new Queue(this, 'Queue', {
      ...COMMON,
      visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
      retentionPeriod: Duration.seconds(definition.retentionSeconds),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
    });
    this.deadLetterAlarm = new Alarm(this, 'DeadLetterAlarm', {
      alarmDescription: `Records parked in the dead-letter queue of ${definition.name}: inspect with npm run dlq -- list`,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
