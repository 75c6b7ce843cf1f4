import type { AclDelta, SchemaModel } from '../model/types.js';
import { DATABASE_OWNER_ROLE, entriesOf, type AclAtom } from '../model/privileges.js';
import { qualifiedName, quoteIdent } from '../model/ident.js';
import { functionKey } from './read-views.js';
import { inScope, notFromExtension, type Queryable, type SchemaScope } from './queryable.js';

interface RawPrivilegeRow {
  kind: string;
  schema: string;
  name: string | null;
  sub: string | null;
  owner: string | null;
  grants: AclAtom[];
  revoked: AclAtom[];
}

/** Grantee of an aclexplode row as the model writes it: PUBLIC, OWNER (the object's owner) or the role name. */
const grantee = (owner: string) => `CASE WHEN x.grantee = 0 THEN 'PUBLIC' WHEN x.grantee = ${owner} THEN 'OWNER' ELSE pg_get_userbyid(x.grantee) END`;
const atom = (owner: string) => `json_build_object('role', ${grantee(owner)}, 'privilege', x.privilege_type || CASE WHEN x.is_grantable THEN '*' ELSE '' END)`;

/**
 * The ACL minus its default (grants) and the default minus the ACL (revoked), grantor left out. A NULL ACL is the
 * default, so both are empty without exploding anything: most objects have none (about a third of the query's
 * server CPU at 1,000 tables).
 */
const delta = (acl: string, base: string, owner: string) => `
  CASE WHEN ${acl} IS NULL THEN '[]'::json ELSE COALESCE((SELECT json_agg(${atom(owner)} ORDER BY 1) FROM (
    SELECT grantee, privilege_type, is_grantable FROM aclexplode(COALESCE(${acl}, ${base}))
    EXCEPT SELECT grantee, privilege_type, is_grantable FROM aclexplode(${base})) x), '[]') END AS grants,
  CASE WHEN ${acl} IS NULL THEN '[]'::json ELSE COALESCE((SELECT json_agg(${atom(owner)} ORDER BY 1) FROM (
    SELECT grantee, privilege_type, is_grantable FROM aclexplode(${base})
    EXCEPT SELECT grantee, privilege_type, is_grantable FROM aclexplode(COALESCE(${acl}, ${base}))) x), '[]') END AS revoked`;

/**
 * Owners and ACLs of every object the model has, in one query. Identity sequences are part of their column (their
 * owner follows the table's); the public schema's stock ACL (USAGE, and CREATE before PostgreSQL 15, for PUBLIC)
 * counts as its default, as does its stock owner (pg_database_owner, or the bootstrap superuser before 15).
 */
const OBJECTS_SQL = `
WITH objs AS (
  SELECT CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' ELSE 'table' END AS kind,
         n.nspname AS schema, c.relname AS name, NULL::text AS sub, c.relowner AS owner, c.relacl AS acl,
         acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", c.relowner) AS base
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND ${inScope('n.nspname')} AND ${notFromExtension('pg_class', 'c.oid')}
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'i')
  UNION ALL
  SELECT 'column', n.nspname, c.relname, a.attname, c.relowner, a.attacl, acldefault('c', c.relowner)
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm')
    AND ${inScope('n.nspname')} AND ${notFromExtension('pg_class', 'c.oid')}
  UNION ALL
  SELECT 'schema', n.nspname, NULL, NULL, n.nspowner, n.nspacl,
         CASE WHEN n.nspname = 'public' THEN acldefault('n', n.nspowner) || makeaclitem(0, n.nspowner, 'USAGE', false)
              || CASE WHEN current_setting('server_version_num')::int < 150000 THEN ARRAY[makeaclitem(0, n.nspowner, 'CREATE', false)] ELSE '{}'::aclitem[] END
              ELSE acldefault('n', n.nspowner) END
  FROM pg_namespace n
  WHERE ${inScope('n.nspname')} AND ${notFromExtension('pg_namespace', 'n.oid')}
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END, n.nspname, p.proname, pg_get_function_identity_arguments(p.oid),
         p.proowner, p.proacl, acldefault('f', p.proowner)
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE p.prokind IN ('f', 'p') AND ${inScope('n.nspname')} AND ${notFromExtension('pg_proc', 'p.oid')}
  UNION ALL
  SELECT CASE t.typtype WHEN 'd' THEN 'domain' ELSE 'type' END, n.nspname, t.typname, NULL, t.typowner, t.typacl, acldefault('T', t.typowner)
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE t.typtype IN ('e', 'd') AND ${inScope('n.nspname')} AND ${notFromExtension('pg_type', 't.oid')}
)
SELECT o.kind, o.schema, o.name, o.sub,
       CASE WHEN o.owner <> db.datdba AND r.rolname <> 'pg_database_owner'
                 AND NOT (o.kind = 'schema' AND o.schema = 'public' AND o.owner = 10) THEN r.rolname END AS owner,
       ${delta('o.acl', 'o.base', 'o.owner')}
FROM objs o
JOIN pg_roles r ON r.oid = o.owner
CROSS JOIN (SELECT datdba FROM pg_database WHERE datname = current_database()) db
ORDER BY o.kind, o.schema, o.name, o.sub`;

interface RawDefaultAclRow {
  role: string;
  schema: string | null;
  objtype: string;
  grants: AclAtom[];
  revoked: AclAtom[];
}

/**
 * pg_default_acl. A global entry (no schema) replaces the built-in default, so it is compared as its difference
 * from acldefault; a per-schema entry adds to it, so all of it counts. The entries of the database owner are keyed
 * by DATABASE_OWNER_ROLE rather than by its name, like owners: `ALTER DEFAULT PRIVILEGES` without `FOR ROLE`, run
 * by the replay's superuser (who owns the replay database) and by production's migration role (who owns that one),
 * must compare equal.
 */
const DEFAULT_ACL_SQL = `
SELECT CASE WHEN d.defaclrole = db.datdba THEN '${DATABASE_OWNER_ROLE}' ELSE pg_get_userbyid(d.defaclrole) END AS role,
       n.nspname AS schema, d.defaclobjtype::text AS objtype,
       ${delta('d.defaclacl', `CASE WHEN d.defaclnamespace = 0 THEN acldefault(CASE d.defaclobjtype WHEN 'S' THEN 's' ELSE d.defaclobjtype END::"char", d.defaclrole) ELSE acldefault('c', d.defaclrole) END`, 'd.defaclrole')}
FROM pg_default_acl d
LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
CROSS JOIN (SELECT datdba FROM pg_database WHERE datname = current_database()) db
WHERE d.defaclnamespace = 0 OR ${inScope('n.nspname')}
ORDER BY 1, 2, 3`;

export const DEFAULT_ACL_OBJECTS: Record<string, string> = { r: 'tables', S: 'sequences', f: 'functions', T: 'types', n: 'schemas' };

export async function readPrivileges(db: Queryable, scope: SchemaScope, model: SchemaModel): Promise<void> {
  const params = [scope.include, scope.exclude];
  const privileges: NonNullable<SchemaModel['privileges']> = {};
  for (const r of (await db.query<RawPrivilegeRow>(OBJECTS_SQL, params)).rows) {
    const d = deltaOf(r);
    // A column has no owner of its own: its table's owner is the table's business.
    // A sequence owned by a column follows its table's owner (ALTER TABLE … OWNER TO moves it; on its own it cannot move).
    const owner = r.kind === 'column' || (r.kind === 'sequence' && model.sequences[objectName(r)]?.ownedBy !== undefined) ? null : r.owner;
    if (owner == null && !d) continue;
    privileges[`${r.kind} ${objectName(r)}`] = { ...(owner != null && { owner }), ...d };
  }
  if (Object.keys(privileges).length > 0) model.privileges = privileges;
  const defaults: NonNullable<SchemaModel['defaultPrivileges']> = {};
  for (const r of (await db.query<RawDefaultAclRow>(DEFAULT_ACL_SQL, params)).rows) {
    const d = deltaOf(r);
    if (d) defaults[`${quoteIdent(r.role)} / ${r.schema == null ? '*' : quoteIdent(r.schema)} / ${DEFAULT_ACL_OBJECTS[r.objtype] ?? r.objtype}`] = d;
  }
  if (Object.keys(defaults).length > 0) model.defaultPrivileges = defaults;
}

function objectName(r: RawPrivilegeRow): string {
  if (r.kind === 'schema') return quoteIdent(r.schema);
  if (r.kind === 'column') return `${qualifiedName(r.schema, r.name!)}.${quoteIdent(r.sub!)}`;
  if (r.kind === 'function' || r.kind === 'procedure') return functionKey(r.schema, r.name!, r.sub ?? '');
  return qualifiedName(r.schema, r.name!);
}

function deltaOf(r: { grants: AclAtom[]; revoked: AclAtom[] }): AclDelta | undefined {
  if (r.grants.length === 0 && r.revoked.length === 0) return undefined;
  return { ...(r.grants.length > 0 && { grants: entriesOf(r.grants) }), ...(r.revoked.length > 0 && { revoked: entriesOf(r.revoked) }) };
}
