import type { ColumnDef, TableDef } from '../../model/types.js';
import type { MergeFn } from '../policies.js';
import { doBlock, lit, q } from '../sql-util.js';

/**
 * Data repairs. Each is one DO block that locks the table against writes (SHARE ROW EXCLUSIVE: reads go on),
 * re-finds the blocking rows under that lock, archives every row it will delete or rewrite into
 * schema_doctor.archive, then changes them, and reports the count as a NOTICE that apply reads.
 * Re-running one on a repaired table finds nothing and changes nothing.
 *
 * A `recheck` step is planned where the probe found no blocking rows: it changes rows only when some appeared since
 * and degraded mode is confirmed (apply sets `schema_doctor.degraded` to `on` or `off` in every transaction; unset,
 * as in a psql script, counts as confirmed). Otherwise it raises SQLSTATE SD001 before changing anything, and the
 * run stops as blocked by data.
 */
export const RUN_ID = `coalesce(current_setting('schema_doctor.run_id', true), 'manual-' || to_char(now(), 'YYYYMMDD"T"HH24MISS'))`;

function archive(table: string, reason: string, from: string): string {
  return `INSERT INTO schema_doctor.archive (run_id, table_name, reason, row_data)
    SELECT ${RUN_ID}, ${lit(table)}, ${lit(reason)}, to_jsonb(t.*) ${from};`;
}

function notice(what: string): string {
  return `  GET DIAGNOSTICS n = ROW_COUNT;\n  RAISE NOTICE 'schema-doctor: rows_affected=% (${what.replace(/'/g, "''").replace(/%/g, '%%')})', n;`;
}

/** Stops the step (SD001) when rows are found and degraded mode is not confirmed; `count` sets `n`. */
function onlyInDegradedMode(recheck: boolean, count: string, what: string): string {
  if (!recheck) return '';
  const text = what.replace(/'/g, "''").replace(/%/g, '%%');
  return `
  IF coalesce(current_setting('schema_doctor.degraded', true), '') = 'off' THEN
    ${count}
    IF n > 0 THEN
      RAISE EXCEPTION 'schema-doctor: % ${text} found under the lock (none at probe time); the policy changes rows only in degraded mode', n
        USING ERRCODE = 'SD001';
    END IF;
  END IF;`;
}

function orderFor(keep: string, pk: string[]): string {
  const tie = pk.length > 0 ? pk.map((c) => `t.${q(c)}`).join(', ') : 't.ctid';
  const tieDesc = pk.length > 0 ? pk.map((c) => `t.${q(c)} DESC`).join(', ') : 't.ctid DESC';
  if (keep === 'first') return tie;
  if (keep === 'last') return tieDesc;
  const [mode, col] = [keep.slice(0, keep.indexOf(':')), keep.slice(keep.indexOf(':') + 1)];
  return `t.${q(col)} ${mode === 'latest' ? 'DESC' : 'ASC'} NULLS LAST, ${tie}`;
}

/** Merge duplicate groups on `key` into one survivor per group; the other rows are archived and deleted. */
export function dedupeSql(table: string, t: TableDef, key: string[], nullsNotDistinct: boolean, keep: string, merge: Record<string, MergeFn>, recheck = false): string {
  const pk = Object.values(t.constraints).find((c) => c.type === 'primary_key')?.columns ?? [];
  const keyList = key.map((c) => `t.${q(c)}`).join(', ');
  const notNull = nullsNotDistinct ? 'true' : key.map((c) => `t.${q(c)} IS NOT NULL`).join(' AND ');
  // `=` lets the planner hash-join; IS NOT DISTINCT FROM is needed only when NULLs count as equal.
  const op = nullsNotDistinct ? 'IS NOT DISTINCT FROM' : '=';
  const match = (a: string, b: string) => key.map((c) => `${a}.${q(c)} ${op} ${b}.${q(c)}`).join(' AND ');
  const merged = Object.entries(merge).filter(([, fn]) => fn !== 'keep');
  const typeOf = (c: string) => t.columns.find((x: ColumnDef) => x.name === c)?.type ?? 'text';
  const mergeSelect = merged.map(([c, fn]) => `${fn}(t.${q(c)})::${typeOf(c)} AS ${q(c)}`).join(', ');
  const body = [
    `  LOCK TABLE ${table} IN SHARE ROW EXCLUSIVE MODE;`,
    `  DROP TABLE IF EXISTS pg_temp.sd_dup;`,
    `  CREATE TEMP TABLE sd_dup AS
    SELECT t.ctid AS sd_rid, ${keyList}, row_number() OVER (PARTITION BY ${keyList} ORDER BY ${orderFor(keep, pk)}) AS sd_rn
    FROM ${table} t
    JOIN (SELECT ${keyList} FROM ${table} t WHERE ${notNull} GROUP BY ${keyList} HAVING count(*) > 1) g ON ${match('t', 'g')};${onlyInDegradedMode(
      recheck,
      'SELECT count(*) INTO n FROM pg_temp.sd_dup WHERE sd_rn = 1;',
      `duplicate group(s) on (${key.join(', ')}) of ${table}`,
    )}`,
    `  ${archive(table, `duplicate on (${key.join(', ')}): merged into one row (keep ${keep})`, `FROM ${table} t JOIN sd_dup d ON t.ctid = d.sd_rid`)}`,
  ];
  if (merged.length > 0) {
    body.push(`  DROP TABLE IF EXISTS pg_temp.sd_merged;
  CREATE TEMP TABLE sd_merged AS
    SELECT ${key.map((c) => `d.${q(c)}`).join(', ')}, ${mergeSelect}
    FROM ${table} t JOIN sd_dup d ON t.ctid = d.sd_rid
    GROUP BY ${key.map((c) => `d.${q(c)}`).join(', ')};`);
  }
  body.push(`  DELETE FROM ${table} t USING sd_dup d WHERE t.ctid = d.sd_rid AND d.sd_rn > 1;`, notice(`duplicate rows deleted from ${table}`));
  if (merged.length > 0) {
    body.push(`  UPDATE ${table} t SET ${merged.map(([c]) => `${q(c)} = m.${q(c)}`).join(', ')}
    FROM sd_dup d, sd_merged m
    WHERE t.ctid = d.sd_rid AND d.sd_rn = 1 AND ${match('d', 'm')};`);
    body.push(`  DROP TABLE pg_temp.sd_merged;`);
  }
  body.push(`  DROP TABLE pg_temp.sd_dup;`);
  return doBlock(`  DECLARE n bigint;\n  BEGIN\n${body.join('\n')}\n  END;`);
}

/**
 * Rekey duplicate groups on a single key column: nothing is deleted. In each group the first row in physical order
 * (lowest ctid) keeps its key; every other row is archived, then gets a fresh value from the column's own default
 * (`SET col = DEFAULT`: nextval of its sequence, or its identity, also GENERATED ALWAYS). Under the lock it checks
 * again that no foreign key points at the column (adding one needs a lock that conflicts with ours), and afterwards
 * that the fresh values collide with no existing key (a sequence behind the column's largest value).
 */
export function rekeySql(table: string, key: string, recheck = false): string {
  const k = `t.${q(key)}`;
  return doBlock(`  DECLARE n bigint; refs text;
  BEGIN
  LOCK TABLE ${table} IN SHARE ROW EXCLUSIVE MODE;
  DROP TABLE IF EXISTS pg_temp.sd_dup;
  CREATE TEMP TABLE sd_dup AS
    SELECT t.ctid AS sd_rid, ${k}, row_number() OVER (PARTITION BY ${k} ORDER BY t.ctid) AS sd_rn
    FROM ${table} t
    JOIN (SELECT ${k} FROM ${table} t WHERE ${k} IS NOT NULL GROUP BY ${k} HAVING count(*) > 1) g ON t.${q(key)} = g.${q(key)};${onlyInDegradedMode(
      recheck,
      'SELECT count(*) INTO n FROM pg_temp.sd_dup WHERE sd_rn = 1;',
      `duplicate group(s) on (${key}) of ${table}`,
    )}
  IF EXISTS (SELECT 1 FROM pg_temp.sd_dup) THEN
    SELECT string_agg(DISTINCT c.conrelid::regclass::text, ', ') INTO refs
    FROM pg_catalog.pg_constraint c
    WHERE c.contype = 'f' AND c.confrelid = ${lit(table)}::regclass
      AND (SELECT a.attnum FROM pg_catalog.pg_attribute a WHERE a.attrelid = ${lit(table)}::regclass AND a.attname = ${lit(key)}) = ANY (c.confkey);
    IF refs IS NOT NULL THEN
      RAISE EXCEPTION 'schema-doctor: cannot rekey ${table.replace(/'/g, "''").replace(/%/g, '%%')} (${key.replace(/'/g, "''").replace(/%/g, '%%')}): referenced by a foreign key of %', refs;
    END IF;
  END IF;
  ${archive(table, `duplicate on (${key}): rekeyed (new ${key} from the column default)`, `FROM ${table} t JOIN sd_dup d ON t.ctid = d.sd_rid WHERE d.sd_rn > 1`)}
  UPDATE ${table} t SET ${q(key)} = DEFAULT FROM sd_dup d WHERE t.ctid = d.sd_rid AND d.sd_rn > 1;
${notice(`duplicate rows rekeyed in ${table}`)}
  IF n > 0 AND EXISTS (SELECT 1 FROM ${table} t WHERE ${k} IS NOT NULL GROUP BY ${k} HAVING count(*) > 1) THEN
    RAISE EXCEPTION 'schema-doctor: fresh values from the default of ${table.replace(/'/g, "''").replace(/%/g, '%%')}.${key.replace(/'/g, "''").replace(/%/g, '%%')} collide with existing keys'
      USING HINT = 'Move its sequence past the largest value (setval), then apply again.';
  END IF;
  DROP TABLE pg_temp.sd_dup;
  END;`);
}

/** Rows whose foreign key finds no parent: set the key columns to NULL, or delete the rows (archived first). */
export function orphansSql(table: string, columns: string[], refTable: string, refColumns: string[], matchFull: boolean, action: 'set-null' | 'delete', recheck = false): string {
  const join = columns.map((c, i) => `p.${q(refColumns[i]!)} = t.${q(c)}`).join(' AND ');
  const notNull = columns.map((c) => `t.${q(c)} IS NOT NULL`).join(' AND ');
  let cond = `(${notNull} AND NOT EXISTS (SELECT 1 FROM ${refTable} p WHERE ${join}))`;
  if (matchFull && columns.length > 1) cond += ` OR (num_nulls(${columns.map((c) => `t.${q(c)}`).join(', ')}) BETWEEN 1 AND ${columns.length - 1})`;
  const change = action === 'delete' ? `DELETE FROM ${table} t WHERE ${cond};` : `UPDATE ${table} t SET ${columns.map((c) => `${q(c)} = NULL`).join(', ')} WHERE ${cond};`;
  return doBlock(`  DECLARE n bigint;
  BEGIN
  LOCK TABLE ${table} IN SHARE ROW EXCLUSIVE MODE;${onlyInDegradedMode(recheck, `SELECT count(*) INTO n FROM ${table} t WHERE ${cond};`, `orphan row(s) of ${table} without a row in ${refTable}`)}
  ${archive(table, `orphan on (${columns.join(', ')}) → ${refTable}: ${action}`, `FROM ${table} t WHERE ${cond}`)}
  ${change}
${notice(`orphan rows ${action === 'delete' ? 'deleted' : 'set to NULL'} in ${table}`)}
  END;`);
}

/** Fill NULLs of a column with the policy's expression (rows archived first). */
export function fillNullsSql(table: string, column: string, expression: string, recheck = false): string {
  return doBlock(`  DECLARE n bigint;
  BEGIN
  LOCK TABLE ${table} IN SHARE ROW EXCLUSIVE MODE;${onlyInDegradedMode(recheck, `SELECT count(*) INTO n FROM ${table} t WHERE t.${q(column)} IS NULL;`, `row(s) with NULL in ${table}.${q(column)}`)}
  ${archive(table, `NULL ${column} filled by policy`, `FROM ${table} t WHERE t.${q(column)} IS NULL`)}
  UPDATE ${table} t SET ${q(column)} = (${expression}) WHERE t.${q(column)} IS NULL;
${notice(`NULLs filled in ${table}.${column}`)}
  END;`);
}
