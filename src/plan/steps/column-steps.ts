import type { ColumnDef, SequenceDef } from '../../model/types.js';
import { identityAlterations, identityOptionsSql } from '../../model/identity.js';
import { doBlock, lit, q } from '../sql-util.js';
import { archiveColumnValues } from './prune-steps.js';
import { draft, PHASE, type StepDraft } from './draft.js';
import { columnNodes, columnSql } from './table-steps.js';
import { node } from '../graph/keys.js';

/** Identity changes run before the other column steps: a default or NOT NULL change may need the identity gone. */
const IDENTITY_PHASE = PHASE.columns - 0.7;

/** `nextval('public.t_id_seq'::regclass)` → `public.t_id_seq`. */
function sequenceOfDefault(d: string | undefined): string | undefined {
  return d === undefined ? undefined : /^nextval\('((?:[^']|'')+)'::regclass\)$/.exec(d)?.[1]?.replace(/''/g, "'");
}

/**
 * Identity added, dropped or switched between ALWAYS and BY DEFAULT, with the column's default (a serial's nextval
 * is replaced by the identity, and the other way round). `ids` are the identity finding and, when there is one, the
 * column's default finding: one group of steps repairs both, in the order PostgreSQL needs (no default may stand
 * beside an identity). `freed` are the expected sequences owned by this column: a dropped identity's own sequence
 * may hold the name one of them needs (`t_id_seq`).
 */
export function identitySteps(ids: string[], key: string, e: ColumnDef, a: ColumnDef, freed: string[]): StepDraft[] {
  const col = q(e.name);
  const ident = node.identity(key, e.name);
  const where = `attrelid = ${lit(key)}::regclass AND attname = ${lit(e.name)}`;
  if (e.identity && a.identity) {
    // Kind and sequence options in one statement; the sequence keeps its current value.
    const sets = [
      ...(e.identity !== a.identity ? [`SET GENERATED ${e.identity.toUpperCase()}`] : []),
      ...(identityOptionsSql(e.identityOptions) !== identityOptionsSql(a.identityOptions) ? identityAlterations(e) : []),
    ];
    const what = e.identity !== a.identity ? `GENERATED ${e.identity.toUpperCase()}` : 'identity sequence options';
    return [
      draft(IDENTITY_PHASE, ids, `set ${key}.${col} ${what}`, `ALTER TABLE ${key} ALTER COLUMN ${col} ${sets.join(' ')};`, {
        table: key,
        lock: 'ACCESS EXCLUSIVE',
        graph: { creates: [ident] },
      }),
    ];
  }
  if (e.identity) {
    // The serial's sequence keeps its rows' position: the identity continues after it and after the largest value.
    const old = sequenceOfDefault(a.default);
    const carry =
      old === undefined
        ? ''
        : `
    IF to_regclass(${lit(old)}) IS NOT NULL THEN
      SELECT GREATEST(m, CASE WHEN is_called THEN last_value ELSE last_value - 1 END) INTO m FROM ${old};
      ALTER SEQUENCE ${old} OWNED BY NONE;
    END IF;`;
    const sql = doBlock(
      `  IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE ${where} AND attidentity = '') THEN
    SELECT max(${col}) INTO m FROM ${key};${carry}
    ALTER TABLE ${key} ALTER COLUMN ${col} DROP DEFAULT;
    ALTER TABLE ${key} ALTER COLUMN ${col} ADD GENERATED ${e.identity.toUpperCase()} AS IDENTITY${e.identityOptions ? ` (${identityOptionsSql(e.identityOptions)})` : ''};
    IF m IS NOT NULL THEN
      PERFORM pg_catalog.setval(pg_catalog.pg_get_serial_sequence(${lit(key)}, ${lit(e.name)}), m);
    END IF;
  END IF;`,
      'm bigint;',
    );
    return [
      draft(IDENTITY_PHASE, ids, `make ${key}.${col} an identity column (GENERATED ${e.identity.toUpperCase()}), continuing after its largest value`, sql, {
        table: key,
        lock: 'ACCESS EXCLUSIVE',
        graph: { creates: [ident], needs: [node.column(key, e.name)], ...(a.default !== undefined && { drops: [node.default(key, e.name)] }) },
      }),
    ];
  }
  const steps = [
    draft(IDENTITY_PHASE, ids, `drop identity of ${key}.${col}`, `ALTER TABLE ${key} ALTER COLUMN ${col} DROP IDENTITY IF EXISTS;`, {
      table: key,
      lock: 'ACCESS EXCLUSIVE',
      graph: { drops: [ident], frees: freed.map(node.rel) },
    }),
  ];
  if (e.default !== undefined) {
    steps.push(
      draft(PHASE.columns, ids, `set default of ${key}.${col}`, `ALTER TABLE ${key} ALTER COLUMN ${col} SET DEFAULT ${e.default};`, {
        table: key,
        lock: 'ACCESS EXCLUSIVE',
        graph: { creates: [node.default(key, e.name)] },
      }),
    );
  }
  return steps;
}

/** A sequence a column owns continues after the column's largest value (a serial re-created, an identity replaced). */
export function continueAfterMax(key: string, s: SequenceDef): string {
  const [table, column] = splitOwner(s.ownedBy!);
  return doBlock(
    `  SELECT max(${q(column)}) INTO m FROM ${table};
  IF m IS NOT NULL AND m > (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM ${key}) THEN
    PERFORM pg_catalog.setval(${lit(key)}, m);
  END IF;`,
    'm bigint;',
  );
}

/** `public.t.c` → [`public.t`, `c`] (the column part unquoted). */
function splitOwner(owner: string): [string, string] {
  const m = /^(.*)\.("(?:[^"]|"")+"|[^."]+)$/.exec(owner)!;
  const c = m[2]!;
  return [m[1]!, c.startsWith('"') ? c.slice(1, -1).replace(/""/g, '"') : c];
}

/**
 * A generated column's expression (or whether it is generated) changes. A stored generated column holds only what
 * its expression computes, so it is dropped and added back with the new one: nothing is lost, and what depends on
 * it (indexes, constraints, views) is dropped before and re-created after (plan/graph/expand.ts). A plain column
 * that becomes generated loses its values to the expression: they are archived first. A generated column that
 * becomes plain keeps its values (DROP EXPRESSION).
 */
export function generatedSteps(id: string, key: string, e: ColumnDef, a: ColumnDef, pk: string[], busy: boolean): StepDraft[] {
  const col = q(e.name);
  if (e.generated === undefined) {
    return [
      draft(PHASE.columns, [id], `make ${key}.${col} a plain column, keeping its values`, `ALTER TABLE ${key} ALTER COLUMN ${col} DROP EXPRESSION IF EXISTS;`, {
        table: key,
        lock: 'ACCESS EXCLUSIVE',
        graph: { creates: [node.column(key, e.name)] },
      }),
    ];
  }
  const differs = `SELECT 1 FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE a.attrelid = ${lit(key)}::regclass AND a.attname = ${lit(e.name)} AND NOT a.attisdropped
    AND (a.attgenerated <> 's' OR pg_catalog.pg_get_expr(d.adbin, d.adrelid) IS DISTINCT FROM ${lit(e.generated)})`;
  const archive = a.generated === undefined ? `${archiveColumnValues(key, e.name, pk, `column ${e.name} replaced by a generated column`)}\n` : '';
  // Two steps, so that a type change of a column the expression reads can run between them.
  return [
    draft(
      PHASE.dependentDrops,
      [id],
      `drop generated column ${key}.${col} to re-create it with its expected expression${archive ? ' (its current values archived)' : ''}`,
      `${archive}ALTER TABLE ${key} DROP COLUMN ${col};`,
      {
        table: key,
        lock: 'ACCESS EXCLUSIVE',
        onlyIf: differs,
        hazards: ['TAKES_ACCESS_EXCLUSIVE_LOCK', ...(archive ? ['REWRITES_ROWS' as const] : [])],
        needsDegraded: busy,
        graph: { drops: [node.column(key, e.name)] },
      },
    ),
    draft(PHASE.columns, [id], `add generated column ${key}.${col} with its expected expression`, `ALTER TABLE ${key} ADD COLUMN IF NOT EXISTS ${columnSql(e)};`, {
      table: key,
      lock: 'ACCESS EXCLUSIVE',
      hazards: ['REWRITES_TABLE', 'TAKES_ACCESS_EXCLUSIVE_LOCK'],
      needsDegraded: busy,
      graph: { creates: columnNodes(key, e) },
    }),
  ];
}
