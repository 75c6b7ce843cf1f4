import type { ColumnDef, RuleDef, TableDef } from '../../model/types.js';
import { doBlock, lit, q } from '../sql-util.js';
import { draft, PHASE, type StepDraft } from './draft.js';
import { node } from '../graph/keys.js';

/**
 * Physical properties: column storage, compression and statistics target, storage parameters, replica identity.
 * Every repair here is in place (no rewrite, no data touched): existing values keep their form until rewritten.
 */

const STORAGE_OF_TYPE = `CASE t.typstorage WHEN 'p' THEN 'PLAIN' WHEN 'e' THEN 'EXTERNAL' WHEN 'm' THEN 'MAIN' ELSE 'EXTENDED' END`;

/**
 * SET STORAGE. Back to the type's default: PostgreSQL 16 has `SET STORAGE DEFAULT`, older majors do not, so the
 * type's typstorage is read at run time.
 */
export function columnStorage(ids: string[], key: string, c: ColumnDef): StepDraft {
  const col = q(c.name);
  const sql =
    c.storage !== undefined
      ? `ALTER TABLE ${key} ALTER COLUMN ${col} SET STORAGE ${c.storage.toUpperCase()};`
      : doBlock(`  EXECUTE pg_catalog.format('ALTER TABLE %s ALTER COLUMN %I SET STORAGE %s', ${lit(key)}, ${lit(c.name)},
    (SELECT ${STORAGE_OF_TYPE} FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
     WHERE a.attrelid = ${lit(key)}::regclass AND a.attname = ${lit(c.name)}));`);
  return draft(PHASE.columns + 0.5, ids, `set storage of ${key}.${col} to ${c.storage ?? 'the type default'}`, sql, {
    table: key,
    lock: 'ACCESS EXCLUSIVE',
    graph: { needs: [node.column(key, c.name)] },
  });
}

export function columnCompression(ids: string[], key: string, c: ColumnDef): StepDraft {
  const col = q(c.name);
  return draft(PHASE.columns + 0.5, ids, `set compression of ${key}.${col} to ${c.compression ?? 'default'}`, `ALTER TABLE ${key} ALTER COLUMN ${col} SET COMPRESSION ${c.compression ?? 'default'};`, {
    table: key,
    lock: 'ACCESS EXCLUSIVE',
    graph: { needs: [node.column(key, c.name)] },
  });
}

export function columnStatistics(ids: string[], key: string, c: ColumnDef): StepDraft {
  const col = q(c.name);
  return draft(PHASE.columns + 0.5, ids, `set statistics target of ${key}.${col} to ${c.statistics ?? 'the default'}`, `ALTER TABLE ${key} ALTER COLUMN ${col} SET STATISTICS ${c.statistics ?? -1};`, {
    table: key,
    lock: 'SHARE UPDATE EXCLUSIVE',
    graph: { needs: [node.column(key, c.name)] },
  });
}

/** The column properties a CREATE TABLE or ADD COLUMN does not set: storage, compression, statistics target. */
export function columnPhysicalSql(key: string, c: ColumnDef): string[] {
  const col = q(c.name);
  return [
    ...(c.storage !== undefined ? [`ALTER TABLE ${key} ALTER COLUMN ${col} SET STORAGE ${c.storage.toUpperCase()};`] : []),
    ...(c.compression !== undefined ? [`ALTER TABLE ${key} ALTER COLUMN ${col} SET COMPRESSION ${c.compression};`] : []),
    ...(c.statistics !== undefined ? [`ALTER TABLE ${key} ALTER COLUMN ${col} SET STATISTICS ${c.statistics};`] : []),
  ];
}

/** `fillfactor=70` → [`fillfactor`, `70`]. */
function splitOption(o: string): [string, string] {
  const i = o.indexOf('=');
  return i < 0 ? [o, 'true'] : [o.slice(0, i), o.slice(i + 1)];
}

/** `toast.autovacuum_enabled` → each part quoted as needed (a manifest's text is never spliced in as SQL). */
function optionName(k: string): string {
  const dot = k.indexOf('.');
  return dot < 0 ? q(k) : `${q(k.slice(0, dot))}.${q(k.slice(dot + 1))}`;
}

/** `SET (a = '1', toast.b = '2')` and `RESET (c)`: the statements that take `live` options to `want`. */
export function optionsSql(what: string, key: string, want: string[] | undefined, live: string[] | undefined): string[] {
  const w = new Map((want ?? []).map(splitOption));
  const l = new Map((live ?? []).map(splitOption));
  const set = [...w].filter(([k, v]) => l.get(k) !== v).map(([k, v]) => `${optionName(k)} = ${lit(v)}`);
  const reset = [...l.keys()].filter((k) => !w.has(k)).map(optionName);
  return [...(reset.length > 0 ? [`ALTER ${what} ${key} RESET (${reset.join(', ')});`] : []), ...(set.length > 0 ? [`ALTER ${what} ${key} SET (${set.join(', ')});`] : [])];
}

/** Storage parameters of a table (and its TOAST table): SHARE UPDATE EXCLUSIVE for fillfactor, autovacuum and toast ones. */
export function tableOptions(id: string, key: string, e: TableDef, a: TableDef): StepDraft[] {
  const sql = optionsSql('TABLE', key, e.options, a.options);
  if (sql.length === 0) return [];
  return [draft(PHASE.tables, [id], `set storage parameters of ${key}`, sql.join('\n'), { table: key, lock: 'SHARE UPDATE EXCLUSIVE', graph: { needs: [node.rel(key)] } })];
}

export function replicaIdentitySql(key: string, t: TableDef): string {
  const how = t.replicaIdentity === 'index' ? `USING INDEX ${q(t.replicaIdentityIndex ?? '')}` : (t.replicaIdentity ?? 'default').toUpperCase();
  return `ALTER TABLE ${key} REPLICA IDENTITY ${how};`;
}

/** After the index it names exists (the index phase, or the concurrent build of a large table's index). */
export function replicaIdentity(id: string, key: string, t: TableDef): StepDraft {
  const needs = [node.rel(key), ...(t.replicaIdentity === 'index' && t.replicaIdentityIndex ? [node.index(key, t.replicaIdentityIndex)] : [])];
  return draft(PHASE.indexes + 0.5, [id], `set replica identity of ${key}`, replicaIdentitySql(key, t), { table: key, lock: 'ACCESS EXCLUSIVE', graph: { needs } });
}

/**
 * CREATE OR REPLACE RULE, then its enabled state (tables only: ALTER TABLE does not take a view). After the
 * tables, columns and views it reads exist.
 */
export function createRule(id: string, key: string, r: RuleDef, onTable: boolean, phase: number = PHASE.triggers): StepDraft {
  const enabled = r.enabled === 'disabled' ? 'DISABLE' : r.enabled === 'replica' ? 'ENABLE REPLICA' : r.enabled === 'always' ? 'ENABLE ALWAYS' : 'ENABLE';
  const sql = `${r.definition.replace(/^CREATE RULE /, 'CREATE OR REPLACE RULE ')};${onTable ? `\nALTER TABLE ${key} ${enabled} RULE ${q(r.name)};` : ''}${
    r.comment !== undefined ? `\nCOMMENT ON RULE ${q(r.name)} ON ${key} IS ${lit(r.comment)};` : ''
  }`;
  return draft(phase, [id], `create rule ${q(r.name)} on ${key}`, sql, { table: key, lock: 'ACCESS EXCLUSIVE', graph: { creates: [node.rule(key, r.name)] } });
}

export function dropRule(id: string, key: string, name: string, why: string): StepDraft {
  return draft(PHASE.dependentDrops, [id], `drop rule ${q(name)} on ${key} (${why})`, `DROP RULE IF EXISTS ${q(name)} ON ${key};`, {
    table: key,
    lock: 'ACCESS EXCLUSIVE',
    graph: { drops: [node.rule(key, name)] },
  });
}
