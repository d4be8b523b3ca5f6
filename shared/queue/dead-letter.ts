import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { sendToFifoQueue } from './fifo-sender.ts';

/**
 * Moves a record that can never be processed (not a message of ours) straight to the dead-letter
 * queue and lets the consumer report it done. Failing it instead would hold back every later
 * record of its FIFO group for maxReceiveCount attempts, and push those into the dead-letter
 * queue with it, since each receive counts for all of them.
 */
export async function parkInDeadLetterQueue(
  client: SQSClient,
  deadLetterQueueUrl: string,
  record: SQSRecord,
): Promise<void> {
  await sendToFifoQueue(client, deadLetterQueueUrl, [
    {
      body: record.body,
      groupId: record.attributes.MessageGroupId ?? 'parked',
      deduplicationId: `parked-${record.messageId}`,
    },
  ]);
}
