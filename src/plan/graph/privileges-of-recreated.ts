import type { Finding } from '../../diff/finding.js';
import { atomsOf, splitPrivilegeKey } from '../../model/privileges.js';
import type { PlanContext } from '../plan-context.js';
import { grantKeyword, privilegeSteps } from '../plan-privileges.js';
import { draft, PHASE, type StepDraft } from '../steps/draft.js';
import { quoteIdent } from '../../model/ident.js';
import { node } from './keys.js';

/**
 * An object the plan creates, or drops and creates again (a view re-created around a type change, a function whose
 * signature changes), starts with default privileges, whatever the live default privileges (ALTER DEFAULT
 * PRIVILEGES) add, and the applying role as its owner. Its expected owner and grants are set after it, as if the
 * live side had none of them (the same steps a finding for each would give), and what the live default privileges
 * would have added for other roles is revoked.
 */
export function privilegesOfRecreated(ctx: PlanContext, steps: StepDraft[]): StepDraft[][] {
  // Only what really starts afresh: dropped by the plan, or not in the live database at all (a step that alters an
  // object may also say it creates its node).
  const dropped = new Set(steps.flatMap((s) => s.graph?.drops ?? []));
  const live = new Set([
    ...Object.keys(ctx.actual.tables).map(node.rel),
    ...Object.keys(ctx.actual.views).map(node.rel),
    ...Object.keys(ctx.actual.sequences).map(node.rel),
    ...Object.keys(ctx.actual.functions).map(node.function),
    ...[...Object.keys(ctx.actual.enums), ...Object.keys(ctx.actual.domains)].map(node.type),
  ]);
  const created = new Set(steps.flatMap((s) => s.graph?.creates ?? []).filter((k) => dropped.has(k) || !live.has(k)));
  const defaultGrantees = new Set(Object.values(ctx.actual.defaultPrivileges ?? {}).flatMap((d) => atomsOf(d.grants).map((a) => a.role)));
  const out: StepDraft[][] = [];
  const keys = new Set([...Object.keys(ctx.expected.privileges ?? {}), ...createdObjectKeys(ctx, created)]);
  for (const key of keys) {
    const p = ctx.expected.privileges?.[key] ?? {};
    const { kind, name } = splitPrivilegeKey(key);
    const nodeKey =
      kind === 'function' || kind === 'procedure' ? node.function(name) : kind === 'type' || kind === 'domain' ? node.type(name) : kind === 'column' || kind === 'schema' ? undefined : node.rel(name);
    if (nodeKey === undefined || !created.has(nodeKey)) continue;
    const withoutLive = { ...ctx, actual: { ...ctx.actual, privileges: Object.fromEntries(Object.entries(ctx.actual.privileges ?? {}).filter(([k]) => k !== key)) } };
    const creator = steps.find((s) => s.graph?.creates?.includes(nodeKey))!;
    const finding = (kind: Finding['kind'], role?: string): Finding => ({
      id: `${kind}:${name}${role !== undefined ? `:${role}` : ''}`,
      kind,
      severity: 'error',
      objectType: objectTypeOf(splitPrivilegeKey(key).kind),
      object: name,
      hint: '',
    });
    const roles = new Set([...atomsOf(p.grants), ...atomsOf(p.revoked)].map((a) => a.role));
    const extra = [...defaultGrantees].filter((r) => !roles.has(r) && r !== 'OWNER' && kind !== 'column' && kind !== 'schema');
    const drafts = [
      ...(p.owner !== undefined ? privilegeSteps(withoutLive, finding('owner_differs')) : []),
      ...[...roles].flatMap((r) => privilegeSteps(withoutLive, finding(atomsOf(p.grants).some((a) => a.role === r) ? 'missing_privilege' : 'unexpected_privilege', r))),
    ];
    if (extra.length > 0) {
      drafts.push(
        draft(
          PHASE.privileges,
          creator.findingIds,
          `revoke what default privileges granted on new ${kind} ${name}`,
          `REVOKE ALL ON ${grantKeyword(kind)} ${name} FROM ${extra.map((r) => (r === 'PUBLIC' ? 'PUBLIC' : quoteIdent(r))).join(', ')};`,
        ),
      );
    }
    for (const d of drafts) {
      d.findingIds = [...creator.findingIds];
      d.graph = { ...d.graph, needs: [...(d.graph?.needs ?? []), nodeKey] };
    }
    if (drafts.length > 0) out.push(drafts);
  }
  return out;
}

/** The privilege keys of created relations, functions and types that the manifest has no privileges entry for. */
function createdObjectKeys(ctx: PlanContext, created: Set<string>): string[] {
  const e = ctx.expected;
  return [
    ...Object.entries(e.tables).map(([k]) => [`table ${k}`, node.rel(k)]),
    ...Object.entries(e.views).map(([k, v]) => [`${v.materialized ? 'materialized view' : 'view'} ${k}`, node.rel(k)]),
    ...Object.keys(e.sequences).map((k) => [`sequence ${k}`, node.rel(k)]),
    ...Object.entries(e.functions).map(([k, f]) => [`${f.kind} ${k}`, node.function(k)]),
  ]
    .filter(([, n]) => created.has(n!))
    .map(([k]) => k!);
}

/** The finding object type privilegeSteps matches a privilege key's kind with. */
function objectTypeOf(kind: string): Finding['objectType'] {
  if (kind === 'materialized view' || kind === 'view') return 'view';
  if (kind === 'function' || kind === 'procedure') return 'function';
  if (kind === 'type') return 'enum';
  return kind as Finding['objectType'];
}
