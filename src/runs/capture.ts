import type pg from 'pg';

/** A table as it was before a run: what `restore` needs to put it back and to verify it. */
export interface TableState {
  rows: number;
  /** Primary key columns (empty without one). */
  pk: string[];
  columns: { name: string; type: string; notNull: boolean; default: string | null }[];
  /** Constraint names with their type letter (`p`, `u`, `f`, `c`, `x`). */
  constraints: { name: string; type: string }[];
  /** Unique indexes not backing a constraint, as qualified names. */
  uniqueIndexes: string[];
}

export type TablesState = Record<string, TableState>;

/** What a run added on the tables it touched. */
export interface AddedObject {
  kind: 'constraint' | 'index' | 'not_null';
  table: string;
  /** Constraint name, qualified index name, or column name. */
  name: string;
  /** For a constraint: its type letter. */
  type?: string;
}

/** The state of each of these tables that exists (keys are quoted, qualified names as in finding ids). */
export async function captureTables(client: pg.Client, tables: string[]): Promise<TablesState> {
  const out: TablesState = {};
  for (const t of [...new Set(tables)].sort()) {
    const { rows } = await client.query<{ oid: string | null }>('SELECT to_regclass($1)::oid::text AS oid', [t]);
    const oid = rows[0]?.oid;
    if (!oid) continue;
    const kind = (await client.query<{ relkind: string }>('SELECT relkind FROM pg_catalog.pg_class WHERE oid = $1::oid', [oid])).rows[0]?.relkind;
    if (kind !== 'r' && kind !== 'p') continue;
    const count = (await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${t}`)).rows[0]!.n;
    const columns = (
      await client.query<{ name: string; type: string; not_null: boolean; def: string | null }>(
        `SELECT a.attname AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
              pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS def
       FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
        [oid],
      )
    ).rows;
    const constraints = (
      await client.query<{ name: string; type: string; pk: string[] | null }>(
        `SELECT c.conname AS name, c.contype::text AS type,
              CASE WHEN c.contype = 'p' THEN ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                                                   JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) END AS pk
       FROM pg_catalog.pg_constraint c WHERE c.conrelid = $1::oid ORDER BY 1`,
        [oid],
      )
    ).rows;
    const indexes = (
      await client.query<{ name: string }>(
        `SELECT format('%I.%I', n.nspname, x.relname) AS name FROM pg_catalog.pg_index i
       JOIN pg_catalog.pg_class x ON x.oid = i.indexrelid JOIN pg_catalog.pg_namespace n ON n.oid = x.relnamespace
       WHERE i.indrelid = $1::oid AND i.indisunique
         AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
       ORDER BY 1`,
        [oid],
      )
    ).rows;
    out[t] = {
      rows: Number(count),
      pk: constraints.find((c) => c.type === 'p')?.pk ?? [],
      columns: columns.map((c) => ({ name: c.name, type: c.type, notNull: c.not_null, default: c.def })),
      constraints: constraints.map((c) => ({ name: c.name, type: c.type })),
      uniqueIndexes: indexes.map((i) => i.name),
    };
  }
  return out;
}

/** Pure: what `after` has on each table that `before` did not. */
export function addedObjects(before: TablesState, after: TablesState): AddedObject[] {
  const added: AddedObject[] = [];
  for (const [table, b] of Object.entries(before)) {
    const a = after[table];
    if (!a) continue;
    for (const c of a.constraints) if (!b.constraints.some((x) => x.name === c.name)) added.push({ kind: 'constraint', table, name: c.name, type: c.type });
    for (const i of a.uniqueIndexes) if (!b.uniqueIndexes.includes(i)) added.push({ kind: 'index', table, name: i });
    for (const c of a.columns) {
      const was = b.columns.find((x) => x.name === c.name);
      if (was && !was.notNull && c.notNull) added.push({ kind: 'not_null', table, name: c.name });
    }
  }
  return added;
}
