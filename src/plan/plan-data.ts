import type { Blocker, Finding } from '../diff/finding.js';
import { indexKeyColumn, quoteIdent } from '../model/ident.js';
import type { PlanContext } from './plan-context.js';
import type { DataGuard } from './types.js';
import { draft, PHASE, type StepDraft } from './steps/draft.js';
import { dedupeSql, fillNullsSql, orphansSql, rekeySql } from './steps/data.js';
import { chooseHint, isChoosePlaceholder, rekeyObstacle, suggestDuplicates, suggestedHint, suggestNullFill, suggestOrphans } from './suggest-policies.js';

/**
 * Data that blocks a repair (found by the probes) needs a policy for its table. With one, the data step runs
 * before the repair, in the same transaction; without one the finding is refused and apply changes nothing.
 * Rows that no policy can fix (CHECK violations, exclusion conflicts, duplicates under a partial or expression
 * index) are always refused: apply exits 3 up front instead of failing and rolling back half-way.
 *
 * Rows can appear between the probe and the repair. So where the table has a policy for a blocker whose probe
 * found nothing, the data step is planned all the same, as a re-check (`recheck`): right before the repair, under
 * its lock, it finds the rows again and changes nothing when there are none. Where no data step covers a probed
 * blocker, the repair itself is the re-check: PostgreSQL checks every row while it adds the constraint, under a
 * lock at least as strong, and apply reports its failure on such rows as blocked by data (`blockedByData`), not as a
 * failed step. See docs/apply.md#blocking-data-that-appears-after-the-probe.
 */
export interface DataPlan {
  steps: StepDraft[];
  /** Probed blockers that found nothing (or could not count and have no data step): what a failure would be. */
  unguarded: DataGuard['kinds'];
}

export function dataSteps(ctx: PlanContext, f: Finding): DataPlan {
  const out: StepDraft[] = [];
  const covered = new Set<Blocker>();
  const unguarded = (): DataGuard['kinds'] =>
    (f.blockers ?? [])
      .filter((b) => (b.status === 'ok' && b.count === 0) || (b.status === 'unknown' && !covered.has(b)))
      .map((b) => ({ kind: b.kind, probe: b.status === 'ok' ? ('none_found' as const) : ('unknown' as const), ...(b.reason !== undefined && { reason: b.reason }) }));
  // An unknown probe (timeout, privilege, missing referenced column) may hide blocking rows: when a policy covers
  // it, its data step runs anyway (it changes nothing when there is nothing); without one, apply finds out itself.
  // A probe that found nothing gets a re-check when a policy covers it.
  const blocking = (f.blockers ?? []).filter((b) => (b.status === 'ok' && (b.count ?? 0) > 0) || hasPolicy(ctx, f, b));
  if (blocking.length === 0 || f.table === undefined) return { steps: out, unguarded: unguarded() };
  const table = f.table;
  const et = ctx.tableOf(f, 'expected');
  const at = ctx.tableOf(f, 'actual');
  const policy = ctx.policies[table];
  if (!et || !at) return { steps: out, unguarded: unguarded() };
  const data = (b: Blocker, summary: string, sql: string, hazards: StepDraft['hazards']) => {
    const recheck = b.status === 'ok' && b.count === 0;
    // A re-check changes rows only when some appeared since the probe, and then only in degraded mode (its SQL
    // stops the run otherwise): it needs no degraded mode of its own, or every constraint added to a table with a
    // policy would.
    const d = draft(PHASE.data, [f.id], summary, sql, { table, lock: 'SHARE ROW EXCLUSIVE', hazards: [...hazards, 'BLOCKS_WRITES'], needsDegraded: !recheck });
    if (recheck) d.recheck = true;
    covered.add(b);
    return d;
  };
  const found = (b: Blocker, what: string, counted: string) => (b.status === 'ok' && b.count === 0 ? `${what} found under the lock (none at probe time)` : counted);

  for (const b of blocking) {
    const recheck = b.status === 'ok' && b.count === 0;
    if (b.kind === 'duplicates') {
      const c = et.constraints[ctx.nameIn(f)];
      const i = c ? undefined : et.indexes[ctx.nameIn(f)];
      // A partial index or one over expressions: the duplicates merge works on plain key columns over the whole
      // table, so it would merge the wrong rows (or none). Those rows need a person.
      if (i && (i.predicate !== undefined || i.columns.some((x) => indexKeyColumn(x) === undefined))) {
        if (recheck) continue; // nothing to merge; rows that appear make the index build fail (blocked by data)
        ctx.refuse(
          f,
          'manual',
          `${plural(b.count ?? 0, 'duplicate group')} (${plural(b.surplusRows ?? 0, 'surplus row')}) on (${i.columns.join(', ')})${i.predicate !== undefined ? ` WHERE ${i.predicate}` : ''}`,
          'Merge or correct those rows by hand (a duplicates policy merges on plain key columns only, not on expressions or partial indexes), then apply again.',
        );
        continue;
      }
      const key = c?.columns ?? i?.columns.map((x) => indexKeyColumn(x)!) ?? [];
      if (!policy?.duplicates) {
        const suggestion = { [table]: { duplicates: suggestDuplicates(ctx, table, key) } };
        ctx.refuse(f, 'needs_policy', `${plural(b.count ?? 0, 'duplicate group')} (${plural(b.surplusRows ?? 0, 'surplus row')}) on (${key.join(', ')})`, suggestedHint(suggestion), suggestion);
        continue;
      }
      if (policy.duplicates.rekey === true) {
        const why = rekeyRefusal(ctx, table, key);
        if (why !== undefined) {
          if (recheck) continue; // nothing to rekey; rows that appear make the repair fail (blocked by data)
          ctx.refuse(
            f,
            'manual',
            `${plural(b.count ?? 0, 'duplicate group')} (${plural(b.surplusRows ?? 0, 'surplus row')}) on (${key.join(', ')}) cannot be rekeyed: ${why}`,
            `Use a keep/merge duplicates policy for ${table}, or correct those rows by hand (docs/policies.md#duplicates-with-rekey-keep-every-row), then apply again.`,
          );
          continue;
        }
        const on = `on ${table} (${quoteIdent(key[0]!)})`;
        out.push(data(b, found(b, `rekey duplicate groups ${on}`, `rekey ${b.count ?? 'any'} duplicate groups ${on}`), rekeySql(table, key[0]!, recheck), ['REWRITES_ROWS']));
        continue;
      }
      const nnd = !!c?.nullsNotDistinct || (i !== undefined && / NULLS NOT DISTINCT/.test(i.definition));
      const on = `on ${table} (${key.map(quoteIdent).join(', ')})`;
      out.push(
        data(
          b,
          found(b, `merge duplicate groups ${on}`, `merge ${b.count ?? 'any'} duplicate groups ${on}`),
          dedupeSql(table, at, key, nnd, policy.duplicates.keep ?? 'first', policy.duplicates.merge ?? {}, recheck),
          ['DELETES_DATA', 'REWRITES_ROWS'],
        ),
      );
    } else if (b.kind === 'orphans') {
      const c = et.constraints[ctx.nameIn(f)];
      if (!c?.references) continue;
      if (!policy?.orphans) {
        const suggestion = { [table]: { orphans: suggestOrphans(ctx, table, c.columns) } };
        ctx.refuse(f, 'needs_policy', `${plural(b.count ?? 0, 'orphan row')} for ${c.name}`, suggestedHint(suggestion), suggestion);
        continue;
      }
      const verb = policy.orphans === 'delete' ? 'delete' : 'set NULL in';
      const of = `of ${table} for ${quoteIdent(c.name)}`;
      const step = data(
        b,
        found(b, `${verb} orphan rows ${of}`, `${verb} ${b.count ?? 'any'} orphan rows ${of}`),
        orphansSql(table, c.columns, c.references.table, c.references.columns, c.references.match === 'full', policy.orphans, recheck),
        [policy.orphans === 'delete' ? 'DELETES_DATA' : 'REWRITES_ROWS'],
      );
      step.phase = PHASE.foreignKeys - 0.5; // after columns and keys exist, right before the foreign key
      out.push(step);
    } else if (b.kind === 'nulls') {
      if (f.kind === 'missing_column') continue; // handled by the column step (fill on add)
      for (const col of nullColumns(ctx, f, b)) {
        const fill = policy?.nulls?.[col];
        if (fill === undefined) {
          if (recheck) continue;
          const suggestion = { [table]: { nulls: { [col]: suggestNullFill(ctx, table, col) } } };
          ctx.refuse(f, 'needs_policy', `${plural(b.count ?? 0, 'row')} with NULL in ${col}`, suggestedHint(suggestion), suggestion);
          continue;
        }
        if (isChoosePlaceholder(fill)) {
          if (recheck) continue;
          ctx.refuse(f, 'needs_policy', `${plural(b.count ?? 0, 'row')} with NULL in ${col}, and its policy is still the suggested CHOOSE placeholder`, chooseHint(table, col));
          continue;
        }
        const what = `fill NULLs in ${table}.${quoteIdent(col)}`;
        out.push(data(b, found(b, what, what), fillNullsSql(table, col, fill, recheck), ['REWRITES_ROWS']));
      }
    } else if (b.kind === 'check_violations') {
      ctx.refuse(
        f,
        'manual',
        `${plural(b.count ?? 0, 'row')} violate${b.count === 1 ? 's' : ''} ${b.target}`,
        'Correct or remove those rows by hand (no policy can guess the right value), then apply again.',
      );
    } else if (b.kind === 'exclusion_conflicts') {
      ctx.refuse(
        f,
        'manual',
        `${plural(b.count ?? 0, 'row')} conflict${b.count === 1 ? 's' : ''} with another row under ${b.target}`,
        'Correct or remove the conflicting rows by hand (no policy can choose which of two conflicting rows is right), then apply again.',
      );
    }
  }
  return { steps: out, unguarded: unguarded() };
}

/**
 * A finding's steps in their order: its data steps, then the repair (`rest`). A re-check goes right before the
 * repair's first step (the same transaction, so its lock holds until the repair is done), not at the start of the
 * plan: writes wait no longer than they must. The repair's steps, and the re-checks, learn which blockers the
 * probe found none of, so that apply can report rows that appeared since as blocked by data.
 */
export function withDataSteps(ctx: PlanContext, f: Finding, data: DataPlan, rest: StepDraft[]): StepDraft[] {
  if (rest.length > 0) {
    const first = Math.min(...rest.map((d) => d.phase));
    for (const d of data.steps) if (d.recheck) d.phase = first - 0.01;
  }
  const rechecked = data.steps.filter((d) => d.recheck);
  if (f.table !== undefined && (data.unguarded.length > 0 || rechecked.length > 0)) {
    const guard: DataGuard = { table: f.table, target: targetOf(ctx, f), kinds: data.unguarded };
    for (const d of rest) if (data.unguarded.length > 0) d.blockedByData = guard;
    for (const d of rechecked) d.blockedByData = guard;
  }
  return [...data.steps, ...rest];
}

/** What the rows would block, in words. */
function targetOf(ctx: PlanContext, f: Finding): string {
  const name = ctx.nameIn(f);
  const c = ctx.tableOf(f, 'expected')?.constraints[name];
  if (c) {
    const kind =
      { primary_key: 'primary key', unique: 'unique constraint', foreign_key: 'foreign key', check: 'check constraint', exclusion: 'exclusion constraint' }[c.type as string] ?? 'constraint';
    return `${kind} ${quoteIdent(name)}`;
  }
  if (f.kind === 'missing_index' || f.kind === 'index_differs' || f.kind === 'index_invalid') return `unique index ${quoteIdent(name)}`;
  if (f.kind === 'column_nullability_differs') return `NOT NULL on ${quoteIdent(name)}`;
  if (f.kind === 'missing_column') return `NOT NULL column ${quoteIdent(name)}`;
  return f.object;
}

/** The columns a NULLs blocker is about: the column itself, or the primary key column its target names. */
function nullColumns(ctx: PlanContext, f: Finding, b: Blocker): string[] {
  if (f.kind === 'column_nullability_differs') return [ctx.nameIn(f)];
  const columns = ctx.tableOf(f, 'expected')?.constraints[ctx.nameIn(f)]?.columns ?? [];
  const named = columns.filter((c) => b.target === `${quoteIdent(c)} IS NULL`);
  return named.length > 0 ? named : columns;
}

/**
 * Why a `rekey` policy cannot serve this key, or undefined when it can: the key must be one column whose default
 * hands out fresh values (an identity, or a nextval() default) in the live table, and no foreign key, live or in the
 * manifest, may point at that column (a reference to a duplicated value cannot say which row it meant).
 */
function rekeyRefusal(ctx: PlanContext, table: string, key: string[]): string | undefined {
  return rekeyObstacle(ctx, table, key);
}

/** A policy covers the blocker (for NULLs: every column it is about). */
function hasPolicy(ctx: PlanContext, f: Finding, b: Blocker): boolean {
  const p = f.table !== undefined ? ctx.policies[f.table] : undefined;
  if (b.kind === 'orphans') return !!p?.orphans;
  if (b.kind === 'duplicates') return !!p?.duplicates;
  if (b.kind === 'nulls' && b.status === 'ok' && f.kind !== 'missing_column') return nullColumns(ctx, f, b).some((c) => p?.nulls?.[c] !== undefined);
  return false;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
