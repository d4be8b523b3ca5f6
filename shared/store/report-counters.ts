import { randomInt } from 'node:crypto';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type CounterRow, factDimensions, type ReportFact } from '../domain/report.ts';
import type { TableRef } from './dynamo.ts';
import { keys } from './keys.ts';

/**
 * A day's counters are spread over this many partitions: every conversation event of the day
 * increments one, and a single partition takes about 1,000 writes a second.
 */
export const REPORT_SHARDS = 8;

/** Counts one fact on its day: one UpdateItem (ADD), never a read. */
export async function countFact(table: TableRef, fact: ReportFact, at: Date): Promise<void> {
  const day = at.toISOString().slice(0, 10);
  const dimensions = factDimensions(fact);
  const sortKey = [
    fact.metric,
    ...Object.entries(dimensions).map(([name, value]) => `${name}=${value}`),
  ].join('|');
  const seconds = 'seconds' in fact ? Math.max(0, Math.round(fact.seconds)) : undefined;
  await table.client.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: keys.reportCounter(day, randomInt(REPORT_SHARDS), sortKey),
      UpdateExpression: `SET #day = :day, metric = :metric, dimensions = :dimensions ADD #count :one${seconds === undefined ? '' : ', #sum :seconds'}`,
      ExpressionAttributeNames: {
        '#day': 'day',
        '#count': 'count',
        ...(seconds === undefined ? {} : { '#sum': 'sum' }),
      },
      ExpressionAttributeValues: {
        ':day': day,
        ':metric': fact.metric,
        ':dimensions': dimensions,
        ':one': 1,
        ...(seconds === undefined ? {} : { ':seconds': seconds }),
      },
    }),
  );
}

/** Every counter of these days: one query per day and shard, never a scan. */
export async function readCounters(table: TableRef, days: readonly string[]): Promise<CounterRow[]> {
  const partitions = days.flatMap((day) =>
    Array.from({ length: REPORT_SHARDS }, (_, shard) => keys.reportCounter(day, shard, '').pk),
  );
  const pages = await Promise.all(
    partitions.map(async (pk) => {
      const rows: CounterRow[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await table.client.send(
          new QueryCommand({
            TableName: table.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? [])
          rows.push({
            day: String(item.day),
            metric: item.metric as CounterRow['metric'],
            dimensions: (item.dimensions ?? {}) as Record<string, string>,
            count: Number(item.count ?? 0),
            ...(item.sum !== undefined ? { sum: Number(item.sum) } : {}),
          });
        start = page.LastEvaluatedKey;
      } while (start);
      return rows;
    }),
  );
  return pages.flat();
}
