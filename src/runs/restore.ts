import { quoteIdent as q, quoteLiteral as lit } from '../model/ident.js';
import type { ArchiveGroup, RunRecord } from './history.js';

/**
 * Pure core of `restore`: from what a run recorded (its steps, its archive, the state of its tables before it ran)
 * and the columns the tables have now, the ordered SQL that undoes it. The shell runs it in one transaction.
 */
export interface RestoreAction {
  id: string;
  summary: string;
  table: string;
  sql: string;
}

export interface RestoreInput {
  run: RunRecord;
  /** The run's archive, grouped by (table, reason), in the order the run wrote them. */
  archive: ArchiveGroup[];
  /** Columns each table has now (or will have once its pruned table is moved back), without generated ones. */
  columnsNow: Record<string, string[]>;
  /** What the run recorded in schema_doctor.dropped_objects. */
  dropped?: DroppedObject[];
}

export interface DroppedObject {
  object_type: string;
  object: string;
  definition: string;
}

/** Dependency order of re-creation (docs/restore.md#dropped-objects). Domains are left out: their text does not run. */
const RECREATE_ORDER = [
  'schema',
  'extension',
  'collation',
  'enum',
  'composite type',
  'range type',
  'sequence',
  'function',
  'procedure',
  'view',
  'materialized view',
  'constraint',
  'index',
  'trigger',
  'rule',
  'policy',
];

/** Pure: the statement that re-creates a dropped object from its recorded definition, or undefined (a domain). */
export function recreateSql(d: DroppedObject): string | undefined {
  switch (d.object_type) {
    case 'view':
      return `CREATE VIEW ${d.object} AS ${d.definition.replace(/;\s*$/, '')};`;
    case 'materialized view':
      return `CREATE MATERIALIZED VIEW ${d.object} AS ${d.definition.replace(/;\s*$/, '')};`;
    case 'enum':
      return `CREATE TYPE ${d.object} AS ENUM (${d.definition});`;
    // A sequence a pruned table took along comes back with the table.
    case 'sequence':
      return `DO $sd$ BEGIN IF to_regclass(${lit(d.object)}) IS NULL THEN EXECUTE ${lit(`CREATE SEQUENCE ${d.object} ${d.definition}`)}; END IF; END $sd$;`;
    default:
      return RECREATE_ORDER.includes(d.object_type) ? `${d.definition.replace(/;\s*$/, '')};` : undefined;
  }
}

export interface RestorePlan {
  actions: RestoreAction[];
  /** Dropped objects restore does not re-create (domains, kinds it does not know). */
  notRecreated: DroppedObject[];
  /** The tables whose row counts must equal those before the run. */
  tables: string[];
}

/** `public."Foo"` → [`public`, `Foo`]. */
export function splitQualified(key: string): [string, string] {
  const parts: string[] = [];
  let i = 0;
  while (i < key.length) {
    if (key[i] === '"') {
      let j = i + 1;
      let s = '';
      while (j < key.length) {
        if (key[j] === '"' && key[j + 1] === '"') {
          s += '"';
          j += 2;
          continue;
        }
        if (key[j] === '"') break;
        s += key[j++];
      }
      parts.push(s);
      i = j + 1;
    } else {
      const j = key.indexOf('.', i);
      parts.push(key.slice(i, j < 0 ? key.length : j));
      i = j < 0 ? key.length : j;
    }
    if (key[i] === '.') i++;
  }
  return [parts[0] ?? 'public', parts[1] ?? parts[0] ?? key];
}

/** The tables a run moved into schema_doctor (--prune), from its applied steps. */
export function prunedTables(run: RunRecord): string[] {
  return (run.steps ?? [])
    .filter((s) => s.status === 'applied')
    .map((s) => /^move table (.+) into schema_doctor /.exec(s.summary)?.[1])
    .filter((t): t is string => t !== undefined);
}

/** The name prune-steps.ts gave a pruned table: `<name>__<run id, - as _>`, cut at 63 characters. */
export function archivedTableName(name: string, runId: string): string {
  return `${name}__${runId.replace(/-/g, '_')}`.slice(0, 63);
}

type Kind =
  | { kind: 'dedupe'; key: string[] }
  | { kind: 'rekey'; key: string }
  | { kind: 'orphan-delete' }
  | { kind: 'orphan-set-null'; columns: string[] }
  | { kind: 'nulls'; column: string }
  | { kind: 'pruned-column'; column: string };

/** What step wrote an archive group, from its reason (the texts of src/plan/steps/data.ts and prune-steps.ts). */
export function kindOf(reason: string): Kind | undefined {
  let m = /^duplicate on \((.*)\): merged into one row/.exec(reason);
  if (m) return { kind: 'dedupe', key: m[1]!.split(', ') };
  m = /^duplicate on \((.*)\): rekeyed \(/.exec(reason);
  if (m) return { kind: 'rekey', key: m[1]! };
  m = /^orphan on \((.*)\) → .*: (delete|set-null)$/.exec(reason);
  if (m) return m[2] === 'delete' ? { kind: 'orphan-delete' } : { kind: 'orphan-set-null', columns: m[1]!.split(', ') };
  m = /^NULL (.*) filled by policy$/.exec(reason);
  if (m) return { kind: 'nulls', column: m[1]! };
  m = /^pruned column (.*)$/.exec(reason);
  if (m) return { kind: 'pruned-column', column: m[1]! };
  return undefined;
}

export class RestoreUnsupported extends Error {}

export function planRestore({ run, archive, columnsNow, dropped = [] }: RestoreInput): RestorePlan {
  const actions: RestoreAction[] = [];
  const add = (table: string, summary: string, sql: string) => actions.push({ id: String(actions.length + 1).padStart(3, '0'), summary, table, sql });
  const tables = new Set<string>();
  const before = run.before_state ?? {};
  const from = (table: string, reason: string) =>
    `FROM schema_doctor.archive a, LATERAL pg_catalog.jsonb_populate_record(NULL::${table}, a.row_data) r
     WHERE a.run_id = ${lit(run.run_id)} AND a.table_name = ${lit(table)} AND a.reason = ${lit(reason)}`;

  // 1. Pruned tables come back first (the prune phase ran last).
  for (const key of prunedTables(run)) {
    const [schema, name] = splitQualified(key);
    const archived = archivedTableName(name, run.run_id);
    tables.add(key);
    add(
      key,
      `move table ${key} back from schema_doctor.${q(archived)}`,
      `ALTER TABLE schema_doctor.${q(archived)} SET SCHEMA ${q(schema)};\nALTER TABLE ${q(schema)}.${q(archived)} RENAME TO ${q(name)};`,
    );
  }

  const groups = archive.map((g) => ({ ...g, k: kindOf(g.reason) }));
  const unknown = groups.find((g) => g.k === undefined);
  if (unknown) throw new RestoreUnsupported(`archive rows of ${unknown.table_name} with reason "${unknown.reason}" were not written by a step restore knows`);
  for (const g of groups) tables.add(g.table_name);

  // 2. What the run added on the tables whose rows come back: the restored rows would violate it.
  const restored = new Set(groups.map((g) => g.table_name));
  const added = (run.added_objects ?? []).filter((o) => restored.has(o.table));
  const order = (o: { kind: string; type?: string }) => (o.kind === 'constraint' ? (o.type === 'f' ? 0 : 1) : o.kind === 'index' ? 2 : 3);
  for (const o of [...added].sort((a, b) => order(a) - order(b))) {
    if (o.kind === 'constraint' && !['p', 'u', 'x', 'f'].includes(o.type ?? '')) continue;
    if (o.kind === 'constraint') add(o.table, `drop constraint ${q(o.name)} on ${o.table} (added by the run)`, `ALTER TABLE ${o.table} DROP CONSTRAINT IF EXISTS ${q(o.name)};`);
    else if (o.kind === 'index') add(o.table, `drop unique index ${o.name} (added by the run)`, `DROP INDEX IF EXISTS ${o.name};`);
    else add(o.table, `drop NOT NULL on ${o.table}.${q(o.name)} (added by the run)`, `ALTER TABLE ${o.table} ALTER COLUMN ${q(o.name)} DROP NOT NULL;`);
  }

  // 3. The archive, last written first.
  for (const g of [...groups].reverse()) {
    const t = g.table_name;
    const k = g.k!;
    const cols = columnsNow[t];
    if (!cols) throw new RestoreUnsupported(`table ${t} no longer exists`);
    const list = (p: string) => cols.map((c) => `${p}${q(c)}`).join(', ');
    const insert = `INSERT INTO ${t} (${list('')}) OVERRIDING SYSTEM VALUE\n  SELECT ${list('r.')}\n  ${from(t, g.reason)}\n  ORDER BY a.id;`;
    const pk = before[t]?.pk ?? [];
    const matchOn = (changed: string[]) => {
      const keyCols = pk.length > 0 ? pk : cols.filter((c) => !changed.includes(c));
      return keyCols.map((c) => `t.${q(c)} IS NOT DISTINCT FROM r.${q(c)}`).join(' AND ');
    };
    if (k.kind === 'dedupe') {
      const key = k.key;
      add(
        t,
        `put back the ${g.rows} rows of the merged duplicate groups of ${t}`,
        `DELETE FROM ${t} t USING (SELECT DISTINCT ${key.map((c) => `r.${q(c)}`).join(', ')}\n  ${from(t, g.reason)}) r\n  WHERE ${key.map((c) => `t.${q(c)} IS NOT DISTINCT FROM r.${q(c)}`).join(' AND ')};\n${insert}`,
      );
    } else if (k.kind === 'rekey') {
      // rekey changed only the key of the rows it archived: find each by its other columns, give it its old key.
      // Rows that are equal in every other column get one of their group's old keys each (docs/restore.md, Limits).
      const key = q(k.key);
      add(
        t,
        `give the ${g.rows} rekeyed rows of ${t} their old ${k.key}`,
        `UPDATE ${t} t SET ${key} = r.${key}\n  ${from(t, g.reason)}\n  AND (pg_catalog.to_jsonb(t.*) - ${lit(k.key)}) = (a.row_data - ${lit(k.key)});`,
      );
    } else if (k.kind === 'orphan-delete') {
      add(t, `re-insert the ${g.rows} deleted orphan rows of ${t}`, insert);
    } else if (k.kind === 'orphan-set-null' || k.kind === 'nulls') {
      const changed = k.kind === 'nulls' ? [k.column] : k.columns;
      add(
        t,
        `give the ${g.rows} rewritten rows of ${t} their old ${changed.join(', ')}`,
        `UPDATE ${t} t SET ${changed.map((c) => `${q(c)} = r.${q(c)}`).join(', ')}\n  ${from(t, g.reason)}\n  AND ${matchOn(changed)};`,
      );
    } else {
      const col = before[t]?.columns.find((c) => c.name === k.column);
      if (!col) throw new RestoreUnsupported(`the run did not record the type of the pruned column ${t}.${q(k.column)} (it was made by an older schema-doctor)`);
      const keyed = `FROM schema_doctor.archive a
     WHERE a.run_id = ${lit(run.run_id)} AND a.table_name = ${lit(t)} AND a.reason = ${lit(g.reason)}`;
      const match =
        pk.length > 0
          ? `jsonb_typeof(a.row_data -> 'key') = 'object' AND ${pk.map((c) => `t.${q(c)} = (pg_catalog.jsonb_populate_record(NULL::${t}, a.row_data -> 'key')).${q(c)}`).join(' AND ')}`
          : `t.ctid = (a.row_data ->> 'key')::tid`;
      add(
        t,
        `re-create column ${t}.${q(k.column)} ${col.type} with its ${g.rows} values`,
        [
          `ALTER TABLE ${t} ADD COLUMN ${q(k.column)} ${col.type};`,
          `UPDATE ${t} t SET ${q(k.column)} = (pg_catalog.jsonb_populate_record(NULL::${t}, jsonb_build_object(a.row_data ->> 'column', a.row_data -> 'value'))).${q(k.column)}\n  ${keyed}\n  AND ${match};`,
          ...(col.default !== null ? [`ALTER TABLE ${t} ALTER COLUMN ${q(k.column)} SET DEFAULT ${col.default};`] : []),
          ...(col.notNull ? [`ALTER TABLE ${t} ALTER COLUMN ${q(k.column)} SET NOT NULL;`] : []),
        ].join('\n'),
      );
      // Columns after this one (restored later in this loop) see it: the archive of earlier steps has it.
      cols.push(k.column);
    }
  }
  // 4. The other objects the prune dropped, in dependency order, once their tables and columns are back.
  const notRecreated: DroppedObject[] = [];
  const rank = (d: DroppedObject) => {
    const i = RECREATE_ORDER.indexOf(d.object_type);
    return i < 0 ? RECREATE_ORDER.length : i;
  };
  for (const d of [...dropped].sort((a, b) => rank(a) - rank(b))) {
    const sql = recreateSql(d);
    if (sql === undefined) notRecreated.push(d);
    else add(d.object, `re-create ${d.object_type} ${d.object}`, sql);
  }
  return { actions, notRecreated, tables: [...tables].sort() };
}

/** Pure: the later runs that touched one of these tables and are not undone (restore must not overwrite their work). */
export function laterRunsInTheWay(run: RunRecord, all: RunRecord[], tables: string[]): RunRecord[] {
  // A run none of whose steps was applied (rolled back) changed nothing.
  return all.filter(
    (r) =>
      r.run_id !== run.run_id &&
      !r.dry_run &&
      !r.restored_by &&
      !r.restores &&
      (r.steps ?? []).some((s) => s.status === 'applied') &&
      (Date.parse(r.started_at) > Date.parse(run.started_at) || (r.started_at === run.started_at && r.run_id > run.run_id)) &&
      (r.tables == null || r.tables.some((t) => tables.includes(t))),
  );
}
