/**
 * The migration tools whose tracking tables are recognised, and how they are found: one catalog query lists every
 * table with a known tracking-table name (any schema) and its columns; each tool then says which of those are its
 * own (columns tell golang-migrate from dbmate, `ar_internal_metadata` tells Rails from dbmate).
 */
import type { Queryable } from '../catalog/queryable.js';
import { alembic } from './alembic.js';
import { drizzle, prisma, schemaDoctor } from './checksum-tools.js';
import { flyway } from './flyway.js';
import type { Tracker, TrackerTable } from './kit.js';
import { knex, kysely, nodePgMigrate, sequelize, typeorm } from './node-tools.js';
import { dbmate, golangMigrate, rails } from './version-tools.js';

export { SCHEMA_DOCTOR_MIGRATIONS_DDL } from './checksum-tools.js';
export type { Tracker, TrackerTable } from './kit.js';

/** In order of preference when two trackers match equally many files. */
export const TRACKERS: readonly Tracker[] = [schemaDoctor, drizzle, prisma, flyway, knex, nodePgMigrate, kysely, sequelize, typeorm, golangMigrate, dbmate, rails, alembic];

const TABLE_NAMES = [...new Set(TRACKERS.flatMap((t) => t.tables))];

const FIND_TABLES = `
SELECT n.nspname AS schema, c.relname AS name,
       json_object_agg(a.attname, format_type(a.atttypid, a.atttypmod)) AS columns,
       has_table_privilege(c.oid, 'SELECT') AS readable,
       n.nspname = ANY (current_schemas(false)) AS on_path
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND c.relname = ANY ($1::text[])
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname !~ '^pg_(toast_)?temp_'
GROUP BY n.nspname, c.relname, c.oid
ORDER BY n.nspname, c.relname`;

/** Every table whose name is a known tracking-table name (one query). */
export async function findTrackerTables(db: Queryable): Promise<TrackerTable[]> {
  const { rows } = await db.query<{ schema: string; name: string; columns: Record<string, string>; readable: boolean; on_path: boolean }>(FIND_TABLES, [TABLE_NAMES]);
  return rows.map((r) => ({ schema: r.schema, name: r.name, columns: r.columns, readable: r.readable, onPath: r.on_path }));
}

export interface Candidate {
  tracker: Tracker;
  table: TrackerTable;
}

/** Which tool each found table belongs to (a table may be claimed by one tool only: the first in TRACKERS). */
export function recogniseTrackers(tables: TrackerTable[]): Candidate[] {
  const out: Candidate[] = [];
  for (const table of tables) {
    const tracker = TRACKERS.find((t) => t.recognises(table, tables));
    if (tracker) out.push({ tracker, table });
  }
  return out;
}
