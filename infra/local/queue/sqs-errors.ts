/**
 * SQS errors in the AWS JSON 1.0 shape: HTTP status, `{"__type","message"}` body, and the
 * `x-amzn-query-error` header the SDK (awsQueryCompatible) reads to fill `error.Code`.
 * Query codes and statuses follow the service model in @aws-sdk/client-sqs.
 */
import { randomUUID } from 'node:crypto';

interface ErrorSpec {
  queryCode: string;
  status: number;
  namespace?: string;
}

const SQS_ERRORS = {
  QueueDoesNotExist: { queryCode: 'AWS.SimpleQueueService.NonExistentQueue', status: 400 },
  MissingParameter: { queryCode: 'MissingParameter', status: 400 },
  InvalidParameterValue: { queryCode: 'InvalidParameterValue', status: 400 },
  InvalidAttributeName: { queryCode: 'InvalidAttributeName', status: 400 },
  InvalidMessageContents: { queryCode: 'InvalidMessageContents', status: 400 },
  ReceiptHandleIsInvalid: { queryCode: 'ReceiptHandleIsInvalid', status: 404 },
  EmptyBatchRequest: { queryCode: 'AWS.SimpleQueueService.EmptyBatchRequest', status: 400 },
  TooManyEntriesInBatchRequest: {
    queryCode: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
    status: 400,
  },
  BatchEntryIdsNotDistinct: { queryCode: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct', status: 400 },
  InvalidBatchEntryId: { queryCode: 'AWS.SimpleQueueService.InvalidBatchEntryId', status: 400 },
  BatchRequestTooLong: { queryCode: 'AWS.SimpleQueueService.BatchRequestTooLong', status: 400 },
  UnknownOperationException: {
    queryCode: 'InvalidAction',
    status: 400,
    namespace: 'com.amazon.coral.service',
  },
  SerializationException: {
    queryCode: 'SerializationException',
    status: 400,
    namespace: 'com.amazon.coral.service',
  },
  InternalError: { queryCode: 'InternalError', status: 500 },
} satisfies Record<string, ErrorSpec>;

export type SqsErrorCode = keyof typeof SQS_ERRORS;

export class SqsError extends Error {
  constructor(
    readonly code: SqsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

export interface SqsHttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export function jsonResponse(statusCode: number, payload: unknown, headers: Record<string, string> = {}) {
  return {
    statusCode,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': randomUUID(),
      ...headers,
    },
    body: JSON.stringify(payload),
  } satisfies SqsHttpResponse;
}

export function errorResponse(error: SqsError): SqsHttpResponse {
  const spec: ErrorSpec = SQS_ERRORS[error.code];
  const fault = spec.status < 500 ? 'Sender' : 'Receiver';
  return jsonResponse(
    spec.status,
    { __type: `${spec.namespace ?? 'com.amazonaws.sqs'}#${error.code}`, message: error.message },
    { 'x-amzn-query-error': `${spec.queryCode};${fault}` },
  );
}
