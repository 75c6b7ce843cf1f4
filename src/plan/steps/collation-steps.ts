import type { CollationDef, SchemaModel } from '../../model/types.js';
import { collationOptions } from '../../diff/diff-collations.js';
import { lit, q } from '../sql-util.js';
import { node } from '../graph/keys.js';
import { draft, PHASE, type StepDraft } from './draft.js';

export function createCollation(id: string, key: string, c: CollationDef): StepDraft[] {
  const out = [draft(PHASE.types, [id], `create collation ${key}`, `CREATE COLLATION IF NOT EXISTS ${key} (${collationOptions(c)});`, { graph: { creates: [node.collation(key)] } })];
  if (c.comment !== undefined) out.push(draft(PHASE.comments, [id], `comment on collation ${key}`, `COMMENT ON COLLATION ${key} IS ${lit(c.comment)};`, { graph: { needs: [node.collation(key)] } }));
  return out;
}

/** A collation cannot be altered (only renamed or refreshed): a changed one is dropped and created again. */
export function recreateCollation(id: string, key: string, c: CollationDef): StepDraft[] {
  return [
    draft(PHASE.types, [id], `drop collation ${key} (its options change)`, `DROP COLLATION IF EXISTS ${key};`, { hazards: ['DROPS_OBJECT'], graph: { drops: [node.collation(key)] } }),
    ...createCollation(id, key, c),
  ];
}

/** What uses the collation in the model: columns, domains and composite attributes (by their qualified name). */
export function collationUsers(m: SchemaModel, key: string): string[] {
  const out: string[] = [];
  for (const [t, def] of Object.entries(m.tables)) for (const c of def.columns) if (c.collation === key) out.push(`column ${t}.${q(c.name)}`);
  for (const [d, def] of Object.entries(m.domains)) if (def.collation === key) out.push(`domain ${d}`);
  for (const [k, def] of Object.entries(m.composites ?? {})) for (const a of def.attributes) if (a.collation === key) out.push(`type ${k}`);
  return [...new Set(out)];
}
