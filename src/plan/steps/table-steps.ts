import type { ColumnDef, ConstraintDef, IndexDef, PolicyDef, TableDef, TriggerDef } from '../../model/types.js';
import { identityOptionsSql } from '../../model/identity.js';
import { constraintExists, doBlock, ifNoConstraint, lit, q } from '../sql-util.js';
import { draft, PHASE, tag, type StepDraft } from './draft.js';
import { node, schemaOf } from '../graph/keys.js';

/** Column definition for CREATE TABLE / ADD COLUMN. */
export function columnSql(c: ColumnDef, withNotNull = true): string {
  return [
    `${q(c.name)} ${c.type}`,
    c.collation ? ` COLLATE ${c.collation}` : '',
    c.generated ? ` GENERATED ALWAYS AS (${c.generated}) STORED` : '',
    c.default !== undefined ? ` DEFAULT ${c.default}` : '',
    c.identity ? ` GENERATED ${c.identity.toUpperCase()} AS IDENTITY${c.identityOptions ? ` (${identityOptionsSql(c.identityOptions)})` : ''}` : '',
    withNotNull && c.notNull ? ' NOT NULL' : '',
  ].join('');
}

/** What creating a column makes: the column, its default and its NOT NULL. */
export function columnNodes(key: string, c: ColumnDef, withNotNull = true): string[] {
  return [node.column(key, c.name), ...(c.default !== undefined ? [node.default(key, c.name)] : []), ...(withNotNull && c.notNull ? [node.notNull(key, c.name)] : [])];
}

/** The table with its columns; constraints, indexes and the rest are separate steps. */
export function createTable(id: string, key: string, t: TableDef): StepDraft {
  const cols = t.columns.map((c) => `  ${columnSql(c)}`).join(',\n');
  let sql: string;
  if (t.partitionOf) {
    sql = `CREATE ${t.unlogged ? 'UNLOGGED ' : ''}TABLE IF NOT EXISTS ${key} PARTITION OF ${t.partitionOf} ${t.partitionBound ?? 'DEFAULT'}${t.partitionBy ? ` PARTITION BY ${t.partitionBy}` : ''};`;
  } else {
    sql = `CREATE ${t.unlogged ? 'UNLOGGED ' : ''}TABLE IF NOT EXISTS ${key} (\n${cols}\n)${t.partitionBy ? ` PARTITION BY ${t.partitionBy}` : ''};`;
  }
  if (t.rowSecurity) sql += `\nALTER TABLE ${key} ENABLE ROW LEVEL SECURITY;`;
  if (t.forceRowSecurity) sql += `\nALTER TABLE ${key} FORCE ROW LEVEL SECURITY;`;
  return draft(PHASE.tables, [id], `create table ${key}`, sql, { table: key, graph: { creates: [node.rel(key), ...t.columns.flatMap((c) => columnNodes(key, c))] } });
}

/** A partition takes its columns from its parent (PostgreSQL refuses ADD COLUMN on it): the condition skips it there. */
export function addColumn(id: string, key: string, c: ColumnDef, rewrites: boolean, busy: boolean): StepDraft {
  return draft(PHASE.columns, [id], `add column ${key}.${q(c.name)}`, `ALTER TABLE ${key} ADD COLUMN IF NOT EXISTS ${columnSql(c)};`, {
    onlyIf: `SELECT 1 FROM pg_catalog.pg_class WHERE oid = ${lit(key)}::regclass AND NOT relispartition`,
    table: key,
    lock: 'ACCESS EXCLUSIVE',
    hazards: rewrites ? ['TAKES_ACCESS_EXCLUSIVE_LOCK', 'REWRITES_TABLE'] : [],
    needsDegraded: rewrites && busy,
    graph: { creates: columnNodes(key, c) },
  });
}

/** Add the column nullable, fill it by policy, then make it NOT NULL (three statements, one transaction). */
export function addColumnFilled(id: string, key: string, c: ColumnDef, fill: string): StepDraft {
  const sql = [
    `ALTER TABLE ${key} ADD COLUMN IF NOT EXISTS ${columnSql(c, false)};`,
    `UPDATE ${key} t SET ${q(c.name)} = (${fill}) WHERE t.${q(c.name)} IS NULL;`,
    `ALTER TABLE ${key} ALTER COLUMN ${q(c.name)} SET NOT NULL;`,
  ].join('\n');
  return draft(PHASE.columns, [id], `add column ${key}.${q(c.name)} filled by policy`, sql, {
    table: key,
    lock: 'ACCESS EXCLUSIVE',
    hazards: ['REWRITES_ROWS', 'TAKES_ACCESS_EXCLUSIVE_LOCK'],
    needsDegraded: true,
    graph: { creates: columnNodes(key, c) },
  });
}

export function setDefault(id: string, key: string, c: ColumnDef): StepDraft {
  const sql = c.default === undefined ? `ALTER TABLE ${key} ALTER COLUMN ${q(c.name)} DROP DEFAULT;` : `ALTER TABLE ${key} ALTER COLUMN ${q(c.name)} SET DEFAULT ${c.default};`;
  return draft(PHASE.columns, [id], `${c.default === undefined ? 'drop' : 'set'} default of ${key}.${q(c.name)}`, sql, {
    table: key,
    lock: 'ACCESS EXCLUSIVE',
    graph: c.default === undefined ? { drops: [node.default(key, c.name)] } : { creates: [node.default(key, c.name)] },
  });
}

export function dropDefault(id: string, key: string, column: string): StepDraft {
  return draft(PHASE.columns - 0.5, [id], `drop default of ${key}.${q(column)}`, `ALTER TABLE ${key} ALTER COLUMN ${q(column)} DROP DEFAULT;`, {
    table: key,
    lock: 'ACCESS EXCLUSIVE',
    graph: { drops: [node.default(key, column)] },
  });
}

export function dropTrigger(id: string, key: string, name: string): StepDraft {
  return draft(PHASE.dependentDrops, [id], `drop trigger ${q(name)} on ${key} (its definition changes)`, `DROP TRIGGER IF EXISTS ${q(name)} ON ${key};`, {
    table: key,
    lock: 'SHARE ROW EXCLUSIVE',
    graph: { drops: [node.trigger(key, name)] },
  });
}

export function dropPolicy(id: string, key: string, name: string): StepDraft {
  return draft(PHASE.dependentDrops, [id], `drop policy ${q(name)} on ${key} (its definition changes)`, `DROP POLICY IF EXISTS ${q(name)} ON ${key};`, {
    table: key,
    lock: 'ACCESS EXCLUSIVE',
    graph: { drops: [node.policy(key, name)] },
  });
}

/**
 * NOT NULL without a long exclusive lock: a CHECK (col IS NOT NULL) added NOT VALID, validated (SHARE UPDATE
 * EXCLUSIVE: writes go on), then SET NOT NULL, which uses the validated check instead of scanning, then the check
 * is dropped. `online` splits validation out of the transaction for large tables.
 */
export function setNotNull(id: string, key: string, column: string, online: boolean): StepDraft[] {
  const check = `sd_${column}_not_null`.slice(0, 63);
  const add = ifNoConstraint(key, check, `ALTER TABLE ${key} ADD CONSTRAINT ${q(check)} CHECK (${q(column)} IS NOT NULL) NOT VALID`);
  const validate = doBlock(`  IF ${constraintExists(key, check)} THEN\n    ALTER TABLE ${key} VALIDATE CONSTRAINT ${q(check)};\n  END IF;`);
  const finish = `ALTER TABLE ${key} ALTER COLUMN ${q(column)} SET NOT NULL;\nALTER TABLE ${key} DROP CONSTRAINT IF EXISTS ${q(check)};`;
  const graph = { needs: [node.column(key, column)], creates: [node.notNull(key, column)] };
  if (!online) {
    return [draft(PHASE.columns, [id], `set NOT NULL on ${key}.${q(column)}`, `${add}\n${validate}\n${finish}`, { table: key, lock: 'ACCESS EXCLUSIVE', graph })];
  }
  return [
    draft(PHASE.columns, [id], `add CHECK (${q(column)} IS NOT NULL) NOT VALID on ${key}`, add, { table: key, lock: 'ACCESS EXCLUSIVE', graph: { needs: graph.needs } }),
    draft(PHASE.validate, [id], `validate NOT NULL check on ${key}.${q(column)}`, validate, { table: key, lock: 'SHARE UPDATE EXCLUSIVE', transactional: false }),
    draft(PHASE.afterConcurrent, [id], `set NOT NULL on ${key}.${q(column)}`, finish, { table: key, lock: 'ACCESS EXCLUSIVE', graph: { creates: graph.creates } }),
  ];
}

export function dropNotNull(id: string, key: string, column: string): StepDraft {
  return draft(PHASE.columns, [id], `drop NOT NULL on ${key}.${q(column)}`, `ALTER TABLE ${key} ALTER COLUMN ${q(column)} DROP NOT NULL;`, {
    table: key,
    lock: 'ACCESS EXCLUSIVE',
    graph: { drops: [node.notNull(key, column)] },
  });
}

/**
 * The column of a partition or an inheritance child is changed through its parent (PostgreSQL refuses it on the
 * child: "cannot alter inherited column"); the condition skips it there, and the parent's step recurses to it.
 */
export function alterType(id: string, key: string, c: ColumnDef, busy: boolean): StepDraft {
  return draft(
    PHASE.columns,
    [id],
    `change type of ${key}.${q(c.name)} to ${c.type}`,
    `ALTER TABLE ${key} ALTER COLUMN ${q(c.name)} TYPE ${c.type}${c.collation ? ` COLLATE ${c.collation}` : ''} USING ${q(c.name)}::${c.type};`,
    {
      table: key,
      lock: 'ACCESS EXCLUSIVE',
      hazards: ['CHANGES_COLUMN_TYPE', 'REWRITES_TABLE', 'TAKES_ACCESS_EXCLUSIVE_LOCK'],
      needsDegraded: busy,
      onlyIf: `SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = ${lit(key)}::regclass AND attname = ${lit(c.name)} AND attinhcount = 0`,
      graph: { alters: [node.column(key, c.name)] },
    },
  );
}

/** What adding a constraint makes: the constraint, and the index a key or exclusion constraint owns. */
export function constraintNodes(key: string, c: ConstraintDef): string[] {
  return [node.constraint(key, c.name), ...(c.type === 'primary_key' || c.type === 'unique' || c.type === 'exclusion' ? [node.index(key, c.name)] : [])];
}

/** Primary key, unique, check and exclusion constraints, tagged with what they create. */
export function addConstraint(id: string, key: string, c: ConstraintDef, busy: boolean, online: boolean): StepDraft[] {
  const steps = addConstraintSteps(id, key, c, busy, online);
  // The first step must follow any drop of the name; what depends on the constraint follows the last.
  tag(steps[0]!, { creates: constraintNodes(key, c) });
  if (steps.length > 1) tag(steps[steps.length - 1]!, { creates: constraintNodes(key, c) });
  if (c.indexOptions) steps.push(constraintIndexOptions(id, key, c, undefined));
  return steps;
}

/** The storage parameters of a constraint's index, set in place (they apply to pages written from now on). */
export function constraintIndexOptions(id: string, key: string, c: ConstraintDef, live: ConstraintDef | undefined): StepDraft {
  const index = `${schemaOf(key)}.${q(c.name)}`;
  const wanted = c.indexOptions ?? [];
  const keyOf = (o: string) => o.slice(0, o.indexOf('='));
  const reset = (live?.indexOptions ?? []).map(keyOf).filter((k) => !wanted.some((o) => keyOf(o) === k));
  const sql = [...(wanted.length > 0 ? [`ALTER INDEX ${index} SET (${wanted.join(', ')});`] : []), ...(reset.length > 0 ? [`ALTER INDEX ${index} RESET (${reset.join(', ')});`] : [])].join('\n');
  return draft(PHASE.constraints, [id], `set storage parameters of the index of constraint ${q(c.name)} on ${key}`, sql, {
    table: key,
    lock: 'SHARE UPDATE EXCLUSIVE',
    graph: { needs: [node.constraint(key, c.name)] },
  });
}

/** Online for large tables: see uniqueOnline. */
function addConstraintSteps(id: string, key: string, c: ConstraintDef, busy: boolean, online: boolean): StepDraft[] {
  if (c.type === 'foreign_key' || c.type === 'check') {
    const phase = c.type === 'foreign_key' ? PHASE.foreignKeys : PHASE.constraints;
    const add = ifNoConstraint(key, c.name, `ALTER TABLE ${key} ADD CONSTRAINT ${q(c.name)} ${c.definition.replace(/ NOT VALID$/, '')} NOT VALID`);
    const lock = c.type === 'foreign_key' ? 'SHARE ROW EXCLUSIVE' : 'ACCESS EXCLUSIVE';
    if (c.validated === false) return [draft(phase, [id], `add constraint ${q(c.name)} (NOT VALID) on ${key}`, add, { table: key, lock })];
    const validate = `ALTER TABLE ${key} VALIDATE CONSTRAINT ${q(c.name)};`;
    if (online) {
      return [
        draft(phase, [id], `add constraint ${q(c.name)} NOT VALID on ${key}`, add, { table: key, lock }),
        draft(PHASE.validate, [id], `validate constraint ${q(c.name)} on ${key}`, validate, { table: key, lock: 'SHARE UPDATE EXCLUSIVE', transactional: false }),
      ];
    }
    return [draft(phase, [id], `add constraint ${q(c.name)} on ${key}`, `${add}\n${validate}`, { table: key, lock })];
  }
  if ((c.type === 'unique' || c.type === 'primary_key') && online && !c.deferrable) {
    return uniqueOnline(id, key, c);
  }
  return [
    draft(PHASE.constraints, [id], `add constraint ${q(c.name)} on ${key}`, ifNoConstraint(key, c.name, `ALTER TABLE ${key} ADD CONSTRAINT ${q(c.name)} ${c.definition}`), {
      table: key,
      lock: 'ACCESS EXCLUSIVE',
      hazards: busy ? ['TAKES_ACCESS_EXCLUSIVE_LOCK'] : [],
      needsDegraded: false,
    }),
  ];
}

/**
 * Unique or primary key without blocking writes: CREATE UNIQUE INDEX CONCURRENTLY (outside the transaction), then
 * ADD CONSTRAINT … USING INDEX, which only takes a brief exclusive lock. An INVALID index left by an interrupted
 * build is dropped first, so a re-run rebuilds it.
 */
export function uniqueOnline(id: string, key: string, c: ConstraintDef): StepDraft[] {
  const schema = key.slice(0, key.indexOf('.'));
  const idx = `${schema}.${q(c.name)}`;
  const cols = c.columns.map(q).join(', ');
  const nnd = c.nullsNotDistinct ? ' NULLS NOT DISTINCT' : '';
  const dropInvalid = `DROP INDEX CONCURRENTLY IF EXISTS ${idx}`;
  const build = `CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ${q(c.name)} ON ${key} (${cols})${nnd};`;
  const invalidGuard = `SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = to_regclass(${lit(idx)}) AND NOT indisvalid`;
  return [
    draft(PHASE.concurrent, [id], `drop invalid index ${idx} left by an interrupted build, if any`, `${dropInvalid};`, {
      table: key,
      lock: 'SHARE UPDATE EXCLUSIVE',
      transactional: false,
      onlyIf: invalidGuard,
      transactionalSql: `DROP INDEX IF EXISTS ${idx};`,
    }),
    draft(PHASE.concurrent, [id], `build unique index ${q(c.name)} concurrently on ${key}`, build, {
      table: key,
      lock: 'SHARE UPDATE EXCLUSIVE',
      transactional: false,
      transactionalSql: `CREATE UNIQUE INDEX IF NOT EXISTS ${q(c.name)} ON ${key} (${cols})${nnd};`,
    }),
    draft(
      PHASE.afterConcurrent,
      [id],
      `attach ${q(c.name)} as ${c.type === 'primary_key' ? 'primary key' : 'unique constraint'} of ${key}`,
      ifNoConstraint(
        key,
        c.name,
        `ALTER TABLE ${key} ADD CONSTRAINT ${q(c.name)} ${c.type === 'primary_key' ? 'PRIMARY KEY' : 'UNIQUE'} USING INDEX ${q(c.name)}${c.initiallyDeferred ? ' INITIALLY DEFERRED' : ''}`,
      ),
      { table: key, lock: 'ACCESS EXCLUSIVE' },
    ),
  ];
}

export function dropConstraint(id: string, key: string, name: string, phase: number = PHASE.constraints): StepDraft {
  return draft(phase, [id], `drop constraint ${q(name)} on ${key}`, `ALTER TABLE ${key} DROP CONSTRAINT IF EXISTS ${q(name)};`, {
    table: key,
    lock: 'ACCESS EXCLUSIVE',
    graph: { drops: [node.constraint(key, name)], frees: [node.index(key, name)] },
  });
}

/**
 * Drop (only when the live definition differs, so a re-run keeps the right one) and re-create: two steps, so that
 * what depends on the constraint can be dropped between them and re-created after.
 */
export function replaceConstraint(id: string, key: string, c: ConstraintDef, busy: boolean): StepDraft[] {
  const drop = doBlock(`  IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = ${lit(key)}::regclass AND conname = ${lit(c.name)}
             AND pg_catalog.pg_get_constraintdef(oid) <> ${lit(c.definition)}) THEN
    ALTER TABLE ${key} DROP CONSTRAINT ${q(c.name)};
  END IF;`);
  return [
    draft(PHASE.constraints - 0.5, [id], `drop constraint ${q(c.name)} on ${key} (its definition changes)`, drop, {
      table: key,
      lock: 'ACCESS EXCLUSIVE',
      graph: { drops: [node.constraint(key, c.name)], frees: [node.index(key, c.name)] },
    }),
    ...addConstraint(id, key, c, busy, false),
  ];
}

export function validateConstraint(id: string, key: string, name: string): StepDraft {
  return draft(PHASE.validate - 1, [id], `validate constraint ${q(name)} on ${key}`, `ALTER TABLE ${key} VALIDATE CONSTRAINT ${q(name)};`, {
    table: key,
    lock: 'SHARE UPDATE EXCLUSIVE',
    graph: { needs: [node.constraint(key, name)] },
  });
}

export function indexSql(key: string, i: IndexDef, concurrently: boolean): string {
  return `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${concurrently ? 'CONCURRENTLY ' : ''}IF NOT EXISTS ${q(i.name)} ON ${key.startsWith('ONLY ') ? key : key} USING ${i.definition};`;
}

export function createIndex(id: string, key: string, i: IndexDef, online: boolean, partitioned: boolean): StepDraft {
  const graph = { creates: [node.index(key, i.name)] };
  if (online && !partitioned) {
    return draft(PHASE.concurrent, [id], `create index ${q(i.name)} concurrently on ${key}`, indexSql(key, i, true), {
      table: key,
      lock: 'SHARE UPDATE EXCLUSIVE',
      transactional: false,
      transactionalSql: indexSql(key, i, false),
      graph,
    });
  }
  return draft(PHASE.indexes, [id], `create index ${q(i.name)} on ${key}`, indexSql(key, i, false), { table: key, lock: 'SHARE', graph });
}

export function dropIndex(id: string, schema: string, name: string, phase: number = PHASE.indexes): StepDraft {
  return draft(phase, [id], `drop index ${schema}.${q(name)}`, `DROP INDEX IF EXISTS ${schema}.${q(name)};`, { lock: 'ACCESS EXCLUSIVE', graph: { drops: [`rel:${schema}.${q(name)}`] } });
}

export function rename(id: string, what: 'index' | 'constraint', key: string, from: string, to: string): StepDraft {
  const schema = key.slice(0, key.indexOf('.'));
  const sql =
    what === 'index'
      ? `ALTER INDEX IF EXISTS ${schema}.${q(from)} RENAME TO ${q(to)};`
      : doBlock(`  IF ${constraintExists(key, from)} AND NOT ${constraintExists(key, to)} THEN\n    ALTER TABLE ${key} RENAME CONSTRAINT ${q(from)} TO ${q(to)};\n  END IF;`);
  const graph =
    what === 'index' ? { frees: [node.index(key, from)], creates: [node.index(key, to)] } : { frees: [node.constraint(key, from), node.index(key, from)], creates: [node.constraint(key, to)] };
  return draft(what === 'index' ? PHASE.indexes : PHASE.constraints, [id], `rename ${what} ${q(from)} to ${q(to)} on ${key}`, sql, { table: key, lock: 'ACCESS EXCLUSIVE', graph });
}

export function attachUniqueIndex(id: string, key: string, c: ConstraintDef, index: string): StepDraft {
  return draft(
    PHASE.constraints,
    [id],
    `turn unique index ${q(index)} into constraint ${q(c.name)} on ${key}`,
    ifNoConstraint(key, c.name, `ALTER TABLE ${key} ADD CONSTRAINT ${q(c.name)} UNIQUE USING INDEX ${q(index)}`),
    {
      table: key,
      lock: 'ACCESS EXCLUSIVE',
      graph: { frees: [node.index(key, index)], creates: constraintNodes(key, c) },
    },
  );
}

export function triggerSql(key: string, t: TriggerDef): string {
  const enabled = t.enabled === 'disabled' ? 'DISABLE' : t.enabled === 'replica' ? 'ENABLE REPLICA' : t.enabled === 'always' ? 'ENABLE ALWAYS' : 'ENABLE';
  // A view's (INSTEAD OF) triggers have no enabled state to set: ALTER TABLE does not take a view.
  return doBlock(`  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = ${lit(key)}::regclass AND tgname = ${lit(t.name)}) THEN
    ${t.definition};
  END IF;
  IF (SELECT relkind FROM pg_catalog.pg_class WHERE oid = ${lit(key)}::regclass) IN ('r', 'p', 'f') THEN
    ALTER TABLE ${key} ${enabled} TRIGGER ${q(t.name)};
  END IF;`);
}

export function createTrigger(id: string, key: string, t: TriggerDef, replace: boolean): StepDraft {
  const drop = replace ? `DROP TRIGGER IF EXISTS ${q(t.name)} ON ${key};\n` : '';
  return draft(PHASE.triggers, [id], `${replace ? 're-create' : 'create'} trigger ${q(t.name)} on ${key}`, drop + triggerSql(key, t), {
    table: key,
    lock: 'SHARE ROW EXCLUSIVE',
    graph: { ...(replace && { drops: [node.trigger(key, t.name)] }), creates: [node.trigger(key, t.name)] },
  });
}

export function policySql(key: string, p: PolicyDef): string {
  return `DROP POLICY IF EXISTS ${q(p.name)} ON ${key};\nCREATE POLICY ${q(p.name)} ON ${key} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command.toUpperCase()} TO ${p.roles.map((r) => (r === 'public' ? 'PUBLIC' : q(r))).join(', ')}${p.using !== undefined ? ` USING (${p.using})` : ''}${p.withCheck !== undefined ? ` WITH CHECK (${p.withCheck})` : ''};`;
}

export function createPolicy(id: string, key: string, p: PolicyDef): StepDraft {
  // Re-created policies lose their comment: it is set again with them.
  const comment = p.comment !== undefined ? `\nCOMMENT ON POLICY ${q(p.name)} ON ${key} IS ${lit(p.comment)};` : '';
  return draft(PHASE.triggers, [id], `create policy ${q(p.name)} on ${key}`, policySql(key, p) + comment, {
    table: key,
    lock: 'ACCESS EXCLUSIVE',
    graph: { creates: [node.policy(key, p.name)] },
  });
}

export function tableProps(id: string, key: string, e: TableDef, a: TableDef, busy: boolean): StepDraft[] {
  const out: StepDraft[] = [];
  if (!!e.rowSecurity !== !!a.rowSecurity)
    out.push(
      draft(PHASE.tables, [id], `${e.rowSecurity ? 'enable' : 'disable'} row level security on ${key}`, `ALTER TABLE ${key} ${e.rowSecurity ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY;`, {
        table: key,
        lock: 'ACCESS EXCLUSIVE',
      }),
    );
  if (!!e.forceRowSecurity !== !!a.forceRowSecurity)
    out.push(
      draft(PHASE.tables, [id], `${e.forceRowSecurity ? 'force' : 'no force'} row level security on ${key}`, `ALTER TABLE ${key} ${e.forceRowSecurity ? '' : 'NO '}FORCE ROW LEVEL SECURITY;`, {
        table: key,
        lock: 'ACCESS EXCLUSIVE',
      }),
    );
  if (!!e.unlogged !== !!a.unlogged) {
    out.push(
      draft(PHASE.tables, [id], `set ${key} ${e.unlogged ? 'UNLOGGED' : 'LOGGED'}`, `ALTER TABLE ${key} SET ${e.unlogged ? 'UNLOGGED' : 'LOGGED'};`, {
        table: key,
        lock: 'ACCESS EXCLUSIVE',
        hazards: ['REWRITES_TABLE', 'TAKES_ACCESS_EXCLUSIVE_LOCK'],
        needsDegraded: busy,
      }),
    );
  }
  return out;
}
