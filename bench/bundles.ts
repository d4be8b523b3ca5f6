/**
 * Each Lambda's bundle as CDK builds it (the same esbuild options, from shared/definitions.ts), its
 * size, and its cold module-load time: the median over fresh Node processes of `import(bundle)`.
 */
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { BUNDLING, ENV, FUNCTIONS, type FunctionName } from '../shared/definitions.ts';
import { median } from './stats.ts';

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, '..');

export interface BundleResult {
  readonly name: FunctionName;
  readonly bytes: number;
  /** Median ms to import the bundle with NODE_OPTIONS=--enable-source-maps, as deployed. */
  readonly coldLoadMs: number;
  readonly coldLoadRunsMs: readonly number[];
  /** The same without source maps, to show what they cost at a cold start. */
  readonly coldLoadNoSourceMapsMs: number;
  /** The AWS SDK packages the bundle imports from outside (Lambda's runtime provides them). */
  readonly externals: readonly string[];
  /** Median ms to import those externals alone: the SDK's share of the cold load. */
  readonly externalsLoadMs: number;
}

/** The environment the handlers read at import time; values are placeholders, nothing is called. */
const HANDLER_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  [ENV.tableName]: 'bench',
  [ENV.inboundQueueUrl]: 'http://127.0.0.1:9/queue/inbound.fifo',
  [ENV.outboundQueueUrl]: 'http://127.0.0.1:9/queue/outbound.fifo',
  [ENV.inboundDeadLetterQueueUrl]: 'http://127.0.0.1:9/queue/inbound-dlq.fifo',
  [ENV.outboundDeadLetterQueueUrl]: 'http://127.0.0.1:9/queue/outbound-dlq.fifo',
  [ENV.telegramBotToken]: '1:bench',
  [ENV.telegramWebhookSecret]: 'bench',
};

export async function bundleFunction(
  name: FunctionName,
  outDir: string,
): Promise<{ file: string; externals: string[] }> {
  const outfile = join(outDir, name, 'index.mjs');
  const { metafile } = await build({
    entryPoints: [join(repoRoot, FUNCTIONS[name].entry)],
    outfile,
    bundle: true,
    format: BUNDLING.format,
    target: BUNDLING.target,
    platform: BUNDLING.platform,
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourcemap,
    external: [...BUNDLING.external],
    banner: { js: BUNDLING.banner },
    mainFields: [...BUNDLING.mainFields],
    logLevel: 'error',
    metafile: true,
  });
  const externals = new Set(
    Object.values(metafile.outputs)
      .flatMap((output) => output.imports)
      .filter((imported) => imported.external && imported.path.startsWith('@aws-sdk/'))
      .map((imported) => imported.path),
  );
  return { file: outfile, externals: [...externals].sort() };
}

/** One fresh process: Node's own start-up is excluded, the imports of `specifiers` are timed. */
async function coldLoadOnce(specifiers: readonly string[], sourceMaps: boolean): Promise<number> {
  const imports = specifiers.map((specifier) => `await import(${JSON.stringify(specifier)});`).join(' ');
  const script = `const t = performance.now(); ${imports} console.log(performance.now() - t);`;
  const { stdout } = await run(
    process.execPath,
    [...(sourceMaps ? ['--enable-source-maps'] : []), '--input-type=module', '-e', script],
    { cwd: repoRoot, env: { PATH: process.env.PATH, ...HANDLER_ENV }, timeout: 30_000 },
  );
  return Number(stdout.trim().split('\n').at(-1));
}

export async function measureBundles(outDir: string, runs: number): Promise<BundleResult[]> {
  const results: BundleResult[] = [];
  for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
    const { file, externals } = await bundleFunction(name, outDir);
    const bundle = [pathToFileURL(file).href];
    const withMaps: number[] = [];
    const withoutMaps: number[] = [];
    const externalsOnly: number[] = [];
    for (let index = 0; index < runs; index++) {
      withMaps.push(await coldLoadOnce(bundle, true));
      withoutMaps.push(await coldLoadOnce(bundle, false));
      externalsOnly.push(await coldLoadOnce(externals, false));
    }
    results.push({
      name,
      bytes: statSync(file).size,
      coldLoadMs: median(withMaps),
      coldLoadRunsMs: withMaps,
      coldLoadNoSourceMapsMs: median(withoutMaps),
      externals,
      externalsLoadMs: median(externalsOnly),
    });
  }
  return results;
}
