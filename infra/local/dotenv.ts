import { existsSync, readFileSync } from 'node:fs';

/** Reads KEY=value lines from .env, if present; real environment variables win. */
export function loadDotEnv(path = '.env'): void {
  if (!existsSync(path)) return;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match?.[1] && process.env[match[1]] === undefined)
      process.env[match[1]] = match[2]?.replace(/^["']|["']$/g, '');
  }
}
