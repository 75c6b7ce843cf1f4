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

/** Duplicate groups on the key: NULLs never collide unless the constraint is NULLS NOT DISTINCT. */
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
       (SELECT json_agg(k) FROM (SELECT json_build_array(${cols(columns)}) AS k FROM dup ORDER BY n DESC, ${cols(columns)} LIMIT 5) s) AS sample`;
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
  const partial = matchFull && columns.length > 1
    ? ` OR (num_nulls(${cols(columns, 'c')}) BETWEEN 1 AND ${columns.length - 1})`
    : '';
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
