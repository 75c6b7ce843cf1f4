import type { Finding } from '../diff/finding.js';
import type { SchemaModel, TableDef } from '../model/types.js';
import { quoteIdent } from '../model/ident.js';
import type { Policies } from './policies.js';
import type { Refusal, RepairPlan, RepairStep } from './types.js';
import type { StepDraft } from './steps/draft.js';
import { dataSteps } from './plan-data.js';
import { schemaLevelSteps } from './plan-schema-level.js';
import { tableLevelSteps } from './plan-table-level.js';
import { pruneSteps } from './plan-prune.js';

/** Live facts the pure planner needs, gathered by the CLI beforehand. */
export interface TableFacts {
  /** pg_relation_size in bytes: 0 means the table holds no rows. */
  bytes: number;
}

export interface PlanOptions {
  prune: boolean;
  allowHazards: string[];
  /** Tables at least this large (bytes) get the online strategy (CONCURRENTLY, NOT VALID + VALIDATE). */
  onlineThresholdBytes: number;
}

export interface PlanInput {
  findings: Finding[];
  expected: SchemaModel;
  actual: SchemaModel;
  policies: Policies;
  options: PlanOptions;
  tables: Record<string, TableFacts>;
  /** column_type_differs finding id → every value converts to the new type and back unchanged. */
  lossless: Record<string, boolean>;
  fingerprint: string;
}

/** What a step generator gets: the input plus helpers. */
export interface PlanContext extends PlanInput {
  refuse(f: Finding, kind: Refusal['kind'], reason: string, hint: string): void;
  leaveAlone(f: Finding, reason: string, hint?: string): void;
  busy(table: string): boolean;
  online(table: string): boolean;
  tableOf(f: Finding, side: 'expected' | 'actual'): TableDef | undefined;
  nameIn(f: Finding): string;
}

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
    refuse: (f, kind, reason, hint) => refused.push({ findingId: f.id, kind, reason, hint }),
    leaveAlone: (f, reason, hint = 'Repair it by hand, or accept it with an --ignore rule.') => skipped.push({ findingId: f.id, kind: 'manual', reason, hint }),
    busy: (t) => (input.tables[t]?.bytes ?? 1) > 0,
    online: (t) => (input.tables[t]?.bytes ?? 0) >= input.options.onlineThresholdBytes,
    tableOf: (f, side) => (f.table !== undefined ? input[side].tables[f.table] : undefined),
    nameIn: (f) => {
      const quoted = f.table !== undefined ? f.object.slice(f.table.length + 1) : f.object;
      return quoted.startsWith('"') ? quoted.slice(1, -1).replace(/""/g, '"') : quoted;
    },
  };
  const drafts: StepDraft[] = [];
  for (const f of input.findings) {
    if (f.kind.startsWith('unexpected_')) {
      if (input.options.prune) drafts.push(...pruneSteps(ctx, f));
      else ctx.leaveAlone(f, 'not in the expected schema; left alone', 'Pass --prune to archive and remove it, or add it to the manifest.');
      continue;
    }
    drafts.push(...dataSteps(ctx, f));
    drafts.push(...schemaLevelSteps(ctx, f), ...tableLevelSteps(ctx, f));
  }
  const ordered = drafts
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.phase - b.d.phase || a.i - b.i)
    .map(({ d }) => d);
  // A refused finding gets no steps at all: half a repair (a constraint without its data fix) would only fail.
  const refusedIds = new Set(refused.map((r) => r.findingId));
  const kept = ordered.filter((d) => d.findingIds.some((id) => !refusedIds.has(id)));
  const steps: RepairStep[] = dedupeSteps(kept).map((d, i) => ({ id: String(i + 1).padStart(3, '0'), ...d }));
  return { steps, refused, skipped, fingerprint: input.fingerprint };
}

/** Two findings can ask for the same SQL (e.g. a column and its NOT NULL): keep one step carrying both. */
function dedupeSteps(drafts: StepDraft[]): StepDraft[] {
  const bySql = new Map<string, StepDraft>();
  const out: StepDraft[] = [];
  for (const d of drafts) {
    const seen = bySql.get(d.sql);
    if (seen) {
      for (const id of d.findingIds) if (!seen.findingIds.includes(id)) seen.findingIds.push(id);
      continue;
    }
    bySql.set(d.sql, d);
    out.push(d);
  }
  return out;
}

export const keyOf = (schema: string, name: string) => `${quoteIdent(schema)}.${quoteIdent(name)}`;
