import type { Finding } from '../../diff/finding.js';
import { atomsOf, splitPrivilegeKey } from '../../model/privileges.js';
import type { PlanContext } from '../plan-repairs.js';
import { privilegeSteps } from '../plan-privileges.js';
import type { StepDraft } from '../steps/draft.js';
import { node } from './keys.js';

/**
 * An object the plan drops and creates again (a view re-created around a type change, a function whose signature
 * changes) comes back with default privileges and the applying role as its owner. Its expected owner and grants are
 * set again after it, as if the live side had none of them: the same steps a finding for each would give.
 */
export function privilegesOfRecreated(ctx: PlanContext, steps: StepDraft[]): StepDraft[][] {
  const dropped = new Set(steps.flatMap((s) => s.graph?.drops ?? []));
  const recreated = new Set(steps.flatMap((s) => s.graph?.creates ?? []).filter((k) => dropped.has(k)));
  const out: StepDraft[][] = [];
  for (const [key, p] of Object.entries(ctx.expected.privileges ?? {})) {
    const { kind, name } = splitPrivilegeKey(key);
    const nodeKey = kind === 'function' || kind === 'procedure' ? node.function(name) : kind === 'type' || kind === 'domain' ? node.type(name)
      : kind === 'column' || kind === 'schema' ? undefined : node.rel(name);
    if (nodeKey === undefined || !recreated.has(nodeKey)) continue;
    const withoutLive = { ...ctx, actual: { ...ctx.actual, privileges: Object.fromEntries(Object.entries(ctx.actual.privileges ?? {}).filter(([k]) => k !== key)) } };
    const creator = steps.find((s) => s.graph?.creates?.includes(nodeKey))!;
    const finding = (kind: Finding['kind'], role?: string): Finding =>
      ({ id: `${kind}:${name}${role !== undefined ? `:${role}` : ''}`, kind, severity: 'error', objectType: 'table', object: name, hint: '' });
    const roles = new Set([...atomsOf(p.grants), ...atomsOf(p.revoked)].map((a) => a.role));
    const drafts = [
      ...(p.owner !== undefined ? privilegeSteps(withoutLive, finding('owner_differs')) : []),
      ...[...roles].flatMap((r) => privilegeSteps(withoutLive, finding(atomsOf(p.grants).some((a) => a.role === r) ? 'missing_privilege' : 'unexpected_privilege', r))),
    ];
    for (const d of drafts) {
      d.findingIds = [...creator.findingIds];
      d.graph = { ...d.graph, needs: [...(d.graph?.needs ?? []), nodeKey] };
    }
    if (drafts.length > 0) out.push(drafts);
  }
  return out;
}
