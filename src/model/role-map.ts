import { UsageError } from '../errors.js';
import type { SchemaModel } from './types.js';
import { atomsOf, entriesOf } from './privileges.js';
import { quoteIdent } from './ident.js';

/** `--role-map app=app_prod` (repeatable) → { app: 'app_prod' }. */
export function parseRoleMap(pairs: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs ?? []) {
    const i = p.indexOf('=');
    if (i <= 0 || i === p.length - 1) {
      throw new UsageError('BAD_ROLE_MAP', `--role-map ${p} is not MANIFEST_ROLE=LIVE_ROLE.`, 'Write it as --role-map app=app_prod (repeat it for each role).');
    }
    out[p.slice(0, i)] = p.slice(i + 1);
  }
  return out;
}

/**
 * The expected model with its role names replaced: owners, grantees, the roles of default privileges and policy
 * roles. Pure; the model given is not changed.
 */
export function mapRoles(model: SchemaModel, map: Record<string, string>): SchemaModel {
  if (Object.keys(map).length === 0) return model;
  const role = (r: string) => map[r] ?? r;
  const entries = (list: string[] | undefined) => (list ? entriesOf(atomsOf(list).map((a) => ({ ...a, role: role(a.role) }))) : undefined);
  const delta = <T extends { grants?: string[]; revoked?: string[] }>(d: T): T => ({
    ...d,
    ...(d.grants && { grants: entries(d.grants) }),
    ...(d.revoked && { revoked: entries(d.revoked) }),
  });
  const out: SchemaModel = { ...model };
  if (model.privileges) {
    out.privileges = Object.fromEntries(Object.entries(model.privileges).map(([k, p]) => [k, { ...delta(p), ...(p.owner !== undefined && { owner: role(p.owner) }) }]));
  }
  if (model.defaultPrivileges) {
    out.defaultPrivileges = Object.fromEntries(
      Object.entries(model.defaultPrivileges).map(([k, d]) => {
        const [r, ...rest] = k.split(' / ');
        const unquoted = r!.startsWith('"') ? r!.slice(1, -1).replace(/""/g, '"') : r!;
        return [[quoteIdent(role(unquoted)), ...rest].join(' / '), delta(d)];
      }),
    );
  }
  out.tables = Object.fromEntries(
    Object.entries(model.tables).map(([k, t]) => [
      k,
      {
        ...t,
        policies: Object.fromEntries(Object.entries(t.policies).map(([n, p]) => [n, { ...p, roles: p.roles.map(role).sort() }])),
      },
    ]),
  );
  return out;
}
