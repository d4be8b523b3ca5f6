import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root. Function entries in shared/definitions.ts are relative to it, and esbuild runs
 * from it so that the one package-lock.json and node_modules are used.
 */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
