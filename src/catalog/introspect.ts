import { emptyModel, type SchemaModel } from '../model/types.js';
import type { Queryable, SchemaScope } from './queryable.js';
import { readSchemas } from './read-schemas.js';
import { readColumns, readTables } from './read-tables.js';
import { readConstraints } from './read-constraints.js';
import { readIndexes } from './read-indexes.js';
import { readTriggers, readPolicies } from './read-triggers.js';
import { readSequences, readTypes } from './read-types.js';
import { readFunctions, readViews } from './read-views.js';
import { readCensus } from './read-census.js';
import { readRules } from './read-rules.js';
import { readPrivileges } from './read-privileges.js';

/** schema-doctor's own bookkeeping schema is never part of a model. */
export const BOOKKEEPING_SCHEMA = 'schema_doctor';

export interface IntrospectOptions {
  /** Schema names or globs (`app_*`); empty means every non-system schema. */
  schemas?: string[];
  /** Read inside the caller's open transaction (a dry run looks at its own uncommitted changes). */
  inTransaction?: boolean;
  /**
   * Extra connections to the same database. The catalog queries are then spread over them, every connection
   * reading the snapshot exported by the first (pg_export_snapshot), so the model is still one consistent read.
   */
  helpers?: Queryable[];
  /**
   * Keep each extension's installed version (pg_extension.extversion) in the model. Only the live side of a
   * comparison asks for it (diagnose, plan, apply and its verification), to compare with a version pinned by hand
   * in the manifest; snapshot and replays never do, so a manifest stays the same on every server and major.
   */
  extensionVersions?: boolean;
}

/**
 * Reads the whole schema in one read-only, repeatable-read transaction, with a fixed number of set-based catalog
 * queries whatever the number of objects. `search_path` is pinned to pg_catalog so that PostgreSQL prints every
 * user object schema-qualified, the same way on every server and session.
 */
export async function introspect(db: Queryable, options: IntrospectOptions = {}): Promise<SchemaModel> {
  const scope: SchemaScope = {
    include: options.schemas && options.schemas.length > 0 ? options.schemas.map(globToRegex) : ['.*'],
    exclude: [BOOKKEEPING_SCHEMA],
  };
  const model = emptyModel();
  if (options.inTransaction) {
    await db.query('SAVEPOINT sd_introspect');
    await db.query('SET LOCAL search_path = pg_catalog');
    await readAll(db, scope, model, options);
    await db.query('RELEASE SAVEPOINT sd_introspect');
    return model;
  }
  const all = [db, ...(options.helpers ?? [])];
  await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const opened: Queryable[] = [db];
  try {
    await db.query('SET LOCAL search_path = pg_catalog');
    if (all.length === 1) {
      await readAll(db, scope, model, options);
    } else {
      const { rows } = await db.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
      for (const h of all.slice(1)) {
        await h.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        opened.push(h);
        await h.query(`SET TRANSACTION SNAPSHOT '${rows[0]!.id.replace(/'/g, "''")}'`);
        await h.query('SET LOCAL search_path = pg_catalog');
      }
      await readAll(await prefetch(all, scope), scope, model, options);
    }
    for (const c of opened) await c.query('COMMIT');
  } catch (err) {
    for (const c of opened) await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return model;
}

/**
 * Runs every catalog query of readAll up front, spread over the connections (largest first), and returns a
 * Queryable that answers readAll from those results. The readers' queries do not depend on each other's results,
 * so a first pass with empty answers lists them exactly.
 */
async function prefetch(conns: Queryable[], scope: SchemaScope): Promise<Queryable> {
  const wanted: { text: string; values?: unknown[] }[] = [];
  await readAll({ query: async (text: string, values?: unknown[]) => (wanted.push({ text, ...(values && { values }) }), { rows: [] }) } as Queryable, scope, emptyModel());
  const results = new Map<string, unknown[]>();
  const queue = wanted.map((w, i) => ({ ...w, i })).sort((a, b) => weight(b.text) - weight(a.text));
  await Promise.all(
    conns.map(async (c) => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        results.set(next.text, (await c.query(next.text, next.values)).rows);
      }
    }),
  );
  return { query: async (text: string) => ({ rows: results.get(text) as never[] }) } as Queryable;
}

/**
 * The queries over pg_attribute, pg_constraint and pg_index dominate; start them first. Only a statement's own
 * top-level FROM (at the start of a line) counts, not a subquery over the same catalog (composite attributes,
 * domain checks, column ACLs). The columns query always goes to the first connection, the one that holds the
 * apply's advisory lock: it is the one that waits when a user table is locked.
 */
function weight(sql: string): number {
  return /^FROM pg_attribute a\b/m.test(sql) ? 4 : /^FROM pg_constraint con\b/m.test(sql) ? 3 : /^FROM pg_index i\b/m.test(sql) ? 2 : /pg_get_functiondef|pg_get_viewdef/.test(sql) ? 1 : 0;
}

async function readAll(db: Queryable, scope: SchemaScope, model: SchemaModel, options: IntrospectOptions = {}): Promise<void> {
  await readSchemas(db, scope, model, options.extensionVersions === true);
  await readTypes(db, scope, model);
  await readSequences(db, scope, model);
  await readTables(db, scope, model);
  await readViews(db, scope, model);
  await readColumns(db, scope, model);
  await readConstraints(db, scope, model);
  await readIndexes(db, scope, model);
  await readTriggers(db, scope, model);
  await readPolicies(db, scope, model);
  await readRules(db, scope, model);
  await readFunctions(db, scope, model);
  await readCensus(db, scope, model);
  await readPrivileges(db, scope, model);
}

/** `app_*` → `^app_.*$`; `?` is one character; everything else literal. */
export function globToRegex(glob: string): string {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return `^${escaped}$`;
}
