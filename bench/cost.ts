/**
 * What 1 million inbound messages, each with one reply, cost on AWS at list prices, from the request
 * counts the benchmark measured. Pure arithmetic: every price and assumption is named here.
 */

/** us-east-1 list prices (USD), first pricing tier, as published in 2025–2026. */
export const PRICES = {
  /** Lambda arm64, per GB-second (aws.amazon.com/lambda/pricing). */
  lambdaArmPerGbSecond: 0.0000133334,
  /** Lambda, per request. */
  lambdaPerMillionRequests: 0.2,
  /** SQS FIFO, per million requests; each 64 KB chunk of a payload is one request (ours are < 64 KB). */
  sqsFifoPerMillionRequests: 0.5,
  /** DynamoDB on-demand after the November 2024 reduction: per million write / read request units. */
  dynamoPerMillionWriteUnits: 0.625,
  dynamoPerMillionReadUnits: 0.125,
  /** API Gateway HTTP API, per million requests (first 300 million a month; 512 KB metering steps). */
  httpApiPerMillionRequests: 1.0,
  /** CloudWatch Logs ingestion, standard log class, per GB. */
  logsIngestionPerGb: 0.5,
  /**
   * Amazon Connect chat, per message, the figure the issue asks to compare with (assumption: charged
   * for every message sent or received, so a message and its reply are two).
   */
  connectChatPerMessage: 0.01,
} as const;

export type Prices = { readonly [K in keyof typeof PRICES]: number };

export interface LambdaUsage {
  readonly name: string;
  readonly memoryMb: number;
  /** Invocations per inbound message (1 / records per batch for queue consumers). */
  readonly invocationsPerMessage: number;
  /** Billed milliseconds per invocation (Lambda bills by the millisecond). */
  readonly billedMsPerInvocation: number;
}

export interface CostInput {
  readonly httpRequestsPerMessage: number;
  readonly lambdas: readonly LambdaUsage[];
  readonly sqsRequestsPerMessage: number;
  readonly dynamoReadUnitsPerMessage: number;
  readonly dynamoWriteUnitsPerMessage: number;
  /** Application plus Lambda platform log bytes per message. */
  readonly logBytesPerMessage: number;
}

export interface CostLine {
  readonly item: string;
  /** What 1 million messages use of it, in the item's billing unit. */
  readonly usage: number;
  readonly unit: string;
  readonly usd: number;
}

export interface CostEstimate {
  readonly lines: readonly CostLine[];
  readonly totalUsd: number;
  /** Amazon Connect chat for the same traffic: 1 M inbound + 1 M replies. */
  readonly connectUsd: number;
}

const MILLION = 1_000_000;
const GB = 1024 ** 3;

export function costPerMillionMessages(input: CostInput, prices: Prices = PRICES): CostEstimate {
  const invocations = input.lambdas.reduce((sum, lambda) => sum + lambda.invocationsPerMessage, 0);
  const gbSecondsPerMessage = input.lambdas.reduce(
    (sum, lambda) =>
      sum + lambda.invocationsPerMessage * (lambda.memoryMb / 1024) * (lambda.billedMsPerInvocation / 1000),
    0,
  );
  const lines: CostLine[] = [
    {
      item: 'API Gateway HTTP API requests',
      usage: input.httpRequestsPerMessage * MILLION,
      unit: 'requests',
      usd: input.httpRequestsPerMessage * prices.httpApiPerMillionRequests,
    },
    {
      item: 'Lambda requests',
      usage: invocations * MILLION,
      unit: 'invocations',
      usd: invocations * prices.lambdaPerMillionRequests,
    },
    {
      item: 'Lambda duration (arm64)',
      usage: gbSecondsPerMessage * MILLION,
      unit: 'GB-s',
      usd: gbSecondsPerMessage * MILLION * prices.lambdaArmPerGbSecond,
    },
    {
      item: 'SQS FIFO requests',
      usage: input.sqsRequestsPerMessage * MILLION,
      unit: 'requests',
      usd: input.sqsRequestsPerMessage * prices.sqsFifoPerMillionRequests,
    },
    {
      item: 'DynamoDB write request units',
      usage: input.dynamoWriteUnitsPerMessage * MILLION,
      unit: 'WRU',
      usd: input.dynamoWriteUnitsPerMessage * prices.dynamoPerMillionWriteUnits,
    },
    {
      item: 'DynamoDB read request units',
      usage: input.dynamoReadUnitsPerMessage * MILLION,
      unit: 'RRU',
      usd: input.dynamoReadUnitsPerMessage * prices.dynamoPerMillionReadUnits,
    },
    {
      item: 'CloudWatch Logs ingestion',
      usage: (input.logBytesPerMessage * MILLION) / GB,
      unit: 'GB',
      usd: ((input.logBytesPerMessage * MILLION) / GB) * prices.logsIngestionPerGb,
    },
  ];
  return {
    lines,
    totalUsd: lines.reduce((sum, line) => sum + line.usd, 0),
    connectUsd: 2 * MILLION * prices.connectChatPerMessage,
  };
}
