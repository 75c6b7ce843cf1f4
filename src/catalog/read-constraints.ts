import type { ConstraintDef, ConstraintType, FkAction, SchemaModel } from '../model/types.js';
import { qualifiedName } from '../model/ident.js';
import { inScope, type Queryable, type SchemaScope } from './queryable.js';
import { canonicalExpr } from './canonical-expr.js';

interface RawConstraintRow {
  schema: string;
  table_name: string;
  name: string;
  contype: 'p' | 'u' | 'f' | 'c' | 'x';
  definition: string;
  deferrable: boolean;
  deferred: boolean;
  validated: boolean;
  no_inherit: boolean;
  columns: string[];
  ref_schema: string | null;
  ref_table: string | null;
  ref_columns: string[] | null;
  on_delete: string;
  on_update: string;
  match_type: string;
  expression: string | null;
  comment: string | null;
  index_options: string[] | null;
}

/**
 * Table constraints (NOT NULL rows of PostgreSQL 18, contype 'n', are left out: nullability is a column
 * property in the model). Constraints cloned onto partitions from their parent (conparentid <> 0) belong to the
 * parent's definition and are left out too.
 */
const CONSTRAINTS_SQL = `
SELECT n.nspname AS schema, c.relname AS table_name, con.conname AS name, con.contype,
       pg_get_constraintdef(con.oid) AS definition,
       con.condeferrable AS deferrable, con.condeferred AS deferred, con.convalidated AS validated,
       con.connoinherit AS no_inherit,
       ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
             ORDER BY k.ord)::text[] AS columns,
       fn.nspname AS ref_schema, fc.relname AS ref_table,
       CASE WHEN con.contype = 'f' THEN
         ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
               ORDER BY k.ord)::text[]
       END AS ref_columns,
       con.confdeltype AS on_delete, con.confupdtype AS on_update, con.confmatchtype AS match_type,
       CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid) END AS expression,
       dsc.description AS comment,
       ic.reloptions AS index_options
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
LEFT JOIN pg_class ic ON ic.oid = con.conindid AND con.contype IN ('p', 'u', 'x')
LEFT JOIN pg_description dsc ON dsc.objoid = con.oid AND dsc.classoid = 'pg_constraint'::regclass AND dsc.objsubid = 0
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND con.conparentid = 0
  AND c.relkind IN ('r', 'p') AND ${inScope('n.nspname')}
ORDER BY n.nspname, c.relname, con.conname`;

const TYPES: Record<RawConstraintRow['contype'], ConstraintType> = {
  p: 'primary_key',
  u: 'unique',
  f: 'foreign_key',
  c: 'check',
  x: 'exclusion',
};

const ACTIONS: Record<string, FkAction> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

const MATCH = { s: 'simple', f: 'full', p: 'partial' } as const;

export async function readConstraints(db: Queryable, scope: SchemaScope, model: SchemaModel): Promise<void> {
  const { rows } = await db.query<RawConstraintRow>(CONSTRAINTS_SQL, [scope.include, scope.exclude]);
  for (const r of rows) {
    const table = model.tables[qualifiedName(r.schema, r.table_name)];
    if (!table) continue;
    table.constraints[r.name] = toConstraint(r);
  }
}

function toConstraint(r: RawConstraintRow): ConstraintDef {
  const con: ConstraintDef = { name: r.name, type: TYPES[r.contype], definition: canonicalExpr(r.definition), columns: r.columns };
  if (r.deferrable) con.deferrable = true;
  if (r.deferred) con.initiallyDeferred = true;
  if (!r.validated) con.validated = false;
  if (r.contype === 'c' && r.no_inherit) con.noInherit = true;
  if (r.contype === 'u' && /^UNIQUE NULLS NOT DISTINCT\b/.test(r.definition)) con.nullsNotDistinct = true;
  if (r.contype === 'f' && r.ref_schema != null && r.ref_table != null) {
    con.references = {
      table: qualifiedName(r.ref_schema, r.ref_table),
      columns: r.ref_columns ?? [],
      onDelete: ACTIONS[r.on_delete] ?? 'no action',
      onUpdate: ACTIONS[r.on_update] ?? 'no action',
      match: MATCH[r.match_type as keyof typeof MATCH] ?? 'simple',
    };
  }
  if (r.expression != null) con.expression = canonicalExpr(r.expression);
  if (r.comment != null) con.comment = r.comment;
  if (r.index_options && r.index_options.length > 0) con.indexOptions = [...r.index_options].sort();
  return con;
}
