/** What every tracker module shares: the table description, the result shape, reading rows, keyed comparison. */
import type { Queryable } from '../catalog/queryable.js';
import { DatabaseError } from '../errors.js';
import { qualifiedName, quoteIdent } from '../model/ident.js';
import type { MigrationStatus } from '../report/report.js';
import type { MigrationDir } from './files.js';

/** A table found by the detection query: where it is and its columns (name → type). */
export interface TrackerTable {
  schema: string;
  name: string;
  columns: Record<string, string>;
  readable: boolean;
  /** The schema is on the connection's search_path. */
  onPath: boolean;
}

export interface TrackerResult {
  status: MigrationStatus;
  /** Files matched to a record of the table: how the tracker is chosen when several are present. */
  matched: number;
  /** Entries recorded in the table. */
  recorded: number;
}

export interface Tracker {
  tool: string;
  /** Table names this tool may use (for the detection query). */
  tables: string[];
  /** Whether this table (its name and columns; `all` = every table found) is this tool's tracking table. */
  recognises(t: TrackerTable, all: TrackerTable[]): boolean;
  evaluate(db: Queryable, t: TrackerTable, dir: MigrationDir): Promise<TrackerResult>;
}

export function hasColumns(t: TrackerTable, ...names: string[]): boolean {
  return names.every((n) => n in t.columns);
}

/**
 * `SELECT cols FROM table [ORDER BY …]`. Column names are quoted; an entry containing a space is a fixed SQL
 * expression written in this directory (`finished_at IS NOT NULL AS …`), never user input. No values.
 */
export async function selectRows<R>(db: Queryable, t: TrackerTable, cols: string[], orderBy: string[] = []): Promise<R[]> {
  const list = cols.map((c) => (c.includes(' ') ? c : quoteIdent(c))).join(', ');
  const order = orderBy.length ? ` ORDER BY ${orderBy.map(quoteIdent).join(', ')}` : '';
  try {
    return (await db.query<R>(`SELECT ${list} FROM ${qualifiedName(t.schema, t.name)}${order}`)).rows;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    throw new DatabaseError(
      'MIGRATIONS_TABLE_UNREADABLE',
      `Cannot read the migration tracking table ${qualifiedName(t.schema, t.name)}: ${e.message ?? String(err)}`,
      e.code === '42501'
        ? `GRANT SELECT ON ${qualifiedName(t.schema, t.name)} to the user schema-doctor connects as, or leave out --migrations.`
        : 'Check that the table is the tracking table of your migration tool, or leave out --migrations.',
    );
  }
}

export interface Recorded {
  /** What a file is matched on (name, stem, version, …). */
  key: string;
  /** How the entry is shown when no file has its key. */
  label: string;
  /** Whether the file's contents match this record; absent = not checked. */
  checksumOk?: (contents: string) => boolean;
}

/**
 * The common comparison: each file has a key (undefined = not a migration of this tool), each record a key.
 * A file with no record is unapplied; a file whose records all fail their checksum is a mismatch; a record whose
 * key no file has is a missing file.
 */
export async function compareKeyed(tool: string, t: TrackerTable, dir: MigrationDir, files: string[], keyOf: (file: string) => string | undefined, recorded: Recorded[]): Promise<TrackerResult> {
  const byKey = new Map<string, Recorded[]>();
  for (const r of recorded) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  const status = emptyStatus(tool, t);
  const seen = new Set<string>();
  let matched = 0;
  for (const file of files) {
    const key = keyOf(file);
    if (key === undefined) continue;
    seen.add(key);
    const recs = byKey.get(key);
    if (!recs) {
      status.unapplied.push(file);
      continue;
    }
    matched++;
    const checks = recs.filter((r) => r.checksumOk);
    if (checks.length) {
      const text = (await dir.read(file)) ?? '';
      if (!checks.some((r) => r.checksumOk!(text))) status.checksumMismatches.push(file);
    }
  }
  for (const r of recorded) {
    if (!seen.has(r.key) && !status.missingFiles.includes(r.label)) status.missingFiles.push(r.label);
  }
  return { status, matched, recorded: recorded.length };
}

export function emptyStatus(tool: string, t: TrackerTable): MigrationStatus {
  return { tool, table: qualifiedName(t.schema, t.name), unapplied: [], missingFiles: [], checksumMismatches: [] };
}
