import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * One document client per process, created at cold start and reused by every invocation. Region,
 * credentials and endpoint come from the standard AWS environment (locally AWS_ENDPOINT_URL_DYNAMODB
 * points at the embedded server).
 */
let shared: DynamoDBDocumentClient | undefined;

export function documentClient(): DynamoDBDocumentClient {
  shared ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return shared;
}

export function isConditionalCheckFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

export interface TableRef {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
}
