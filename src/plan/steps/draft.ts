import type { HazardCode, LockLevel, RepairStep } from '../types.js';

export type StepDraft = Omit<RepairStep, 'id'>;

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
  prune: 13,
  concurrent: 50,
  validate: 60,
  afterConcurrent: 80,
} as const;

export function draft(
  phase: number,
  findingIds: string[],
  summary: string,
  sql: string,
  opts: { lock?: LockLevel; table?: string; hazards?: HazardCode[]; needsDegraded?: boolean; transactional?: boolean; transactionalSql?: string; onlyIf?: string } = {},
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
  };
}
