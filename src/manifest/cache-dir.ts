import { homedir } from 'node:os';
import { join } from 'node:path';

/** `$XDG_CACHE_HOME/schema-doctor`, else `~/.cache/schema-doctor`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CACHE_HOME?.startsWith('/') ? env.XDG_CACHE_HOME : join(env.HOME || homedir(), '.cache');
  return join(base, 'schema-doctor');
}
