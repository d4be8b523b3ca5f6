import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import type { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FunctionName, QueueName } from '../../../shared/definitions.ts';
import { type ShapeSynth, synthesizeShape } from './synthesize.ts';

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

let synth: ShapeSynth;
beforeAll(() => {
  synth = synthesizeShape();
}, 60_000);

interface PolicyProperties {
  Roles: unknown[];
  PolicyDocument: { Statement: Statement[] };
}

/** Every statement of every identity policy attached to the function's role. */
function statementsOf(name: FunctionName): Statement[] {
  const role = synth.stack.support.functions[name].role;
  const roleRef = JSON.stringify({ Ref: synth.stack.getLogicalId(role.node.defaultChild as CfnRole) });
  return Object.values(synth.json.Resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .map((r) => r.Properties as unknown as PolicyProperties)
    .filter((p) => p.Roles.some((ref) => JSON.stringify(ref) === roleRef))
    .flatMap((p) => p.PolicyDocument.Statement);
}

function actions(statement: Statement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

function resourcesFor(name: FunctionName, action: string): unknown[] {
  return statementsOf(name)
    .filter((s) => s.Effect === 'Allow' && actions(s).includes(action))
    .map((s) => s.Resource);
}

function queueArn(name: QueueName, which: 'queue' | 'deadLetterQueue' = 'queue'): unknown {
  const queue = synth.stack.support.queues[name][which];
  return { 'Fn::GetAtt': [synth.stack.getLogicalId(queue.node.defaultChild as CfnQueue), 'Arn'] };
}

const tableArn = () => synth.stack.resolve(synth.stack.support.table.table.tableArn);
const secretArn = () => synth.stack.resolve(synth.stack.support.channelSecret.secret.secretArn);

describe('least privilege', () => {
  it('webhook: SendMessage to inbound only, no DynamoDB, no other queue actions', () => {
    expect(resourcesFor('webhook', 'sqs:SendMessage')).toEqual([queueArn('inbound')]);
    const all = statementsOf('webhook').flatMap(actions);
    expect(all.filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
    expect(all.filter((a) => a.startsWith('sqs:'))).toEqual(['sqs:SendMessage']);
  });

  it('conversationWorker: consumes inbound, sends to outbound, reads/writes table items', () => {
    expect(resourcesFor('conversationWorker', 'sqs:ReceiveMessage')).toEqual([queueArn('inbound')]);
    expect(resourcesFor('conversationWorker', 'sqs:DeleteMessage')).toEqual([queueArn('inbound')]);
    // Outbound for replies; its own dead-letter queue to park records that are not ours.
    expect(resourcesFor('conversationWorker', 'sqs:SendMessage')).toEqual([
      queueArn('outbound'),
      queueArn('inbound', 'deadLetterQueue'),
    ]);
    expect(resourcesFor('conversationWorker', 'dynamodb:PutItem')).toEqual([tableArn()]);
    expect(resourcesFor('conversationWorker', 'dynamodb:Query')).toEqual([tableArn()]);
  });

  it('sender: consumes outbound, reads/writes table items, sends only to its own dead-letter queue', () => {
    expect(resourcesFor('sender', 'sqs:ReceiveMessage')).toEqual([queueArn('outbound')]);
    expect(resourcesFor('sender', 'sqs:SendMessage')).toEqual([queueArn('outbound', 'deadLetterQueue')]);
    expect(resourcesFor('sender', 'dynamodb:UpdateItem')).toEqual([tableArn()]);
  });

  it('agentApi: table items and the two named indexes, sends to outbound only, no channel credentials', () => {
    const arn = tableArn() as Record<string, unknown>;
    const indexArn = (name: string) => ({ 'Fn::Join': ['', [arn, `/index/${name}`]] });
    expect(resourcesFor('agentApi', 'dynamodb:Query')).toEqual([
      [arn, indexArn('byTeam'), indexArn('byAssignee')],
    ]);
    expect(resourcesFor('agentApi', 'sqs:SendMessage')).toEqual([queueArn('outbound')]);
    const all = statementsOf('agentApi').flatMap(actions);
    expect(all.filter((a) => a.startsWith('secretsmanager:'))).toEqual([]);
    expect(all.filter((a) => a.startsWith('sqs:'))).toEqual(['sqs:SendMessage']);
    expect(all).not.toContain('dynamodb:Scan');
  });

  it.each(['webhook', 'conversationWorker', 'sender'] as const)('%s: reads the channel secret', (name) => {
    expect(resourcesFor(name, 'secretsmanager:GetSecretValue')).toEqual([secretArn()]);
  });

  it.each(['webhook', 'conversationWorker', 'sender'] as const)(
    '%s: no Scan, no table-level actions, Resource * only for X-Ray',
    (name) => {
      const statements = statementsOf(name);
      const all = statements.flatMap(actions);
      expect(all).not.toContain('dynamodb:Scan');
      expect(all.filter((a) => /^dynamodb:(Create|Delete|Update)Table/.test(a))).toEqual([]);
      expect(all.some((a) => a.endsWith(':*'))).toBe(false);
      const wildcard = statements.filter((s) => JSON.stringify(s.Resource).includes('*'));
      expect(wildcard.flatMap(actions).sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    },
  );

  it('no role has an AWS managed policy (logs go only to the function log group)', () => {
    for (const resource of Object.values(synth.json.Resources)) {
      if (resource.Type === 'AWS::IAM::Role') expect(resource.Properties?.ManagedPolicyArns).toBeUndefined();
    }
  });
});
