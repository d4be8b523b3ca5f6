import {
  ChangeMessageVisibilityCommand,
  GetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
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

/** SQS allows a visibility timeout of at most 12 hours. */
const MAX_VISIBILITY_SECONDS = 12 * 60 * 60;

/**
 * Keeps a record out of sight for as long as the platform asked us to wait (e.g. WhatsApp's pair
 * rate limit), instead of the queue's full visibility timeout. Only its own FIFO group waits.
 */
export async function holdRecord(
  client: SQSClient,
  queueUrl: string,
  record: SQSRecord,
  seconds: number,
): Promise<void> {
  await client.send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: queueUrl,
      ReceiptHandle: record.receiptHandle,
      VisibilityTimeout: Math.min(MAX_VISIBILITY_SECONDS, Math.max(1, Math.ceil(seconds))),
    }),
  );
}

/** Messages waiting to be received (SQS ApproximateNumberOfMessages): how far behind its consumer is. */
export async function waitingMessages(client: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages ?? 0);
}
