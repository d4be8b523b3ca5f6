/** Shapes shared by the local queue and its SQS endpoint, spelled as on the SQS wire. */

/** The account id in local queue URLs and ARNs, the one emulators conventionally use. */
export const LOCAL_ACCOUNT_ID = '000000000000';

/** One message attribute as SQS JSON carries it; BinaryValue is base64. */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export type MessageAttributes = Record<string, MessageAttributeValue>;

/** The system attributes SQS can return for a FIFO message, all strings as on the wire. */
export interface MessageSystemAttributes {
  MessageGroupId: string;
  MessageDeduplicationId: string;
  SequenceNumber: string;
  ApproximateReceiveCount: string;
  SentTimestamp: string;
  ApproximateFirstReceiveTimestamp: string;
  SenderId: string;
}

export interface SendInput {
  body: string;
  groupId: string;
  deduplicationId: string;
  /** Message attributes (not system attributes). */
  attributes?: MessageAttributes;
}

export interface SendResult {
  messageId: string;
  sequenceNumber: string;
  /** True when the deduplication id was seen within the window: nothing was enqueued. */
  duplicate: boolean;
}

export interface ReceiveInput {
  /** 1 to 10. */
  maxMessages: number;
  /** Overrides the queue's visibility timeout for this batch. */
  visibilityTimeoutSeconds?: number;
}

export interface ReceivedMessage {
  receiptHandle: string;
  messageId: string;
  body: string;
  md5OfBody: string;
  attributes: MessageSystemAttributes;
  messageAttributes?: MessageAttributes;
}

/** A read-only view for tools (dead-letter listing, inspection). */
export interface QueuedMessageView {
  messageId: string;
  groupId: string;
  deduplicationId: string;
  sequenceNumber: string;
  body: string;
  messageAttributes?: MessageAttributes;
  sentTimestamp: number;
  receiveCount: number;
  inFlight: boolean;
}

export interface QueueStats {
  visible: number;
  inFlight: number;
  /** FIFO queues here have no delay; kept so the shape matches SQS's three counters. */
  delayed: number;
  oldestAgeSeconds: number;
}

export type QueueErrorCode = 'ReceiptHandleIsInvalid' | 'InvalidParameterValue' | 'QueueClosed';

/** Errors the queue raises; the SQS endpoint maps them onto SQS error codes of the same name. */
export class QueueError extends Error {
  constructor(
    readonly code: QueueErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}
