import { qualifiedName } from '../model/ident.js';
import type { SchemaModel } from '../model/types.js';
import type { Finding } from './finding.js';

/**
 * Tables that migration tools keep for their own bookkeeping. They are never "unexpected": a manifest built by
 * replaying migrations cannot contain them, yet every migrated database has one.
 */
const TRACKING_TABLES = new Set([
  'knex_migrations',
  'knex_migrations_lock',
  'pgmigrations',
  'kysely_migration',
  'kysely_migration_lock',
  'flyway_schema_history',
  'SequelizeMeta',
  'migrations',
  'typeorm_metadata',
  'schema_migrations',
  'ar_internal_metadata',
  'alembic_version',
  '_prisma_migrations',
  '__drizzle_migrations',
  'goose_db_version',
]);

/** The names of the tracking tables (in `public` or `drizzle`), for the completeness test's dump filter. */
export const trackingTables = (): ReadonlySet<string> => TRACKING_TABLES;

function isTrackingTable(key: string): boolean {
  for (const schema of ['public', 'drizzle']) {
    for (const t of TRACKING_TABLES) if (key === qualifiedName(schema, t)) return true;
  }
  return false;
}

/** Unexpected findings about migration tools' own tables, and the sequences those tables own. */
export function isBookkeeping(f: Finding, actual: SchemaModel): boolean {
  if (f.kind === 'unexpected_schema' && f.object === 'drizzle') return true;
  if (f.kind === 'unexpected_sequence') {
    const owner = actual.sequences[f.object]?.ownedBy;
    return owner !== undefined && isTrackingTable(owner.slice(0, owner.lastIndexOf('.')));
  }
  return f.kind === 'unexpected_table' && f.table !== undefined && isTrackingTable(f.table);
}
