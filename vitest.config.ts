import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Integration and end-to-end tests start servers and child processes; give them room on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Live updates in the browser test reach the page through a long poll; on a busy 2-core machine
    // that can take longer than expect.poll's default second. A real failure still fails, later.
    expect: { poll: { timeout: 10_000 } },
    env: {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      CDK_DISABLE_CLI_TELEMETRY: '1',
    },
  },
});
