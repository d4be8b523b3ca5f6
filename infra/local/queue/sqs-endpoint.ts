/**
 * The SQS JSON protocol (AWS JSON 1.0, `X-Amz-Target: AmazonSQS.<Operation>`) over the local
 * queues, so handler code using the real SQSClient runs unchanged with its endpoint pointed here.
 * `handleSqsRequest` is pure request-in, response-out; `createSqsHttpListener` adapts it to Node.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalFifoQueue } from './fifo-queue.ts';
import { md5Hex, md5OfMessageAttributes } from './md5.ts';
import {
  LOCAL_ACCOUNT_ID,
  type MessageAttributes,
  type MessageSystemAttributes,
  QueueError,
  type ReceivedMessage,
} from './message-types.ts';
import { type QueueRegistry, queueArn } from './queue-registry.ts';
import { errorResponse, jsonResponse, SqsError, type SqsHttpResponse } from './sqs-errors.ts';
import {
  objectList,
  optionalInteger,
  optionalMessageAttributes,
  optionalString,
  parseInput,
  requiredInteger,
  requiredString,
  type SqsInput,
  stringList,
} from './sqs-input.ts';
import { MAX_MESSAGE_BYTES, messageSize, validateFifoSend } from './sqs-validation.ts';

export { createQueueRegistry, type QueueRegistry, queueArn } from './queue-registry.ts';
export type { SqsHttpResponse } from './sqs-errors.ts';

export interface SqsRequest {
  /** The X-Amz-Target header, e.g. `AmazonSQS.SendMessage`. */
  target: string | undefined;
  /** The raw JSON body. */
  body: string;
  /** Prefix of the queue URLs this endpoint hands out, e.g. `http://127.0.0.1:3000/_aws/sqs`. */
  baseUrl: string;
  /** Aborted when the client went away: a long poll then stops before leasing anything. */
  signal?: AbortSignal;
}

export function queueUrl(baseUrl: string, queueName: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${LOCAL_ACCOUNT_ID}/${queueName}`;
}

const MAX_WAIT_SECONDS = 20;
const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;
const SYSTEM_ATTRIBUTE_NAMES: readonly (keyof MessageSystemAttributes)[] = [
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'SequenceNumber',
  'MessageDeduplicationId',
  'MessageGroupId',
];

type Json = Record<string, unknown>;
type Operation = (input: SqsInput, request: SqsRequest, registry: QueueRegistry) => Promise<Json> | Json;

function queueFrom(registry: QueueRegistry, input: SqsInput): LocalFifoQueue {
  const url = requiredString(input, 'QueueUrl');
  // Found by the last path segment, so any host or mount path the SDK was given still works.
  const name = url.split('?')[0]!.replace(/\/+$/, '').split('/').pop() ?? '';
  const queue = registry.get(name);
  if (!queue) throw new SqsError('QueueDoesNotExist', 'The specified queue does not exist.');
  return queue;
}

function queueAttributes(queue: LocalFifoQueue): Record<string, string> {
  const stats = queue.stats();
  return {
    QueueArn: queueArn(queue.name),
    ApproximateNumberOfMessages: String(stats.visible),
    ApproximateNumberOfMessagesNotVisible: String(stats.inFlight),
    ApproximateNumberOfMessagesDelayed: String(stats.delayed),
    VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
    MessageRetentionPeriod: String(queue.retentionSeconds),
    MaximumMessageSize: String(MAX_MESSAGE_BYTES),
    DelaySeconds: '0',
    ReceiveMessageWaitTimeSeconds: '0',
    FifoQueue: 'true',
    ContentBasedDeduplication: 'false',
    DeduplicationScope: 'queue',
    FifoThroughputLimit: 'perQueue',
    ...(queue.deadLetterQueue && queue.maxReceiveCount !== undefined
      ? {
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: queueArn(queue.deadLetterQueue.name),
            maxReceiveCount: queue.maxReceiveCount,
          }),
        }
      : {}),
  };
}

function sendOutput(
  body: string,
  attributes: MessageAttributes | undefined,
  messageId: string,
  sequence: string,
) {
  const attributesDigest = md5OfMessageAttributes(attributes);
  return {
    MessageId: messageId,
    // Digest of the body as sent now: for a duplicate the SDK checks it against its own request.
    MD5OfMessageBody: md5Hex(body),
    ...(attributesDigest ? { MD5OfMessageAttributes: attributesDigest } : {}),
    SequenceNumber: sequence,
  };
}

function fifoSendFrom(input: SqsInput) {
  return validateFifoSend({
    body: optionalString(input, 'MessageBody'),
    groupId: optionalString(input, 'MessageGroupId'),
    deduplicationId: optionalString(input, 'MessageDeduplicationId'),
    delaySeconds: optionalInteger(input, 'DelaySeconds'),
    attributes: optionalMessageAttributes(input, 'MessageAttributes'),
  });
}

function wantedAttributes(names: readonly string[], attribute: string): boolean {
  return names.some((name) => {
    if (name === 'All' || name === '.*' || name === attribute) return true;
    return name.endsWith('.*') && attribute.startsWith(name.slice(0, -1));
  });
}

function receiveOutput(
  message: ReceivedMessage,
  systemNames: readonly string[],
  attributeNames: readonly string[],
) {
  const attributes: Record<string, string> = {};
  for (const name of SYSTEM_ATTRIBUTE_NAMES) {
    if (systemNames.includes('All') || systemNames.includes(name))
      attributes[name] = message.attributes[name];
  }
  let messageAttributes: MessageAttributes | undefined;
  for (const [name, value] of Object.entries(message.messageAttributes ?? {})) {
    if (!wantedAttributes(attributeNames, name)) continue;
    messageAttributes ??= {};
    messageAttributes[name] = value;
  }
  // The digest covers the attributes returned, which is what SDKs that check it recompute.
  const attributesDigest = md5OfMessageAttributes(messageAttributes);
  return {
    MessageId: message.messageId,
    ReceiptHandle: message.receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(Object.keys(attributes).length > 0 ? { Attributes: attributes } : {}),
    ...(messageAttributes
      ? { MessageAttributes: messageAttributes, MD5OfMessageAttributes: attributesDigest }
      : {}),
  };
}

/** Checks common to the three batch operations; returns the entries. */
function batchEntries(input: SqsInput, entrySize?: (entry: SqsInput) => number): SqsInput[] {
  const entries = objectList(input, 'Entries');
  if (entries.length === 0)
    throw new SqsError('EmptyBatchRequest', 'There should be at least one entry in the request.');
  if (entries.length > 10) {
    throw new SqsError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are 10. You have sent ${entries.length}.`,
    );
  }
  const ids = new Set<string>();
  for (const entry of entries) {
    const id = optionalString(entry, 'Id') ?? '';
    if (!BATCH_ENTRY_ID.test(id)) {
      throw new SqsError(
        'InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      );
    }
    if (ids.has(id)) throw new SqsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
    ids.add(id);
  }
  if (entrySize) {
    const total = entries.reduce((sum, entry) => sum + entrySize(entry), 0);
    if (total > MAX_MESSAGE_BYTES) {
      throw new SqsError(
        'BatchRequestTooLong',
        `Batch requests cannot be longer than ${MAX_MESSAGE_BYTES} bytes.`,
      );
    }
  }
  return entries;
}

function failedEntry(id: string, error: unknown) {
  const sqsError = asSqsError(error);
  return {
    Id: id,
    SenderFault: sqsError.code !== 'InternalError',
    Code: sqsError.code,
    Message: sqsError.message,
  };
}

/** Runs one batch operation per entry, all started in entry order, and reports each outcome. */
async function runBatch(entries: SqsInput[], run: (entry: SqsInput) => Promise<Json>) {
  const outcomes = await Promise.allSettled(
    entries.map((entry) => {
      try {
        return run(entry);
      } catch (error) {
        return Promise.reject(error);
      }
    }),
  );
  const successful: Json[] = [];
  const failed: Json[] = [];
  outcomes.forEach((outcome, index) => {
    const id = optionalString(entries[index]!, 'Id')!;
    if (outcome.status === 'fulfilled') successful.push({ Id: id, ...outcome.value });
    else failed.push(failedEntry(id, outcome.reason));
  });
  return { Successful: successful, Failed: failed };
}

async function longPoll(queue: LocalFifoQueue, input: SqsInput, request: SqsRequest) {
  const waitSeconds = optionalInteger(input, 'WaitTimeSeconds') ?? 0;
  if (waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS) {
    throw new SqsError(
      'InvalidParameterValue',
      `Value ${waitSeconds} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= ${MAX_WAIT_SECONDS}, if provided.`,
    );
  }
  const visibilityTimeoutSeconds = optionalInteger(input, 'VisibilityTimeout');
  const receiveInput = {
    maxMessages: optionalInteger(input, 'MaxNumberOfMessages') ?? 1,
    ...(visibilityTimeoutSeconds === undefined ? {} : { visibilityTimeoutSeconds }),
  };
  // Wall-clock deadline: the wait is about the HTTP request, not the queue's (injectable) clock.
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    // A client that went away must not get messages leased on its behalf.
    if (request.signal?.aborted) return [];
    const messages = await queue.receive(receiveInput);
    const remaining = deadline - Date.now();
    if (messages.length > 0 || remaining <= 0) return messages;
    await queue.waitForMessages(remaining);
  }
}

const OPERATIONS: Record<string, Operation> = {
  GetQueueUrl: (input, request, registry) => {
    const name = requiredString(input, 'QueueName');
    if (!registry.get(name)) throw new SqsError('QueueDoesNotExist', 'The specified queue does not exist.');
    return { QueueUrl: queueUrl(request.baseUrl, name) };
  },

  ListQueues: (input, request, registry) => {
    const prefix = optionalString(input, 'QueueNamePrefix') ?? '';
    const limit = optionalInteger(input, 'MaxResults') ?? 1000;
    const names = [...registry.queues.keys()].filter((name) => name.startsWith(prefix)).slice(0, limit);
    return names.length > 0 ? { QueueUrls: names.map((name) => queueUrl(request.baseUrl, name)) } : {};
  },

  GetQueueAttributes: (input, _request, registry) => {
    const queue = queueFrom(registry, input);
    const requested = stringList(input, 'AttributeNames');
    const all = queueAttributes(queue);
    const attributes: Record<string, string> = {};
    for (const name of requested.includes('All') ? Object.keys(all) : requested) {
      if (name in all) attributes[name] = all[name]!;
      else if (name !== 'RedrivePolicy')
        throw new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
    }
    return Object.keys(attributes).length > 0 ? { Attributes: attributes } : {};
  },

  SendMessage: async (input, _request, registry) => {
    const queue = queueFrom(registry, input);
    const send = fifoSendFrom(input);
    const result = await queue.send(send);
    return sendOutput(send.body, send.attributes, result.messageId, result.sequenceNumber);
  },

  SendMessageBatch: (input, _request, registry) => {
    const queue = queueFrom(registry, input);
    const entries = batchEntries(input, (entry) =>
      messageSize(
        optionalString(entry, 'MessageBody') ?? '',
        optionalMessageAttributes(entry, 'MessageAttributes'),
      ),
    );
    // Entries are handed to the queue in order without awaiting in between: order within a
    // group is kept and the whole batch shares one fsync.
    return runBatch(entries, (entry) => {
      const send = fifoSendFrom(entry);
      return queue
        .send(send)
        .then((result) => sendOutput(send.body, send.attributes, result.messageId, result.sequenceNumber));
    });
  },

  ReceiveMessage: async (input, request, registry) => {
    const queue = queueFrom(registry, input);
    const systemNames = [
      ...stringList(input, 'AttributeNames'),
      ...stringList(input, 'MessageSystemAttributeNames'),
    ];
    const attributeNames = stringList(input, 'MessageAttributeNames');
    const messages = await longPoll(queue, input, request);
    return messages.length > 0
      ? { Messages: messages.map((message) => receiveOutput(message, systemNames, attributeNames)) }
      : {};
  },

  DeleteMessage: async (input, _request, registry) => {
    const queue = queueFrom(registry, input);
    await queue.delete(requiredString(input, 'ReceiptHandle'));
    return {};
  },

  DeleteMessageBatch: (input, _request, registry) => {
    const queue = queueFrom(registry, input);
    return runBatch(batchEntries(input), async (entry) => {
      await queue.delete(requiredString(entry, 'ReceiptHandle'));
      return {};
    });
  },

  ChangeMessageVisibility: async (input, _request, registry) => {
    const queue = queueFrom(registry, input);
    await queue.changeVisibility(
      requiredString(input, 'ReceiptHandle'),
      requiredInteger(input, 'VisibilityTimeout'),
    );
    return {};
  },

  ChangeMessageVisibilityBatch: (input, _request, registry) => {
    const queue = queueFrom(registry, input);
    return runBatch(batchEntries(input), async (entry) => {
      await queue.changeVisibility(
        requiredString(entry, 'ReceiptHandle'),
        requiredInteger(entry, 'VisibilityTimeout'),
      );
      return {};
    });
  },

  PurgeQueue: async (input, _request, registry) => {
    await queueFrom(registry, input).purge();
    return {};
  },
};

function asSqsError(error: unknown): SqsError {
  if (error instanceof SqsError) return error;
  if (error instanceof QueueError) {
    return error.code === 'QueueClosed'
      ? new SqsError('InternalError', error.message)
      : new SqsError(error.code, error.message);
  }
  return new SqsError('InternalError', error instanceof Error ? error.message : String(error));
}

/** Answers one SQS JSON request. Never rejects: failures become SQS error responses. */
export async function handleSqsRequest(
  registry: QueueRegistry,
  request: SqsRequest,
): Promise<SqsHttpResponse> {
  try {
    const operationName = request.target?.startsWith('AmazonSQS.')
      ? request.target.slice('AmazonSQS.'.length)
      : '';
    const operation = Object.hasOwn(OPERATIONS, operationName) ? OPERATIONS[operationName] : undefined;
    if (!operation) {
      throw new SqsError(
        'UnknownOperationException',
        `Unknown operation ${request.target ?? '(no X-Amz-Target)'}.`,
      );
    }
    return jsonResponse(200, await operation(parseInput(request.body), request, registry));
  } catch (error) {
    return errorResponse(asSqsError(error));
  }
}

/** Ten full-size messages plus JSON escaping fit comfortably; anything larger is refused unread. */
const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

/** A Node request listener for the SQS endpoint, to mount under `baseUrl`'s path. */
export function createSqsHttpListener(
  registry: QueueRegistry,
  baseUrl: string,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const reply = (response: SqsHttpResponse) => {
      if (res.writableEnded || res.destroyed) return;
      res.writeHead(response.statusCode, response.headers);
      res.end(response.body);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (size > MAX_REQUEST_BYTES) {
        reply(errorResponse(new SqsError('InvalidParameterValue', 'The request is too large.')));
        return;
      }
      const header = req.headers['x-amz-target'];
      void handleSqsRequest(registry, {
        target: Array.isArray(header) ? header[0] : header,
        body: Buffer.concat(chunks).toString('utf8'),
        baseUrl,
        signal: abort.signal,
      }).then(reply);
    });
  };
}
