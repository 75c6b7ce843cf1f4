import { identityOptionsOf, type SequenceValues } from '../model/identity.js';
import type { ColumnDef, SchemaModel, TableDef } from '../model/types.js';
import { qualifiedName } from '../model/ident.js';
import { inScope, notFromExtension, type Queryable, type SchemaScope } from './queryable.js';

interface RawTableRow {
  schema: string;
  name: string;
  relkind: 'r' | 'p';
  relpersistence: 'p' | 'u';
  relrowsecurity: boolean;
  relforcerowsecurity: boolean;
  partition_by: string | null;
  parent_schema: string | null;
  parent_name: string | null;
  partition_bound: string | null;
  options: string[] | null;
  toast_options: string[] | null;
  relreplident: 'd' | 'n' | 'f' | 'i';
  replident_index: string | null;
  comment: string | null;
}

const TABLES_SQL = `
SELECT n.nspname AS schema, c.relname AS name, c.relkind, c.relpersistence,
       c.relrowsecurity, c.relforcerowsecurity,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_by,
       pn.nspname AS parent_schema, pc.relname AS parent_name,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
       c.reloptions AS options, tc.reloptions AS toast_options, c.relreplident,
       (SELECT ic.relname FROM pg_index ri JOIN pg_class ic ON ic.oid = ri.indexrelid
        WHERE ri.indrelid = c.oid AND ri.indisreplident) AS replident_index,
       dsc.description AS comment
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class tc ON tc.oid = c.reltoastrelid
LEFT JOIN pg_description dsc ON dsc.objoid = c.oid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = 0
LEFT JOIN pg_inherits i ON c.relispartition AND i.inhrelid = c.oid
LEFT JOIN pg_class pc ON pc.oid = i.inhparent
LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace
WHERE c.relkind IN ('r', 'p') AND ${inScope('n.nspname')} AND ${notFromExtension('pg_class', 'c.oid')}
ORDER BY n.nspname, c.relname`;

interface RawColumnRow {
  schema: string;
  relation: string;
  relkind: string;
  name: string;
  type: string;
  not_null: boolean;
  default_expr: string | null;
  generated: string;
  identity: '' | 'a' | 'd';
  /** The identity's sequence, for identity columns. */
  seq: SequenceValues | null;
  collation: string | null;
  storage: 'p' | 'e' | 'x' | 'm' | null;
  compression: 'p' | 'l' | null;
  statistics: number | null;
  comment: string | null;
}

/** Columns of tables, views and materialized views, in attnum order; one query for the whole database. */
const COLUMNS_SQL = `
SELECT n.nspname AS schema, c.relname AS relation, c.relkind, a.attname AS name,
       format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null,
       pg_get_expr(d.adbin, d.adrelid) AS default_expr,
       a.attgenerated AS generated,
       a.attidentity AS identity,
       idseq.seq,
       CASE WHEN a.attcollation <> t.typcollation THEN
         CASE WHEN cn.nspname = 'pg_catalog' THEN quote_ident(co.collname)
              ELSE quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END
       END AS collation,
       CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END AS storage,
       NULLIF(a.attcompression, '') AS compression,
       -- -1 (up to 16) and NULL (17+) both mean the default target.
       CASE WHEN a.attstattarget >= 0 THEN a.attstattarget::int END AS statistics,
       dsc.description AS comment
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_description dsc ON dsc.objoid = c.oid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = a.attnum
-- The identity sequences, read once and hash-joined. OFFSET 0 keeps the planner from pulling the subquery up into one
-- pg_depend index probe per column (a LATERAL did that: about +30 % server CPU for this query at 1,000 tables).
LEFT JOIN (
  SELECT dep.refobjid, dep.refobjsubid,
         json_build_object('start', s.seqstart::text, 'increment', s.seqincrement::text, 'min', s.seqmin::text,
                           'max', s.seqmax::text, 'cache', s.seqcache::text, 'cycle', s.seqcycle) AS seq
  FROM pg_sequence s
  JOIN pg_depend dep ON dep.classid = 'pg_class'::regclass AND dep.objid = s.seqrelid AND dep.objsubid = 0
  WHERE dep.refclassid = 'pg_class'::regclass AND dep.deptype = 'i'
  OFFSET 0
) idseq ON a.attidentity <> '' AND idseq.refobjid = a.attrelid AND idseq.refobjsubid = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm')
  AND ${inScope('n.nspname')} AND ${notFromExtension('pg_class', 'c.oid')}
ORDER BY n.nspname, c.relname, a.attnum`;

export async function readTables(db: Queryable, scope: SchemaScope, model: SchemaModel): Promise<void> {
  const params = [scope.include, scope.exclude];
  const tables = await db.query<RawTableRow>(TABLES_SQL, params);
  for (const r of tables.rows) {
    const t: TableDef = {
      schema: r.schema,
      name: r.name,
      kind: r.relkind === 'p' ? 'partitioned' : 'table',
      columns: [],
      constraints: {},
      indexes: {},
      triggers: {},
      policies: {},
    };
    if (r.relpersistence === 'u') t.unlogged = true;
    if (r.partition_by) t.partitionBy = r.partition_by;
    if (r.parent_schema != null && r.parent_name != null) {
      t.partitionOf = qualifiedName(r.parent_schema, r.parent_name);
      if (r.partition_bound) t.partitionBound = r.partition_bound;
    }
    if (r.relrowsecurity) t.rowSecurity = true;
    if (r.relforcerowsecurity) t.forceRowSecurity = true;
    const options = [...(r.options ?? []), ...(r.toast_options ?? []).map((o) => `toast.${o}`)];
    if (options.length > 0) t.options = options.sort();
    if (r.relreplident === 'n') t.replicaIdentity = 'nothing';
    if (r.relreplident === 'f') t.replicaIdentity = 'full';
    if (r.relreplident === 'i' && r.replident_index != null) {
      t.replicaIdentity = 'index';
      t.replicaIdentityIndex = r.replident_index;
    }
    if (r.comment != null) t.comment = r.comment;
    model.tables[qualifiedName(r.schema, r.name)] = t;
  }
}

/** Read after tables and views exist in the model: columns attach to their relation. */
export async function readColumns(db: Queryable, scope: SchemaScope, model: SchemaModel): Promise<void> {
  const { rows } = await db.query<RawColumnRow>(COLUMNS_SQL, [scope.include, scope.exclude]);
  for (const r of rows) {
    const key = qualifiedName(r.schema, r.relation);
    if (r.relkind === 'v' || r.relkind === 'm') {
      const view = model.views[key];
      if (!view) continue;
      view.columns.push(r.name);
      if (r.comment != null) (view.columnComments ??= {})[r.name] = r.comment;
      continue;
    }
    const table = model.tables[key];
    if (!table) continue;
    const col = toColumn(r);
    // PostgreSQL 17+ marks a partition's column as identity when its parent's is; up to 16 it does not. The
    // identity belongs to the parent's definition, so it is left off partitions on every version.
    if (table.partitionOf !== undefined) {
      delete col.identity;
      delete col.identityOptions;
    }
    table.columns.push(col);
  }
}

const STORAGE = { p: 'plain', e: 'external', x: 'extended', m: 'main' } as const;

function toColumn(r: RawColumnRow): ColumnDef {
  const col: ColumnDef = { name: r.name, type: r.type };
  if (r.not_null) col.notNull = true;
  if (r.generated !== '' && r.default_expr != null) col.generated = r.default_expr;
  else if (r.default_expr != null) col.default = r.default_expr;
  if (r.identity === 'a') col.identity = 'always';
  if (r.identity === 'd') col.identity = 'by default';
  const options = col.identity && r.seq ? identityOptionsOf(r.type, r.seq) : undefined;
  if (options) col.identityOptions = options;
  if (r.collation != null) col.collation = r.collation;
  if (r.storage != null) col.storage = STORAGE[r.storage];
  if (r.compression != null) col.compression = r.compression === 'l' ? 'lz4' : 'pglz';
  if (r.statistics != null) col.statistics = r.statistics;
  if (r.comment != null) col.comment = r.comment;
  return col;
}
