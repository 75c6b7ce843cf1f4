/**
 * Node.js migration tools that record one row per applied file, by name, without checksums:
 * knex, node-pg-migrate, Kysely, Sequelize (umzug), TypeORM. Files are .sql and JavaScript/TypeScript modules.
 */
import { isScriptOrSql, stem } from './files.js';
import { compareKeyed, hasColumns, selectRows, type Tracker } from './kit.js';

/** A tool whose table has a `name` column holding the file name (with or without extension). */
function byName(tool: string, table: string, withExtension: boolean, orderBy: string[]): Tracker {
  return {
    tool,
    tables: [table],
    recognises: (t) => t.name === table && hasColumns(t, 'name'),
    async evaluate(db, t, dir) {
      const order = orderBy.filter((c) => c in t.columns);
      const rows = await selectRows<{ name: string | null }>(db, t, ['name'], order);
      const recorded = rows.filter((r) => r.name != null).map((r) => ({ key: r.name!, label: r.name! }));
      const keyOf = (f: string) => (withExtension ? f : stem(f));
      return compareKeyed(tool, t, dir, dir.files.filter(isScriptOrSql), keyOf, recorded);
    },
  };
}

/** knex: `knex_migrations (id, name, batch, migration_time)`, name = file name. */
export const knex = byName('knex', 'knex_migrations', true, ['id']);
/** node-pg-migrate: `pgmigrations (id, name, run_on)`, name = file name without extension. */
export const nodePgMigrate = byName('node-pg-migrate', 'pgmigrations', false, ['run_on', 'id']);
/** Kysely: `kysely_migration (name, timestamp)`, name = file name without extension. */
export const kysely = byName('kysely', 'kysely_migration', false, ['timestamp', 'name']);
/** Sequelize CLI / umzug: `"SequelizeMeta" (name)`, name = file name. */
export const sequelize = byName('sequelize', 'SequelizeMeta', true, ['name']);

/**
 * TypeORM: `migrations (id, timestamp bigint, name)`, name = class name (`AddUsers1700000000000`). A file is
 * matched when its name holds the recorded timestamp as a whole run of digits (`1700000000000-AddUsers.ts`).
 */
export const typeorm: Tracker = {
  tool: 'typeorm',
  tables: ['migrations'],
  recognises: (t) => t.name === 'migrations' && hasColumns(t, 'id', 'timestamp', 'name'),
  async evaluate(db, t, dir) {
    const rows = await selectRows<{ timestamp: string; name: string }>(db, t, ['timestamp', 'name'], ['id']);
    const stamps = rows.map((r) => String(r.timestamp));
    const keyOf = (f: string) => (f.match(/\d+/g) ?? []).find((run) => stamps.includes(run)) ?? `file:${f}`;
    const recorded = rows.map((r) => ({ key: String(r.timestamp), label: r.name }));
    return compareKeyed('typeorm', t, dir, dir.files.filter(isScriptOrSql), keyOf, recorded);
  },
};
