import { doBlock, lit, q } from '../sql-util.js';
import { RUN_ID } from './data.js';
import { draft, PHASE, type StepDraft, type StepGraph } from './draft.js';
import { node } from '../graph/keys.js';

/**
 * --prune: nothing is destroyed without a way back. An unexpected table is renamed with the run id and moved into
 * the schema_doctor schema; an unexpected column's values are archived with the row's key before it is dropped; the
 * definition of every other dropped object is recorded in schema_doctor.dropped_objects.
 */
/**
 * `convert`: columns whose type the same plan drops (an unexpected enum or domain): the archived copy keeps their
 * values as the given type (text, or the domain's base type), so that the type can go.
 */
export function archiveTable(id: string, key: string, schema: string, name: string, columns: string[], convert: { column: string; type: string }[] = []): StepDraft {
  const converts = convert
    .map(
      ({ column, type }) =>
        `\n    EXECUTE format('ALTER TABLE schema_doctor.%I ALTER COLUMN %I DROP DEFAULT, ALTER COLUMN %I TYPE ${type} USING %I::${type}', archived, ${lit(column)}, ${lit(column)}, ${lit(column)});`,
    )
    .join('');
  return draft(
    PHASE.prune,
    [id],
    `move table ${key} into schema_doctor (archived, renamed with the run id)`,
    doBlock(
      `  IF to_regclass(${lit(key)}) IS NOT NULL THEN
    EXECUTE format('ALTER TABLE %s RENAME TO %I', ${lit(key)}, archived);
    EXECUTE format('ALTER TABLE %I.%I SET SCHEMA schema_doctor', ${lit(schema)}, archived);${converts}
  END IF;`,
      `archived text := left(${lit(name)} || '__' || replace(${RUN_ID}, '-', '_'), 63);`,
    ),
    {
      table: key,
      lock: 'ACCESS EXCLUSIVE',
      hazards: ['DROPS_OBJECT'],
      graph: { drops: [node.rel(key), ...columns.map((c) => node.column(key, c))] },
    },
  );
}

/** Archives every row's value of one column as `{key, column, value}` (the key: the primary key, else the ctid). */
export function archiveColumnValues(key: string, column: string, pk: string[], reason: string): string {
  const rowKey = pk.length > 0 ? `jsonb_build_object(${pk.map((c) => `${lit(c)}, t.${q(c)}`).join(', ')})` : `to_jsonb(t.ctid::text)`;
  return `INSERT INTO schema_doctor.archive (run_id, table_name, reason, row_data)
      SELECT ${RUN_ID}, ${lit(key)}, ${lit(reason)}, jsonb_build_object('key', ${rowKey}, 'column', ${lit(column)}, 'value', to_jsonb(t.${q(column)}))
      FROM ${key} t;`;
}

export function archiveColumn(id: string, key: string, column: string, pk: string[]): StepDraft {
  return draft(
    PHASE.prune,
    [id],
    `archive and drop column ${key}.${q(column)}`,
    doBlock(`  IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = ${lit(key)}::regclass AND attname = ${lit(column)} AND NOT attisdropped AND attinhcount = 0) THEN
    ${archiveColumnValues(key, column, pk, `pruned column ${column}`)}
    ALTER TABLE ${key} DROP COLUMN ${q(column)};
  END IF;`),
    { table: key, lock: 'ACCESS EXCLUSIVE', hazards: ['DROPS_OBJECT', 'DELETES_DATA', 'TAKES_ACCESS_EXCLUSIVE_LOCK'], needsDegraded: true, graph: { drops: [node.column(key, column)] } },
  );
}

/** Records the definition, then drops the object (no CASCADE: a dependant makes the step fail and the run roll back). */
export function dropRecorded(id: string, objectType: string, object: string, definition: string, dropSql: string, table: string | undefined, graph: StepGraph): StepDraft {
  const sql = `INSERT INTO schema_doctor.dropped_objects (run_id, object_type, object, definition)
  SELECT ${RUN_ID}, ${lit(objectType)}, ${lit(object)}, ${lit(definition)}
  WHERE NOT EXISTS (SELECT 1 FROM schema_doctor.dropped_objects WHERE run_id = ${RUN_ID} AND object = ${lit(object)});
${dropSql}`;
  return draft(PHASE.prune, [id], `drop ${objectType} ${object} (definition recorded)`, sql, { ...(table !== undefined && { table }), lock: 'ACCESS EXCLUSIVE', hazards: ['DROPS_OBJECT'], graph });
}
