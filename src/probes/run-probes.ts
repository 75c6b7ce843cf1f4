import type { Blocker, BlockerKind, Finding } from '../diff/finding.js';
import type { Queryable } from '../catalog/queryable.js';
import type { ConstraintDef, SchemaModel, TableDef } from '../model/types.js';
import { indexKeyColumn, quoteIdent } from '../model/ident.js';
import { checkViolationsSql, duplicatesSql, exclusionConflictsSql, expressionDuplicatesSql, nullsSql, orphansSql, rowsSql } from './probe-sql.js';
import { parseExclusion } from './exclusion-def.js';

export interface ProbeOptions {
  /** Per-probe statement timeout in milliseconds. */
  timeoutMs: number;
  onProgress?: (done: number, total: number) => void;
}

interface PlannedProbe {
  finding: Finding;
  kind: BlockerKind;
  target: string;
  sql?: string;
  /** Set when the probe cannot be run at all (e.g. a key column is missing). */
  unknown?: string;
}

/**
 * Measures, for each finding whose repair could be blocked by existing rows, how many rows block it. All probes run
 * in one READ ONLY transaction; each in a savepoint with its own statement timeout, so a timeout or a missing
 * privilege makes that probe "unknown" (never zero) and the others still run.
 */
export async function runProbes(db: Queryable, findings: Finding[], expected: SchemaModel, actual: SchemaModel, options: ProbeOptions): Promise<void> {
  const planned = findings.flatMap((f) => planProbes(f, expected, actual));
  if (planned.length === 0) return;
  await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await db.query('SET LOCAL search_path = pg_catalog');
    let done = 0;
    for (const p of planned) {
      const blocker = await runOne(db, p, options.timeoutMs);
      if (blocker) (p.finding.blockers ??= []).push(blocker);
      options.onProgress?.(++done, planned.length);
    }
  } finally {
    await db.query('ROLLBACK').catch(() => undefined);
  }
}

async function runOne(db: Queryable, p: PlannedProbe, timeoutMs: number): Promise<Blocker | undefined> {
  const base = { kind: p.kind, target: p.target };
  if (p.sql === undefined) return { ...base, status: 'unknown', reason: p.unknown ?? 'cannot probe' };
  await db.query('SAVEPOINT probe');
  try {
    await db.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(timeoutMs))}`);
    // A GROUP BY over a nearly unique key gains nothing from parallel partial aggregation and groups every row
    // twice; measured in bench/RESULTS.md, one process uses about half the CPU for the same wall time.
    if (p.kind === 'duplicates') await db.query('SET LOCAL max_parallel_workers_per_gather = 0');
    const { rows } = await db.query<{ count: string; surplus?: string | null; sample: unknown[] | null }>(p.sql);
    await db.query('RELEASE SAVEPOINT probe');
    const r = rows[0]!;
    const count = Number(r.count);
    return {
      ...base,
      status: 'ok',
      count,
      ...(r.surplus != null && { surplusRows: Number(r.surplus) }),
      ...(count > 0 && r.sample && { sample: r.sample }),
    };
  } catch (err) {
    await db.query('ROLLBACK TO SAVEPOINT probe').catch(() => undefined);
    const e = err as { code?: string; message?: string };
    // A CHECK over a column that does not exist yet: no existing row can violate it.
    if (e.code === '42703') return undefined;
    const reason = e.code === '57014' ? `timeout after ${timeoutMs} ms` : e.code === '42501' ? `no privilege: ${e.message}` : `probe failed: ${e.message}`;
    return { ...base, status: 'unknown', reason };
  }
}

function tableOf(f: Finding, model: SchemaModel): TableDef | undefined {
  return f.table !== undefined ? model.tables[f.table] : undefined;
}

function constraintName(f: Finding, table: string): string {
  // Finding.object is `${tableKey}.${quoteIdent(name)}`; the model keys constraints by raw name.
  const quoted = f.object.slice(table.length + 1);
  return quoted.startsWith('"') ? quoted.slice(1, -1).replace(/""/g, '"') : quoted;
}

function keyColumnsOf(t: TableDef): string[] {
  return Object.values(t.constraints).find((c) => c.type === 'primary_key')?.columns ?? [];
}

/** Which probes a finding needs, if any. Columns the probe reads must exist in the live table. */
export function planProbes(f: Finding, expected: SchemaModel, actual: SchemaModel): PlannedProbe[] {
  const et = tableOf(f, expected);
  const at = tableOf(f, actual);
  if (!et || !at || f.table === undefined) return [];
  const table = f.table;
  const has = (cols: string[]) => cols.every((c) => at.columns.some((ac) => ac.name === c));
  const probes: PlannedProbe[] = [];
  // A key column that does not exist yet holds no data to block anything: its own missing_column finding
  // carries the probe that matters (a NOT NULL column without a default on a non-empty table).
  const add = (kind: BlockerKind, target: string, cols: string[], sql: () => string) => {
    if (has(cols)) probes.push({ finding: f, kind, target, sql: sql() });
  };

  const constraintProbes = (c: ConstraintDef) => {
    if (c.type === 'primary_key' || c.type === 'unique') {
      add('duplicates', c.definition, c.columns, () => duplicatesSql(table, c.columns, !!c.nullsNotDistinct));
      if (c.type === 'primary_key') {
        for (const col of c.columns) {
          if (!at.columns.find((x) => x.name === col)?.notNull) add('nulls', `${quoteIdent(col)} IS NULL`, [col], () => nullsSql(table, col, []));
        }
      }
    } else if (c.type === 'foreign_key' && c.references) {
      const refTable = c.references.table;
      const ref = actual.tables[refTable];
      const refMissing = ref ? c.references.columns.filter((col) => !ref.columns.some((rc) => rc.name === col)) : [];
      if (!ref) probes.push({ finding: f, kind: 'orphans', target: c.definition, unknown: `referenced table ${refTable} is missing` });
      else if (refMissing.length > 0) {
        probes.push({ finding: f, kind: 'orphans', target: c.definition, unknown: `referenced column ${refMissing.map(quoteIdent).join(', ')} of ${refTable} is missing` });
      } else add('orphans', c.definition, c.columns, () => orphansSql(table, c.columns, refTable, c.references!.columns, c.references!.match === 'full'));
    } else if (c.type === 'check' && c.expression !== undefined) {
      const expr = c.expression;
      probes.push({ finding: f, kind: 'check_violations', target: c.definition, sql: checkViolationsSql(table, expr, keyColumnsOf(at)) });
    } else if (c.type === 'exclusion') {
      // Columns of expression elements are not in c.columns: a missing one makes the probe fail with 42703,
      // which runOne takes as "no row can conflict yet", as for a CHECK.
      const parsed = parseExclusion(c.definition);
      if (!parsed) probes.push({ finding: f, kind: 'exclusion_conflicts', target: c.definition, unknown: 'the exclusion constraint definition was not understood' });
      else add('exclusion_conflicts', c.definition, c.columns, () => exclusionConflictsSql(table, parsed.elements, parsed.predicate, keyColumnsOf(at)));
    }
  };

  switch (f.kind) {
    case 'missing_primary_key':
    case 'missing_constraint':
    case 'constraint_not_valid':
    case 'constraint_differs': {
      const c = et.constraints[constraintName(f, table)];
      if (c) constraintProbes(c);
      break;
    }
    case 'missing_index':
    case 'index_invalid':
    case 'index_differs': {
      const i = et.indexes?.[constraintName(f, table)];
      if (!i?.unique) break;
      const nnd = / NULLS NOT DISTINCT/.test(i.definition);
      const plainColumns = i.columns.map(indexKeyColumn);
      const target = `UNIQUE INDEX ${quoteIdent(i.name)} (${i.columns.join(', ')})${i.predicate !== undefined ? ` WHERE ${i.predicate}` : ''}`;
      if (i.predicate === undefined && plainColumns.every((c) => c !== undefined)) {
        add('duplicates', target, plainColumns as string[], () => duplicatesSql(table, plainColumns as string[], nnd));
      } else {
        // Expression keys and partial indexes: group by the index's own key expressions over the rows its predicate
        // selects. The plain columns among the keys must exist; a column inside an expression that does not exist
        // yet makes the probe fail with 42703 (no blocker, as for a CHECK).
        add(
          'duplicates',
          target,
          plainColumns.filter((c): c is string => c !== undefined),
          () => expressionDuplicatesSql(table, i.columns, i.predicate, nnd),
        );
      }
      break;
    }
    case 'column_nullability_differs': {
      const col = et.columns.find((c) => `${table}.${quoteIdent(c.name)}` === f.object);
      if (col?.notNull) add('nulls', `${quoteIdent(col.name)} IS NULL`, [col.name], () => nullsSql(table, col.name, keyColumnsOf(at)));
      break;
    }
    case 'missing_column': {
      const col = et.columns.find((c) => `${table}.${quoteIdent(c.name)}` === f.object);
      const domainDefault = col ? expected.domains[col.type]?.default : undefined;
      if (col?.notNull && col.default === undefined && domainDefault === undefined && col.identity === undefined && col.generated === undefined) {
        probes.push({ finding: f, kind: 'nulls', target: `${quoteIdent(col.name)} NOT NULL without a default (every existing row)`, sql: rowsSql(table) });
      }
      break;
    }
    default:
      break;
  }
  return probes;
}
