import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, Validations } from 'aws-cdk-lib';
import { BUNDLING_STACKS, VALIDATION_REPORT_FILE } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUCKET_DEPLOYMENT_WILDCARDS } from '../../../infra/aws/constructs/agent-console.ts';
import { CONSOLE_FILES_STACK_NAME, createApp, STACK_NAME } from '../../../infra/aws/create-app.ts';
import { BUNDLING, WEBHOOK_ROUTES } from '../../../shared/definitions.ts';

interface ValidationReport {
  pluginReports: { pluginName: string; violations?: { ruleName: string; severity?: string }[] }[];
}

/** The whole app exactly as `cdk synth` builds it: cdk-nag, built-in validation and esbuild bundling. */
let app: App;
let outdir: string;
let synthError: unknown;
beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'omnichannel-cdk-'));
  // With cdk.json's context, exactly as `npx cdk synth` builds it (feature flags change rendered ids).
  const { context } = JSON.parse(readFileSync(join(import.meta.dirname, '../../../cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  app = createApp({ appProps: { outdir, ...(context ? { context } : {}) } }).app;
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  }
}, 120_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** Acknowledgements recorded anywhere in the tree: construct path → rule id → reason. */
function acknowledgements(): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  for (const construct of app.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      found.set(construct.node.path, { ...found.get(construct.node.path), ...(entry.data as object) });
    }
  }
  return found;
}

describe('cdk-nag AwsSolutions', () => {
  it('synth succeeds with the checks registered', () => {
    expect(synthError).toBeUndefined();
  });

  it('leaves no unacknowledged finding, error or warning', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(
      report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath)}`),
    ).toEqual([]);
  });

  it('the validation report of the synth has no violation from any plugin', () => {
    const report = JSON.parse(readFileSync(join(outdir, VALIDATION_REPORT_FILE), 'utf8')) as ValidationReport;
    expect(
      report.pluginReports.flatMap((r) => (r.violations ?? []).map((v) => `${r.pluginName}: ${v.ruleName}`)),
    ).toEqual([]);
  });

  it('acknowledges exactly the reviewed findings, each with a specific reason', () => {
    const acks = acknowledgements();
    const ids = [...acks.entries()].flatMap(([path, rules]) =>
      Object.keys(rules).map((id) => `${path.replace(/^OmnichannelSupport\/Support\//, '')} ${id}`),
    );
    expect(ids.sort()).toEqual(
      [
        'ChannelCredentials/Secret Annotation::AwsSolutions-SMG4',
        'Functions/ConversationWorker/Function Annotation::AwsSolutions-L1',
        'Functions/ConversationWorker/Role Annotation::AwsSolutions-IAM5[Resource::*]',
        'Functions/Sender/Function Annotation::AwsSolutions-L1',
        'Functions/Sender/Role Annotation::AwsSolutions-IAM5[Resource::*]',
        'Functions/Webhook/Function Annotation::AwsSolutions-L1',
        'Functions/Webhook/Role Annotation::AwsSolutions-IAM5[Resource::*]',
        'Functions/AgentApi/Function Annotation::AwsSolutions-L1',
        'Functions/AgentApi/Role Annotation::AwsSolutions-IAM5[Resource::*]',
        // Cognito threat protection is a paid plan an organisation opts into.
        'AgentApi/Agents Annotation::AwsSolutions-COG8',
        'AgentApi/Agents Annotation::AwsSolutions-COG2',
        // The OpenAPI document of the agent API is public; every other /api route has the JWT authorizer.
        'WebhookApi/HttpApi/GET--api--openapi.json Annotation::AwsSolutions-APIG4',
        // The console: a bucket of built files read only by CloudFront, on the default certificate.
        'AgentConsole/Files Annotation::AwsSolutions-S1',
        'AgentConsole/Distribution Annotation::AwsSolutions-CFR1',
        'AgentConsole/Distribution Annotation::AwsSolutions-CFR2',
        'AgentConsole/Distribution Annotation::AwsSolutions-CFR3',
        'AgentConsole/Distribution Annotation::AwsSolutions-CFR4',
        // The console upload stack holds only aws-cdk-lib's BucketDeployment function and role.
        ...[
          'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          ...BUCKET_DEPLOYMENT_WILDCARDS.map((finding) => `AwsSolutions-IAM5[${finding}]`),
          'AwsSolutions-L1',
        ].map((id) => `${CONSOLE_FILES_STACK_NAME} Annotation::${id}`),
        // One per webhook route: no authorizer, because the function checks the platform's signature.
        ...Object.values(WEBHOOK_ROUTES).flatMap((route) =>
          route.methods.map(
            (method) =>
              `WebhookApi/HttpApi/${method}${route.path.replaceAll('/', '--')} Annotation::AwsSolutions-APIG4`,
          ),
        ),
      ].sort(),
    );
    for (const rules of acks.values()) {
      for (const reason of Object.values(rules)) {
        expect(typeof reason).toBe('string');
        expect((reason as string).trim().length).toBeGreaterThan(40);
      }
    }
  });
});

describe('cdk-nag with every optional part configured', () => {
  it('leaves no unacknowledged finding with an orders secret, a custom domain and alarm topics', () => {
    const configured = createApp({
      nag: false,
      appProps: {
        builtinCloudFormationValidation: false,
        context: {
          [BUNDLING_STACKS]: [],
          channels: 'whatsapp,telegram',
          ordersApiUrl: 'https://orders.example.com/api',
          alarmTopicArns: 'arn:aws:sns:us-east-1:111122223333:alerts',
          domainName: 'hooks.example.com',
          certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/abc',
          transcriptRetentionDays: '365',
        },
      },
    }).app;
    const report = new AwsSolutionsChecks().validateScope(configured);
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
  });
});

describe('bundles', () => {
  it('are ESM with the createRequire banner and a source map', () => {
    // The backbone stack's assets are exactly the four function bundles (the console's files and
    // their upload handler belong to the console stack).
    const manifest = JSON.parse(readFileSync(join(outdir, `${STACK_NAME}.assets.json`), 'utf8')) as {
      files: Record<string, { source: { path: string } }>;
    };
    const assets = Object.values(manifest.files)
      .map((file) => file.source.path)
      .filter((path) => path.startsWith('asset.'));
    expect(assets).toHaveLength(4);
    for (const asset of assets) {
      const files = readdirSync(join(outdir, asset)).sort();
      expect(files).toEqual(['index.mjs', 'index.mjs.map']);
      expect(readFileSync(join(outdir, asset, 'index.mjs'), 'utf8').startsWith(BUNDLING.banner)).toBe(true);
    }
  });
});
