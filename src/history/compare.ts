/**
 * `diagnose --migrations DIR`: the files of DIR compared with the database's record of applied migrations.
 * Queries: one catalog query to find tracking tables, then one SELECT per tracking table found.
 */
import type { Queryable } from '../catalog/queryable.js';
import { DatabaseError } from '../errors.js';
import type { MigrationStatus } from '../report/report.js';
import { listMigrationDir } from './files.js';
import type { TrackerResult } from './kit.js';
import { findTrackerTables, recogniseTrackers, TRACKERS } from './trackers.js';

export { readMigrationFiles } from './files.js';

/**
 * Reads DIR (throws UsageError MIGRATIONS_DIR_UNREADABLE, exit 5, when it cannot) and the tracking table(s), and
 * returns which files are unapplied, which recorded migrations have no file, and which files changed since they
 * were applied. When several tools' tables are present, the one that matches the most files wins (ties: more
 * recorded entries, then on search_path, then TRACKERS order).
 *
 * With no tracking table at all the result is `{ tool: 'none', unapplied: [], missingFiles: [],
 * checksumMismatches: [] }`: nothing is known about what was applied, and the report says "no migration tracking
 * table found" (it does not claim that every file is unapplied).
 *
 * Throws DatabaseError MIGRATIONS_TABLE_UNREADABLE (exit 6) when tracking tables exist but none can be read.
 */
export async function readMigrationStatus(db: Queryable, dir: string): Promise<MigrationStatus> {
  const files = await listMigrationDir(dir);
  const candidates = recogniseTrackers(await findTrackerTables(db));
  if (candidates.length === 0) return { tool: 'none', unapplied: [], missingFiles: [], checksumMismatches: [] };
  const readable = candidates.filter((c) => c.table.readable);
  if (readable.length === 0) {
    const names = candidates.map((c) => c.table.schema + '.' + c.table.name).join(', ');
    throw new DatabaseError(
      'MIGRATIONS_TABLE_UNREADABLE',
      `The migration tracking table (${names}) cannot be read by this user.`,
      'GRANT SELECT on it to the user schema-doctor connects as, or leave out --migrations.',
    );
  }
  let best: { result: TrackerResult; rank: number; onPath: boolean } | undefined;
  for (const c of readable) {
    const result = await c.tracker.evaluate(db, c.table, files);
    const entry = { result, rank: TRACKERS.indexOf(c.tracker), onPath: c.table.onPath };
    if (!best || better(entry, best)) best = entry;
  }
  return best!.result.status;
}

function better(a: { result: TrackerResult; rank: number; onPath: boolean }, b: { result: TrackerResult; rank: number; onPath: boolean }): boolean {
  if (a.result.matched !== b.result.matched) return a.result.matched > b.result.matched;
  if (a.result.recorded !== b.result.recorded) return a.result.recorded > b.result.recorded;
  if (a.onPath !== b.onPath) return a.onPath;
  return a.rank < b.rank;
}
