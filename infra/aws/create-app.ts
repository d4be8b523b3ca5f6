import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { supportPropsFromContext } from './context-props.ts';
import { OmnichannelSupportStack } from './stack.ts';

export const STACK_NAME = 'OmnichannelSupport';

export interface CreateAppOptions {
  /** Run the cdk-nag AwsSolutions checks at synth. @default true */
  readonly nag?: boolean;
  readonly appProps?: AppProps;
}

/**
 * The app as `cdk synth` builds it. Env-agnostic on purpose (no account, region or lookups), so synth
 * needs no credentials and no network, and one template deploys anywhere.
 */
export function createApp(options: CreateAppOptions = {}): { app: App; stack: OmnichannelSupportStack } {
  const app = new App(options.appProps);
  const stack = new OmnichannelSupportStack(app, STACK_NAME, {
    description: 'Omnichannel support: messaging webhooks, FIFO pipeline, conversation table',
    support: supportPropsFromContext((key) => app.node.tryGetContext(key)),
  });
  if (options.nag ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  }
  return { app, stack };
}
