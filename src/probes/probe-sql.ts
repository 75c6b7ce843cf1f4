import { quoteIdent } from '../model/ident.js';

/**
 * The probe queries: one set-based, read-only statement per finding, returning `count`, optionally `surplus`, and a
 * `sample` of at most 5 offending keys. Identifiers are quoted by quoteIdent; no value is spliced into the text.
 */
export interface ProbeQuery {
  sql: string;
}

const cols = (names: string[], alias?: string) => names.map((c) => (alias ? `${alias}.${quoteIdent(c)}` : quoteIdent(c))).join(', ');
const notNull = (names: string[], alias?: string) => names.map((c) => `${alias ? `${alias}.` : ''}${quoteIdent(c)} IS NOT NULL`).join(' AND ');

/**
 * Duplicate groups on the key: NULLs never collide unless the constraint is NULLS NOT DISTINCT. The sample's alias
 * must not be a possible column name: ORDER BY prefers an output column, and json has no ordering.
 */
export function duplicatesSql(table: string, columns: string[], nullsNotDistinct: boolean): string {
  const where = nullsNotDistinct ? '' : `\n  WHERE ${notNull(columns)}`;
  return `WITH dup AS (
  SELECT ${cols(columns)}, count(*) AS n
  FROM ${table}${where}
  GROUP BY ${cols(columns)}
  HAVING count(*) > 1
)
SELECT (SELECT count(*) FROM dup) AS count,
       (SELECT coalesce(sum(n - 1), 0) FROM dup) AS surplus,
       (SELECT json_agg(sd_k) FROM (SELECT json_build_array(${cols(columns)}) AS sd_k FROM dup ORDER BY n DESC, ${cols(columns)} LIMIT 5) s) AS sample`;
}

/** Rows where the column is NULL; the sample shows their key (`keyColumns`, else ctid). */
export function nullsSql(table: string, column: string, keyColumns: string[]): string {
  const key = keyColumns.length > 0 ? `json_build_array(${cols(keyColumns)})` : 'to_json(ctid::text)';
  return `SELECT (SELECT count(*) FROM ${table} WHERE ${quoteIdent(column)} IS NULL) AS count,
       (SELECT json_agg(k) FROM (SELECT ${key} AS k FROM ${table} WHERE ${quoteIdent(column)} IS NULL LIMIT 5) s) AS sample`;
}

/** Every row: adding a NOT NULL column without a default fails as soon as the table has one. */
export function rowsSql(table: string): string {
  return `SELECT (SELECT count(*) FROM ${table}) AS count, NULL::json AS sample`;
}

/**
 * Rows whose foreign key finds no parent. MATCH SIMPLE: only rows with every key column set are checked.
 * MATCH FULL: also rows where some, but not all, key columns are NULL.
 */
export function orphansSql(table: string, columns: string[], refTable: string, refColumns: string[], matchFull: boolean): string {
  const join = columns.map((c, i) => `p.${quoteIdent(refColumns[i]!)} = c.${quoteIdent(c)}`).join(' AND ');
  const missingParent = `(${notNull(columns, 'c')} AND NOT EXISTS (SELECT 1 FROM ${refTable} p WHERE ${join}))`;
  const partial = matchFull && columns.length > 1 ? ` OR (num_nulls(${cols(columns, 'c')}) BETWEEN 1 AND ${columns.length - 1})` : '';
  return `WITH orphan AS (
  SELECT ${cols(columns, 'c')}
  FROM ${table} c
  WHERE ${missingParent}${partial}
)
SELECT (SELECT count(*) FROM orphan) AS count,
       (SELECT json_agg(k) FROM (SELECT json_build_array(${cols(columns)}) AS k FROM orphan LIMIT 5) s) AS sample`;
}

/** Rows for which the CHECK expression is false (NULL passes a CHECK). */
export function checkViolationsSql(table: string, expression: string, keyColumns: string[]): string {
  const key = keyColumns.length > 0 ? `json_build_array(${cols(keyColumns)})` : 'to_json(ctid::text)';
  return `WITH bad AS (SELECT ${key} AS k FROM ${table} WHERE (${expression}) IS FALSE)
SELECT (SELECT count(*) FROM bad) AS count, (SELECT json_agg(k) FROM (SELECT k FROM bad LIMIT 5) s) AS sample`;
}

/**
 * Duplicate groups of a unique index over expressions and/or with a predicate: the keys are the index's own key
 * expressions (as pg_get_indexdef prints them; a plain column is its quoted name), evaluated on the rows the
 * predicate selects. NULLs never collide unless the index is NULLS NOT DISTINCT.
 */
export function expressionDuplicatesSql(table: string, keys: string[], predicate: string | undefined, nullsNotDistinct: boolean): string {
  const k = keys.map((_, i) => `sd_k${i + 1}`);
  const list = k.join(', ');
  const where = nullsNotDistinct ? '' : `\n  WHERE ${k.map((x) => `${x} IS NOT NULL`).join(' AND ')}`;
  return `WITH dup AS (
  SELECT ${list}, count(*) AS n
  FROM (SELECT ${keys.map((e, i) => `(${e}) AS ${k[i]}`).join(', ')} FROM ${table}${predicate !== undefined ? ` WHERE (${predicate})` : ''}) s${where}
  GROUP BY ${list}
  HAVING count(*) > 1
)
SELECT (SELECT count(*) FROM dup) AS count,
       (SELECT coalesce(sum(n - 1), 0) FROM dup) AS surplus,
       (SELECT json_agg(k) FROM (SELECT json_build_array(${list}) AS k FROM dup ORDER BY n DESC, ${list} LIMIT 5) s) AS sample`;
}

/** One element of an exclusion constraint: a key expression and the operator two rows must not both satisfy. */
export interface ExclusionElement {
  expression: string;
  operator: string;
}

/**
 * Rows that conflict under an exclusion constraint: a semi-join of the table with itself, row against every other
 * row (told apart by tableoid and ctid), both selected by the constraint's predicate, where every element's
 * operator holds. A NULL makes the operator NULL, so such rows never conflict, as in PostgreSQL. Each side
 * evaluates the expressions in its own scope (the expressions name columns unqualified); an index on the live
 * table can serve the inner side. The count is of rows that conflict with at least one other row.
 */
export function exclusionConflictsSql(table: string, elements: ExclusionElement[], predicate: string | undefined, keyColumns: string[]): string {
  const key = keyColumns.length > 0 ? `json_build_array(${cols(keyColumns)})` : 'to_json(ctid::text)';
  const where = predicate !== undefined ? ` WHERE (${predicate})` : '';
  const outer = elements.map((e, i) => `(${e.expression}) AS sd_e${i + 1}`).join(', ');
  const match = elements.map((e, i) => `sd_a.sd_e${i + 1} ${e.operator} (${e.expression})`).join(' AND ');
  return `WITH bad AS (
  SELECT sd_a.sd_key AS k
  FROM (SELECT tableoid AS sd_oid, ctid AS sd_row, ${key} AS sd_key, ${outer} FROM ${table}${where}) sd_a
  WHERE EXISTS (
    SELECT 1 FROM ${table}
    WHERE ${predicate !== undefined ? `(${predicate}) AND ` : ''}(tableoid, ctid) <> (sd_a.sd_oid, sd_a.sd_row) AND ${match}
  )
)
SELECT (SELECT count(*) FROM bad) AS count, (SELECT json_agg(k) FROM (SELECT k FROM bad LIMIT 5) s) AS sample`;
}
