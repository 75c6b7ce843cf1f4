import { emptyModel, type SchemaModel } from '../model/types.js';
import type { Queryable, SchemaScope } from './queryable.js';
import { readSchemas } from './read-schemas.js';
import { readColumns, readTables } from './read-tables.js';
import { readConstraints } from './read-constraints.js';
import { readIndexes } from './read-indexes.js';
import { readTriggers, readPolicies } from './read-triggers.js';
import { readSequences, readTypes } from './read-types.js';
import { readFunctions, readViews } from './read-views.js';

/** schema-doctor's own bookkeeping schema is never part of a model. */
export const BOOKKEEPING_SCHEMA = 'schema_doctor';

export interface IntrospectOptions {
  /** Schema names or globs (`app_*`); empty means every non-system schema. */
  schemas?: string[];
  /** Read inside the caller's open transaction (a dry run looks at its own uncommitted changes). */
  inTransaction?: boolean;
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
    await readAll(db, scope, model);
    await db.query('RELEASE SAVEPOINT sd_introspect');
    return model;
  }
  await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await db.query("SET LOCAL search_path = pg_catalog");
    await readAll(db, scope, model);
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return model;
}

async function readAll(db: Queryable, scope: SchemaScope, model: SchemaModel): Promise<void> {
  await readSchemas(db, scope, model);
  await readTypes(db, scope, model);
  await readSequences(db, scope, model);
  await readTables(db, scope, model);
  await readViews(db, scope, model);
  await readColumns(db, scope, model);
  await readConstraints(db, scope, model);
  await readIndexes(db, scope, model);
  await readTriggers(db, scope, model);
  await readPolicies(db, scope, model);
  await readFunctions(db, scope, model);
}

/** `app_*` → `^app_.*$`; `?` is one character; everything else literal. */
export function globToRegex(glob: string): string {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return `^${escaped}$`;
}
