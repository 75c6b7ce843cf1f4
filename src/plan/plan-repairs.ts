import { commentsOfCreated } from './graph/comments.js';
import { privilegesOfRecreated } from './graph/privileges-of-recreated.js';
import { quoteIdent } from '../model/ident.js';
import type { Refusal, RepairPlan, RepairStep } from './types.js';
import type { StepDraft, StepGraph } from './steps/draft.js';
import { dependenciesOf } from './graph/dependencies.js';
import { expandDependents } from './graph/expand.js';
import { orderSteps } from './graph/order.js';
import { dataSteps, withDataSteps } from './plan-data.js';
import { schemaLevelSteps } from './plan-schema-level.js';
import { tableLevelSteps } from './plan-table-level.js';
import { pruneSteps } from './plan-prune.js';
import { PRIVILEGE_KINDS, privilegeSteps } from './plan-privileges.js';
import type { PlanContext, PlanInput } from './plan-context.js';

/**
 * Turns findings into an ordered plan. Pure: models, findings, policies and live facts in; a plan out. Findings that
 * cannot be repaired without guessing are `skipped`; those that need a policy or an allowed hazard are `refused`,
 * and a plan with refusals must not be applied (apply exits 3).
 */
export function planRepairs(input: PlanInput): RepairPlan {
  const refused: Refusal[] = [];
  const skipped: Refusal[] = [];
  const ctx: PlanContext = {
    ...input,
    refuse: (f, kind, reason, hint, suggestion) => refused.push({ findingId: f.id, kind, reason, hint, ...(suggestion !== undefined && { suggestion }) }),
    leaveAlone: (f, reason, hint = 'Repair it by hand, or accept it with an --ignore rule.') => skipped.push({ findingId: f.id, kind: 'manual', reason, hint }),
    busy: (t) => (input.tables[t]?.bytes ?? 1) > 0,
    online: (t) => (input.tables[t]?.bytes ?? 0) >= input.options.onlineThresholdBytes,
    tableOf: (f, side) => (f.table !== undefined ? input[side].tables[f.table] : undefined),
    nameIn: (f) => {
      const quoted = f.table !== undefined ? f.object.slice(f.table.length + 1) : f.object;
      return quoted.startsWith('"') ? quoted.slice(1, -1).replace(/""/g, '"') : quoted;
    },
  };
  // Each finding's steps, in the order they must run among themselves.
  let groups: StepDraft[][] = [];
  for (const f of input.findings) {
    if (f.kind === 'unmodeled_objects') {
      ctx.leaveAlone(f, 'not compared (schema-doctor does not model this kind of object): nothing to repair', 'Check them by hand (docs/coverage.md), or accept them with an --ignore rule.');
      continue;
    }
    if (PRIVILEGE_KINDS.includes(f.kind)) {
      if (f.kind === 'unexpected_privilege' && !input.options.prune) ctx.leaveAlone(f, 'not in the expected schema; left alone', 'Pass --prune to revoke it, or add it to the manifest.');
      else groups.push(privilegeSteps(ctx, f));
      continue;
    }
    if (f.kind.startsWith('unexpected_')) {
      if (input.options.prune) groups.push(pruneSteps(ctx, f));
      else ctx.leaveAlone(f, 'not in the expected schema; left alone', 'Pass --prune to archive and remove it, or add it to the manifest.');
      continue;
    }
    const data = dataSteps(ctx, f);
    groups.push(withDataSteps(ctx, f, data, [...schemaLevelSteps(ctx, f), ...tableLevelSteps(ctx, f)]));
  }
  // A refused finding gets no steps at all: half a repair (a constraint without its data fix) would only fail.
  const withoutRefused = () => {
    const ids = new Set(refused.map((r) => r.findingId));
    groups = groups.map((g) => g.filter((d) => d.findingIds.some((id) => !ids.has(id)))).filter((g) => g.length > 0);
  };
  withoutRefused();

  const liveDeps = dependenciesOf(input.actual);
  const expectedDeps = dependenciesOf(input.expected);
  const expansion = expandDependents(groups.flat(), input.expected, input.actual, liveDeps);
  for (const b of expansion.blocked) {
    for (const id of b.findingIds) {
      refused.push({
        findingId: id,
        kind: 'manual',
        reason: `the repair must drop or change ${b.object}, but ${b.dependent} depends on it and cannot be dropped and re-created from the expected schema`,
        hint: 'Pass --prune when the dependent is not in the expected schema; otherwise change it by hand.',
      });
    }
  }
  groups.push(...expansion.added);
  withoutRefused();
  groups.push(...commentsOfCreated(groups.flat(), input.expected));
  groups.push(...privilegesOfRecreated(ctx, groups.flat()));

  const { drafts, chains } = dedupeSteps(groups);
  const ordered = orderSteps(drafts, chains, expectedDeps, liveDeps);
  if (ordered.cycle.length > 0) {
    const ids = [...new Set(ordered.cycle.flatMap((d) => d.findingIds))];
    for (const id of ids) {
      refused.push({
        findingId: id,
        kind: 'manual',
        reason: `its steps depend on each other in a cycle (${ordered.cycle.map((d) => d.summary).join('; ')})`,
        hint: "This is a bug in schema-doctor's ordering rules: please report it with the plan. Repair it by hand meanwhile.",
      });
    }
  }
  const steps: RepairStep[] = numbered([...ordered.steps, ...ordered.cycle]);
  return { steps, refused, skipped, fingerprint: input.fingerprint };
}

/**
 * Two findings can ask for the same SQL (e.g. a column and its NOT NULL): keep one step carrying both. Returns the
 * distinct drafts and, per group, the indexes of its drafts in order.
 */
function dedupeSteps(groups: StepDraft[][]): { drafts: StepDraft[]; chains: number[][] } {
  const bySql = new Map<string, number>();
  const drafts: StepDraft[] = [];
  const chains: number[][] = [];
  for (const g of groups) {
    const chain: number[] = [];
    for (const d of g) {
      let i = bySql.get(d.sql);
      if (i === undefined) {
        i = drafts.push({ ...d, findingIds: [...d.findingIds] }) - 1;
        bySql.set(d.sql, i);
      } else {
        const seen = drafts[i]!;
        for (const id of d.findingIds) if (!seen.findingIds.includes(id)) seen.findingIds.push(id);
        if (d.graph) seen.graph = mergeGraph(seen.graph, d.graph);
        if (d.blockedByData && !seen.blockedByData) seen.blockedByData = d.blockedByData;
      }
      if (!chain.includes(i)) chain.push(i);
    }
    chains.push(chain);
  }
  return { drafts, chains };
}

function mergeGraph(a: StepGraph | undefined, b: StepGraph): StepGraph {
  const out: StepGraph = { ...a };
  for (const k of Object.keys(b) as (keyof StepGraph)[]) out[k] = [...new Set([...(out[k] ?? []), ...(b[k] ?? [])])];
  return out;
}

/**
 * Ids in execution order, and the transaction each step runs in: a new one after a step outside any transaction
 * (CONCURRENTLY) and after a step whose result is usable only once committed (a new enum value).
 */
function numbered(drafts: StepDraft[]): RepairStep[] {
  let tx = 1;
  let open = false;
  return drafts.map(({ graph: _graph, ...d }, i) => {
    const step: RepairStep = { id: String(i + 1).padStart(3, '0'), ...d };
    if (d.transactional) {
      step.transaction = tx;
      open = true;
      if (d.commitAfter) tx++, (open = false);
    } else if (open) tx++, (open = false);
    return step;
  });
}

export const keyOf = (schema: string, name: string) => `${quoteIdent(schema)}.${quoteIdent(name)}`;
