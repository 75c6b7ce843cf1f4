import { sameValue } from '../diff/compare-maps.js';
import type { Finding } from '../diff/finding.js';
import type { ColumnDef, TableDef } from '../model/types.js';
import { quoteIdent } from '../model/ident.js';
import type { PlanContext } from './plan-context.js';
import { draft, PHASE, type StepDraft } from './steps/draft.js';
import { doBlock, lit } from './sql-util.js';
import {
  addColumn,
  addColumnFilled,
  addConstraint,
  alterType,
  attachUniqueIndex,
  createIndex,
  createPolicy,
  createTable,
  createTrigger,
  dropDefault,
  dropIndex,
  dropNotNull,
  dropPolicy,
  dropTrigger,
  rename,
  replaceConstraint,
  setDefault,
  setNotNull,
  tableProps,
  validateConstraint,
  constraintIndexOptions,
} from './steps/table-steps.js';
import { uniqueIndexFor } from '../diff/diff-constraints.js';
import { node } from './graph/keys.js';
import { generatedSteps, identitySteps } from './steps/column-steps.js';
import { optionsSql, columnCompression, columnPhysicalSql, columnStatistics, columnStorage, createRule, replicaIdentity, replicaIdentitySql, tableOptions } from './steps/physical-steps.js';
import { chooseHint, isChoosePlaceholder, suggestedHint, suggestNullFill } from './suggest-policies.js';

const VOLATILE_DEFAULT = /\b(gen_random_uuid|uuid_generate_v\w*|random|clock_timestamp|nextval|timeofday)\s*\(/;

/** Tables and everything that hangs off them. */
export function tableLevelSteps(ctx: PlanContext, f: Finding): StepDraft[] {
  const table = f.table;
  const et = ctx.tableOf(f, 'expected');
  const at = ctx.tableOf(f, 'actual');
  if (f.kind === 'missing_table') {
    if (!et) return [];
    const steps = wholeTable(f.id, f.object, et);
    const parked = et.partitionOf !== undefined && et.partitionBound !== 'DEFAULT' ? defaultPartitionOf(ctx, et.partitionOf) : undefined;
    if (parked) steps[0] = partitionBesideDefault(f.id, f.object, et, parked, ctx.busy(parked));
    return steps;
  }
  if (f.kind === 'comment_differs') return commentStep(ctx, f);
  if (table !== undefined && !et && ctx.expected.views[table]) return viewIndexSteps(ctx, f, table);
  if (table === undefined || !et) return [];
  const name = ctx.nameIn(f);
  const busy = ctx.busy(table);
  const online = ctx.online(table);
  const col = et.columns.find((c) => c.name === name);
  const con = et.constraints[name];
  const idx = et.indexes[name] ?? ctx.expected.views[table]?.indexes?.[name];
  switch (f.kind) {
    case 'table_differs':
      if (at && (et.kind !== at.kind || et.partitionBy !== at.partitionBy || et.partitionOf !== at.partitionOf)) {
        ctx.refuse(
          f,
          'manual',
          'partitioning differs: converting a table to or from a partitioned one (or moving a partition) needs its rows moved into a new table',
          'Create the new table, move the rows and swap the names by hand (docs/apply.md#what-is-refused), or accept it with an --ignore rule.',
        );
        return [];
      }
      if (at && et.partitionOf !== undefined && et.partitionBound !== at.partitionBound) {
        // Same parent, other bounds: detached and attached again; ATTACH checks that every row fits the new bounds
        // (a row that does not makes the step fail and the run roll back).
        const bound = et.partitionBound ?? 'DEFAULT';
        return [
          ...tableProps(f.id, table, et, at, busy),
          draft(
            PHASE.tables,
            [f.id],
            `attach partition ${table} to ${et.partitionOf} ${bound}`,
            `ALTER TABLE ${et.partitionOf} DETACH PARTITION ${table};\nALTER TABLE ${et.partitionOf} ATTACH PARTITION ${table} ${bound};`,
            {
              table,
              lock: 'ACCESS EXCLUSIVE',
              hazards: ['TAKES_ACCESS_EXCLUSIVE_LOCK'],
              needsDegraded: busy,
              onlyIf: `SELECT 1 FROM pg_catalog.pg_class WHERE oid = ${lit(table)}::regclass AND pg_catalog.pg_get_expr(relpartbound, oid) IS DISTINCT FROM ${lit(bound)}`,
            },
          ),
        ];
      }
      return at ? tableProps(f.id, table, et, at, busy) : [];
    case 'missing_column': {
      if (!col) return [];
      const blocked = (f.blockers ?? []).some((b) => b.kind === 'nulls' && b.status === 'ok' && (b.count ?? 0) > 0);
      if (blocked) {
        const fill = ctx.policies[table]?.nulls?.[col.name];
        if (fill === undefined) {
          const suggestion = { [table]: { nulls: { [col.name]: suggestNullFill(ctx, table, col.name) } } };
          ctx.refuse(f, 'needs_policy', `NOT NULL column ${col.name} has no default and ${table} has rows`, suggestedHint(suggestion), suggestion);
          return [];
        }
        if (isChoosePlaceholder(fill)) {
          ctx.refuse(f, 'needs_policy', `NOT NULL column ${col.name} has no default, ${table} has rows, and its policy is still the suggested CHOOSE placeholder`, chooseHint(table, col.name));
          return [];
        }
        return [addColumnFilled(f.id, table, col, fill), ...physicalOf(f.id, table, col)];
      }
      const rewrites = col.generated !== undefined || col.identity !== undefined || (col.default !== undefined && VOLATILE_DEFAULT.test(col.default));
      return [addColumn(f.id, table, col, rewrites, busy), ...physicalOf(f.id, table, col)];
    }
    case 'column_default_differs': {
      const ac = at?.columns.find((c) => c.name === name);
      // Repaired with the identity change, which must order the two (plan/steps/column-steps.ts).
      if (col && ac && col.identity !== ac.identity) return [];
      if (!col) return [];
      // Dropped in a step of its own, so that a function or sequence it calls can be replaced in between.
      return ac?.default !== undefined && col.default !== undefined ? [dropDefault(f.id, table, col.name), setDefault(f.id, table, col)] : [setDefault(f.id, table, col)];
    }
    case 'column_nullability_differs':
      if (!col) return [];
      return col.notNull ? setNotNull(f.id, table, col.name, online) : [dropNotNull(f.id, table, col.name)];
    case 'column_storage_differs':
      return col ? [columnStorage([f.id], table, col)] : [];
    case 'column_compression_differs':
      return col ? [columnCompression([f.id], table, col)] : [];
    case 'column_statistics_differs':
      return col ? [columnStatistics([f.id], table, col)] : [];
    case 'table_options_differ':
      return at ? tableOptions(f.id, table, et, at) : [];
    case 'replica_identity_differs':
      return [replicaIdentity(f.id, table, et)];
    case 'missing_rule':
    case 'rule_differs': {
      const r = et.rules?.[name];
      return r ? [createRule(f.id, table, r, true)] : [];
    }
    case 'column_collation_differs':
      // Values do not change with the collation, only their order (and the indexes, which are rebuilt): not lossy.
      // With a type change too, the type change's step sets both.
      if (!col || ctx.findings.some((x) => x.kind === 'column_type_differs' && x.object === f.object)) return [];
      return [alterType(f.id, table, col, busy)];
    case 'column_type_differs': {
      // The type of an extension that moves schema: the move repairs it (plan-schema-level.ts).
      if (!col || movedWithExtension(ctx, f) !== undefined) return [];
      const collation = ctx.findings.filter((x) => x.kind === 'column_collation_differs' && x.object === f.object);
      if (!ctx.lossless[f.id] && !ctx.options.allowHazards.includes('CHANGES_COLUMN_TYPE')) {
        for (const x of [f, ...collation]) {
          ctx.refuse(
            x,
            'needs_hazard',
            `converting ${f.object} from ${f.actual} to ${f.expected} would change or lose values (or could not be proven safe)`,
            'Convert the data by hand, or pass --allow-hazard CHANGES_COLUMN_TYPE to let the conversion run.',
          );
        }
        return [];
      }
      const step = alterType(f.id, table, col, busy);
      step.findingIds.push(...collation.map((x) => x.id));
      return [step];
    }
    case 'column_identity_differs': {
      const ac = at?.columns.find((c) => c.name === name);
      if (!col || !ac) return [];
      const withDefault = ctx.findings.filter((x) => x.kind === 'column_default_differs' && x.object === f.object).map((x) => x.id);
      const owned = Object.entries(ctx.expected.sequences)
        .filter(([, s]) => s.ownedBy === f.object)
        .map(([k]) => k);
      return identitySteps([f.id, ...withDefault], table, col, ac, owned);
    }
    case 'column_generated_differs': {
      const ac = at?.columns.find((c) => c.name === name);
      if (!col || !ac) return [];
      const pk = Object.values(at!.constraints).find((c) => c.type === 'primary_key')?.columns ?? [];
      return generatedSteps(f.id, table, col, ac, pk, busy);
    }
    case 'missing_primary_key':
    case 'missing_constraint':
      if (!con) return [];
      if (con.type === 'primary_key') {
        const nullable = con.columns.filter(
          (c) => !at?.columns.find((x) => x.name === c)?.notNull && !f.blockers?.some((b) => b.kind === 'nulls' && (b.count ?? 0) > 0 && b.target.startsWith(quoteIdent(c))),
        );
        return [...nullable.flatMap((c) => setNotNull(f.id, table, c, online)), ...addConstraint(f.id, table, con, busy, online)];
      }
      return addConstraint(f.id, table, con, busy, online);
    case 'constraint_differs': {
      if (!con) return [];
      const live = at?.constraints[name];
      const { indexOptions: _e, comment: _ec, ...want } = con;
      const { indexOptions: _a, comment: _ac, ...have } = live ?? con;
      if (live && sameValue(want, have)) return [constraintIndexOptions(f.id, table, con, live)];
      return replaceConstraint(f.id, table, con, busy);
    }
    case 'constraint_not_valid':
      return con ? [validateConstraint(f.id, table, con.name)] : [];
    case 'constraint_renamed': {
      const from = /exists as (.+?);/.exec(f.hint)?.[1];
      const actualName = at && Object.values(at.constraints).find((c) => from === quoteIdent(c.name))?.name;
      return actualName ? [rename(f.id, 'constraint', table, actualName, name)] : [];
    }
    case 'unique_index_instead_of_constraint': {
      const index = con && at ? uniqueIndexFor(con, at.indexes) : undefined;
      return con && index ? [attachUniqueIndex(f.id, table, con, index.name)] : [];
    }
    case 'missing_index':
      return idx ? [createIndex(f.id, table, idx, online, et.kind === 'partitioned')] : [];
    case 'index_renamed': {
      const from = /exists as (.+?);/.exec(f.hint)?.[1];
      const actualName = Object.values(at?.indexes ?? ctx.actual.views[table]?.indexes ?? {}).find((i) => from === quoteIdent(i.name))?.name;
      return actualName ? [rename(f.id, 'index', table, actualName, name)] : [];
    }
    case 'index_differs':
    case 'index_invalid': {
      if (!idx) return [];
      const schema = table.slice(0, table.length - quoteIdent(et.name).length - 1);
      if (online && et.kind !== 'partitioned') {
        const qualified = `${schema}.${quoteIdent(name)}`;
        if (f.kind === 'index_invalid') {
          // Large table: rebuilt without blocking writes; an interrupted rebuild leaves it INVALID and a re-run redoes it.
          return [
            draft(PHASE.concurrent, [f.id], `rebuild invalid index ${qualified} concurrently`, `REINDEX INDEX CONCURRENTLY ${qualified};`, {
              table,
              lock: 'SHARE UPDATE EXCLUSIVE',
              transactional: false,
              transactionalSql: `REINDEX INDEX ${qualified};`,
            }),
          ];
        }
        // Build the new definition under a temporary name, then swap: the old index keeps working until the swap.
        const tmp = `${name.slice(0, 55)}__sd_new`;
        return [
          createIndex(f.id, table, { ...idx, name: tmp }, true, false),
          draft(
            PHASE.afterConcurrent,
            [f.id],
            `swap in the rebuilt index ${qualified}`,
            `DROP INDEX IF EXISTS ${qualified};\nALTER INDEX IF EXISTS ${schema}.${quoteIdent(tmp)} RENAME TO ${quoteIdent(name)};`,
            { table, lock: 'ACCESS EXCLUSIVE' },
          ),
        ];
      }
      return [dropIndex(f.id, schema, name), createIndex(f.id, table, idx, false, et.kind === 'partitioned')];
    }
    case 'missing_trigger':
    case 'trigger_differs': {
      const t = et.triggers[name] ?? ctx.expected.views[table]?.triggers?.[name];
      const live = at?.triggers[name];
      if (!t) return [];
      return live && live.definition !== t.definition ? [dropTrigger(f.id, table, name), createTrigger(f.id, table, t, false)] : [createTrigger(f.id, table, t, false)];
    }
    case 'missing_policy':
    case 'policy_differs':
      if (!et.policies[name]) return [];
      return f.kind === 'policy_differs' ? [dropPolicy(f.id, table, name), createPolicy(f.id, table, et.policies[name]!)] : [createPolicy(f.id, table, et.policies[name]!)];
    default:
      return [];
  }
}

/**
 * The extension whose move to another schema renames this column's type (`public.citext` → `ext.citext`): the
 * type is not a user type of either model, and the two names differ only by those schemas.
 */
export function movedWithExtension(ctx: PlanContext, f: Finding): string | undefined {
  if (f.kind !== 'column_type_differs' || f.expected === undefined || f.actual === undefined) return undefined;
  const base = (t: string) => t.replace(/(\[\])+$/, '');
  if (ctx.actual.enums[base(f.actual)] || ctx.actual.domains[base(f.actual)]) return undefined;
  for (const [key, e] of Object.entries(ctx.expected.extensions)) {
    const a = ctx.actual.extensions[key];
    if (!a || a.schema === e.schema) continue;
    const from = `${quoteIdent(a.schema)}.`;
    if (f.actual.startsWith(from) && `${quoteIdent(e.schema)}.${f.actual.slice(from.length)}` === f.expected) return key;
  }
  return undefined;
}

/** Storage, compression and statistics target of a column just added. */
function physicalOf(id: string, key: string, c: ColumnDef): StepDraft[] {
  const sql = columnPhysicalSql(key, c);
  return sql.length > 0
    ? [draft(PHASE.columns + 0.5, [id], `storage settings of ${key}.${quoteIdent(c.name)}`, sql.join('\n'), { table: key, lock: 'ACCESS EXCLUSIVE', graph: { needs: [node.column(key, c.name)] } })]
    : [];
}

/** The live default partition of a partitioned table, if it has one. */
function defaultPartitionOf(ctx: PlanContext, parent: string): string | undefined {
  return Object.entries(ctx.actual.tables).find(([, t]) => t.partitionOf === parent && t.partitionBound === 'DEFAULT')?.[0];
}

/**
 * A new partition beside a default partition: the rows of the default partition that belong to the new one would
 * make CREATE … PARTITION OF fail. The default partition is detached, the new partition created, the default
 * partition's rows taken out and the default partition attached again, then those rows inserted through the parent,
 * which routes each to the partition it belongs to. Every row is kept; the count is reported.
 */
function partitionBesideDefault(id: string, key: string, t: TableDef, parked: string, busy: boolean): StepDraft {
  const parent = t.partitionOf!;
  const cols = t.columns
    .filter((c) => c.generated === undefined)
    .map((c) => quoteIdent(c.name))
    .join(', ');
  const sql = `${createTable(id, key, t).sql}`;
  const body = doBlock(
    `  IF to_regclass(${lit(key)}) IS NULL THEN
    ALTER TABLE ${parent} DETACH PARTITION ${parked};
    ${sql.split('\n').join('\n    ')}
    CREATE TEMPORARY TABLE sd_parked ON COMMIT DROP AS SELECT ${cols} FROM ${parked} WITH NO DATA;
    WITH moved AS (DELETE FROM ${parked} RETURNING ${cols}) INSERT INTO sd_parked SELECT * FROM moved;
    ALTER TABLE ${parent} ATTACH PARTITION ${parked} DEFAULT;
    INSERT INTO ${parent} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM sd_parked;
    GET DIAGNOSTICS n = ROW_COUNT;
    RAISE NOTICE 'schema-doctor: rows_affected=% (rows of the default partition routed again)', n;
    DROP TABLE sd_parked;
  END IF;`,
    'n bigint;',
  );
  return {
    ...createTable(id, key, t),
    summary: `create partition ${key} beside the default partition ${parked}, moving the rows that belong to it`,
    sql: body,
    lock: 'ACCESS EXCLUSIVE',
    hazards: ['REWRITES_ROWS', 'TAKES_ACCESS_EXCLUSIVE_LOCK'],
    needsDegraded: busy,
  };
}

/** A missing table with all its parts; foreign keys run after every table exists. */
function wholeTable(id: string, key: string, t: TableDef): StepDraft[] {
  const out: StepDraft[] = [createTable(id, key, t)];
  // Keys before the checks and foreign keys (a self-referencing foreign key needs the table's own key).
  const order = ['primary_key', 'unique', 'exclusion', 'check', 'foreign_key'];
  const constraints = Object.values(t.constraints).sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
  for (const c of constraints) if (!(t.partitionOf && c.type !== 'check')) out.push(...addConstraint(id, key, c, false, false));
  for (const i of Object.values(t.indexes)) out.push(createIndex(id, key, i, false, t.kind === 'partitioned'));
  for (const tr of Object.values(t.triggers)) out.push(createTrigger(id, key, tr, false));
  for (const p of Object.values(t.policies)) out.push(createPolicy(id, key, p));
  for (const r of Object.values(t.rules ?? {})) out.push(createRule(id, key, r, true));
  const physical = [...t.columns.flatMap((c) => columnPhysicalSql(key, c)), ...optionsSql('TABLE', key, t.options, undefined)];
  if (physical.length > 0) out.push(draft(PHASE.tables, [id], `storage settings of ${key}`, physical.join('\n'), { table: key, graph: { needs: [node.rel(key)] } }));
  if (t.replicaIdentity !== undefined)
    out.push(
      draft(PHASE.indexes + 0.5, [id], `set replica identity of ${key}`, replicaIdentitySql(key, t), {
        table: key,
        graph: { needs: [node.rel(key), ...(t.replicaIdentityIndex ? [node.index(key, t.replicaIdentityIndex)] : [])] },
      }),
    );
  const comments: string[] = [];
  if (t.comment !== undefined) comments.push(`COMMENT ON TABLE ${key} IS ${lit(t.comment)};`);
  for (const c of t.columns) if (c.comment !== undefined) comments.push(`COMMENT ON COLUMN ${key}.${quoteIdent(c.name)} IS ${lit(c.comment)};`);
  if (comments.length > 0) out.push(draft(PHASE.comments, [id], `comments on ${key}`, comments.join('\n'), { table: key }));
  return out;
}

function commentStep(ctx: PlanContext, f: Finding): StepDraft[] {
  const none = f.objectType === 'extension' ? '(as installed)' : '(none)';
  if (f.objectType === 'extension' && f.expected === none) {
    ctx.leaveAlone(
      f,
      'the expected comment is the one the extension installs, and the live one was changed: the original text is not known to the plan',
      'Run COMMENT ON EXTENSION … with the text of pg_available_extensions.comment, or accept it with an --ignore rule.',
    );
    return [];
  }
  const value = f.expected === none || f.expected === undefined ? 'NULL' : lit(f.expected);
  const name = quoteIdent(ctx.nameIn(f));
  const table = f.table;
  let target: string | undefined;
  switch (f.objectType) {
    case 'schema':
      target = `SCHEMA ${f.object}`;
      break;
    case 'table':
      target = `TABLE ${f.object}`;
      break;
    case 'column':
      target = `COLUMN ${f.object}`;
      break;
    case 'constraint': {
      // A domain's check has no table: its object is `domain.check`.
      const domain = table ? undefined : Object.keys(ctx.expected.domains).find((k) => f.object.startsWith(`${k}.`));
      target = table ? `CONSTRAINT ${name} ON ${table}` : domain ? `CONSTRAINT ${f.object.slice(domain.length + 1)} ON DOMAIN ${domain}` : undefined;
      break;
    }
    case 'trigger':
      target = table ? `TRIGGER ${name} ON ${table}` : undefined;
      break;
    case 'policy':
      target = table ? `POLICY ${name} ON ${table}` : undefined;
      break;
    case 'rule':
      target = table ? `RULE ${name} ON ${table}` : undefined;
      break;
    case 'extension':
      target = `EXTENSION ${f.object}`;
      break;
    case 'index': {
      const t = table ? (ctx.expected.tables[table] ?? ctx.expected.views[table]) : undefined;
      target = t ? `INDEX ${quoteIdent(t.schema)}.${name}` : undefined;
      break;
    }
    case 'view':
      target = `${ctx.expected.views[f.object]?.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} ${f.object}`;
      break;
    case 'function':
      target = `${ctx.expected.functions[f.object]?.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION'} ${f.object}`;
      break;
    case 'enum':
    case 'composite':
    case 'range':
      target = `TYPE ${f.object}`;
      break;
    case 'collation':
      target = `COLLATION ${f.object}`;
      break;
    case 'sequence':
      target = `SEQUENCE ${f.object}`;
      break;
    default:
      target = undefined;
  }
  if (!target) return [];
  return [draft(PHASE.comments, [f.id], `comment on ${target}`, `COMMENT ON ${target} IS ${value};`, { graph: { needs: [commentedNode(ctx, f)].filter((k): k is string => k !== undefined) } })];
}

/** The graph node a comment is on: the comment runs after that object is (re-)created. */
function commentedNode(ctx: PlanContext, f: Finding): string | undefined {
  const table = f.table;
  const name = ctx.nameIn(f);
  switch (f.objectType) {
    case 'schema':
      return node.schema(f.object);
    case 'table':
    case 'view':
      return node.rel(f.object);
    case 'column':
      return table ? (ctx.expected.views[table] ? node.rel(table) : node.column(table, name)) : undefined;
    case 'policy':
      return table ? node.policy(table, name) : undefined;
    case 'rule':
      return table ? node.rule(table, name) : undefined;
    case 'constraint':
      return table
        ? node.constraint(table, name)
        : Object.keys(ctx.expected.domains)
            .filter((k) => f.object.startsWith(`${k}.`))
            .map(node.type)[0];
    case 'trigger':
      return table ? node.trigger(table, name) : undefined;
    case 'index':
      return table ? node.index(table, name) : undefined;
    case 'function':
      return node.function(f.object);
    case 'enum':
    case 'composite':
    case 'range':
      return node.type(f.object);
    case 'collation':
      return node.collation(f.object);
    case 'sequence':
      return node.rel(f.object);
    default:
      return undefined;
  }
}

/** Indexes and triggers of materialized views (and INSTEAD OF triggers of views). */
function viewIndexSteps(ctx: PlanContext, f: Finding, key: string): StepDraft[] {
  const v = ctx.expected.views[key]!;
  const name = ctx.nameIn(f);
  const idx = v.indexes?.[name];
  const trg = v.triggers?.[name];
  let steps: StepDraft[] = [];
  if (f.kind === 'missing_index' && idx) steps = [createIndex(f.id, key, idx, false, false)];
  else if ((f.kind === 'index_differs' || f.kind === 'index_invalid') && idx) steps = [dropIndex(f.id, quoteIdent(v.schema), name), createIndex(f.id, key, idx, false, false)];
  else if ((f.kind === 'missing_trigger' || f.kind === 'trigger_differs') && trg) steps = [createTrigger(f.id, key, trg, f.kind === 'trigger_differs')];
  else if ((f.kind === 'missing_rule' || f.kind === 'rule_differs') && v.rules?.[name]) steps = [createRule(f.id, key, v.rules[name]!, false)];
  // After the views phase: the view may be created in this same run.
  return steps.map((d) => ({ ...d, phase: PHASE.views + 0.5 }));
}
