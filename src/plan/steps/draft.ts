import type { HazardCode, LockLevel, RepairStep } from '../types.js';

/**
 * What a step does to the dependency graph's nodes (src/plan/graph/keys.ts), for ordering and for finding the
 * dependents that must be out of the way:
 * - drops: removes the object (its live dependents must go first, or be dropped and re-created around it);
 * - frees: gives up the name without breaking dependents (a rename);
 * - creates: makes the object as the expected schema has it (what depends on it comes after);
 * - alters: changes it in place (a column type): dependents that PostgreSQL cannot carry over must go first;
 * - needs: must run after whatever creates or alters these.
 */
export interface StepGraph {
  drops?: string[];
  frees?: string[];
  creates?: string[];
  alters?: string[];
  needs?: string[];
}

export type StepDraft = Omit<RepairStep, 'id'> & { graph?: StepGraph };

/** Adds graph facts to a draft (merging with what it has). */
export function tag(d: StepDraft, g: StepGraph): StepDraft {
  const merged: StepGraph = { ...d.graph };
  for (const k of Object.keys(g) as (keyof StepGraph)[]) merged[k] = [...(merged[k] ?? []), ...(g[k] ?? [])];
  d.graph = merged;
  return d;
}

/** Phases: steps run in phase order. Transactional phases come first; 50+ run outside it; 80+ in a second one. */
export const PHASE = {
  bookkeeping: 0,
  schema: 1,
  types: 2,
  functions: 3,
  tables: 4,
  data: 5,
  columns: 6,
  constraints: 7,
  indexes: 8,
  foreignKeys: 9,
  views: 10,
  triggers: 11,
  comments: 12,
  /** GRANT, REVOKE, OWNER TO, ALTER DEFAULT PRIVILEGES: after every object exists, before --prune drops. */
  privileges: 12.5,
  prune: 13,
  /** Dependents dropped so that an object they depend on can be dropped or changed (re-created later). */
  dependentDrops: 0.5,
  concurrent: 50,
  validate: 60,
  afterConcurrent: 80,
} as const;

export function draft(
  phase: number,
  findingIds: string[],
  summary: string,
  sql: string,
  opts: {
    lock?: LockLevel;
    table?: string;
    hazards?: HazardCode[];
    needsDegraded?: boolean;
    transactional?: boolean;
    transactionalSql?: string;
    onlyIf?: string;
    commitAfter?: boolean;
    graph?: StepGraph;
  } = {},
): StepDraft {
  return {
    phase,
    findingIds,
    summary,
    sql,
    transactional: opts.transactional ?? true,
    ...(opts.transactionalSql !== undefined && { transactionalSql: opts.transactionalSql }),
    ...(opts.onlyIf !== undefined && { onlyIf: opts.onlyIf }),
    lock: opts.lock ?? 'none',
    ...(opts.table !== undefined && { table: opts.table }),
    hazards: opts.hazards ?? [],
    needsDegraded: opts.needsDegraded ?? false,
    ...(opts.commitAfter && { commitAfter: true }),
    ...(opts.graph && { graph: opts.graph }),
  };
}
