/**
 * What the instrumented clients saw, reduced to what the cost model and the lead need: requests per
 * operation and per key prefix (which item family each message touches), with request units.
 */

export type DynamoKind = 'read' | 'write';

export interface DynamoRequest {
  readonly operation: string;
  readonly kind: DynamoKind;
  /** `EVENT#`, `CONVERSATION#`…: the item family, never the id (ids can hold phone numbers). */
  readonly keyPrefix: string;
  readonly sortKeyPrefix: string;
  /** Read or write request units DynamoDB reported (ReturnConsumedCapacity TOTAL). */
  readonly units: number;
}

export interface RequestCounts {
  readonly dynamo: DynamoRequest[];
  /** SQS commands the handlers sent, by command name. */
  readonly sqs: Record<string, number>;
  /** Event-source-mapping calls by queue name: receives that returned records, empty ones, deletes. */
  readonly pollerReceives: Record<string, number>;
  readonly pollerEmptyReceives: Record<string, number>;
  readonly pollerDeletes: Record<string, number>;
}

const READS = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand']);

/** Keeps a key's family: everything up to and including the first `#`, or the whole key without one. */
export function keyPrefix(key: string | undefined): string {
  if (key === undefined) return '?';
  const hash = key.indexOf('#');
  return hash === -1 ? key : key.slice(0, hash + 1);
}

/** A key attribute as the document client holds it (`"…"`) or on the wire (`{ S: "…" }`). */
function stringValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { S?: unknown }).S === 'string')
    return (value as { S: string }).S;
  return undefined;
}

/** Describes one DynamoDB request (document-client or wire shape). */
export function describeDynamoRequest(
  commandName: string,
  input: Record<string, unknown>,
  units: number,
): DynamoRequest {
  const operation = commandName.replace(/Command$/, '');
  const keys = (input.Key ?? input.Item) as Record<string, unknown> | undefined;
  let pk = stringValue(keys?.pk);
  let sk = stringValue(keys?.sk);
  if (pk === undefined && input.ExpressionAttributeValues) {
    // A query names its partition in the key condition's values; the first string is the best guess.
    const values = Object.values(input.ExpressionAttributeValues as Record<string, unknown>)
      .map(stringValue)
      .filter((value): value is string => value !== undefined);
    pk = values[0];
    sk = values[1];
  }
  if (pk === undefined && input.RequestItems) {
    // A batch: the first item's family stands for the batch (ours fetch one family at a time).
    const first = Object.values(input.RequestItems as Record<string, { Keys?: Record<string, unknown>[] }>)[0]
      ?.Keys?.[0];
    pk = stringValue(first?.pk);
    sk = stringValue(first?.sk);
  }
  return {
    operation,
    kind: READS.has(commandName) ? 'read' : 'write',
    keyPrefix: keyPrefix(pk),
    sortKeyPrefix: sk === undefined ? '' : keyPrefix(sk),
    units,
  };
}

export interface DynamoLine {
  readonly operation: string;
  readonly key: string;
  readonly perMessage: number;
  readonly unitsPerMessage: number;
}

export interface RequestsPerMessage {
  readonly dynamo: number;
  readonly dynamoReads: number;
  readonly dynamoWrites: number;
  readonly readUnits: number;
  readonly writeUnits: number;
  readonly dynamoBreakdown: readonly DynamoLine[];
  /** SendMessage(Batch) and other handler calls. */
  readonly sqsHandler: number;
  /**
   * Lambda's event source mapping per batch: one ReceiveMessage and one DeleteMessageBatch (the
   * local poller deletes one by one; AWS batches, so a batch counts two requests).
   */
  readonly sqsPoller: number;
  readonly sqs: number;
  readonly sqsBreakdown: Readonly<Record<string, number>>;
  /** Records per non-empty receive, per queue: how full the Lambda batches were. */
  readonly batchSize: Readonly<Record<string, number>>;
}

const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + value, 0);

/**
 * Divides what `messages` inbound messages (each with its reply) cost in requests. Empty receives
 * are left out: Lambda's pollers make them at a fixed rate per queue whatever the traffic, so they
 * are no per-message cost (the cost model adds them as a fixed monthly item).
 */
export function requestsPerMessage(counts: RequestCounts, messages: number): RequestsPerMessage {
  const per = (value: number) => value / messages;
  const lines = new Map<string, { operation: string; key: string; count: number; units: number }>();
  for (const request of counts.dynamo) {
    const key = `${request.keyPrefix}${request.sortKeyPrefix ? ` / ${request.sortKeyPrefix}` : ''}`;
    const id = `${request.operation} ${key}`;
    const line = lines.get(id) ?? { operation: request.operation, key, count: 0, units: 0 };
    line.count += 1;
    line.units += request.units;
    lines.set(id, line);
  }
  const reads = counts.dynamo.filter((request) => request.kind === 'read');
  const writes = counts.dynamo.filter((request) => request.kind === 'write');
  const receives = sum(Object.values(counts.pollerReceives));
  const handler = sum(Object.values(counts.sqs));
  return {
    dynamo: per(counts.dynamo.length),
    dynamoReads: per(reads.length),
    dynamoWrites: per(writes.length),
    readUnits: per(sum(reads.map((request) => request.units))),
    writeUnits: per(sum(writes.map((request) => request.units))),
    dynamoBreakdown: [...lines.values()]
      .sort((a, b) => b.count - a.count || a.operation.localeCompare(b.operation))
      .map((line) => ({
        operation: line.operation,
        key: line.key,
        perMessage: per(line.count),
        unitsPerMessage: per(line.units),
      })),
    sqsHandler: per(handler),
    sqsPoller: per(2 * receives),
    sqs: per(handler + 2 * receives),
    sqsBreakdown: {
      ...Object.fromEntries(Object.entries(counts.sqs).map(([name, count]) => [name, per(count)])),
      ...Object.fromEntries(
        Object.entries(counts.pollerReceives).map(([queue, count]) => [
          `ReceiveMessage ${queue}`,
          per(count),
        ]),
      ),
      ...Object.fromEntries(
        Object.entries(counts.pollerReceives).map(([queue, count]) => [
          `DeleteMessageBatch ${queue}`,
          per(count),
        ]),
      ),
    },
    batchSize: Object.fromEntries(
      Object.entries(counts.pollerReceives).map(([queue, count]) => [
        queue,
        (counts.pollerDeletes[queue] ?? 0) / count,
      ]),
    ),
  };
}
