import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV, FUNCTIONS, type FunctionName, QUEUES, type QueueName } from '../../../shared/definitions.ts';
import { logicalIdsOfType, type ShapeSynth, synthesizeShape } from './synthesize.ts';

let synth: ShapeSynth;
beforeAll(() => {
  synth = synthesizeShape();
}, 60_000);

function functionLogicalId(name: FunctionName): string {
  const fn = synth.stack.support.functions[name].function;
  return synth.stack.getLogicalId(fn.node.defaultChild as CfnFunction);
}

function queueLogicalId(name: QueueName, which: 'queue' | 'deadLetterQueue' = 'queue'): string {
  return synth.stack.getLogicalId(synth.stack.support.queues[name][which].node.defaultChild as CfnQueue);
}

const NAMES = Object.keys(FUNCTIONS) as FunctionName[];

describe('pipeline functions', () => {
  it('deploys exactly the functions of the definitions', () => {
    expect(logicalIdsOfType(synth.json, 'AWS::Lambda::Function')).toHaveLength(NAMES.length);
  });

  describe.each(NAMES)('%s', (name) => {
    const props = () => synth.json.Resources[functionLogicalId(name)]?.Properties ?? {};

    it('runs the ESM bundle on arm64 nodejs22.x with the definition sizing', () => {
      expect(props()).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: FUNCTIONS[name].memoryMb,
        Timeout: FUNCTIONS[name].timeoutSeconds,
        TracingConfig: { Mode: 'Active' },
      });
    });

    it('logs JSON to its own log group with a retention', () => {
      const logging = props().LoggingConfig as { LogFormat: string; LogGroup: { Ref: string } };
      expect(logging.LogFormat).toBe('JSON');
      const logGroup = synth.json.Resources[logging.LogGroup.Ref];
      expect(logGroup?.Type).toBe('AWS::Logs::LogGroup');
      expect(logGroup?.Properties?.RetentionInDays).toBe(30);
    });

    it('gets resource references, never credentials, in its environment', () => {
      const variables = (props().Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(variables).sort()).toEqual(
        [
          ENV.tableName,
          ENV.inboundQueueUrl,
          ENV.outboundQueueUrl,
          ENV.inboundDeadLetterQueueUrl,
          ENV.outboundDeadLetterQueueUrl,
          ENV.channelSecretArn,
          'POWERTOOLS_SERVICE_NAME',
          'NODE_OPTIONS',
        ].sort(),
      );
      expect(variables.NODE_OPTIONS).toBe('--enable-source-maps');
      const { support } = synth.stack;
      expect(synth.stack.resolve(variables[ENV.tableName])).toEqual(
        synth.stack.resolve(support.table.table.tableName),
      );
      expect(synth.stack.resolve(variables[ENV.channelSecretArn])).toEqual(
        synth.stack.resolve(support.channelSecret.secret.secretArn),
      );
      expect(variables[ENV.inboundQueueUrl]).toEqual({ Ref: queueLogicalId('inbound') });
      expect(variables[ENV.outboundQueueUrl]).toEqual({ Ref: queueLogicalId('outbound') });
      expect(variables[ENV.inboundDeadLetterQueueUrl]).toEqual({
        Ref: queueLogicalId('inbound', 'deadLetterQueue'),
      });
      expect(variables[ENV.outboundDeadLetterQueueUrl]).toEqual({
        Ref: queueLogicalId('outbound', 'deadLetterQueue'),
      });
    });
  });

  it.each([
    ['conversationWorker', 'inbound'],
    ['sender', 'outbound'],
  ] as const)('%s consumes %s with partial batch failures and the definition batch size', (fn, queue) => {
    synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionLogicalId(fn) },
      EventSourceArn: { 'Fn::GetAtt': [queueLogicalId(queue), 'Arn'] },
      BatchSize: QUEUES[queue].batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it.each([
    ['conversationWorker', 'inbound'],
    ['sender', 'outbound'],
  ] as const)('%s: the %s queue hides a record for at least 6x the function timeout', (fn, queue) => {
    const timeout = synth.json.Resources[functionLogicalId(fn)]?.Properties?.Timeout as number;
    const visibility = synth.json.Resources[queueLogicalId(queue)]?.Properties?.VisibilityTimeout as number;
    expect(timeout).toBeGreaterThan(0);
    expect(visibility).toBeGreaterThanOrEqual(6 * timeout);
  });

  it('has no other event source mappings (the webhook is invoked by the API only)', () => {
    expect(logicalIdsOfType(synth.json, 'AWS::Lambda::EventSourceMapping')).toHaveLength(2);
  });
});
