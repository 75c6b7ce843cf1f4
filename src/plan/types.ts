import type { BlockerKind } from '../diff/finding.js';

/**
 * A repair plan is data: ordered steps, each carrying its SQL, whether it runs inside the transaction, the lock it
 * takes, its hazards and the findings it repairs. Hazards are attached where the SQL is generated; the CLI only
 * filters on them.
 */
export type HazardCode =
  | 'DELETES_DATA' // rows are deleted (always archived first)
  | 'REWRITES_ROWS' // rows are updated (always archived first)
  | 'BLOCKS_WRITES' // holds a lock that blocks writes to a table for the whole step
  | 'TAKES_ACCESS_EXCLUSIVE_LOCK' // blocks reads and writes while it runs
  | 'REWRITES_TABLE' // rewrites the whole table (type or collation change, SET LOGGED)
  | 'CHANGES_COLUMN_TYPE' // values are converted
  | 'DROPS_OBJECT'; // an object is dropped (--prune; its definition is kept in the history)

export type LockLevel = 'none' | 'SHARE UPDATE EXCLUSIVE' | 'SHARE' | 'SHARE ROW EXCLUSIVE' | 'ACCESS EXCLUSIVE';

export interface RepairStep {
  /** `001`, `002`, … in execution order. */
  id: string;
  /** Execution phase (see plan-repairs.ts); steps run in phase order, then in generation order. */
  phase: number;
  findingIds: string[];
  summary: string;
  /** Idempotent SQL: running it on a repaired database changes nothing. */
  sql: string;
  /** False for CONCURRENTLY steps: they run outside the transaction. */
  transactional: boolean;
  /** A SELECT: the step runs only when it returns a row (psql: `\gexec`). For steps with no IF EXISTS form. */
  onlyIf?: string;
  /** For a non-transactional step: the same repair in a form that can run inside a transaction (dry runs). */
  transactionalSql?: string;
  lock: LockLevel;
  table?: string;
  hazards: HazardCode[];
  /** Changes rows, or holds a strong lock on a table with rows for longer than a moment. */
  needsDegraded: boolean;
  /**
   * A data step whose probe found nothing: it finds the blocking rows again under its lock, right before the repair,
   * and changes nothing when there are none. Rows that appeared since are handled by the policy only when degraded
   * mode is confirmed; otherwise the step changes nothing and stops the run (SQLSTATE SD001, BLOCKED_BY_DATA).
   */
  recheck?: true;
  /**
   * The step repairs a finding whose probe found no blocking rows of these kinds (or could not count them and no
   * policy covers them): if it fails on such rows (SQLSTATE class 23, or SD001), they appeared after the probe, and
   * apply reports BLOCKED_BY_DATA (exit 3) naming `table` and `target` instead of a failed step.
   */
  blockedByData?: DataGuard;
  /**
   * What follows may use what this step made only after a commit (`ALTER TYPE … ADD VALUE`, SQLSTATE 55P04): the
   * executor commits right after it and opens a new transaction.
   */
  commitAfter?: true;
  /** 1-based transaction the step runs in; steps outside any transaction (CONCURRENTLY) have none. */
  transaction?: number;
}

export interface DataGuard {
  table: string;
  /** What the rows would block, for the message: `constraint "t_k_key"`, `unique index "t_k_idx"`, `NOT NULL on "k"`. */
  target: string;
  kinds: { kind: BlockerKind; probe: 'none_found' | 'unknown'; reason?: string }[];
}

export interface Refusal {
  findingId: string;
  reason: string;
  /** What the operator can do. */
  hint: string;
  kind: 'needs_policy' | 'needs_hazard' | 'manual';
  /** needs_policy: the policy schema-doctor suggests for it (src/plan/suggest-policies.ts), in the policies file's format. */
  suggestion?: Record<string, import('./policies.js').TablePolicy>;
}

export interface RepairPlan {
  steps: RepairStep[];
  /** Findings that block the whole apply until resolved (no policy for blocking data, hazard not allowed). */
  refused: Refusal[];
  /** Findings left alone: unexpected objects without --prune, and kinds that cannot be repaired without guessing. */
  skipped: Refusal[];
  /** sha256 of the live schema the plan was made from (stale-plan guard). */
  fingerprint: string;
}
