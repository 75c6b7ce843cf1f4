import type { Finding } from '../diff/finding.js';
import type { AclDelta } from '../model/types.js';
import { atomsOf, DATABASE_OWNER_ROLE, OWNER_TOKEN, splitPrivilegeKey } from '../model/privileges.js';
import { quoteIdent } from '../model/ident.js';
import type { PlanContext } from './plan-context.js';
import { draft, PHASE, type StepDraft } from './steps/draft.js';

export const PRIVILEGE_KINDS = ['owner_differs', 'missing_privilege', 'unexpected_privilege', 'default_privileges_differ'];

/**
 * GRANT, REVOKE, ALTER … OWNER TO and ALTER DEFAULT PRIVILEGES, in the plan's transaction after every object is
 * created (PHASE.privileges). Unexpected privileges are revoked only under --prune, like every other unexpected
 * object; a default-privileges finding is repaired both ways (the entry is a whole). A role that the server does
 * not have is refused up front: nothing runs.
 */
export function privilegeSteps(ctx: PlanContext, f: Finding): StepDraft[] {
  if (f.kind === 'default_privileges_differ') return defaultPrivilegeSteps(ctx, f);
  const key = [...Object.keys(ctx.expected.privileges ?? {}), ...Object.keys(ctx.actual.privileges ?? {})].find(
    (k) => splitPrivilegeKey(k).name === f.object && kindMatches(splitPrivilegeKey(k).kind, f),
  );
  if (!key) return [];
  const { kind, name } = splitPrivilegeKey(key);
  const e = ctx.expected.privileges?.[key] ?? {};
  const a = ctx.actual.privileges?.[key] ?? {};
  const dbOwner = ctx.databaseOwner;
  const owner = e.owner ?? a.owner ?? dbOwner;
  if (f.kind === 'owner_differs') {
    const to = e.owner ?? dbOwner;
    if (!to) return [];
    if (!roleExists(ctx, f, to)) return [];
    return [draft(PHASE.privileges, [f.id], `make ${to} the owner of ${kind} ${name}`, `ALTER ${ownerKeyword(kind)} ${name} OWNER TO ${quoteIdent(to)};`)];
  }
  const role = f.id.slice(`${f.kind}:${f.object}:`.length);
  const grantee = role === 'PUBLIC' ? 'PUBLIC' : role === OWNER_TOKEN ? owner : role;
  if (!grantee) return [];
  if (grantee !== 'PUBLIC' && !roleExists(ctx, f, grantee)) return [];
  const { grant, revoke } = changes(e, a, role);
  const list = f.kind === 'missing_privilege' ? grant : revoke;
  if (list.length === 0) return [];
  const target = (privs: string[]) =>
    kind === 'column'
      ? `${privs.map((p) => `${p} (${name.slice(name.lastIndexOf('.') + 1)})`).join(', ')} ON TABLE ${name.slice(0, name.lastIndexOf('.'))}`
      : `${privs.join(', ')} ON ${grantKeyword(kind)} ${name}`;
  const to = grantee === 'PUBLIC' ? 'PUBLIC' : quoteIdent(grantee);
  if (f.kind === 'missing_privilege') {
    const plain = list.filter((p) => !p.endsWith('*'));
    const withOption = list.filter((p) => p.endsWith('*')).map((p) => p.slice(0, -1));
    const sql = [...(plain.length > 0 ? [`GRANT ${target(plain)} TO ${to};`] : []), ...(withOption.length > 0 ? [`GRANT ${target(withOption)} TO ${to} WITH GRANT OPTION;`] : [])].join('\n');
    return [draft(PHASE.privileges, [f.id], `grant ${list.join(', ')} on ${kind} ${name} to ${grantee}`, sql)];
  }
  // Revoking `P*` while `P` stays expected takes away only the grant option.
  const kept = new Set(
    grant.concat(
      atomsOf(e.grants)
        .filter((x) => x.role === role)
        .map((x) => x.privilege),
    ),
  );
  const optionOnly = list.filter((p) => p.endsWith('*') && kept.has(p.slice(0, -1))).map((p) => p.slice(0, -1));
  const whole = list.filter((p) => !(p.endsWith('*') && kept.has(p.slice(0, -1)))).map((p) => p.replace(/\*$/, ''));
  const sql = [
    ...(whole.length > 0 ? [`REVOKE ${target([...new Set(whole)])} FROM ${to};`] : []),
    ...(optionOnly.length > 0 ? [`REVOKE GRANT OPTION FOR ${target(optionOnly)} FROM ${to};`] : []),
  ].join('\n');
  return [draft(PHASE.privileges, [f.id], `revoke ${list.join(', ')} on ${kind} ${name} from ${grantee}`, sql)];
}

/** What to grant and what to revoke so that `role` holds on the live side what the manifest says. */
function changes(e: AclDelta, a: AclDelta, role: string): { grant: string[]; revoke: string[] } {
  const mine = (list: string[] | undefined) =>
    new Set(
      atomsOf(list)
        .filter((x) => x.role === role)
        .map((x) => x.privilege),
    );
  const [eg, er, ag, ar] = [mine(e.grants), mine(e.revoked), mine(a.grants), mine(a.revoked)];
  const grant = [...[...eg].filter((p) => !ag.has(p)), ...[...ar].filter((p) => !er.has(p))];
  const revoke = [...[...ag].filter((p) => !eg.has(p)), ...[...er].filter((p) => !ar.has(p))];
  return { grant: [...new Set(grant)].sort(), revoke: [...new Set(revoke)].sort() };
}

function defaultPrivilegeSteps(ctx: PlanContext, f: Finding): StepDraft[] {
  const role = f.id.slice(`${f.kind}:${f.object}:`.length);
  const [keyRole, schema, objects] = f.object.split(' / ') as [string, string, string];
  const unquote = (q: string) => (q.startsWith('"') ? q.slice(1, -1).replace(/""/g, '"') : q);
  // The database owner's entries are keyed by DATABASE_OWNER_ROLE: FOR ROLE names the live database owner.
  const forRole = unquote(keyRole) === DATABASE_OWNER_ROLE ? ctx.databaseOwner : unquote(keyRole);
  if (forRole === undefined) return [];
  const grantee = role === 'PUBLIC' ? 'PUBLIC' : role === OWNER_TOKEN ? forRole : role;
  for (const r of [forRole, grantee]) if (r !== 'PUBLIC' && !roleExists(ctx, f, r)) return [];
  const { grant, revoke } = changes(ctx.expected.defaultPrivileges?.[f.object] ?? {}, ctx.actual.defaultPrivileges?.[f.object] ?? {}, role);
  const head = `ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdent(forRole)}${schema === '*' ? '' : ` IN SCHEMA ${schema}`}`;
  const to = grantee === 'PUBLIC' ? 'PUBLIC' : quoteIdent(grantee);
  const sql: string[] = [];
  const plain = (l: string[]) => [...new Set(l.map((p) => p.replace(/\*$/, '')))];
  if (revoke.length > 0) sql.push(`${head} REVOKE ${plain(revoke).join(', ')} ON ${objects.toUpperCase()} FROM ${to};`);
  const g = grant.filter((p) => !p.endsWith('*'));
  const go = grant.filter((p) => p.endsWith('*'));
  if (g.length > 0) sql.push(`${head} GRANT ${plain(g).join(', ')} ON ${objects.toUpperCase()} TO ${to};`);
  if (go.length > 0) sql.push(`${head} GRANT ${plain(go).join(', ')} ON ${objects.toUpperCase()} TO ${to} WITH GRANT OPTION;`);
  if (sql.length === 0) return [];
  return [draft(PHASE.privileges, [f.id], `default privileges of ${f.object} for ${grantee}`, sql.join('\n'))];
}

function roleExists(ctx: PlanContext, f: Finding, role: string): boolean {
  if (!ctx.roles || ctx.roles.includes(role)) return true;
  ctx.refuse(
    f,
    'manual',
    `role ${role} does not exist on this server`,
    `Create the role (CREATE ROLE ${quoteIdent(role)}), or map the manifest's role to one that exists with --role-map ${role}=LIVE_ROLE.`,
  );
  return false;
}

function kindMatches(kind: string, f: Finding): boolean {
  const t = f.objectType;
  return (t === 'view' && (kind === 'view' || kind === 'materialized view')) || (t === 'function' && (kind === 'function' || kind === 'procedure')) || (t === 'enum' && kind === 'type') || t === kind;
}

export function grantKeyword(kind: string): string {
  switch (kind) {
    case 'table':
    case 'view':
    case 'materialized view':
      return 'TABLE';
    default:
      return kind.toUpperCase();
  }
}

function ownerKeyword(kind: string): string {
  return kind.toUpperCase();
}
