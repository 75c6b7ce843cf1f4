import type { Finding } from '../diff/finding.js';
import { quoteIdent } from '../model/ident.js';
import type { PlanContext } from './plan-context.js';
import type { StepDraft } from './steps/draft.js';
import { archiveColumn, archiveTable, dropRecorded } from './steps/prune-steps.js';
import { describeIndex } from '../diff/describe.js';
import { node } from './graph/keys.js';
import { enumSwapSteps } from './plan-schema-level.js';
import { columnsUsing } from './steps/composite-steps.js';
import { collationUsers } from './steps/collation-steps.js';
import { collationOptions } from '../diff/diff-collations.js';
import { rangeUsers } from './steps/range-steps.js';
import { rangeOptions } from '../diff/diff-ranges.js';
import { compositeText } from '../diff/diff-composites.js';

/** --prune: the unexpected objects, removed without losing anything (see steps/prune-steps.ts). */
/** Order inside the prune phase: dependants first (a column before its table, a table before its sequences). */
const PRUNE_ORDER: Partial<Record<Finding['kind'], number>> = {
  unexpected_trigger: 0,
  unexpected_rule: 0,
  unexpected_policy: 0,
  unexpected_constraint: 0,
  unexpected_index: 0,
  unexpected_column: 1,
  unexpected_view: 2,
  unexpected_table: 3,
  unexpected_function: 4,
  unexpected_sequence: 5,
  unexpected_enum: 6,
  unexpected_domain: 6,
  unexpected_composite: 6,
  unexpected_collation: 6.2,
  unexpected_range: 6,
  unexpected_extension: 6.5,
  unexpected_schema: 7,
};

export function pruneSteps(ctx: PlanContext, f: Finding): StepDraft[] {
  const steps = pruneStepsOf(ctx, f);
  for (const s of steps) s.phase += (PRUNE_ORDER[f.kind] ?? 0) / 10;
  return steps;
}

function pruneStepsOf(ctx: PlanContext, f: Finding): StepDraft[] {
  const a = ctx.actual;
  const table = f.table;
  const at = ctx.tableOf(f, 'actual');
  const name = ctx.nameIn(f);
  switch (f.kind) {
    case 'unexpected_table': {
      if (!at) return [];
      // Types the plan drops: the archived copy keeps those columns' values as text (or the domain's base type).
      const dropped = new Set(ctx.findings.filter((x) => x.kind === 'unexpected_enum' || x.kind === 'unexpected_domain').map((x) => x.object));
      const convert = at.columns.flatMap((c) => {
        const array = c.type.endsWith('[]');
        const base = array ? c.type.slice(0, -2) : c.type;
        if (!dropped.has(base)) return [];
        const to = a.domains[base]?.type ?? 'text';
        return [{ column: c.name, type: array ? `${to}[]` : to }];
      });
      return [
        archiveTable(
          f.id,
          f.object,
          at.schema,
          at.name,
          at.columns.map((c) => c.name),
          convert,
        ),
      ];
    }
    case 'unexpected_column': {
      if (!at || !table) return [];
      const pk = Object.values(at.constraints).find((c) => c.type === 'primary_key')?.columns ?? [];
      return [archiveColumn(f.id, table, name, pk)];
    }
    case 'unexpected_constraint': {
      const c = at?.constraints[name];
      return c && table
        ? [
            dropRecorded(
              f.id,
              'constraint',
              f.object,
              `ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdent(c.name)} ${c.definition}`,
              `ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${quoteIdent(c.name)};`,
              table,
              { drops: [node.constraint(table, c.name)], frees: [node.index(table, c.name)] },
            ),
          ]
        : [];
    }
    case 'unexpected_index': {
      const holder = table ? (at ?? a.views[table]) : undefined;
      const i = holder?.indexes?.[name];
      return i && holder && table
        ? [dropRecorded(f.id, 'index', f.object, describeIndex(table, i), `DROP INDEX IF EXISTS ${quoteIdent(holder.schema)}.${quoteIdent(i.name)};`, table, { drops: [node.index(table, i.name)] })]
        : [];
    }
    case 'unexpected_trigger': {
      const t = at?.triggers[name] ?? (table ? a.views[table]?.triggers?.[name] : undefined);
      return t && table ? [dropRecorded(f.id, 'trigger', f.object, t.definition, `DROP TRIGGER IF EXISTS ${quoteIdent(t.name)} ON ${table};`, table, { drops: [node.trigger(table, t.name)] })] : [];
    }
    case 'unexpected_rule': {
      const r = (at ?? (table ? a.views[table] : undefined))?.rules?.[name];
      return r && table ? [dropRecorded(f.id, 'rule', f.object, r.definition, `DROP RULE IF EXISTS ${quoteIdent(r.name)} ON ${table};`, table, { drops: [node.rule(table, r.name)] })] : [];
    }
    case 'unexpected_policy': {
      const p = at?.policies[name];
      return p && table ? [dropRecorded(f.id, 'policy', f.object, f.actual ?? '', `DROP POLICY IF EXISTS ${quoteIdent(p.name)} ON ${table};`, table, { drops: [node.policy(table, p.name)] })] : [];
    }
    case 'unexpected_view': {
      const v = a.views[f.object];
      return v
        ? [
            dropRecorded(f.id, v.materialized ? 'materialized view' : 'view', f.object, v.definition, `DROP ${v.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} IF EXISTS ${f.object};`, undefined, {
              drops: [node.rel(f.object)],
            }),
          ]
        : [];
    }
    case 'unexpected_function': {
      const fn = a.functions[f.object];
      return fn
        ? [
            dropRecorded(f.id, fn.kind, f.object, fn.definition, `DROP ${fn.kind.toUpperCase()} IF EXISTS ${quoteIdent(fn.schema)}.${quoteIdent(fn.name)}(${fn.identityArgs});`, undefined, {
              drops: [node.function(f.object)],
            }),
          ]
        : [];
    }
    case 'unexpected_sequence': {
      const s = a.sequences[f.object];
      return s ? [dropRecorded(f.id, 'sequence', f.object, f.actual ?? '', `DROP SEQUENCE IF EXISTS ${f.object};`, undefined, { drops: [node.rel(f.object)] })] : [];
    }
    case 'unexpected_enum':
    case 'unexpected_domain':
      return [
        dropRecorded(f.id, f.kind.slice('unexpected_'.length), f.object, f.actual ?? '', `DROP ${f.kind === 'unexpected_enum' ? 'TYPE' : 'DOMAIN'} IF EXISTS ${f.object};`, undefined, {
          drops: [node.type(f.object)],
        }),
      ];
    case 'unexpected_composite': {
      const c = a.composites?.[f.object];
      if (!c) return [];
      // No CASCADE: a column storing the type would lose its values with it. A function or view that uses it makes the
      // DROP fail and the run roll back.
      const used = columnsUsing(a, f.object);
      if (used.length > 0) {
        ctx.refuse(
          f,
          'manual',
          `composite type ${f.object} is not expected, but ${used.join(', ')} ${used.length === 1 ? 'stores' : 'store'} it`,
          'Convert or drop those columns first, or keep the type in the expected schema.',
        );
        return [];
      }
      return [
        dropRecorded(f.id, 'composite type', f.object, `CREATE TYPE ${f.object} AS (${compositeText(c).replace(/\n/g, ' ')})`, `DROP TYPE IF EXISTS ${f.object};`, undefined, {
          drops: [node.type(f.object)],
        }),
      ];
    }
    case 'unexpected_collation': {
      const c = a.collations?.[f.object];
      if (!c) return [];
      // What the plan drops anyway (an unexpected table) does not hold the collation back.
      const users = collationUsers(a, f.object).filter(
        (u) =>
          !ctx.findings.some(
            (x) => (x.kind === 'unexpected_table' && u.startsWith(`column ${x.object}.`)) || ((x.kind === 'unexpected_column' || x.kind === 'column_collation_differs') && u === `column ${x.object}`),
          ),
      );
      if (users.length > 0) {
        ctx.refuse(
          f,
          'manual',
          `collation ${f.object} is not expected, but ${users.join(', ')} ${users.length === 1 ? 'uses' : 'use'} it`,
          'Move them to another collation first, or keep the collation in the expected schema.',
        );
        return [];
      }
      return [
        dropRecorded(f.id, 'collation', f.object, `CREATE COLLATION ${f.object} (${collationOptions(c)})`, `DROP COLLATION IF EXISTS ${f.object};`, undefined, { drops: [node.collation(f.object)] }),
      ];
    }
    case 'unexpected_range': {
      const r = a.ranges?.[f.object];
      if (!r) return [];
      // What the plan drops anyway (an unexpected function) does not hold the type back; a column does (its values).
      const users = rangeUsers(a, f.object).filter((u) => !ctx.findings.some((x) => x.kind === 'unexpected_function' && u === `function ${x.object}`));
      if (users.length > 0) {
        ctx.refuse(
          f,
          'manual',
          `range type ${f.object} is not expected, but ${users.join(', ')} ${users.length === 1 ? 'uses' : 'use'} it`,
          'Convert or drop them first, or keep the range type in the expected schema.',
        );
        return [];
      }
      return [dropRecorded(f.id, 'range type', f.object, `CREATE TYPE ${f.object} AS RANGE (${rangeOptions(r)})`, `DROP TYPE IF EXISTS ${f.object};`, undefined, { drops: [node.type(f.object)] })];
    }
    case 'unexpected_enum_value': {
      const key = Object.keys(ctx.expected.enums).find((k) => f.object.startsWith(`${k}.'`));
      return key ? enumSwapSteps(ctx, f, key) : [];
    }
    case 'unexpected_extension': {
      // No CASCADE: when a column or object still uses the extension, the step fails and the run rolls back.
      const x = a.extensions[f.object];
      return x
        ? [dropRecorded(f.id, 'extension', f.object, `CREATE EXTENSION ${quoteIdent(x.name)} SCHEMA ${quoteIdent(x.schema)}`, `DROP EXTENSION IF EXISTS ${quoteIdent(x.name)};`, undefined, {})]
        : [];
    }
    case 'unexpected_schema':
      return [dropRecorded(f.id, 'schema', f.object, `CREATE SCHEMA ${f.object}`, `DROP SCHEMA IF EXISTS ${f.object};`, undefined, { drops: [node.schema(f.object)] })];
    default:
      ctx.leaveAlone(f, `${f.kind.replace(/_/g, ' ')} is not removed by --prune`);
      return [];
  }
}
