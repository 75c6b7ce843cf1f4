/**
 * The --migrations directory: what is in it, read once, with file contents read on demand and cached.
 * Names are relative to the directory and use `/` (`0001_init.sql`, `20240101_init/migration.sql`,
 * `versions/ab12_init.py`).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';

export interface MigrationDir {
  dir: string;
  /** Plain files directly in the directory (no dot files), in file-name order. */
  files: string[];
  /** Prisma: `<name>/migration.sql` for each subdirectory that holds one, in order. */
  prismaFiles: string[];
  /** Alembic: the `.py` files of `versions/` when that directory exists, else of the directory itself. */
  alembicFiles: string[];
  /** Contents (UTF-8) of a file, by its relative name; `undefined` when it does not exist. */
  read(name: string): Promise<string | undefined>;
}

const HINT =
  'Pass --migrations the directory that holds your migration files (for example ./migrations, prisma/migrations, ' + 'db/migrate or alembic/), and check that it exists and is readable by this user.';

export function unreadable(what: string, err: unknown): UsageError {
  const reason = err instanceof Error ? err.message : String(err);
  return new UsageError('MIGRATIONS_DIR_UNREADABLE', `Cannot read the migrations directory ${what}: ${reason}`, HINT);
}

/** Lists the directory; throws UsageError MIGRATIONS_DIR_UNREADABLE when it cannot be read. */
export async function listMigrationDir(dir: string): Promise<MigrationDir> {
  let entries: { name: string; kind: 'file' | 'dir' | 'other' }[];
  try {
    const st = await stat(dir);
    if (!st.isDirectory()) throw new Error('not a directory');
    entries = await listEntries(dir);
  } catch (err) {
    throw unreadable(dir, err);
  }
  const files = entries
    .filter((e) => e.kind === 'file')
    .map((e) => e.name)
    .sort(compareNames);
  const prismaFiles: string[] = [];
  for (const e of entries.filter((x) => x.kind === 'dir').sort((a, b) => compareNames(a.name, b.name))) {
    if (await isFile(path.join(dir, e.name, 'migration.sql'))) prismaFiles.push(`${e.name}/migration.sql`);
  }
  let alembicFiles = files.filter(isAlembicFile);
  if (entries.some((e) => e.kind === 'dir' && e.name === 'versions')) {
    try {
      const inner = await listEntries(path.join(dir, 'versions'));
      alembicFiles = inner
        .filter((e) => e.kind === 'file' && isAlembicFile(e.name))
        .map((e) => `versions/${e.name}`)
        .sort(compareNames);
    } catch (err) {
      throw unreadable(path.join(dir, 'versions'), err);
    }
  }
  const cache = new Map<string, Promise<string | undefined>>();
  const read = (name: string) => {
    let p = cache.get(name);
    if (!p) {
      p = readFile(path.join(dir, ...name.split('/')), 'utf8').catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return undefined;
        throw unreadable(path.join(dir, name), err);
      });
      cache.set(name, p);
    }
    return p;
  };
  return { dir, files, prismaFiles, alembicFiles, read };
}

/** Reads the named files (relative names as in MigrationStatus.unapplied), for relateFindings. */
export async function readMigrationFiles(dir: string, names: string[]): Promise<{ name: string; sql: string }[]> {
  const out: { name: string; sql: string }[] = [];
  for (const name of names) {
    try {
      out.push({ name, sql: await readFile(path.join(dir, ...name.split('/')), 'utf8') });
    } catch (err) {
      throw unreadable(path.join(dir, name), err);
    }
  }
  return out;
}

async function listEntries(dir: string): Promise<{ name: string; kind: 'file' | 'dir' | 'other' }[]> {
  const out: { name: string; kind: 'file' | 'dir' | 'other' }[] = [];
  for (const d of await readdir(dir, { withFileTypes: true })) {
    if (d.name.startsWith('.')) continue;
    let kind: 'file' | 'dir' | 'other' = d.isFile() ? 'file' : d.isDirectory() ? 'dir' : 'other';
    if (d.isSymbolicLink()) {
      const st = await stat(path.join(dir, d.name)).catch(() => undefined);
      kind = st?.isFile() ? 'file' : st?.isDirectory() ? 'dir' : 'other';
    }
    out.push({ name: d.name, kind });
  }
  return out;
}

async function isFile(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isFile(),
    () => false,
  );
}

function isAlembicFile(name: string): boolean {
  return name.endsWith('.py') && name !== '__init__.py';
}

/**
 * File-name order, with runs of digits compared as numbers (`V2__x.sql` before `V10__x.sql`, `2_a.up.sql` before
 * `10_b.up.sql`). For zero-padded names this is plain lexical order.
 */
export function compareNames(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const c = compareNumbers(x, y);
      if (c !== 0) return c;
    } else {
      return x < y ? -1 : 1;
    }
  }
  if (pa.length !== pb.length) return pa.length - pb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two digit strings as numbers (any length). */
export function compareNumbers(x: string, y: string): number {
  const a = stripZeros(x);
  const b = stripZeros(y);
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function stripZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** `0001_init.sql` → `0001_init`. */
export function stem(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** Files that JavaScript/TypeScript migration tools load, plus plain .sql (no declaration or map files). */
export function isScriptOrSql(name: string): boolean {
  return /\.(sql|[cm]?js|[cm]?ts)$/.test(name) && !/\.d\.[cm]?ts$/.test(name);
}
