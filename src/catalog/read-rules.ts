import type { RuleDef, SchemaModel } from '../model/types.js';
import { qualifiedName } from '../model/ident.js';
import { inScope, notFromExtension, type Queryable, type SchemaScope } from './queryable.js';
import { canonicalExpr } from './canonical-expr.js';

interface RawRuleRow {
  schema: string;
  relation: string;
  name: string;
  definition: string;
  enabled: 'O' | 'D' | 'R' | 'A';
  comment: string | null;
}

/** Rules of tables and views, but a view's own `_RETURN` rule (that is the view's definition). */
const RULES_SQL = `
SELECT n.nspname AS schema, c.relname AS relation, r.rulename AS name,
       pg_get_ruledef(r.oid) AS definition, r.ev_enabled AS enabled,
       obj_description(r.oid, 'pg_rewrite') AS comment
FROM pg_rewrite r
JOIN pg_class c ON c.oid = r.ev_class
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE r.rulename <> '_RETURN' AND ${inScope('n.nspname')}
  AND ${notFromExtension('pg_rewrite', 'r.oid')} AND ${notFromExtension('pg_class', 'c.oid')}
ORDER BY n.nspname, c.relname, r.rulename`;

const ENABLED = { D: 'disabled', R: 'replica', A: 'always' } as const;

/** Read after tables and views exist in the model: rules attach to their relation. */
export async function readRules(db: Queryable, scope: SchemaScope, model: SchemaModel): Promise<void> {
  const { rows } = await db.query<RawRuleRow>(RULES_SQL, [scope.include, scope.exclude]);
  for (const r of rows) {
    const rule: RuleDef = { name: r.name, definition: canonicalExpr(r.definition.trim().replace(/;$/, '')) };
    if (r.enabled !== 'O') rule.enabled = ENABLED[r.enabled];
    if (r.comment != null) rule.comment = r.comment;
    const key = qualifiedName(r.schema, r.relation);
    const holder = model.tables[key] ?? model.views[key];
    if (holder) (holder.rules ??= {})[r.name] = rule;
  }
}
