import { join } from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { BUNDLING, FUNCTIONS, type FunctionName } from '../../../shared/definitions.ts';

export interface PipelineFunctionProps {
  /** Which entry of FUNCTIONS (shared/definitions.ts) to deploy. */
  readonly name: FunctionName;
  /** Directory that FUNCTIONS entries are relative to and that holds package-lock.json. */
  readonly projectRoot: string;
  /** Resource references for the handler; merged over the common variables. */
  readonly environment: Readonly<Record<string, string>>;
  readonly serviceName: string;
  readonly logRetention: RetentionDays;
  /** X-Ray active tracing. @default true */
  readonly tracing?: boolean;
  /** Caps the function's concurrency and reserves it out of the account's pool. @default none */
  readonly reservedConcurrentExecutions?: number;
}

const OUTPUT_FORMAT = { esm: OutputFormat.ESM, cjs: OutputFormat.CJS } as const;

/**
 * One Lambda function of the pipeline with its own role and log group. The role is ours rather than
 * the default one so that it carries no AWSLambdaBasicExecutionRole (logs on every group): it may only
 * write to this function's log group, plus whatever the caller grants.
 */
export class PipelineFunction extends Construct {
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    super(scope, id);
    const definition = FUNCTIONS[props.name];

    this.logGroup = new LogGroup(this, 'LogGroup', { retention: props.logRetention });
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: join(props.projectRoot, definition.entry),
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: join(props.projectRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: definition.memoryMb,
      timeout: Duration.seconds(definition.timeoutSeconds),
      role: this.role,
      ...(props.reservedConcurrentExecutions !== undefined
        ? { reservedConcurrentExecutions: props.reservedConcurrentExecutions }
        : {}),
      tracing: props.tracing === false ? Tracing.DISABLED : Tracing.ACTIVE,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        // Stack traces point into the TypeScript sources through the bundled source maps.
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      // NodejsFunction always bundles for platform node, which is BUNDLING.platform.
      bundling: {
        format: OUTPUT_FORMAT[BUNDLING.format],
        target: BUNDLING.target,
        minify: BUNDLING.minify,
        sourceMap: BUNDLING.sourcemap,
        externalModules: [...BUNDLING.external],
        banner: BUNDLING.banner,
        mainFields: [...BUNDLING.mainFields],
        // The pinned esbuild in node_modules: synth needs no Docker and no network.
        forceDockerBundling: false,
      },
    });

    if (props.tracing !== false) {
      Validations.of(this.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Only xray:PutTraceSegments and xray:PutTelemetryRecords (added by active tracing) use Resource *: ' +
          'X-Ray has no resource-level permissions for them.',
      });
    }
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to nodejs22.x on purpose: the design fixes Lambda on NODEJS_22_X and BUNDLING.target is node22; ' +
        'moving to a newer runtime is a deliberate change of both together.',
    });
  }
}
