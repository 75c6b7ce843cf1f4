import type { SchemaModel, TriggerDef } from '../model/types.js';
import { qualifiedName } from '../model/ident.js';
import { inScope, type Queryable, type SchemaScope } from './queryable.js';
import { canonicalExpr } from './canonical-expr.js';

interface RawTriggerRow {
  schema: string;
  relation: string;
  relkind: string;
  name: string;
  definition: string;
  enabled: 'O' | 'D' | 'R' | 'A';
  comment: string | null;
}

/** User triggers; internal ones (FK enforcement) and clones on partitions (tgparentid <> 0) are left out. */
const TRIGGERS_SQL = `
SELECT n.nspname AS schema, c.relname AS relation, c.relkind, t.tgname AS name,
       pg_get_triggerdef(t.oid) AS definition, t.tgenabled AS enabled,
       obj_description(t.oid, 'pg_trigger') AS comment
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND ${inScope('n.nspname')}
ORDER BY n.nspname, c.relname, t.tgname`;

const ENABLED = { D: 'disabled', R: 'replica', A: 'always' } as const;

interface RawPolicyRow {
  schema: string;
  table_name: string;
  name: string;
  permissive: boolean;
  command: string;
  roles: string[];
  using_expr: string | null;
  check_expr: string | null;
  comment: string | null;
}

const POLICIES_SQL = `
SELECT n.nspname AS schema, c.relname AS table_name, p.polname AS name, p.polpermissive AS permissive,
       p.polcmd AS command,
       ARRAY(SELECT CASE WHEN pr.oid = 0 THEN 'public' ELSE r.rolname END
             FROM unnest(p.polroles) AS pr(oid) LEFT JOIN pg_roles r ON r.oid = pr.oid
             ORDER BY 1)::text[] AS roles,
       pg_get_expr(p.polqual, p.polrelid) AS using_expr,
       pg_get_expr(p.polwithcheck, p.polrelid) AS check_expr,
       obj_description(p.oid, 'pg_policy') AS comment
FROM pg_policy p
JOIN pg_class c ON c.oid = p.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE ${inScope('n.nspname')}
ORDER BY n.nspname, c.relname, p.polname`;

const COMMANDS = { '*': 'all', r: 'select', a: 'insert', w: 'update', d: 'delete' } as const;

export async function readTriggers(db: Queryable, scope: SchemaScope, model: SchemaModel): Promise<void> {
  const { rows } = await db.query<RawTriggerRow>(TRIGGERS_SQL, [scope.include, scope.exclude]);
  for (const r of rows) {
    const trg: TriggerDef = { name: r.name, definition: canonicalExpr(r.definition) };
    if (r.enabled !== 'O') trg.enabled = ENABLED[r.enabled];
    if (r.comment != null) trg.comment = r.comment;
    const key = qualifiedName(r.schema, r.relation);
    const table = model.tables[key];
    if (table) table.triggers[r.name] = trg;
    else {
      const view = model.views[key];
      if (view) (view.triggers ??= {})[r.name] = trg;
    }
  }
}

export async function readPolicies(db: Queryable, scope: SchemaScope, model: SchemaModel): Promise<void> {
  const { rows } = await db.query<RawPolicyRow>(POLICIES_SQL, [scope.include, scope.exclude]);
  for (const r of rows) {
    const table = model.tables[qualifiedName(r.schema, r.table_name)];
    if (!table) continue;
    table.policies[r.name] = {
      name: r.name,
      permissive: r.permissive,
      command: COMMANDS[r.command as keyof typeof COMMANDS] ?? 'all',
      roles: r.roles,
      ...(r.using_expr != null && { using: canonicalExpr(r.using_expr) }),
      ...(r.check_expr != null && { withCheck: canonicalExpr(r.check_expr) }),
      ...(r.comment != null && { comment: r.comment }),
    };
  }
}
