import { Construct } from 'constructs';
import { QUEUES } from '../../../shared/definitions.ts';
import { FifoQueueWithDeadLetter } from './fifo-queue-with-dead-letter.ts';

/** The two hops of the pipeline: webhook → inbound → worker, worker → outbound → sender. */
export class MessageQueues extends Construct {
  readonly inbound: FifoQueueWithDeadLetter;
  readonly outbound: FifoQueueWithDeadLetter;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.inbound = new FifoQueueWithDeadLetter(this, 'Inbound', { definition: QUEUES.inbound });
    this.outbound = new FifoQueueWithDeadLetter(this, 'Outbound', { definition: QUEUES.outbound });
  }
}
