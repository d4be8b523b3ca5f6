import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../infra/aws/paths.ts';
import { BUNDLING, FUNCTIONS, type FunctionName } from '../../../shared/definitions.ts';

/**
 * Cold starts grow with the bundle. Budgets: the webhook answers platforms within their timeouts
 * (150 KB), the worker carries the bot and its NLU (1 MB). This is why the Powertools tracer (and the
 * X-Ray SDK it pulls in) is not bundled: Lambda's active tracing records each invocation without it.
 */
const BUDGET_BYTES: Record<FunctionName, number> = {
  webhook: 150 * 1024,
  conversationWorker: 1024 * 1024,
  sender: 150 * 1024,
  // Agents wait on it less than platforms on the webhook; it carries the OpenAPI document and the survey copy.
  agentApi: 300 * 1024,
};

async function bundleBytes(name: FunctionName): Promise<number> {
  const result = await build({
    entryPoints: [join(REPO_ROOT, FUNCTIONS[name].entry)],
    bundle: true,
    write: false,
    outfile: 'index.mjs',
    format: BUNDLING.format,
    target: BUNDLING.target,
    platform: BUNDLING.platform,
    minify: BUNDLING.minify,
    external: [...BUNDLING.external],
    mainFields: [...BUNDLING.mainFields],
    banner: { js: BUNDLING.banner },
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.contents.length ?? 0;
}

describe('bundle budgets', () => {
  it.each(Object.keys(FUNCTIONS) as FunctionName[])('%s stays within its budget', async (name) => {
    const bytes = await bundleBytes(name);
    expect(bytes).toBeGreaterThan(10 * 1024);
    expect(bytes).toBeLessThanOrEqual(BUDGET_BYTES[name]);
  });
});
