/**
 * The short Markdown that `plan` and `apply` append to `$GITHUB_STEP_SUMMARY` (`diagnose` appends its Markdown
 * report). Pure: plan and results in, text out.
 */
import type { RepairPlan } from '../plan/types.js';
import type { StepResult } from '../apply/execute.js';
import { mdCode, mdText } from './render-markdown.js';

function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

function stepRows(plan: RepairPlan, results?: StepResult[]): string[] {
  if (plan.steps.length === 0) return [];
  const status = new Map((results ?? []).map((r) => [r.id, r.status]));
  const head = results ? ['Step', 'Status', 'Summary', 'Lock', 'Hazards'] : ['Step', 'Summary', 'Lock', 'Hazards'];
  const out = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const s of plan.steps) {
    const cells = [
      mdCode(s.id),
      ...(results ? [mdText(status.get(s.id) ?? 'not_executed')] : []),
      mdText(s.summary),
      s.lock === 'none' ? '–' : mdText(s.lock),
      s.hazards.length > 0 ? s.hazards.map(mdCode).join(' ') : '–',
    ];
    out.push(`| ${cells.map(cell).join(' | ')} |`);
  }
  out.push('');
  return out;
}

function refusals(plan: RepairPlan): string[] {
  if (plan.refused.length === 0) return [];
  return ['**Refused** (nothing applies them as things stand):', '', ...plan.refused.map((r) => `- ${mdCode(r.findingId)}: ${mdText(r.reason)}`), ''];
}

function hazardLine(plan: RepairPlan): string[] {
  const hazards = [...new Set(plan.steps.flatMap((s) => s.hazards))].sort();
  return hazards.length > 0 ? [`Hazards: ${hazards.map(mdCode).join(', ')}.`, ''] : [];
}

/** `plan`: verdict, the steps with their hazards, refusals. */
export function renderPlanSummary(plan: RepairPlan, database: string): string {
  const verdict =
    plan.steps.length === 0 && plan.refused.length === 0 ? '✅ Nothing to repair' : `📋 Repair plan: ${plan.steps.length} step(s)${plan.refused.length > 0 ? `, ${plan.refused.length} refused` : ''}`;
  const out = [`## ${verdict}`, '', `Plan for ${mdCode(database)} by schema-doctor.`, '', ...hazardLine(plan), ...stepRows(plan), ...refusals(plan)];
  if (plan.skipped.length > 0) out.push(`${plan.skipped.length} finding(s) left alone.`, '');
  return `${out.join('\n')}\n`;
}

export interface ApplyOutcome {
  database: string;
  dryRun: boolean;
  /** `applied`, `rehearsed`, `nothing to do`, `failed`, `refused`, `verification failed`, `declined`. */
  outcome: string;
  /** The error paragraph's code and message, when the run ended with one. */
  error?: { code: string; message: string };
  runId?: string;
  committed: string[];
}

/** `apply`: the outcome, what was committed, and the steps with their status. */
export function renderApplySummary(plan: RepairPlan | undefined, results: StepResult[] | undefined, o: ApplyOutcome): string {
  const ok = o.error === undefined && o.outcome !== 'declined';
  const verdict = `${ok ? '✅' : '❌'} schema-doctor apply${o.dryRun ? ' --dry-run' : ''}: ${o.outcome}`;
  const out = [`## ${mdText(verdict)}`, '', `Database ${mdCode(o.database)}${o.runId ? `, run ${mdCode(o.runId)}` : ''}.`, ''];
  if (o.error) out.push(`**${mdText(o.error.code)}**: ${mdText(o.error.message)}`, '');
  if (!o.dryRun) {
    out.push(o.committed.length > 0 ? `Committed: ${o.committed.map(mdCode).join(', ')}.` : 'Committed: nothing.', '');
  } else {
    out.push('Rehearsal: everything was rolled back.', '');
  }
  if (plan) out.push(...hazardLine(plan), ...stepRows(plan, results), ...refusals(plan));
  return `${out.join('\n')}\n`;
}
