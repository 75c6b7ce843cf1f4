import type { SchemaModel } from '../model/types.js';
import { quoteIdent } from '../model/ident.js';
import { inScope, notFromExtension, type Queryable, type SchemaScope } from './queryable.js';

/**
 * One census row: an object of a kind the model does not cover. The name is put together (and quoted) in
 * TypeScript, like every other key: `schema.name.member` from the identifiers, then `args` as PostgreSQL prints it.
 */
interface RawCensusRow {
  kind: string;
  schema: string | null;
  name: string | null;
  member: string | null;
  args: string | null;
}

const ext = notFromExtension;

/** One arm of the UNION; `name` columns cast to text, so that every arm has the same column types. */
const arm = (kind: string, schema: string, name: string, member: string, args: string, from: string) =>
  `SELECT ${/^[a-z ]+$/.test(kind) ? `'${kind}'` : kind}::text AS kind, ${schema}::text AS schema, ${name}::text AS name, ${member}::text AS member, ${args}::text AS args
FROM ${from}`;

/** A kind of object that lives in a schema of the scope (`sch`), from one catalog with its name column. */
const scoped = (kind: string, catalog: string, alias: string, nsp: string, name: string, where = 'true', args = 'NULL') =>
  arm(
    kind,
    's.nspname',
    `${alias}.${name}`,
    'NULL',
    args,
    `${catalog} ${alias} JOIN sch s ON s.oid = ${alias}.${nsp}
WHERE ${where} AND ${ext(catalog, `${alias}.oid`)}`,
  );

/** A kind of object that belongs to the database (read whatever the schema scope): created by a user (oid ≥ 16384). */
const wide = (kind: string, catalog: string, alias: string, name: string, where = 'true', args = 'NULL') =>
  arm(
    kind,
    'NULL',
    name === 'NULL' ? 'NULL' : `${alias}.${name}`,
    'NULL',
    args,
    `${catalog} ${alias}
WHERE ${alias}.oid >= 16384 AND ${where} AND ${ext(catalog, `${alias}.oid`)}`,
  );

const opArg = (oid: string) => `CASE WHEN ${oid} = 0 THEN 'NONE' ELSE format_type(${oid}, NULL) END`;

/**
 * The census of user objects (not built in, not members of an extension) of every kind the model does not
 * cover, in one query. Schema-scoped kinds honour the schema scope; the database-wide ones are always read.
 * Subscriptions are cluster-wide: only the current database's, through columns every role may read.
 */
const CENSUS_SQL = `
WITH sch AS (SELECT n.oid, n.nspname FROM pg_namespace n WHERE ${inScope('n.nspname')})
SELECT kind, schema, name, member, args FROM (
${[
  // Not the casts PostgreSQL makes by itself (a range type's cast to its multirange: an internal dependency).
  wide(
    'cast',
    'pg_cast',
    'c',
    'NULL',
    `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_cast'::regclass AND d.objid = c.oid AND d.deptype = 'i')`,
    `format('(%s AS %s)', format_type(c.castsource, NULL), format_type(c.casttarget, NULL))`,
  ),
  scoped('operator', 'pg_operator', 'o', 'oprnamespace', 'oprname', 'true', `format('(%s, %s)', ${opArg('o.oprleft')}, ${opArg('o.oprright')})`),
  arm(
    'operator class',
    's.nspname',
    'c.opcname',
    'NULL',
    `' USING ' || quote_ident(am.amname)`,
    `pg_opclass c JOIN sch s ON s.oid = c.opcnamespace JOIN pg_am am ON am.oid = c.opcmethod WHERE ${ext('pg_opclass', 'c.oid')}`,
  ),
  arm(
    'operator family',
    's.nspname',
    'f.opfname',
    'NULL',
    `' USING ' || quote_ident(am.amname)`,
    `pg_opfamily f JOIN sch s ON s.oid = f.opfnamespace JOIN pg_am am ON am.oid = f.opfmethod WHERE ${ext('pg_opfamily', 'f.oid')}`,
  ),
  scoped('text search configuration', 'pg_ts_config', 'x', 'cfgnamespace', 'cfgname'),
  scoped('text search dictionary', 'pg_ts_dict', 'x', 'dictnamespace', 'dictname'),
  scoped('text search parser', 'pg_ts_parser', 'x', 'prsnamespace', 'prsname'),
  scoped('text search template', 'pg_ts_template', 'x', 'tmplnamespace', 'tmplname'),
  scoped('statistics object', 'pg_statistic_ext', 'x', 'stxnamespace', 'stxname'),
  wide('language', 'pg_language', 'l', 'lanname', `l.lanname <> 'plpgsql'`),
  arm(
    'transform',
    'NULL',
    'NULL',
    'NULL',
    `format('FOR %s LANGUAGE %s', format_type(t.trftype, NULL), quote_ident(l.lanname))`,
    `pg_transform t JOIN pg_language l ON l.oid = t.trflang WHERE t.oid >= 16384 AND ${ext('pg_transform', 't.oid')}`,
  ),
  wide('foreign data wrapper', 'pg_foreign_data_wrapper', 'w', 'fdwname'),
  wide('foreign server', 'pg_foreign_server', 'v', 'srvname'),
  scoped('foreign table', 'pg_class', 'c', 'relnamespace', 'relname', `c.relkind = 'f'`),
  wide('event trigger', 'pg_event_trigger', 'e', 'evtname'),
  wide('publication', 'pg_publication', 'p', 'pubname'),
  arm('subscription', 'NULL', 'u.subname', 'NULL', 'NULL', 'pg_subscription u WHERE u.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())'),
  arm('large object', 'NULL', 'NULL', 'NULL', 'count(*)', 'pg_largeobject_metadata HAVING count(*) > 0'),
  arm(
    `CASE p.prokind WHEN 'a' THEN 'aggregate' ELSE 'window function' END`,
    's.nspname',
    'p.proname',
    'NULL',
    `'(' || pg_get_function_identity_arguments(p.oid) || ')'`,
    `pg_proc p JOIN sch s ON s.oid = p.pronamespace WHERE p.prokind IN ('a', 'w') AND ${ext('pg_proc', 'p.oid')}`,
  ),
  scoped('base type', 'pg_type', 't', 'typnamespace', 'typname', `t.typtype = 'b' AND t.typcategory <> 'A'`),
  scoped('conversion', 'pg_conversion', 'x', 'connamespace', 'conname'),
  wide('access method', 'pg_am', 'a', 'amname'),
].join('\nUNION ALL\n')}
) census
ORDER BY kind COLLATE "C", schema COLLATE "C", name COLLATE "C", member COLLATE "C", args COLLATE "C"`;

/** `schema.name.member` quoted, then the arguments; an operator's name is a symbol, never quoted. */
function nameOf(r: RawCensusRow): string {
  const parts = [r.schema, r.name, r.member].filter((p): p is string => p !== null);
  const quoted = parts.map((p, i) => (r.kind === 'operator' && i === 1 ? p : quoteIdent(p)));
  return quoted.join('.') + (r.args ?? '');
}

export async function readCensus(db: Queryable, scope: SchemaScope, model: SchemaModel): Promise<void> {
  const byKind: Record<string, string[]> = {};
  for (const r of (await db.query<RawCensusRow>(CENSUS_SQL, [scope.include, scope.exclude])).rows) (byKind[r.kind] ??= []).push(nameOf(r));
  if (Object.keys(byKind).length === 0) return;
  // Code-point order, whatever the database's collation: the manifest must be the same on every server.
  model.unmodeled = Object.fromEntries(Object.entries(byKind).map(([k, names]) => [k, [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))]));
}
