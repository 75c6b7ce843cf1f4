import type { IndexDef, SchemaModel } from '../model/types.js';
import { qualifiedName } from '../model/ident.js';
import { inScope, type Queryable, type SchemaScope } from './queryable.js';
import { canonicalExpr } from './canonical-expr.js';

interface RawIndexRow {
  schema: string;
  relation: string;
  relkind: string;
  name: string;
  prefix: string;
  unique: boolean;
  valid: boolean;
  method: string;
  full_definition: string;
  columns: string[];
  predicate: string | null;
  comment: string | null;
}

/**
 * Indexes of tables and materialized views, except those backing a primary key, unique or exclusion constraint
 * (part of the constraint) and those attached to a partitioned parent index (part of the parent's definition).
 * `prefix` is what pg_get_indexdef prints before `USING`: it is cut off so that the stored definition does not
 * repeat the index's own name, which makes an equivalent index under another name recognisable.
 */
const INDEXES_SQL = `
SELECT n.nspname AS schema, c.relname AS relation, c.relkind, ic.relname AS name,
       'CREATE ' || CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX ' || quote_ident(ic.relname)
         || ' ON ' || CASE WHEN c.relkind = 'p' THEN 'ONLY ' ELSE '' END
         || quote_ident(n.nspname) || '.' || quote_ident(c.relname) || ' USING ' AS prefix,
       i.indisunique AS unique, i.indisvalid AS valid, am.amname AS method,
       pg_get_indexdef(i.indexrelid) AS full_definition,
       ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, false) FROM generate_series(1, i.indnkeyatts) AS k ORDER BY k)::text[] AS columns,
       pg_get_expr(i.indpred, i.indrelid) AS predicate,
       dsc.description AS comment
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_am am ON am.oid = ic.relam
LEFT JOIN pg_description dsc ON dsc.objoid = ic.oid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = 0
WHERE c.relkind IN ('r', 'p', 'm') AND ${inScope('n.nspname')}
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                  WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
  AND NOT EXISTS (SELECT 1 FROM pg_inherits inh WHERE inh.inhrelid = i.indexrelid)
ORDER BY n.nspname, c.relname, ic.relname`;

export async function readIndexes(db: Queryable, scope: SchemaScope, model: SchemaModel): Promise<void> {
  const { rows } = await db.query<RawIndexRow>(INDEXES_SQL, [scope.include, scope.exclude]);
  for (const r of rows) {
    const key = qualifiedName(r.schema, r.relation);
    const index = toIndex(r);
    if (r.relkind === 'm') {
      const view = model.views[key];
      if (view) (view.indexes ??= {})[r.name] = index;
    } else {
      const table = model.tables[key];
      if (table) table.indexes[r.name] = index;
    }
  }
}

function toIndex(r: RawIndexRow): IndexDef {
  const definition = r.full_definition.startsWith(r.prefix) ? r.full_definition.slice(r.prefix.length) : r.full_definition.slice(r.full_definition.indexOf(' USING ') + ' USING '.length);
  const idx: IndexDef = { name: r.name, method: r.method, definition: canonicalExpr(definition), columns: r.columns };
  if (r.unique) idx.unique = true;
  if (r.predicate != null) idx.predicate = canonicalExpr(r.predicate);
  if (!r.valid) idx.valid = false;
  if (r.comment != null) idx.comment = r.comment;
  return idx;
}
