import type { SchemaModel, ViewDef } from '../../model/types.js';
import { quoteIdent } from '../../model/ident.js';
import { lit, q } from '../sql-util.js';
import { draft, PHASE, type StepDraft } from '../steps/draft.js';
import { createFunction, createView, dropFunction, dropView } from '../steps/schema-steps.js';
import { addConstraint, createIndex, createPolicy, createTrigger, dropConstraint, dropIndex, setDefault } from '../steps/table-steps.js';
import { kindOf, lastName, nameOf, node, schemaOf, tableOfKey } from './keys.js';
import { createRule, dropRule } from '../steps/physical-steps.js';

/** A view as the expected schema has it, with its indexes, INSTEAD OF triggers and comment. */
export function recreateView(id: string, key: string, v: ViewDef): StepDraft[] {
  const after = PHASE.views + 0.5;
  const out: StepDraft[] = [createView(id, key, v)];
  for (const i of Object.values(v.indexes ?? {})) out.push({ ...createIndex(id, key, i, false, false), phase: after });
  for (const t of Object.values(v.triggers ?? {})) out.push({ ...createTrigger(id, key, t, false), phase: after });
  for (const r of Object.values(v.rules ?? {})) out.push(createRule(id, key, r, false, after));
  if (v.comment !== undefined) {
    out.push(draft(PHASE.comments, [id], `comment on view ${key}`, `COMMENT ON ${v.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} ${key} IS ${lit(v.comment)};`, { graph: { needs: [node.rel(key)] } }));
  }
  for (const [c, text] of Object.entries(v.columnComments ?? {})) {
    const target = `COLUMN ${key}.${quoteIdent(c)}`;
    out.push(draft(PHASE.comments, [id], `comment on ${target}`, `COMMENT ON ${target} IS ${lit(text)};`, { graph: { needs: [node.rel(key)] } }));
  }
  return out;
}

/**
 * The steps that take a live dependent out of the way and put it back as the expected schema has it, or undefined
 * when it cannot be dropped and re-created without losing something (a table, a column, a type): then the
 * change that needs it gone is refused up front.
 */
export function dropAndRecreate(expected: SchemaModel, actual: SchemaModel, ids: string[], key: string, because: string): StepDraft[] | undefined {
  const id = ids[0]!;
  const name = nameOf(key);
  const retag = (steps: StepDraft[]) => steps.map((s) => ({ ...s, findingIds: [...ids] }));
  switch (kindOf(key)) {
    case 'rel': {
      const ev = expected.views[name];
      const av = actual.views[name];
      if (ev && av) return retag([dropView(id, name, !!av.materialized, `it depends on ${because}; re-created after`), ...recreateView(id, name, ev)]);
      const owner = indexOwner(expected, name);
      const liveOwner = indexOwner(actual, name);
      if (owner && liveOwner) {
        return retag([
          { ...dropIndex(id, schemaOf(name), owner.index.name), phase: PHASE.dependentDrops, summary: `drop index ${name} (it depends on ${because}; re-created after)` },
          createIndex(id, owner.table, owner.index, false, expected.tables[owner.table]?.kind === 'partitioned'),
        ]);
      }
      return undefined;
    }
    case 'constraint': {
      const table = tableOfKey(key);
      const c = expected.tables[table]?.constraints[lastName(key)];
      if (!c || !actual.tables[table]?.constraints[lastName(key)]) return undefined;
      const drop = dropConstraint(id, table, c.name, PHASE.dependentDrops);
      drop.summary = `drop constraint ${q(c.name)} on ${table} (it depends on ${because}; re-created after)`;
      return retag([drop, ...addConstraint(id, table, c, false, false)]);
    }
    case 'default': {
      const table = tableOfKey(key);
      const col = expected.tables[table]?.columns.find((c) => c.name === lastName(key));
      if (!col || col.default === undefined) return undefined;
      const drop = draft(
        PHASE.dependentDrops,
        [id],
        `drop default of ${table}.${q(col.name)} (it depends on ${because}; set again after)`,
        `ALTER TABLE ${table} ALTER COLUMN ${q(col.name)} DROP DEFAULT;`,
        { table, lock: 'ACCESS EXCLUSIVE', graph: { drops: [key] } },
      );
      const set = setDefault(id, table, col);
      set.graph = { creates: [key] };
      return retag([drop, set]);
    }
    case 'trigger': {
      const table = tableOfKey(key);
      const t = expected.tables[table]?.triggers[lastName(key)] ?? expected.views[table]?.triggers?.[lastName(key)];
      if (!t) return undefined;
      const drop = draft(PHASE.dependentDrops, [id], `drop trigger ${q(t.name)} on ${table} (it depends on ${because}; re-created after)`, `DROP TRIGGER IF EXISTS ${q(t.name)} ON ${table};`, {
        table,
        lock: 'SHARE ROW EXCLUSIVE',
        graph: { drops: [key] },
      });
      return retag([drop, createTrigger(id, table, t, false)]);
    }
    case 'policy': {
      const table = tableOfKey(key);
      const p = expected.tables[table]?.policies[lastName(key)];
      if (!p) return undefined;
      const drop = draft(PHASE.dependentDrops, [id], `drop policy ${q(p.name)} on ${table} (it depends on ${because}; re-created after)`, `DROP POLICY IF EXISTS ${q(p.name)} ON ${table};`, {
        table,
        lock: 'ACCESS EXCLUSIVE',
        graph: { drops: [key] },
      });
      const create = createPolicy(id, table, p);
      create.graph = { creates: [key] };
      return retag([drop, create]);
    }
    case 'rule': {
      const table = tableOfKey(key);
      const et = expected.tables[table];
      const r = (et ?? expected.views[table])?.rules?.[lastName(key)];
      if (!r) return undefined;
      return retag([dropRule(id, table, r.name, `it depends on ${because}; re-created after`), createRule(id, table, r, et !== undefined)]);
    }
    case 'function': {
      const ef = expected.functions[name];
      const af = actual.functions[name];
      if (!ef || !af) return undefined;
      const drop = dropFunction(id, name, af, PHASE.dependentDrops);
      drop.summary = `drop ${af.kind} ${name} (it depends on ${because}; re-created after)`;
      return retag([drop, createFunction(id, name, ef)]);
    }
    default:
      return undefined;
  }
}

/** The table (or materialized view) that owns the index whose `rel:` name is `name`. */
export function indexOwner(m: SchemaModel, name: string): { table: string; index: NonNullable<ViewDef['indexes']>[string] } | undefined {
  const schema = schemaOf(name);
  const index = name.slice(schema.length + 1);
  for (const [key, t] of [...Object.entries(m.tables), ...Object.entries(m.views)]) {
    if (quoteIdent(t.schema) !== schema) continue;
    const i = Object.values(t.indexes ?? {}).find((x) => quoteIdent(x.name) === index);
    if (i) return { table: key, index: i };
  }
  return undefined;
}
