/** The performance and cost budgets of issue 10, checked against one benchmark run. */

export interface BudgetInputs {
  readonly webhookBundleBytes: number;
  readonly webhookColdLoadMs: number;
  readonly workerBundleBytes: number;
  readonly workerColdLoadMs: number;
  /** Runtime ingest throughput divided by the bare server's, 0..1. */
  readonly ingestRatio: number;
  readonly e2eP99At100Ms: number;
  /** Highest steady rate whose p99 stayed under 1 s (msg/s). */
  readonly sustainedRate: number;
  readonly dynamoRequestsPerMessage: number;
  readonly sqsRequestsPerMessage: number;
  readonly awsUsdPerMillion: number;
}

export interface BudgetResult {
  readonly name: string;
  readonly limit: string;
  readonly actual: string;
  readonly pass: boolean;
}

const KB = 1024;
const fixed = (value: number, digits = 1) =>
  Number.isNaN(value) ? 'n/a' : Number.isFinite(value) ? value.toFixed(digits) : '∞';

interface Budget {
  readonly name: string;
  readonly limit: string;
  readonly actual: (inputs: BudgetInputs) => string;
  readonly pass: (inputs: BudgetInputs) => boolean;
}

export const BUDGETS: readonly Budget[] = [
  {
    name: 'webhook bundle',
    limit: '≤ 150 KB',
    actual: (i) => `${fixed(i.webhookBundleBytes / KB)} KB`,
    pass: (i) => i.webhookBundleBytes <= 150 * KB,
  },
  {
    name: 'webhook cold load',
    limit: '≤ 40 ms',
    actual: (i) => `${fixed(i.webhookColdLoadMs)} ms`,
    pass: (i) => i.webhookColdLoadMs <= 40,
  },
  {
    name: 'worker bundle',
    limit: '≤ 1 MB',
    actual: (i) => `${fixed(i.workerBundleBytes / KB)} KB`,
    pass: (i) => i.workerBundleBytes <= KB * KB,
  },
  {
    name: 'worker cold load',
    limit: '≤ 200 ms',
    actual: (i) => `${fixed(i.workerColdLoadMs)} ms`,
    pass: (i) => i.workerColdLoadMs <= 200,
  },
  {
    name: 'ingest vs bare server',
    limit: '≥ 50 %',
    actual: (i) => `${fixed(i.ingestRatio * 100)} %`,
    pass: (i) => i.ingestRatio >= 0.5,
  },
  {
    name: 'e2e p99 at 100 msg/s',
    limit: '≤ 250 ms',
    actual: (i) => `${fixed(i.e2eP99At100Ms, 0)} ms`,
    pass: (i) => i.e2eP99At100Ms <= 250,
  },
  {
    name: 'sustained e2e rate (p99 < 1 s)',
    limit: '≥ 300 msg/s',
    actual: (i) => `${fixed(i.sustainedRate, 0)} msg/s`,
    pass: (i) => i.sustainedRate >= 300,
  },
  {
    name: 'DynamoDB requests per message',
    limit: '≤ 6',
    actual: (i) => fixed(i.dynamoRequestsPerMessage, 2),
    pass: (i) => i.dynamoRequestsPerMessage <= 6,
  },
  {
    name: 'SQS requests per message',
    limit: '≤ 4',
    actual: (i) => fixed(i.sqsRequestsPerMessage, 2),
    pass: (i) => i.sqsRequestsPerMessage <= 4,
  },
  {
    name: 'AWS cost per 1 M messages',
    limit: '≤ $8',
    actual: (i) => `$${fixed(i.awsUsdPerMillion, 2)}`,
    pass: (i) => i.awsUsdPerMillion <= 8,
  },
];

/** Every budget line with the measured value; a NaN measurement (not measured) fails its line. */
export function evaluateBudgets(inputs: BudgetInputs): BudgetResult[] {
  return BUDGETS.map((budget) => ({
    name: budget.name,
    limit: budget.limit,
    actual: budget.actual(inputs),
    pass: budget.pass(inputs),
  }));
}
