import type { Finding } from '../diff/finding.js';
import { indexKeyColumn, quoteIdent } from '../model/ident.js';
import type { PlanContext } from './plan-repairs.js';
import { draft, PHASE, type StepDraft } from './steps/draft.js';
import { dedupeSql, fillNullsSql, orphansSql } from './steps/data.js';

/**
 * Data that blocks a repair (found by the probes) needs a policy for its table. With one, the data step runs
 * before the repair, in the same transaction; without one the finding is refused and apply changes nothing.
 * Rows that no policy can fix (CHECK violations, exclusion conflicts, duplicates under a partial or expression
 * index) are always refused: apply exits 3 up front instead of failing and rolling back half-way.
 */
export function dataSteps(ctx: PlanContext, f: Finding): StepDraft[] {
  const out: StepDraft[] = [];
  // An unknown probe (timeout, privilege, missing referenced column) may hide blocking rows: when a policy covers
  // it, its data step runs anyway (it changes nothing when there is nothing); without one, apply finds out itself.
  const blocking = (f.blockers ?? []).filter((b) => (b.status === 'ok' && (b.count ?? 0) > 0) || (b.status === 'unknown' && hasPolicy(ctx, f.table, b.kind)));
  if (blocking.length === 0 || f.table === undefined) return out;
  const table = f.table;
  const et = ctx.tableOf(f, 'expected');
  const at = ctx.tableOf(f, 'actual');
  const policy = ctx.policies[table];
  if (!et || !at) return out;
  const data = (summary: string, sql: string, hazards: StepDraft['hazards']) =>
    draft(PHASE.data, [f.id], summary, sql, { table, lock: 'SHARE ROW EXCLUSIVE', hazards: [...hazards, 'BLOCKS_WRITES'], needsDegraded: true });

  for (const b of blocking) {
    if (b.kind === 'duplicates') {
      const c = et.constraints[ctx.nameIn(f)];
      const i = c ? undefined : et.indexes[ctx.nameIn(f)];
      // A partial index or one over expressions: the duplicates merge works on plain key columns over the whole
      // table, so it would merge the wrong rows (or none). Those rows need a person.
      if (i && (i.predicate !== undefined || i.columns.some((x) => indexKeyColumn(x) === undefined))) {
        ctx.refuse(f, 'manual', `${plural(b.count ?? 0, 'duplicate group')} (${plural(b.surplusRows ?? 0, 'surplus row')}) on (${i.columns.join(', ')})${i.predicate !== undefined ? ` WHERE ${i.predicate}` : ''}`,
          'Merge or correct those rows by hand (a duplicates policy merges on plain key columns only, not on expressions or partial indexes), then apply again.');
        continue;
      }
      const key = c?.columns ?? i?.columns.map((x) => indexKeyColumn(x)!) ?? [];
      if (!policy?.duplicates) {
        ctx.refuse(f, 'needs_policy', `${plural(b.count ?? 0, 'duplicate group')} (${plural(b.surplusRows ?? 0, 'surplus row')}) on (${key.join(', ')})`,
          `Add to the policies file: {"${table}": {"duplicates": {"keep": "latest:<column>", "merge": {"<counter>": "sum"}}}} (docs/policies.md).`);
        continue;
      }
      const nnd = !!c?.nullsNotDistinct || (i !== undefined && / NULLS NOT DISTINCT/.test(i.definition));
      out.push(data(`merge ${b.count} duplicate groups on ${table} (${key.map(quoteIdent).join(', ')})`,
        dedupeSql(table, at, key, nnd, policy.duplicates.keep, policy.duplicates.merge ?? {}), ['DELETES_DATA', 'REWRITES_ROWS']));
    } else if (b.kind === 'orphans') {
      const c = et.constraints[ctx.nameIn(f)];
      if (!c?.references) continue;
      if (!policy?.orphans) {
        ctx.refuse(f, 'needs_policy', `${plural(b.count ?? 0, 'orphan row')} for ${c.name}`, `Add to the policies file: {"${table}": {"orphans": "set-null"}} or "delete" (docs/policies.md).`);
        continue;
      }
      const step = data(`${policy.orphans === 'delete' ? 'delete' : 'set NULL in'} ${b.count ?? 'any'} orphan rows of ${table} for ${quoteIdent(c.name)}`,
        orphansSql(table, c.columns, c.references.table, c.references.columns, c.references.match === 'full', policy.orphans),
        [policy.orphans === 'delete' ? 'DELETES_DATA' : 'REWRITES_ROWS']);
      step.phase = PHASE.foreignKeys - 0.5; // after columns and keys exist, right before the foreign key
      out.push(step);
    } else if (b.kind === 'nulls') {
      if (f.kind === 'missing_column') continue; // handled by the column step (fill on add)
      const columns = f.kind === 'column_nullability_differs' ? [ctx.nameIn(f)] : (et.constraints[ctx.nameIn(f)]?.columns ?? []);
      for (const col of columns) {
        const fill = policy?.nulls?.[col];
        if (fill === undefined) {
          ctx.refuse(f, 'needs_policy', `${plural(b.count ?? 0, 'row')} with NULL in ${col}`, `Add to the policies file: {"${table}": {"nulls": {"${col}": "<SQL expression>"}}} (docs/policies.md).`);
          continue;
        }
        out.push(data(`fill NULLs in ${table}.${quoteIdent(col)}`, fillNullsSql(table, col, fill), ['REWRITES_ROWS']));
      }
    } else if (b.kind === 'check_violations') {
      ctx.refuse(f, 'manual', `${plural(b.count ?? 0, 'row')} violate${b.count === 1 ? 's' : ''} ${b.target}`, 'Correct or remove those rows by hand (no policy can guess the right value), then apply again.');
    } else if (b.kind === 'exclusion_conflicts') {
      ctx.refuse(f, 'manual', `${plural(b.count ?? 0, 'row')} conflict${b.count === 1 ? 's' : ''} with another row under ${b.target}`,
        'Correct or remove the conflicting rows by hand (no policy can choose which of two conflicting rows is right), then apply again.');
    }
  }
  return out;
}

function hasPolicy(ctx: PlanContext, table: string | undefined, kind: string): boolean {
  const p = table !== undefined ? ctx.policies[table] : undefined;
  return kind === 'orphans' ? !!p?.orphans : kind === 'duplicates' ? !!p?.duplicates : false;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
