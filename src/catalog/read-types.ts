import type { CollationDef, CompositeDef, RangeDef, DomainDef, SchemaModel, SequenceDef } from '../model/types.js';
import { qualifiedName, quoteIdent } from '../model/ident.js';
import { inScope, notFromExtension, type Queryable, type SchemaScope } from './queryable.js';
import { canonicalExpr } from './canonical-expr.js';

interface RawEnumRow {
  schema: string;
  name: string;
  values: string[];
  comment: string | null;
}

const ENUMS_SQL = `
SELECT n.nspname AS schema, t.typname AS name,
       ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)::text[] AS values,
       obj_description(t.oid, 'pg_type') AS comment
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND ${inScope('n.nspname')} AND ${notFromExtension('pg_type', 't.oid')}
ORDER BY n.nspname, t.typname`;

interface RawDomainRow {
  schema: string;
  name: string;
  type: string;
  not_null: boolean;
  default_expr: string | null;
  collation: string | null;
  checks: { name: string; expression: string; validated: boolean; comment: string | null }[];
  comment: string | null;
}

const DOMAINS_SQL = `
SELECT n.nspname AS schema, t.typname AS name, format_type(t.typbasetype, t.typtypmod) AS type,
       t.typnotnull AS not_null, pg_get_expr(t.typdefaultbin, 0) AS default_expr,
       CASE WHEN t.typcollation <> bt.typcollation THEN quote_ident(co.collname) END AS collation,
       COALESCE((SELECT json_agg(json_build_object('name', con.conname, 'expression', pg_get_expr(con.conbin, 0),
                                                   'validated', con.convalidated,
                                                   'comment', obj_description(con.oid, 'pg_constraint')) ORDER BY con.conname)
                 FROM pg_constraint con WHERE con.contypid = t.oid AND con.contype = 'c'), '[]') AS checks,
       obj_description(t.oid, 'pg_type') AS comment
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN pg_collation co ON co.oid = t.typcollation
WHERE t.typtype = 'd' AND ${inScope('n.nspname')} AND ${notFromExtension('pg_type', 't.oid')}
ORDER BY n.nspname, t.typname`;

interface RawCompositeRow {
  schema: string;
  name: string;
  attributes: { name: string; type: string; collation: string | null }[];
  comment: string | null;
}

/** Composite types made by CREATE TYPE … AS (…): their pg_class row is relkind 'c' (a table's row type is not). */
const COMPOSITES_SQL = `
SELECT n.nspname AS schema, t.typname AS name,
       COALESCE((SELECT json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
                                                   'collation', CASE WHEN a.attcollation <> at.typcollation THEN quote_ident(co.collname) END)
                                 ORDER BY a.attnum)
                 FROM pg_attribute a
                 JOIN pg_type at ON at.oid = a.atttypid
                 LEFT JOIN pg_collation co ON co.oid = a.attcollation
                 WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '[]') AS attributes,
       obj_description(t.oid, 'pg_type') AS comment
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_class c ON c.oid = t.typrelid
WHERE t.typtype = 'c' AND c.relkind = 'c' AND ${inScope('n.nspname')} AND ${notFromExtension('pg_type', 't.oid')}
ORDER BY n.nspname, t.typname`;

interface RawCollationRow {
  schema: string;
  name: string;
  provider: string;
  lc_collate: string | null;
  lc_ctype: string | null;
  locale: string | null;
  deterministic: boolean;
  comment: string | null;
}

/**
 * Collations made by CREATE COLLATION. The ICU (and builtin) locale moved between majors (collcollate in 14,
 * colliculocale in 15–16, colllocale from 17): read through to_jsonb so that no column that a major lacks is named.
 */
const COLLATIONS_SQL = `
SELECT n.nspname AS schema, c.collname AS name, c.collprovider::text AS provider,
       c.collcollate AS lc_collate, c.collctype AS lc_ctype,
       COALESCE(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale') AS locale,
       c.collisdeterministic AS deterministic,
       obj_description(c.oid, 'pg_collation') AS comment
FROM pg_collation c
JOIN pg_namespace n ON n.oid = c.collnamespace
WHERE ${inScope('n.nspname')} AND ${notFromExtension('pg_collation', 'c.oid')}
ORDER BY n.nspname, c.collname`;

const PROVIDERS: Record<string, CollationDef['provider']> = { c: 'libc', i: 'icu', b: 'builtin' };

function collationOf(r: RawCollationRow): CollationDef {
  const provider = PROVIDERS[r.provider] ?? 'libc';
  const c: CollationDef = { schema: r.schema, name: r.name, provider };
  if (provider !== 'libc') {
    const locale = r.locale ?? r.lc_collate;
    if (locale != null) c.locale = locale;
  } else if (r.lc_collate === r.lc_ctype) {
    if (r.lc_collate != null) c.locale = r.lc_collate;
  } else {
    if (r.lc_collate != null) c.lcCollate = r.lc_collate;
    if (r.lc_ctype != null) c.lcCtype = r.lc_ctype;
  }
  if (!r.deterministic) c.deterministic = false;
  if (r.comment != null) c.comment = r.comment;
  return c;
}

interface RawRangeRow {
  schema: string;
  name: string;
  subtype: string;
  opclass: string | null;
  collation: string | null;
  canonical: string | null;
  subtype_diff: string | null;
  multirange: string | null;
  comment: string | null;
}

/** Range types; the multirange PostgreSQL made with each is named, not listed apart. */
const RANGES_SQL = `
SELECT n.nspname AS schema, t.typname AS name, format_type(r.rngsubtype, NULL) AS subtype,
       CASE WHEN r.rngsubopc IS DISTINCT FROM (SELECT d.oid FROM pg_opclass d JOIN pg_am am ON am.oid = d.opcmethod
                                               WHERE am.amname = 'btree' AND d.opcintype = r.rngsubtype AND d.opcdefault)
            THEN quote_ident(ocn.nspname) || '.' || quote_ident(oc.opcname) END AS opclass,
       CASE WHEN r.rngcollation <> st.typcollation THEN
         CASE WHEN cn.nspname = 'pg_catalog' THEN quote_ident(co.collname) ELSE quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END
       END AS collation,
       CASE WHEN r.rngcanonical <> 0 THEN r.rngcanonical::regproc::text END AS canonical,
       CASE WHEN r.rngsubdiff <> 0 THEN r.rngsubdiff::regproc::text END AS subtype_diff,
       (SELECT quote_ident(mn.nspname) || '.' || quote_ident(mt.typname) FROM pg_type mt JOIN pg_namespace mn ON mn.oid = mt.typnamespace
        WHERE mt.oid = (to_jsonb(r) ->> 'rngmultitypid')::oid) AS multirange,
       obj_description(t.oid, 'pg_type') AS comment
FROM pg_range r
JOIN pg_type t ON t.oid = r.rngtypid
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_type st ON st.oid = r.rngsubtype
JOIN pg_opclass oc ON oc.oid = r.rngsubopc
JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace
LEFT JOIN pg_collation co ON co.oid = r.rngcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
WHERE ${inScope('n.nspname')} AND ${notFromExtension('pg_type', 't.oid')}
ORDER BY n.nspname, t.typname`;

interface RawSequenceRow {
  schema: string;
  name: string;
  type: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
  owner_schema: string | null;
  owner_table: string | null;
  owner_column: string | null;
  comment: string | null;
}

/** Sequences, except those that implement an identity column (deptype 'i': part of the column). */
const SEQUENCES_SQL = `
SELECT n.nspname AS schema, c.relname AS name, format_type(s.seqtypid, NULL) AS type,
       s.seqstart::text AS start, s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max,
       s.seqcache::text AS cache, s.seqcycle AS cycle,
       own.owner_schema, own.owner_table, own.owner_column,
       obj_description(c.oid, 'pg_class') AS comment
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN LATERAL (
  SELECT rn.nspname AS owner_schema, rc.relname AS owner_table, ra.attname AS owner_column
  FROM pg_depend d
  JOIN pg_class rc ON rc.oid = d.refobjid
  JOIN pg_namespace rn ON rn.oid = rc.relnamespace
  JOIN pg_attribute ra ON ra.attrelid = d.refobjid AND ra.attnum = d.refobjsubid
  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass
    AND d.refobjsubid > 0 AND d.deptype = 'a'
  LIMIT 1
) own ON true
WHERE ${inScope('n.nspname')} AND ${notFromExtension('pg_class', 'c.oid')}
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'i')
ORDER BY n.nspname, c.relname`;

export async function readTypes(db: Queryable, scope: SchemaScope, model: SchemaModel): Promise<void> {
  const params = [scope.include, scope.exclude];
  for (const r of (await db.query<RawEnumRow>(ENUMS_SQL, params)).rows) {
    model.enums[qualifiedName(r.schema, r.name)] = {
      schema: r.schema,
      name: r.name,
      values: r.values,
      ...(r.comment != null && { comment: r.comment }),
    };
  }
  for (const r of (await db.query<RawDomainRow>(DOMAINS_SQL, params)).rows) {
    const d: DomainDef = { schema: r.schema, name: r.name, type: r.type };
    if (r.not_null) d.notNull = true;
    if (r.default_expr != null) d.default = r.default_expr;
    if (r.collation != null) d.collation = r.collation;
    if (r.checks.length > 0) {
      d.checks = {};
      for (const c of r.checks) {
        d.checks[c.name] = { expression: canonicalExpr(c.expression), ...(!c.validated && { validated: false as const }), ...(c.comment != null && { comment: c.comment }) };
      }
    }
    if (r.comment != null) d.comment = r.comment;
    model.domains[qualifiedName(r.schema, r.name)] = d;
  }
  const composites: Record<string, CompositeDef> = {};
  for (const r of (await db.query<RawCompositeRow>(COMPOSITES_SQL, params)).rows) {
    composites[qualifiedName(r.schema, r.name)] = {
      schema: r.schema,
      name: r.name,
      attributes: r.attributes.map((a) => ({ name: a.name, type: a.type, ...(a.collation != null && { collation: a.collation }) })),
      ...(r.comment != null && { comment: r.comment }),
    };
  }
  if (Object.keys(composites).length > 0) model.composites = composites;
  const collations: Record<string, CollationDef> = {};
  for (const r of (await db.query<RawCollationRow>(COLLATIONS_SQL, params)).rows) collations[qualifiedName(r.schema, r.name)] = collationOf(r);
  if (Object.keys(collations).length > 0) model.collations = collations;
  const ranges: Record<string, RangeDef> = {};
  for (const r of (await db.query<RawRangeRow>(RANGES_SQL, params)).rows) {
    ranges[qualifiedName(r.schema, r.name)] = {
      schema: r.schema,
      name: r.name,
      subtype: r.subtype,
      ...(r.opclass != null && { subtypeOpclass: r.opclass }),
      ...(r.collation != null && { collation: r.collation }),
      ...(r.canonical != null && { canonical: r.canonical }),
      ...(r.subtype_diff != null && { subtypeDiff: r.subtype_diff }),
      ...(r.multirange != null && { multirange: r.multirange }),
      ...(r.comment != null && { comment: r.comment }),
    };
  }
  if (Object.keys(ranges).length > 0) model.ranges = ranges;
}

export async function readSequences(db: Queryable, scope: SchemaScope, model: SchemaModel): Promise<void> {
  for (const r of (await db.query<RawSequenceRow>(SEQUENCES_SQL, [scope.include, scope.exclude])).rows) {
    const s: SequenceDef = {
      schema: r.schema,
      name: r.name,
      type: r.type,
      start: r.start,
      increment: r.increment,
      min: r.min,
      max: r.max,
      cache: r.cache,
    };
    if (r.cycle) s.cycle = true;
    if (r.owner_schema != null && r.owner_table != null && r.owner_column != null) {
      s.ownedBy = `${qualifiedName(r.owner_schema, r.owner_table)}.${quoteIdent(r.owner_column)}`;
    }
    if (r.comment != null) s.comment = r.comment;
    model.sequences[qualifiedName(r.schema, r.name)] = s;
  }
}
