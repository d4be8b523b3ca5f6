import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ensureTable, startEmbeddedDynamo } from '../../infra/local/embedded-dynamodb.ts';
import type { TableRef } from '../../shared/store/dynamo.ts';

export interface EmbeddedTable extends TableRef {
  readonly endpoint: string;
  close(): Promise<void>;
}

/** A real DynamoDB-compatible table (dynalite on disk in a temp dir), created like the local runtime does. */
export async function startEmbeddedTable(tableName = 'test-table'): Promise<EmbeddedTable> {
  const dynamo = await startEmbeddedDynamo(join(mkdtempSync(join(tmpdir(), 'omni-dynamo-')), 'db'));
  const raw = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(raw, tableName);
  const client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  return {
    client,
    tableName,
    endpoint: dynamo.endpoint,
    async close() {
      raw.destroy();
      await dynamo.close();
    },
  };
}
