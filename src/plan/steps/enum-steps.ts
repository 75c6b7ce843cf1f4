import type { SchemaModel } from '../../model/types.js';
import { doBlock, lit, q } from '../sql-util.js';
import { node, schemaOf } from '../graph/keys.js';
import { draft, PHASE, type StepDraft } from './draft.js';

/**
 * Enum values can be added in place (ALTER TYPE … ADD VALUE) but never removed or reordered. For those the type is
 * swapped: the old one renamed aside, the new one created with the labels in order, every column converted through
 * text, the old type dropped. Defaults, checks, indexes with predicates, views and functions that use the type are
 * dropped before and re-created after (plan/graph/expand.ts). A value still held by a row makes the conversion fail,
 * so the planner refuses a removal up front when a probe found one.
 */
export function swapEnum(ids: string[], key: string, labels: string[], actual: SchemaModel, busy: (table: string) => boolean): StepDraft[] {
  const name = key.slice(schemaOf(key).length + 1);
  const bare = name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name;
  const aside = `${schemaOf(key)}.${q(`${bare.slice(0, 50)}__sd_old`)}`;
  const wanted = `ARRAY[${labels.map(lit).join(', ')}]::text[]`;
  const swap = doBlock(`  IF (SELECT array_agg(enumlabel::text ORDER BY enumsortorder) FROM pg_catalog.pg_enum WHERE enumtypid = ${lit(key)}::regtype) IS DISTINCT FROM ${wanted} THEN
    ALTER TYPE ${key} RENAME TO ${q(`${bare.slice(0, 50)}__sd_old`)};
    CREATE TYPE ${key} AS ENUM (${labels.map(lit).join(', ')});
  END IF;`);
  const out: StepDraft[] = [
    draft(PHASE.types, ids, `re-create enum ${key} with its values in the expected order (the old type is renamed aside)`, swap, {
      lock: 'ACCESS EXCLUSIVE',
      graph: { drops: [node.type(key)], creates: [node.type(key)] },
    }),
  ];
  for (const [tableKey, t] of Object.entries(actual.tables)) {
    if (t.partitionOf) continue; // converted with its parent
    for (const c of t.columns) {
      const array = c.type === `${key}[]`;
      if (c.type !== key && !array) continue;
      const type = array ? `${key}[]` : key;
      const convert =
        doBlock(`  IF (SELECT atttypid FROM pg_catalog.pg_attribute WHERE attrelid = ${lit(tableKey)}::regclass AND attname = ${lit(c.name)}) = pg_catalog.to_regtype(${lit(array ? `${aside}[]` : aside)}) THEN
    ALTER TABLE ${tableKey} ALTER COLUMN ${q(c.name)} TYPE ${type} USING ${q(c.name)}::text${array ? '[]' : ''}::${type};
  END IF;`);
      out.push(
        draft(PHASE.types + 0.5, ids, `convert ${tableKey}.${q(c.name)} to the re-created enum ${key}`, convert, {
          table: tableKey,
          lock: 'ACCESS EXCLUSIVE',
          hazards: ['REWRITES_TABLE', 'TAKES_ACCESS_EXCLUSIVE_LOCK'],
          needsDegraded: busy(tableKey),
          graph: { alters: [node.column(tableKey, c.name)] },
        }),
      );
    }
  }
  out.push(draft(PHASE.types + 0.5, ids, `drop the old enum ${aside}`, `DROP TYPE IF EXISTS ${aside};`, { lock: 'ACCESS EXCLUSIVE' }));
  return out;
}
