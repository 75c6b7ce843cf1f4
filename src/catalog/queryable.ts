/** The one thing catalog readers need from a connection: pg's `query(text, values)`. */
export interface Queryable {
  // biome-ignore lint/suspicious/noExplicitAny: the same default as pg's own query<R = any>, so that a pg client is a Queryable
  query<R = any>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/** Which schemas to read: include patterns (regular expressions) and the schemas always left out. */
export interface SchemaScope {
  include: string[];
  exclude: string[];
}

/**
 * The WHERE fragment that keeps a namespace in scope. `$1` is the include-pattern array, `$2` the exclude list;
 * every catalog query takes those two parameters, in that order.
 */
export function inScope(nspname: string): string {
  return `(${nspname} ~ ANY ($1::text[]) AND ${nspname} <> ALL ($2::text[])
    AND ${nspname} NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    AND ${nspname} !~ '^pg_(toast_)?temp_')`;
}

/** True when the object is owned by an extension (created by CREATE EXTENSION): those are not part of the schema. */
export function notFromExtension(catalog: string, oid: string): string {
  return `NOT EXISTS (SELECT 1 FROM pg_depend ext_dep
    WHERE ext_dep.classid = '${catalog}'::regclass AND ext_dep.objid = ${oid} AND ext_dep.deptype = 'e')`;
}
