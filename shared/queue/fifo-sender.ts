import { createHash } from 'node:crypto';
import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

export interface FifoMessage {
  readonly body: string;
  /** Messages of one group are delivered in order, one at a time. */
  readonly groupId: string;
  /** Same id within five minutes → SQS keeps only the first. */
  readonly deduplicationId: string;
}

/** One SQS client per process; region, credentials and endpoint come from the AWS environment. */
let shared: SQSClient | undefined;
export function sqsClient(): SQSClient {
  shared ??= new SQSClient({});
  return shared;
}

/** SQS ids allow 128 characters of [A-Za-z0-9] and punctuation; longer ids are hashed, stably. */
export function sqsSafeId(id: string): string {
  return id.length <= 128 && /^[\x21-\x7e]+$/.test(id) ? id : createHash('sha256').update(id).digest('hex');
}

export class EnqueueError extends Error {
  override readonly name = 'EnqueueError';
}

/** Sends to a FIFO queue; resolves only when SQS has accepted every message. */
export async function sendToFifoQueue(
  client: SQSClient,
  queueUrl: string,
  messages: readonly FifoMessage[],
): Promise<void> {
  if (messages.length === 1) {
    const [message] = messages as [FifoMessage];
    await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: message.body,
        MessageGroupId: sqsSafeId(message.groupId),
        MessageDeduplicationId: sqsSafeId(message.deduplicationId),
      }),
    );
    return;
  }
  for (let start = 0; start < messages.length; start += 10) {
    const chunk = messages.slice(start, start + 10);
    const result = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: chunk.map((message, index) => ({
          Id: String(index),
          MessageBody: message.body,
          MessageGroupId: sqsSafeId(message.groupId),
          MessageDeduplicationId: sqsSafeId(message.deduplicationId),
        })),
      }),
    );
    if ((result.Failed ?? []).length > 0) {
      // Order within a group matters: fail the whole call and let the caller retry it (dedup ids make that safe).
      throw new EnqueueError(
        `SQS refused ${result.Failed?.length} of ${chunk.length} messages: ${result.Failed?.[0]?.Code}`,
      );
    }
  }
}
