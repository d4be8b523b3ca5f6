import { describe, expect, it } from 'vitest';
import { type BudgetInputs, evaluateBudgets } from '../../../bench/budgets.ts';
import { costPerMillionMessages, PRICES } from '../../../bench/cost.ts';
import { describeDynamoRequest, keyPrefix, requestsPerMessage } from '../../../bench/requests.ts';
import { median, percentile, summarize } from '../../../bench/stats.ts';

describe('percentiles (nearest rank)', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, index) => 100 - index);

  it('takes the value at rank ceil(p/100 × n) of the sorted values', () => {
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 99)).toBe(99);
    expect(percentile(oneToHundred, 100)).toBe(100);
    expect(percentile(oneToHundred, 0)).toBe(1);
    expect(percentile([30, 10, 20], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(median([7])).toBe(7);
  });

  it('puts p99 of 100 values past one slow value but not past two', () => {
    expect(percentile([...Array.from({ length: 99 }, () => 10), 5000], 99)).toBe(10);
    expect(percentile([...Array.from({ length: 98 }, () => 10), 5000, 6000], 99)).toBe(5000);
  });

  it('has no percentile of nothing, and no percentile outside 0..100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('summarizes, with a missing reply (Infinity) counted as the slowest', () => {
    const summary = summarize([10, 20, 30, Number.POSITIVE_INFINITY]);
    expect(summary).toMatchObject({ count: 4, p50: 20, p99: Number.POSITIVE_INFINITY });
    expect(summarize([4, 2])).toEqual({ count: 2, p50: 2, p99: 4, max: 4, mean: 3 });
  });
});

describe('cost per million messages', () => {
  it('matches a hand-computed case', () => {
    const estimate = costPerMillionMessages({
      httpRequestsPerMessage: 1,
      // 1 GB for 100 ms per message: 100,000 GB-s per million.
      lambdas: [{ name: 'one', memoryMb: 1024, invocationsPerMessage: 1, billedMsPerInvocation: 100 }],
      sqsRequestsPerMessage: 4,
      dynamoReadUnitsPerMessage: 4,
      dynamoWriteUnitsPerMessage: 6,
      // Exactly 1 GiB per million messages.
      logBytesPerMessage: 1024 ** 3 / 1_000_000,
    });
    const usd = Object.fromEntries(estimate.lines.map((line) => [line.item, line.usd]));
    expect(usd['API Gateway HTTP API requests']).toBeCloseTo(1.0, 10);
    expect(usd['Lambda requests']).toBeCloseTo(0.2, 10);
    expect(usd['Lambda duration (arm64)']).toBeCloseTo(1.33334, 10);
    expect(usd['SQS FIFO requests']).toBeCloseTo(2.0, 10);
    expect(usd['DynamoDB write request units']).toBeCloseTo(3.75, 10);
    expect(usd['DynamoDB read request units']).toBeCloseTo(0.5, 10);
    expect(usd['CloudWatch Logs ingestion']).toBeCloseTo(0.5, 10);
    expect(estimate.totalUsd).toBeCloseTo(9.28334, 10);
    // 1 M inbound + 1 M replies at $0.01 each.
    expect(estimate.connectUsd).toBe(20_000);
  });

  it('adds the invocations of every function and weighs duration by memory', () => {
    const estimate = costPerMillionMessages(
      {
        httpRequestsPerMessage: 0,
        lambdas: [
          { name: 'a', memoryMb: 256, invocationsPerMessage: 1, billedMsPerInvocation: 40 },
          { name: 'b', memoryMb: 512, invocationsPerMessage: 0.5, billedMsPerInvocation: 200 },
        ],
        sqsRequestsPerMessage: 0,
        dynamoReadUnitsPerMessage: 0,
        dynamoWriteUnitsPerMessage: 0,
        logBytesPerMessage: 0,
      },
      { ...PRICES, lambdaArmPerGbSecond: 1 },
    );
    const line = (item: string) => estimate.lines.find((entry) => entry.item === item)!;
    expect(line('Lambda requests').usage).toBe(1_500_000);
    // 0.25 GB × 0.04 s + 0.5 × 0.5 GB × 0.2 s = 0.06 GB-s per message.
    expect(line('Lambda duration (arm64)').usage).toBeCloseTo(60_000, 6);
    expect(line('Lambda duration (arm64)').usd).toBeCloseTo(60_000, 6);
  });
});

describe('budgets', () => {
  const passing: BudgetInputs = {
    webhookBundleBytes: 150 * 1024,
    webhookColdLoadMs: 40,
    workerBundleBytes: 1024 * 1024,
    workerColdLoadMs: 200,
    ingestRatio: 0.5,
    e2eP99At100Ms: 250,
    sustainedRate: 300,
    dynamoRequestsPerMessage: 6,
    sqsRequestsPerMessage: 4,
    awsUsdPerMillion: 8,
  };

  it('passes every line exactly at its limit', () => {
    const results = evaluateBudgets(passing);
    expect(results).toHaveLength(10);
    expect(results.filter((result) => !result.pass)).toEqual([]);
  });

  it('fails only the lines past their limit, and any line not measured', () => {
    const results = evaluateBudgets({
      ...passing,
      webhookColdLoadMs: 40.1,
      sustainedRate: 299,
      dynamoRequestsPerMessage: 6.01,
      e2eP99At100Ms: Number.NaN,
    });
    expect(results.filter((result) => !result.pass).map((result) => result.name)).toEqual([
      'webhook cold load',
      'e2e p99 at 100 msg/s',
      'sustained e2e rate (p99 < 1 s)',
      'DynamoDB requests per message',
    ]);
    expect(results.find((result) => result.name === 'e2e p99 at 100 msg/s')?.actual).toBe('n/a ms');
  });
});

describe('requests per message', () => {
  it('keeps only the family of a key, never the id', () => {
    expect(keyPrefix('IDENTITY#telegram#123#456')).toBe('IDENTITY#');
    expect(keyPrefix('PROFILE')).toBe('PROFILE');
    expect(keyPrefix(undefined)).toBe('?');
  });

  it('reads keys in the document-client and the wire shapes', () => {
    expect(
      describeDynamoRequest('GetItemCommand', { Key: { pk: 'CUSTOMER#c1', sk: 'PROFILE' } }, 0.5),
    ).toEqual({
      operation: 'GetItem',
      kind: 'read',
      keyPrefix: 'CUSTOMER#',
      sortKeyPrefix: 'PROFILE',
      units: 0.5,
    });
    expect(
      describeDynamoRequest('PutItemCommand', { Item: { pk: { S: 'EVENT#e1' }, sk: { S: 'CLAIM' } } }, 1),
    ).toMatchObject({ operation: 'PutItem', kind: 'write', keyPrefix: 'EVENT#' });
    expect(
      describeDynamoRequest(
        'QueryCommand',
        { ExpressionAttributeValues: { ':pk': 'CONVERSATION#c1', ':sk': 'MESSAGE#' } },
        1,
      ),
    ).toMatchObject({ kind: 'read', keyPrefix: 'CONVERSATION#', sortKeyPrefix: 'MESSAGE#' });
    expect(
      describeDynamoRequest(
        'BatchGetItemCommand',
        { RequestItems: { table: { Keys: [{ pk: 'BOTSTATE#conversations/c1', sk: 'STATE' }] } } },
        1,
      ),
    ).toMatchObject({ kind: 'read', keyPrefix: 'BOTSTATE#' });
  });

  it('divides by messages and counts one receive and one batch delete per Lambda batch', () => {
    const get = describeDynamoRequest('GetItemCommand', { Key: { pk: 'A#1', sk: 'X' } }, 0.5);
    const put = describeDynamoRequest('PutItemCommand', { Item: { pk: 'A#2', sk: 'X' } }, 2);
    const perMessage = requestsPerMessage(
      {
        dynamo: [get, get, put, put],
        sqs: { SendMessageCommand: 4 },
        pollerReceives: { 'inbound.fifo': 1, 'outbound.fifo': 2 },
        pollerEmptyReceives: { 'inbound.fifo': 50 },
        pollerDeletes: { 'inbound.fifo': 2, 'outbound.fifo': 2 },
      },
      2,
    );
    expect(perMessage).toMatchObject({
      dynamo: 2,
      dynamoReads: 1,
      dynamoWrites: 1,
      readUnits: 0.5,
      writeUnits: 2,
      sqsHandler: 2,
      // (1 + 2) batches × (receive + delete) / 2 messages; empty polls are not per message.
      sqsPoller: 3,
      sqs: 5,
      batchSize: { 'inbound.fifo': 2, 'outbound.fifo': 1 },
    });
    expect(perMessage.dynamoBreakdown).toEqual([
      { operation: 'GetItem', key: 'A# / X', perMessage: 1, unitsPerMessage: 0.5 },
      { operation: 'PutItem', key: 'A# / X', perMessage: 1, unitsPerMessage: 2 },
    ]);
  });
});
