import type { RepairPlan } from './types.js';

/** The plan for people: one line per step with its flags, then refusals and skipped findings. */
export function renderPlanText(plan: RepairPlan): string {
  const lines: string[] = [];
  if (plan.steps.length === 0 && plan.refused.length === 0) lines.push('Nothing to repair.');
  let section = '';
  for (const s of plan.steps) {
    const here = s.transaction !== undefined ? `Transaction ${s.transaction}` : 'Outside a transaction';
    if (here !== section && plan.steps.length > 0) {
      section = here;
      lines.push(`-- ${here}${s.transaction !== undefined ? '' : ' (CONCURRENTLY: commits on its own)'}`);
    }
    const flags = [s.transactional ? 'tx' : 'no tx', s.commitAfter ? 'COMMITS AFTER' : '', s.lock === 'none' ? '' : s.lock, ...s.hazards, s.needsDegraded ? 'NEEDS DEGRADED MODE' : ''].filter(
      (x) => x !== '',
    );
    lines.push(`${s.id}  ${s.summary}`, `     [${flags.join(' · ')}] repairs ${s.findingIds.join(', ')}`);
  }
  if (plan.refused.length > 0) {
    lines.push('', 'Refused (apply changes nothing until these are resolved):');
    for (const r of plan.refused) lines.push(`  ${r.findingId}: ${r.reason}`, `    hint: ${r.hint}`);
  }
  if (plan.skipped.length > 0) {
    lines.push('', 'Left alone:');
    for (const r of plan.skipped) lines.push(`  ${r.findingId}: ${r.reason}`);
  }
  return lines.join('\n') + '\n';
}
