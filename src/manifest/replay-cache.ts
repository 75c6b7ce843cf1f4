import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { embeddedBinaries, localBinaries } from '../embedded/binaries.js';
import { PACKAGE_VERSION } from '../package-root.js';
import { emptyModel, type SchemaModel } from '../model/types.js';
import { sqlFilesOf } from './sql-files.js';

/**
 * The model replayed from SQL files, cached on disk and addressed by its content: the SQL of every file in order,
 * the server that would replay it, the schemas asked for, and this build of schema-doctor. A hit costs reading one
 * JSON file instead of starting a server. An entry that cannot be read or does not parse is ignored and rebuilt;
 * entries are written to a temporary file and renamed, so two processes filling the same entry never leave a
 * partial one.
 */
const FORMAT = 1;
/** Past this many entries, a write removes the oldest (every build of a clone makes new keys). */
const MAX_ENTRIES = 500;

export interface ReplayOptions {
  schemas: string[];
  /** Where cached replays live; undefined: no cache (`--no-cache`). */
  cacheDir?: string;
}

export async function replayedModel(paths: string[], options: ReplayOptions): Promise<SchemaModel> {
  const replay = async () => (await import('./replay.js')).modelFromSql(paths, { schemas: options.schemas });
  if (options.cacheDir === undefined) return replay();
  const files = sqlFilesOf(paths);
  const file = join(options.cacheDir, `${cacheKey(files, options.schemas)}.json`);
  const hit = readEntry(file);
  if (hit) return hit;
  const model = await replay();
  writeEntry(options.cacheDir, file, model);
  return model;
}

function cacheKey(files: string[], schemas: string[]): string {
  const h = createHash('sha256');
  const server = embeddedBinaries() ?? localBinaries();
  // dist is rebuilt whole by tsc, so the build's own mtime changes with every build of a clone.
  const build = statSync(fileURLToPath(import.meta.url)).mtimeMs;
  h.update(JSON.stringify({ format: FORMAT, version: PACKAGE_VERSION, build, server: server?.binDir ?? null, schemas }));
  for (const f of files) h.update('\0file\0').update(readFileSync(f));
  return h.digest('hex');
}

function readEntry(file: string): SchemaModel | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const entry = JSON.parse(text) as { format?: unknown; model?: unknown };
    if (entry.format !== FORMAT || !isModel(entry.model)) throw new Error('not a cache entry');
    const now = new Date();
    utimesSync(file, now, now); // the least recently used go first (trim)
    return entry.model;
  } catch {
    rmSync(file, { force: true });
    return undefined;
  }
}

/** Every section of a model is an object; a truncated or foreign file fails here. */
function isModel(m: unknown): m is SchemaModel {
  if (typeof m !== 'object' || m === null) return false;
  const sections = Object.keys(emptyModel());
  return sections.every((k) => typeof (m as Record<string, unknown>)[k] === 'object' && (m as Record<string, unknown>)[k] !== null);
}

/** Best effort: a cache that cannot be written (read-only home) only costs the next run a replay. */
function writeEntry(dir: string, file: string, model: SchemaModel): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(tmp, JSON.stringify({ format: FORMAT, model }), { mode: 0o600 });
    renameSync(tmp, file);
    trim(dir);
  } catch {
    rmSync(tmp, { force: true });
  }
}

function trim(dir: string): void {
  const names = readdirSync(dir).filter((n) => /^[0-9a-f]{64}\.json$/.test(n));
  if (names.length <= MAX_ENTRIES) return;
  const aged = names.map((n) => ({ n, t: statSync(join(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 })).sort((a, b) => a.t - b.t);
  for (const { n } of aged.slice(0, names.length - MAX_ENTRIES)) rmSync(join(dir, n), { force: true });
}
