import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FunctionName, QueueName } from '../../../shared/definitions.ts';
import { METRIC, METRICS_NAMESPACE } from '../../../shared/observability/metrics.ts';
import { logicalIdsOfType, type ShapeSynth, synthesizeShape } from './synthesize.ts';

let synth: ShapeSynth;
beforeAll(() => {
  synth = synthesizeShape();
}, 60_000);

interface AlarmProperties {
  Namespace: string;
  MetricName: string;
  Dimensions: { Name: string; Value: unknown }[];
  Statistic: string;
  Period: number;
  Threshold: number;
  ComparisonOperator: string;
  EvaluationPeriods: number;
  TreatMissingData: string;
  AlarmDescription: string;
  AlarmActions?: unknown[];
}

function alarms(): AlarmProperties[] {
  return Object.values(synth.json.Resources)
    .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
    .map((r) => r.Properties as unknown as AlarmProperties);
}

function queueRef(name: QueueName, which: 'queue' | 'deadLetterQueue') {
  const queue = synth.stack.support.queues[name][which];
  return { 'Fn::GetAtt': [synth.stack.getLogicalId(queue.node.defaultChild as CfnQueue), 'QueueName'] };
}

function functionRef(name: FunctionName) {
  return {
    Ref: synth.stack.getLogicalId(
      synth.stack.support.functions[name].function.node.defaultChild as CfnFunction,
    ),
  };
}

function alarmOn(metricName: string, dimension: unknown): AlarmProperties {
  const found = alarms().filter(
    (a) =>
      a.MetricName === metricName &&
      JSON.stringify(a.Dimensions.map((d) => d.Value)) === JSON.stringify([dimension]),
  );
  expect(found).toHaveLength(1);
  return found[0] as AlarmProperties;
}

describe('alarms', () => {
  it('has exactly the ten alarms of the runbook', () => {
    expect(alarms()).toHaveLength(10);
    for (const alarm of alarms()) {
      expect(alarm.AlarmDescription).toMatch(/Runbook: docs\/deploy\.md#[a-z0-9]+$/);
      expect(alarm.TreatMissingData).toBe('notBreaching');
      expect(alarm.EvaluationPeriods).toBe(1);
    }
  });

  it.each(['inbound', 'outbound'] as const)(
    'fires on the first message in the %s dead-letter queue',
    (queue) => {
      expect(alarmOn('ApproximateNumberOfMessagesVisible', queueRef(queue, 'deadLetterQueue'))).toMatchObject(
        {
          Namespace: 'AWS/SQS',
          Statistic: 'Maximum',
          Period: 60,
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
        },
      );
    },
  );

  it('fires when the oldest inbound update is older than five minutes', () => {
    expect(alarmOn('ApproximateAgeOfOldestMessage', queueRef('inbound', 'queue'))).toMatchObject({
      Namespace: 'AWS/SQS',
      Statistic: 'Maximum',
      Period: 60,
      Threshold: 300,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it.each(['webhook', 'conversationWorker', 'sender'] as const)(
    'fires on any error or throttle of %s',
    (name) => {
      for (const metric of ['Errors', 'Throttles']) {
        expect(alarmOn(metric, functionRef(name))).toMatchObject({
          Namespace: 'AWS/Lambda',
          Statistic: 'Sum',
          Period: 300,
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
        });
      }
    },
  );

  it('fires on any 5xx of the webhook API', () => {
    const apiId = {
      Ref: synth.stack.getLogicalId(synth.stack.support.webhookApi.httpApi.node.defaultChild as never),
    };
    expect(alarmOn('5xx', apiId)).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      Statistic: 'Sum',
      Period: 300,
      Threshold: 0,
    });
  });

  it('notifies nobody unless alarm actions are given', () => {
    for (const alarm of alarms()) expect(alarm.AlarmActions).toBeUndefined();
  });
});

describe('dashboard', () => {
  it('graphs the EMF business metrics, queues, functions and API', () => {
    expect(logicalIdsOfType(synth.json, 'AWS::CloudWatch::Dashboard')).toHaveLength(1);
    const dashboard = Object.values(synth.json.Resources).find(
      (r) => r.Type === 'AWS::CloudWatch::Dashboard',
    );
    const body = JSON.stringify(synth.stack.resolve(dashboard?.Properties?.DashboardBody));
    for (const name of Object.values(METRIC)) expect(body).toContain(name);
    expect(body).toContain(METRICS_NAMESPACE);
    for (const metric of [
      'ApproximateAgeOfOldestMessage',
      'ApproximateNumberOfMessagesVisible',
      'Errors',
      'Throttles',
      '5xx',
    ]) {
      expect(body).toContain(metric);
    }
  });
});
