import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE } from '../../../shared/definitions.ts';
import { logicalIdsOfType, type ShapeSynth, synthesizeShape } from './synthesize.ts';

let synth: ShapeSynth;
beforeAll(() => {
  synth = synthesizeShape();
}, 60_000);

describe('conversation table', () => {
  it('is one on-demand table keyed by the definition pk/sk strings with the TTL attribute', () => {
    expect(logicalIdsOfType(synth.json, 'AWS::DynamoDB::GlobalTable')).toHaveLength(1);
    synth.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: TABLE.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE.sortKey, AttributeType: 'S' },
      ]),
      TimeToLiveSpecification: { AttributeName: TABLE.timeToLiveAttribute, Enabled: true },
    });
  });

  it('has the two sparse conversation indexes the agent API lists from, projecting all attributes', () => {
    synth.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      GlobalSecondaryIndexes: Object.values(TABLE.indexes).map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    });
  });

  it('has point-in-time recovery and deletion protection', () => {
    synth.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [
        {
          Region: { Ref: 'AWS::Region' },
          DeletionProtectionEnabled: true,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        },
      ],
    });
  });

  it('is encrypted with the AWS-owned key (SSEEnabled false means the DynamoDB-owned key)', () => {
    synth.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      SSESpecification: { SSEEnabled: false },
    });
  });

  it('is retained when the stack or the resource goes away', () => {
    synth.template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('lets CloudFormation choose the table name', () => {
    synth.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { TableName: Match.absent() });
  });
});
