/**
 * Dead-letter queue operations over the SQS API, so the same code serves the local runtime's queue
 * (SQS JSON protocol at <url>/_aws/sqs) and AWS. Listing never prints message content (it holds
 * personal data); `show` prints one body on purpose.
 */
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { QueueName } from '../../shared/definitions.ts';
import { sendToFifoQueue, sqsSafeId } from '../../shared/queue/fifo-sender.ts';

/** CloudFormation output names of the stack (infra/aws/stack.ts) that name each queue and its DLQ. */
export const STACK_OUTPUTS: Record<QueueName, { queue: string; deadLetter: string }> = {
  inbound: { queue: 'InboundQueueUrl', deadLetter: 'InboundDeadLetterQueueUrl' },
  outbound: { queue: 'OutboundQueueUrl', deadLetter: 'OutboundDeadLetterQueueUrl' },
};

export interface DeadLetter {
  readonly messageId: string;
  readonly groupId: string;
  readonly deduplicationId: string;
  readonly receiveCount: number;
  readonly sentAt: string;
  /** What the record is, without its content: event or work kind and id. */
  readonly summary: string;
  readonly body: string;
}

/** Seconds a listed message stays hidden from other readers while we look at the queue. */
const LOOK_SECONDS = 30;

/** Every message in the queue, oldest first per group. Messages are released again afterwards. */
export async function listDeadLetters(client: SQSClient, queueUrl: string): Promise<DeadLetter[]> {
  const received = await receiveAll(client, queueUrl);
  await release(client, queueUrl, received);
  return received.map(toDeadLetter);
}

export async function findDeadLetter(
  client: SQSClient,
  queueUrl: string,
  messageId: string,
): Promise<DeadLetter | undefined> {
  return (await listDeadLetters(client, queueUrl)).find((letter) => letter.messageId === messageId);
}

export interface RedriveResult {
  readonly moved: number;
}

/**
 * Moves every dead letter back to its source queue, in its own message group so it keeps its place
 * among its conversation's later messages' group. Idempotent: the deduplication id is derived from
 * the original one, so a second redrive within five minutes (say, after a crash between send and
 * delete) is dropped by the queue, and later than that the worker's durable claim in DynamoDB makes
 * a replay a no-op. Not the original id itself: within its five minutes the queue would drop it.
 */
export async function redriveDeadLetters(
  client: SQSClient,
  deadLetterQueueUrl: string,
  sourceQueueUrl: string,
): Promise<RedriveResult> {
  let moved = 0;
  for (;;) {
    const batch = await receiveBatch(client, deadLetterQueueUrl, 60);
    if (batch.length === 0) return { moved };
    for (const message of batch) {
      const letter = toDeadLetter(message);
      await sendToFifoQueue(client, sourceQueueUrl, [
        {
          body: letter.body,
          groupId: letter.groupId,
          deduplicationId: sqsSafeId(`redrive-${letter.deduplicationId}`),
        },
      ]);
      await client.send(
        new DeleteMessageCommand({ QueueUrl: deadLetterQueueUrl, ReceiptHandle: message.ReceiptHandle }),
      );
      moved += 1;
    }
  }
}

async function receiveBatch(client: SQSClient, queueUrl: string, visibility: number): Promise<Message[]> {
  const result = await client.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      VisibilityTimeout: visibility,
      WaitTimeSeconds: 0,
      MessageSystemAttributeNames: ['All'],
    }),
  );
  return result.Messages ?? [];
}

async function receiveAll(client: SQSClient, queueUrl: string): Promise<Message[]> {
  const all: Message[] = [];
  for (;;) {
    const batch = await receiveBatch(client, queueUrl, LOOK_SECONDS);
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function release(client: SQSClient, queueUrl: string, messages: readonly Message[]): Promise<void> {
  for (const message of messages) {
    await client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrl,
        ReceiptHandle: message.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
  }
}

function toDeadLetter(message: Message): DeadLetter {
  const attributes = message.Attributes ?? {};
  const body = message.Body ?? '';
  return {
    messageId: message.MessageId ?? '',
    groupId: attributes.MessageGroupId ?? 'redriven',
    deduplicationId: attributes.MessageDeduplicationId ?? message.MessageId ?? '',
    receiveCount: Number(attributes.ApproximateReceiveCount ?? 0),
    sentAt: new Date(Number(attributes.SentTimestamp ?? 0)).toISOString(),
    summary: summarise(body),
    body,
  };
}

/** `inbound message telegram:1:42`, `outbound message 0mx…-r` or `unreadable`: ids, never text. */
export function summarise(body: string): string {
  try {
    const parsed = JSON.parse(body) as {
      event?: { kind?: string; eventId?: string };
      work?: { kind?: string; messageId?: string; providerMessageId?: string; tapId?: string };
    };
    if (parsed.event) return `inbound ${parsed.event.kind} ${parsed.event.eventId}`;
    if (parsed.work)
      return `outbound ${parsed.work.kind} ${parsed.work.messageId ?? parsed.work.providerMessageId ?? parsed.work.tapId ?? ''}`.trim();
  } catch {
    // fall through
  }
  return 'unreadable (not an envelope)';
}
