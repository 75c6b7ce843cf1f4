/**
 * Owners and privileges, normalised so that the same grants compare equal however they were made.
 *
 * - `owner` is present only when it differs from the database owner (pg_database.datdba): a manifest replayed as the
 *   embedded server's superuser (who owns its database) and a live database owned by `app` compare equal, while an
 *   object owned by any other role is reported.
 * - `grants` / `revoked` are the ACL's difference from acldefault(type, owner): an object whose ACL is NULL or equal
 *   to its default records nothing. Each entry is `grantee: PRIV, PRIV` with the privileges sorted, `*` after a
 *   privilege held WITH GRANT OPTION, `PUBLIC` for everyone and `OWNER` for the object's owner (so that a renamed
 *   owner does not show up as changed grants). `revoked` lists default privileges that were taken away (e.g.
 *   `PUBLIC: EXECUTE` on a function). The grantor is not compared: it depends on who ran the GRANT, not on what
 *   anyone may do.
 */
export interface AclDelta {
  grants?: string[];
  revoked?: string[];
}

export interface ObjectPrivileges extends AclDelta {
  owner?: string;
}

/** The grantee that stands for the object's owner. */
export const OWNER_TOKEN = 'OWNER';

/**
 * The role part of a `defaultPrivileges` key for the database owner's entries (pg_database.datdba), whatever its
 * name: the built-in role that stands for the database owner (PostgreSQL 14+). The manifest is usually replayed as
 * a superuser who owns the replay database, production's migrations run as the role that owns production, and
 * `ALTER DEFAULT PRIVILEGES` without `FOR ROLE` belongs to whoever runs it: keyed by name, the same migration would
 * never compare equal. Repairs name the live database owner (`FOR ROLE`); `--role-map pg_database_owner=r` points
 * the entries at another role.
 */
export const DATABASE_OWNER_ROLE = 'pg_database_owner';

/** One privilege of one grantee: `{ role: 'app_read', privilege: 'SELECT*' }`. */
export interface AclAtom {
  role: string;
  privilege: string;
}

/** `app_read: SELECT, UPDATE*` → its atoms. */
export function atomsOf(entries: string[] | undefined): AclAtom[] {
  const out: AclAtom[] = [];
  for (const e of entries ?? []) {
    const i = e.lastIndexOf(': ');
    if (i < 0) continue;
    const role = e.slice(0, i);
    for (const p of e.slice(i + 2).split(', ')) out.push({ role, privilege: p });
  }
  return out;
}

/** Atoms → sorted `grantee: PRIV, PRIV` entries (one per grantee). */
export function entriesOf(atoms: AclAtom[]): string[] {
  const byRole = new Map<string, Set<string>>();
  for (const a of atoms) byRole.set(a.role, (byRole.get(a.role) ?? new Set()).add(a.privilege));
  return [...byRole.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([role, privs]) => `${role}: ${[...privs].sort().join(', ')}`);
}

/** Kind part of a privileges key: `table public.books` → `table`. */
export function splitPrivilegeKey(key: string): { kind: string; name: string } {
  for (const kind of ['materialized view', 'table', 'view', 'sequence', 'column', 'schema', 'function', 'procedure', 'type', 'domain']) {
    if (key.startsWith(`${kind} `)) return { kind, name: key.slice(kind.length + 1) };
  }
  return { kind: 'table', name: key };
}
