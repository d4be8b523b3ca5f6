import { Template } from 'aws-cdk-lib/assertions';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import { createApp } from '../../../infra/aws/create-app.ts';
import type { OmnichannelSupportStack } from '../../../infra/aws/stack.ts';

export interface ShapeSynth {
  readonly stack: OmnichannelSupportStack;
  readonly template: Template;
  /** The template as plain JSON, for searches over every value. */
  readonly json: TemplateJson;
}

export interface TemplateJson {
  readonly Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  readonly Outputs?: Record<string, { Value: unknown }>;
}

/**
 * The stack as `cdk synth` builds it, minus the slow parts that the template shape does not depend on:
 * no cdk-nag, no built-in CloudFormation validation (what CDK_VALIDATION=false turns off; its engine
 * takes seconds to start) and no esbuild bundling (only the asset hash changes). nag.test.ts runs all three.
 */
export function synthesizeShape(): ShapeSynth {
  const { stack } = createApp({
    nag: false,
    appProps: { builtinCloudFormationValidation: false, context: { [BUNDLING_STACKS]: [] } },
  });
  const template = Template.fromStack(stack);
  return { stack, template, json: template.toJSON() as TemplateJson };
}

/** Logical ids of the resources of one type. */
export function logicalIdsOfType(json: TemplateJson, type: string): string[] {
  return Object.entries(json.Resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([id]) => id);
}
