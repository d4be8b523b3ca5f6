import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const CONSOLE_DIR = resolve(import.meta.dirname, '../../console');

function newestSourceChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...readdirSync(path)
      .filter((name) => name !== 'dist' && name !== 'node_modules')
      .map((name) => newestSourceChange(join(path, name))),
  );
}

/** True when console/dist is missing or older than any of the console's sources. */
export function consoleBuildIsStale(consoleDir = CONSOLE_DIR): boolean {
  const index = join(consoleDir, 'dist', 'index.html');
  if (!existsSync(index)) return true;
  return newestSourceChange(consoleDir) > statSync(index).mtimeMs;
}

/**
 * Builds the console with Vite's JS API when its build is missing or stale, so `npm start` and
 * `npm test` work on a fresh clone without a separate build command. Vite loads only here.
 */
export async function ensureConsoleBuilt(options: { log?: (line: string) => void } = {}): Promise<boolean> {
  if (!consoleBuildIsStale()) return false;
  options.log?.('Building the agent console (console/dist)…');
  const { build } = await import('vite');
  await build({ configFile: join(CONSOLE_DIR, 'vite.config.ts'), root: CONSOLE_DIR, logLevel: 'warn' });
  return true;
}
