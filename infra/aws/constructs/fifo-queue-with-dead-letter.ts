import { Duration } from 'aws-cdk-lib';
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
  }
}
