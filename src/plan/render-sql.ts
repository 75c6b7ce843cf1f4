import type { RepairPlan, RepairStep } from './types.js';
import { BOOKKEEPING_DDL } from './bookkeeping-ddl.js';

/**
 * The plan as a script `psql -f` runs on its own: transactional steps inside BEGIN … COMMIT (several blocks when
 * CONCURRENTLY steps sit between them), conditional steps through \gexec. Every statement is idempotent, so a
 * second run changes nothing.
 */
/** Text inside a `--` comment: control characters (a newline would end the comment) become visible escapes. */
function c(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function renderPlanSql(plan: RepairPlan, meta: { database: string; lockTimeoutMs: number; statementTimeoutMs: number }): string {
  const out: string[] = [
    '-- schema-doctor repair plan',
    `-- database: ${c(meta.database)}`,
    `-- schema-fingerprint: ${plan.fingerprint}`,
    `-- steps: ${plan.steps.length}; refused: ${plan.refused.length}; skipped: ${plan.skipped.length}`,
    ...plan.refused.map((r) => `-- REFUSED ${c(r.findingId)}: ${c(r.reason)}. ${c(r.hint)}`),
    ...plan.skipped.map((r) => `-- skipped ${c(r.findingId)}: ${c(r.reason)}`),
    '\\set ON_ERROR_STOP on',
    'SET search_path = pg_catalog;',
    'SET check_function_bodies = off;',
    `SET lock_timeout = ${Math.round(meta.lockTimeoutMs)};`,
    `SET statement_timeout = ${Math.round(meta.statementTimeoutMs)};`,
    '',
    'BEGIN;',
    BOOKKEEPING_DDL,
  ];
  let inTx = true;
  for (const s of plan.steps) {
    if (s.transactional && !inTx) out.push('', 'BEGIN;'), (inTx = true);
    if (!s.transactional && inTx) out.push('COMMIT;'), (inTx = false);
    out.push('', header(s), body(s));
    // A new enum value is usable only once committed (SQLSTATE 55P04).
    if (s.commitAfter && inTx) out.push('COMMIT;'), (inTx = false);
  }
  if (inTx) out.push('COMMIT;');
  return out.join('\n') + '\n';
}

function header(s: RepairStep): string {
  const tags = [
    s.transaction !== undefined ? `transaction ${s.transaction}` : 'outside any transaction',
    ...(s.commitAfter ? ['commits after'] : []),
    `lock: ${s.lock}`,
    ...(s.hazards.length ? [`hazards: ${s.hazards.join(', ')}`] : []),
    ...(s.needsDegraded ? ['needs degraded mode'] : []),
  ];
  return `-- step ${s.id}: ${c(s.summary)}\n--   ${c(tags.join(' · '))}\n--   repairs: ${c(s.findingIds.join(', '))}`;
}

function body(s: RepairStep): string {
  if (s.onlyIf === undefined) return s.sql;
  const stmt = s.sql.replace(/;\s*$/, '');
  return `SELECT ${"'" + stmt.replace(/'/g, "''") + "'"} WHERE EXISTS (${s.onlyIf}) \\gexec`;
}
