import type { FunctionDef, SchemaModel, ViewDef } from '../model/types.js';
import { qualifiedName } from '../model/ident.js';
import { inScope, notFromExtension, type Queryable, type SchemaScope } from './queryable.js';
import { normalizeViewDefinition } from './normalize-view.js';

interface RawViewRow {
  schema: string;
  name: string;
  relkind: 'v' | 'm';
  definition: string;
  options: string[] | null;
  comment: string | null;
  server_version_num: number;
}

const VIEWS_SQL = `
SELECT n.nspname AS schema, c.relname AS name, c.relkind, pg_get_viewdef(c.oid) AS definition,
       c.reloptions AS options, obj_description(c.oid, 'pg_class') AS comment,
       current_setting('server_version_num')::int AS server_version_num
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm') AND ${inScope('n.nspname')} AND ${notFromExtension('pg_class', 'c.oid')}
ORDER BY n.nspname, c.relname`;

interface RawFunctionRow {
  schema: string;
  name: string;
  prokind: 'f' | 'p';
  identity_args: string;
  arg_types: string;
  definition: string;
  comment: string | null;
}

const FUNCTIONS_SQL = `
SELECT n.nspname AS schema, p.proname AS name, p.prokind,
       pg_get_function_identity_arguments(p.oid) AS identity_args,
       oidvectortypes(p.proargtypes) AS arg_types,
       pg_get_functiondef(p.oid) AS definition,
       obj_description(p.oid, 'pg_proc') AS comment
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.prokind IN ('f', 'p') AND ${inScope('n.nspname')} AND ${notFromExtension('pg_proc', 'p.oid')}
  -- Not the constructors PostgreSQL makes with a range or multirange type (part of the type).
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.refclassid = 'pg_type'::regclass AND d.deptype = 'i')
ORDER BY n.nspname, p.proname, identity_args`;

export async function readViews(db: Queryable, scope: SchemaScope, model: SchemaModel): Promise<void> {
  for (const r of (await db.query<RawViewRow>(VIEWS_SQL, [scope.include, scope.exclude])).rows) {
    const v: ViewDef = { schema: r.schema, name: r.name, definition: normalizeViewDefinition(r.definition, r.server_version_num), columns: [] };
    if (r.relkind === 'm') v.materialized = true;
    if (r.options && r.options.length > 0) v.options = [...r.options].sort();
    if (r.comment != null) v.comment = r.comment;
    model.views[qualifiedName(r.schema, r.name)] = v;
  }
}

export async function readFunctions(db: Queryable, scope: SchemaScope, model: SchemaModel): Promise<void> {
  for (const r of (await db.query<RawFunctionRow>(FUNCTIONS_SQL, [scope.include, scope.exclude])).rows) {
    const f: FunctionDef = {
      schema: r.schema,
      name: r.name,
      kind: r.prokind === 'p' ? 'procedure' : 'function',
      identityArgs: r.identity_args,
      definition: r.definition.trimEnd(),
    };
    if (r.arg_types !== r.identity_args) f.argTypes = r.arg_types;
    if (r.comment != null) f.comment = r.comment;
    model.functions[functionKey(r.schema, r.name, r.identity_args)] = f;
  }
}

export function functionKey(schema: string, name: string, identityArgs: string): string {
  return `${qualifiedName(schema, name)}(${identityArgs})`;
}
