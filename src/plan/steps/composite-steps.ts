import type { CompositeAttributeDef, CompositeDef, SchemaModel } from '../../model/types.js';
import { doBlock, lit, q } from '../sql-util.js';
import { node } from '../graph/keys.js';
import { draft, PHASE, type StepDraft } from './draft.js';

const attributeSql = (a: CompositeAttributeDef) => `${q(a.name)} ${a.type}${a.collation ? ` COLLATE ${a.collation}` : ''}`;

/** Whether the composite type has a live attribute of that name: the guard of ADD ATTRIBUTE (it has no IF NOT EXISTS). */
const hasAttribute = (key: string, name: string) =>
  `EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = (SELECT typrelid FROM pg_catalog.pg_type WHERE oid = ${lit(key)}::regtype) AND attname = ${lit(name)} AND NOT attisdropped)`;

export function createComposite(id: string, key: string, c: CompositeDef): StepDraft[] {
  const out = [
    draft(
      PHASE.types,
      [id],
      `create composite type ${key}`,
      doBlock(`  IF to_regtype(${lit(key)}) IS NULL THEN
    CREATE TYPE ${key} AS (${c.attributes.map(attributeSql).join(', ')});
  END IF;`),
      { graph: { creates: [node.type(key)] } },
    ),
  ];
  if (c.comment !== undefined) out.push(draft(PHASE.comments, [id], `comment on type ${key}`, `COMMENT ON TYPE ${key} IS ${lit(c.comment)};`, { graph: { needs: [node.type(key)] } }));
  return out;
}

/** The table columns (`schema.table.column`) whose type is the composite type or an array of it. */
export function columnsUsing(m: SchemaModel, key: string): string[] {
  const out: string[] = [];
  for (const [t, def] of Object.entries(m.tables)) {
    for (const c of def.columns) if (c.type === key || c.type === `${key}[]`) out.push(`${t}.${q(c.name)}`);
  }
  return out;
}

export type CompositePlan = { steps: StepDraft[] } | { refusal: 'order' | 'retype_used'; detail: string };

/**
 * A composite type changed in place, as ALTER TYPE allows: attributes dropped, added (at the end: ADD ATTRIBUTE
 * appends, so the expected order must keep the live attributes first), and re-typed. CASCADE carries each change to
 * typed tables (CREATE TABLE … OF type). A column of a table storing the type keeps its rows: an added attribute is
 * NULL in them, a dropped one loses its values (DELETES_DATA). PostgreSQL refuses ALTER ATTRIBUTE … TYPE while a
 * column stores the type ("cannot alter type … because column … uses it"): the caller refuses that up front.
 */
export function alterCompositeSteps(id: string, key: string, e: CompositeDef, a: CompositeDef, live: SchemaModel): CompositePlan {
  const want = new Map(e.attributes.map((x) => [x.name, x]));
  const have = new Map(a.attributes.map((x) => [x.name, x]));
  const kept = e.attributes.filter((x) => have.has(x.name)).map((x) => x.name);
  const liveKept = a.attributes.filter((x) => want.has(x.name)).map((x) => x.name);
  const firstNew = e.attributes.findIndex((x) => !have.has(x.name));
  const lastKept = e.attributes.map((x) => have.has(x.name)).lastIndexOf(true);
  if (kept.join('\0') !== liveKept.join('\0') || (firstNew !== -1 && firstNew < lastKept)) {
    return { refusal: 'order', detail: `the expected attributes of ${key} are in another order than ALTER TYPE … ADD ATTRIBUTE (which appends) can give` };
  }
  const used = columnsUsing(live, key);
  const retyped = e.attributes.filter((x) => have.has(x.name) && attributeSql(x) !== attributeSql(have.get(x.name)!));
  if (retyped.length > 0 && used.length > 0) {
    return {
      refusal: 'retype_used',
      detail: `${retyped.map((x) => q(x.name)).join(', ')} of ${key} change type, but ${used.join(', ')} ${used.length === 1 ? 'stores' : 'store'} the type, and PostgreSQL cannot alter the type of an attribute in stored rows`,
    };
  }
  const steps: StepDraft[] = [];
  const step = (summary: string, sql: string, hazards: StepDraft['hazards'] = []) =>
    steps.push(draft(PHASE.types + 0.5, [id], summary, sql, { lock: 'ACCESS EXCLUSIVE', hazards, graph: { creates: [node.type(key)] } }));
  for (const x of a.attributes) {
    if (want.has(x.name)) continue;
    step(
      `drop attribute ${q(x.name)} of composite type ${key}${used.length > 0 ? ` (its values in ${used.join(', ')} are lost)` : ''}`,
      `ALTER TYPE ${key} DROP ATTRIBUTE IF EXISTS ${q(x.name)} CASCADE;`,
      used.length > 0 ? ['DELETES_DATA'] : [],
    );
  }
  for (const x of retyped) {
    step(
      `change the type of attribute ${q(x.name)} of composite type ${key} to ${x.type}`,
      `ALTER TYPE ${key} ALTER ATTRIBUTE ${q(x.name)} TYPE ${x.type}${x.collation ? ` COLLATE ${x.collation}` : ''} CASCADE;`,
    );
  }
  for (const x of e.attributes) {
    if (have.has(x.name)) continue;
    step(
      `add attribute ${q(x.name)} to composite type ${key}`,
      doBlock(`  IF NOT ${hasAttribute(key, x.name)} THEN
    ALTER TYPE ${key} ADD ATTRIBUTE ${attributeSql(x)} CASCADE;
  END IF;`),
    );
  }
  return { steps };
}
