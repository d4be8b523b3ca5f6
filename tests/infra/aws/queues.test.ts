import type { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEAD_LETTER_RETENTION_SECONDS, QUEUES, type QueueName } from '../../../shared/definitions.ts';
import { logicalIdsOfType, type ShapeSynth, synthesizeShape } from './synthesize.ts';

let synth: ShapeSynth;
beforeAll(() => {
  synth = synthesizeShape();
}, 60_000);

function logicalId(name: QueueName, which: 'queue' | 'deadLetterQueue'): string {
  const queue = synth.stack.support.queues[name][which];
  return synth.stack.getLogicalId(queue.node.defaultChild as CfnQueue);
}

const HIGH_THROUGHPUT_FIFO = {
  FifoQueue: true,
  ContentBasedDeduplication: false,
  DeduplicationScope: 'messageGroup',
  FifoThroughputLimit: 'perMessageGroupId',
  SqsManagedSseEnabled: true,
};

describe('message queues', () => {
  it('has exactly the two pipeline queues and their dead-letter queues', () => {
    expect(logicalIdsOfType(synth.json, 'AWS::SQS::Queue')).toHaveLength(4);
  });

  describe.each(Object.keys(QUEUES) as QueueName[])('%s', (name) => {
    const definition = QUEUES[name];

    it('is a high-throughput FIFO queue with the definition values and redrive to its DLQ', () => {
      const queue = synth.json.Resources[logicalId(name, 'queue')];
      expect(queue?.Properties).toEqual({
        ...HIGH_THROUGHPUT_FIFO,
        VisibilityTimeout: definition.visibilityTimeoutSeconds,
        MessageRetentionPeriod: definition.retentionSeconds,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(name, 'deadLetterQueue'), 'Arn'] },
          maxReceiveCount: definition.maxReceiveCount,
        },
      });
    });

    it('has a FIFO dead-letter queue that keeps messages for the maximum retention', () => {
      const dlq = synth.json.Resources[logicalId(name, 'deadLetterQueue')];
      expect(dlq?.Properties).toEqual({
        ...HIGH_THROUGHPUT_FIFO,
        MessageRetentionPeriod: DEAD_LETTER_RETENTION_SECONDS,
      });
    });

    it.each(['queue', 'deadLetterQueue'] as const)('the %s denies every request without TLS', (which) => {
      const id = logicalId(name, which);
      synth.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: [
            {
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: 'sqs:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              Resource: { 'Fn::GetAtt': [id, 'Arn'] },
            },
          ],
        },
      });
    });
  });
});
