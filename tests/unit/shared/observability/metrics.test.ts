import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  METRIC,
  METRICS_NAMESPACE,
  NO_METRICS,
  pipelineMetrics,
  queueAgeMs,
} from '../../../../shared/observability/metrics.ts';

let written: string[];
beforeEach(() => {
  written = [];
  const capture = (chunk: unknown) => {
    written.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});
afterEach(() => vi.restoreAllMocks());

interface EmfLine {
  _aws: {
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

function emfLines(): EmfLine[] {
  return written
    .join('')
    .split('\n')
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as EmfLine);
}

describe('pipeline metrics', () => {
  it('on Lambda, writes one EMF line per data point with its dimensions', () => {
    const metrics = pipelineMetrics({
      AWS_LAMBDA_FUNCTION_NAME: 'sender',
      POWERTOOLS_SERVICE_NAME: 'support',
    });
    metrics.count(METRIC.sendFailures, { Channel: 'whatsapp', ProviderCode: '131047' });
    metrics.milliseconds(METRIC.queueAge, { Queue: 'outbound' }, 1250);
    const [failure, age] = emfLines();
    expect(failure?._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      Metrics: [{ Name: 'SendFailures', Unit: 'Count' }],
    });
    expect(failure?._aws.CloudWatchMetrics[0]?.Dimensions[0]).toEqual(
      expect.arrayContaining(['service', 'Channel', 'ProviderCode']),
    );
    expect(failure).toMatchObject({
      SendFailures: 1,
      Channel: 'whatsapp',
      ProviderCode: '131047',
      service: 'support',
    });
    expect(age).toMatchObject({ QueueAge: 1250, Queue: 'outbound' });
  });

  it('off Lambda (npm start, tests) prints nothing', () => {
    const metrics = pipelineMetrics({});
    expect(metrics).toBe(NO_METRICS);
    metrics.count(METRIC.messagesIn, { Channel: 'telegram' });
    expect(written.join('')).toBe('');
  });

  it('POWERTOOLS_METRICS_DISABLED wins in both directions', () => {
    expect(pipelineMetrics({ AWS_LAMBDA_FUNCTION_NAME: 'x', POWERTOOLS_METRICS_DISABLED: 'true' })).toBe(
      NO_METRICS,
    );
    expect(pipelineMetrics({ POWERTOOLS_METRICS_DISABLED: 'false' })).not.toBe(NO_METRICS);
  });

  it('queue age comes from SentTimestamp, never negative, absent when unknown', () => {
    expect(queueAgeMs('1000', 4000)).toBe(3000);
    expect(queueAgeMs('5000', 4000)).toBe(0);
    expect(queueAgeMs(undefined, 4000)).toBeUndefined();
  });
});
