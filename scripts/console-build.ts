/**
 * Builds the agent console (console/ → console/dist) with Vite's JS API when its build is missing
 * or older than its sources, so `npm start`, `npm test` and `cdk synth` work on a fresh clone without
 * a separate build command. Run directly (`node --import tsx scripts/console-build.ts`) it builds
 * if needed; `--force` always builds.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONSOLE_DIR = resolve(import.meta.dirname, '../console');
export const CONSOLE_DIST = join(CONSOLE_DIR, 'dist');

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  // Files only: a folder's own time moves whenever dist is swapped in beside the sources.
  return Math.max(
    0,
    ...readdirSync(path)
      .filter((name) => name !== 'dist' && !name.startsWith('.dist-'))
      .map((name) => newestChange(join(path, name))),
  );
}

/** True when console/dist is missing or older than any of the console's sources. */
export function consoleBuildIsStale(): boolean {
  const index = join(CONSOLE_DIST, 'index.html');
  if (!existsSync(index)) return true;
  return newestChange(CONSOLE_DIR) > statSync(index).mtimeMs;
}

/** Held while one process builds: tests and synth running side by side wait for it, then reuse its build. */
const LOCK = join(CONSOLE_DIR, '.dist-lock');
const LOCK_STALE_MS = 3 * 60_000;

export async function ensureConsoleBuilt(
  options: { log?: (line: string) => void; force?: boolean } = {},
): Promise<boolean> {
  if (!options.force && !consoleBuildIsStale()) return false;
  await acquireLock();
  try {
    if (!options.force && !consoleBuildIsStale()) return false;
    options.log?.('Building the agent console (console/dist)…');
    const { build } = await import('vite');
    // Build beside dist and swap it in: nothing ever serves or uploads a half-written folder.
    const staging = join(CONSOLE_DIR, `.dist-${process.pid}-${Date.now()}`);
    try {
      await build({
        configFile: join(CONSOLE_DIR, 'vite.config.ts'),
        root: CONSOLE_DIR,
        logLevel: 'warn',
        build: { outDir: staging, emptyOutDir: true },
      });
      rmSync(CONSOLE_DIST, { recursive: true, force: true });
      renameSync(staging, CONSOLE_DIST);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
    return true;
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

async function acquireLock(): Promise<void> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch {
      // A lock left by a killed build must not block forever.
      const since = statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 200));
    }
  }
}

/** The same, for synchronous callers (CDK constructs): a child process runs the build. */
export function ensureConsoleBuiltSync(): void {
  if (!consoleBuildIsStale()) return;
  const result = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
    cwd: resolve(CONSOLE_DIR, '..'),
  });
  if (result.status !== 0) throw new Error('Building the agent console failed (see the output above)');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await ensureConsoleBuilt({ log: console.log, force: process.argv.includes('--force') });
}
