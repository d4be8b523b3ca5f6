/** The checks SQS applies to a FIFO send before accepting it. */
import type { MessageAttributes } from './message-types.ts';
import { SqsError } from './sqs-errors.ts';

/** 256 KiB: body plus attribute names, types and values, as SQS counts them. */
export const MAX_MESSAGE_BYTES = 256 * 1024;
const MAX_ATTRIBUTES = 10;

// XML 1.0 characters. The `u` flag matters: without it an emoji's surrogate pair would be rejected.
const INVALID_BODY_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
// MessageGroupId / MessageDeduplicationId: 1-128 printable ASCII characters.
const FIFO_ID = /^[\x21-\x7E]{1,128}$/;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const ATTRIBUTE_TYPE = /^(String|Number|Binary)(\.[A-Za-z0-9_.-]+)?$/;

function invalid(message: string): SqsError {
  return new SqsError('InvalidParameterValue', message);
}

export function messageSize(body: string, attributes: MessageAttributes | undefined): number {
  let size = Buffer.byteLength(body, 'utf8');
  for (const [name, attribute] of Object.entries(attributes ?? {})) {
    size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(attribute.DataType, 'utf8');
    if (attribute.StringValue !== undefined) size += Buffer.byteLength(attribute.StringValue, 'utf8');
    if (attribute.BinaryValue !== undefined) size += Buffer.from(attribute.BinaryValue, 'base64').length;
  }
  return size;
}

function validateAttributes(attributes: MessageAttributes | undefined): void {
  const entries = Object.entries(attributes ?? {});
  if (entries.length > MAX_ATTRIBUTES) {
    throw invalid(
      `Number of message attributes [${entries.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`,
    );
  }
  for (const [name, attribute] of entries) {
    const reserved = /^(aws\.|amazon\.)/i.test(name);
    if (
      !ATTRIBUTE_NAME.test(name) ||
      reserved ||
      name.startsWith('.') ||
      name.endsWith('.') ||
      name.includes('..')
    ) {
      throw invalid(`Message attribute name '${name}' is invalid.`);
    }
    if (!ATTRIBUTE_TYPE.test(attribute.DataType)) {
      throw invalid(`The type of message attribute '${name}' is invalid.`);
    }
    const binary = attribute.DataType.startsWith('Binary');
    const value = binary ? attribute.BinaryValue : attribute.StringValue;
    if (value === undefined || value === '') {
      throw invalid(`The message attribute '${name}' must contain non-empty message attribute value.`);
    }
    if (attribute.DataType.startsWith('Number') && !Number.isFinite(Number(value))) {
      throw invalid(`Can't cast the value of message attribute '${name}' to a number.`);
    }
    if (!binary && INVALID_BODY_CHARACTER.test(value)) {
      throw new SqsError(
        'InvalidMessageContents',
        `Message attribute '${name}' contains invalid characters.`,
      );
    }
  }
}

export interface FifoSend {
  body: string;
  groupId: string;
  deduplicationId: string;
  attributes: MessageAttributes | undefined;
}

/** Throws the SqsError SQS would return for this send; the order of checks follows the service. */
export function validateFifoSend(send: {
  body: string | undefined;
  groupId: string | undefined;
  deduplicationId: string | undefined;
  delaySeconds: number | undefined;
  attributes: MessageAttributes | undefined;
}): FifoSend {
  const { body, groupId, deduplicationId, attributes } = send;
  if (body === undefined || body === '') {
    throw new SqsError('MissingParameter', 'The request must contain the parameter MessageBody.');
  }
  if (INVALID_BODY_CHARACTER.test(body)) {
    throw new SqsError(
      'InvalidMessageContents',
      'Invalid binary character in message body. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF.',
    );
  }
  validateAttributes(attributes);
  if (messageSize(body, attributes) > MAX_MESSAGE_BYTES) {
    throw invalid(
      `One or more parameters are invalid. Reason: Message must be shorter than ${MAX_MESSAGE_BYTES} bytes.`,
    );
  }
  if (groupId === undefined || groupId === '') {
    throw new SqsError('MissingParameter', 'The request must contain the parameter MessageGroupId.');
  }
  if (!FIFO_ID.test(groupId)) throw invalid(`Value ${groupId} for parameter MessageGroupId is invalid.`);
  if (send.delaySeconds !== undefined && send.delaySeconds !== 0) {
    throw invalid(
      `Value ${send.delaySeconds} for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.`,
    );
  }
  if (deduplicationId === undefined || deduplicationId === '') {
    throw invalid(
      'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    );
  }
  if (!FIFO_ID.test(deduplicationId)) {
    throw invalid(`Value ${deduplicationId} for parameter MessageDeduplicationId is invalid.`);
  }
  return { body, groupId, deduplicationId, attributes };
}
