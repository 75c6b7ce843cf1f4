import type { RangeDef, SchemaModel } from '../../model/types.js';
import { rangeOptions } from '../../diff/diff-ranges.js';
import { doBlock, lit, q } from '../sql-util.js';
import { node } from '../graph/keys.js';
import { draft, PHASE, type StepDraft } from './draft.js';

export function createRange(id: string, key: string, r: RangeDef): StepDraft[] {
  const out = [
    draft(
      PHASE.types,
      [id],
      `create range type ${key}`,
      doBlock(`  IF to_regtype(${lit(key)}) IS NULL THEN
    CREATE TYPE ${key} AS RANGE (${rangeOptions(r)});
  END IF;`),
      { graph: { creates: [node.type(key)] } },
    ),
  ];
  if (r.comment !== undefined) out.push(draft(PHASE.comments, [id], `comment on type ${key}`, `COMMENT ON TYPE ${key} IS ${lit(r.comment)};`, { graph: { needs: [node.type(key)] } }));
  return out;
}

/** A range type cannot be altered: a changed one that nothing uses is dropped (its multirange with it) and created. */
export function recreateRange(id: string, key: string, r: RangeDef): StepDraft[] {
  return [
    draft(PHASE.types, [id], `drop range type ${key} (its options change)`, `DROP TYPE IF EXISTS ${key};`, { lock: 'ACCESS EXCLUSIVE', hazards: ['DROPS_OBJECT'], graph: { drops: [node.type(key)] } }),
    ...createRange(id, key, r),
  ];
}

/**
 * What uses the range type (or its multirange, or an array of either) in the model: columns, domains, composite
 * attributes, other ranges, and functions whose definition names it.
 */
export function rangeUsers(m: SchemaModel, key: string): string[] {
  const r = m.ranges?.[key];
  const names = [key, ...(r?.multirange ? [r.multirange] : [])];
  const uses = (type: string) => names.some((n) => type === n || type === `${n}[]`);
  const out: string[] = [];
  for (const [t, def] of Object.entries(m.tables)) for (const c of def.columns) if (uses(c.type)) out.push(`column ${t}.${q(c.name)}`);
  for (const [d, def] of Object.entries(m.domains)) if (uses(def.type)) out.push(`domain ${d}`);
  for (const [k, def] of Object.entries(m.composites ?? {})) if (def.attributes.some((a) => uses(a.type))) out.push(`type ${k}`);
  for (const [k, def] of Object.entries(m.functions)) if (names.some((n) => def.definition.includes(n))) out.push(`function ${k}`);
  return [...new Set(out)];
}
