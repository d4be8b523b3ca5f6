/**
 * Dead letters of the pipeline's FIFO queues.
 *
 *   npm run dlq -- list [--queue inbound|outbound]            local runtime (http://127.0.0.1:3000)
 *   npm run dlq -- show <message id> [--queue ...]
 *   npm run dlq -- redrive [--queue ...]
 *   add --url http://127.0.0.1:<port> for another local runtime, or --stack <name> for a deployed
 *   stack (queue URLs from its CloudFormation outputs; credentials and region from the AWS env).
 */
import { parseArgs } from 'node:util';
import { SQSClient } from '@aws-sdk/client-sqs';
import { queueUrl } from '../infra/local/queue/sqs-endpoint.ts';
import { LOCAL_DEFAULTS } from '../infra/local/runtime.ts';
import { QUEUES, type QueueName } from '../shared/definitions.ts';
import { findDeadLetter, listDeadLetters, redriveDeadLetters, STACK_OUTPUTS } from './lib/dead-letters.ts';

// An operator's tool on a laptop: the SDK's reminder about Node 20 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    queue: { type: 'string', default: 'inbound' },
    url: { type: 'string' },
    stack: { type: 'string' },
  },
});
const [command, id] = positionals;
const queueName = values.queue as QueueName;
if (
  !['list', 'show', 'redrive'].includes(command ?? '') ||
  !QUEUES[queueName] ||
  (command === 'show' && !id)
) {
  console.error(
    'usage: npm run dlq -- list|show <message id>|redrive [--queue inbound|outbound] [--url <local runtime> | --stack <name>]',
  );
  process.exit(2);
}

async function queueUrls(): Promise<{ client: SQSClient; source: string; deadLetter: string }> {
  if (values.stack) {
    const { CloudFormationClient, DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
    const result = await new CloudFormationClient({}).send(
      new DescribeStacksCommand({ StackName: values.stack }),
    );
    const outputs = new Map(
      (result.Stacks?.[0]?.Outputs ?? []).map((output) => [output.OutputKey, output.OutputValue]),
    );
    const names = STACK_OUTPUTS[queueName];
    const source = outputs.get(names.queue);
    const deadLetter = outputs.get(names.deadLetter);
    if (!source || !deadLetter)
      throw new Error(`stack ${values.stack} has no outputs ${names.queue}/${names.deadLetter}`);
    return { client: new SQSClient({}), source, deadLetter };
  }
  const base = `${(values.url ?? `http://127.0.0.1:${process.env.PORT ?? LOCAL_DEFAULTS.PORT}`).replace(/\/+$/, '')}/_aws/sqs`;
  const client = new SQSClient({
    endpoint: base,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const definition = QUEUES[queueName];
  return {
    client,
    source: queueUrl(base, definition.name),
    deadLetter: queueUrl(base, definition.deadLetterName),
  };
}

const { client, source, deadLetter } = await queueUrls();
switch (command) {
  case 'list': {
    const letters = await listDeadLetters(client, deadLetter);
    console.log(`${letters.length} dead letter(s) in the ${queueName} queue's DLQ`);
    for (const letter of letters)
      console.log(`${letter.messageId}  ${letter.sentAt}  group ${letter.groupId}  ${letter.summary}`);
    break;
  }
  case 'show': {
    const letter = await findDeadLetter(client, deadLetter, id as string);
    if (!letter) {
      console.error(`no dead letter ${id} in the ${queueName} queue's DLQ`);
      process.exit(1);
    }
    console.log(JSON.stringify({ ...letter, body: tryJson(letter.body) }, null, 2));
    break;
  }
  case 'redrive': {
    const { moved } = await redriveDeadLetters(client, deadLetter, source);
    console.log(`moved ${moved} dead letter(s) back to ${queueName}`);
    break;
  }
}
client.destroy();

function tryJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
