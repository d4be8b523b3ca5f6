import { App, type AppProps, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CONSOLE_DIST, ensureConsoleBuiltSync } from '../../scripts/console-build.ts';
import { AgentConsoleFiles } from './constructs/agent-console.ts';
import { supportPropsFromContext } from './context-props.ts';
import { OmnichannelSupportStack } from './stack.ts';

export const STACK_NAME = 'OmnichannelSupport';
/** The console's files: a second stack, deployed after the backbone (`cdk deploy --all`). */
export const CONSOLE_FILES_STACK_NAME = 'OmnichannelSupportConsole';

export interface CreateAppOptions {
  /** Run the cdk-nag AwsSolutions checks at synth. @default true */
  readonly nag?: boolean;
  readonly appProps?: AppProps;
}

/**
 * The app as `cdk synth` builds it. Env-agnostic on purpose (no account, region or lookups), so synth
 * needs no credentials and no network, and one template deploys anywhere.
 */
export function createApp(options: CreateAppOptions = {}): {
  app: App;
  stack: OmnichannelSupportStack;
  consoleFiles: Stack;
} {
  const app = new App(options.appProps);
  const stack = new OmnichannelSupportStack(app, STACK_NAME, {
    description: 'Omnichannel support: messaging webhooks, FIFO pipeline, conversation table',
    support: supportPropsFromContext((key) => app.node.tryGetContext(key)),
  });
  // A fresh clone has no console/dist yet: build it (Vite, a few seconds) before it becomes an asset.
  ensureConsoleBuiltSync();
  const consoleFiles = new Stack(app, CONSOLE_FILES_STACK_NAME, {
    description: 'Omnichannel support: the agent console files and config.json',
  });
  new AgentConsoleFiles(consoleFiles, 'Console', {
    console: stack.support.console,
    client: stack.support.agentApi.client,
    signInDomain: stack.support.signInDomain,
    distDir: CONSOLE_DIST,
  });
  if (options.nag ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  }
  return { app, stack, consoleFiles };
}
