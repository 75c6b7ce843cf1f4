import type { SchemaModel } from '../../model/types.js';
import type { StepDraft } from '../steps/draft.js';
import { dependentsOf, type Dependencies } from './dependencies.js';
import { kindOf, nameOf, tableOfKey } from './keys.js';
import { dropAndRecreate, indexOwner } from './recreate.js';

export interface Expansion {
  /** Drop-and-re-create steps for the dependents, each list in execution order. */
  added: StepDraft[][];
  /** Objects that must go for a step to run but cannot be dropped and re-created: refuse those findings. */
  blocked: { findingIds: string[]; object: string; dependent: string }[];
}

/**
 * PostgreSQL refuses to drop an object that others depend on (2BP01), and to change a column's type under a view,
 * policy, trigger or generated column (0A000). For every object a step drops or alters, each live dependent that
 * the plan does not already drop is dropped before it and re-created after it, as the expected schema has it, and
 * so on for the dependents' own dependents. Dependents PostgreSQL removes or rebuilds by itself (a table's
 * columns, constraints and indexes when the table goes; indexes and constraints when a column's type changes) are
 * left to it.
 */
export function expandDependents(drafts: StepDraft[], expected: SchemaModel, actual: SchemaModel, liveDeps: Dependencies): Expansion {
  const dependents = dependentsOf(liveDeps);
  const gone = new Set<string>();
  const changedBy = new Map<string, string[]>();
  const queue: { key: string; op: 'drop' | 'alter' | 'replace' }[] = [];
  const altered = new Set<string>();
  /** What the plan creates: an object dropped and created again is replaced, and its own parts come back with it. */
  const remade = new Set(drafts.flatMap((d) => d.graph?.creates ?? []));
  for (const d of drafts) {
    for (const k of d.graph?.drops ?? []) {
      // Dropped and created again: PostgreSQL removes its dependents with it, and they must come back.
      if (!gone.has(k)) queue.push({ key: k, op: remade.has(k) ? 'replace' : 'drop' });
      gone.add(k);
      changedBy.set(k, [...new Set([...(changedBy.get(k) ?? []), ...d.findingIds])]);
    }
    for (const k of d.graph?.alters ?? []) {
      queue.push({ key: k, op: 'alter' });
      altered.add(k);
      changedBy.set(k, [...new Set([...(changedBy.get(k) ?? []), ...d.findingIds])]);
    }
  }
  const out: Expansion = { added: [], blocked: [] };
  for (let item = queue.shift(); item; item = queue.shift()) {
    const { key, op } = item;
    for (const dep of [...(dependents.get(key) ?? [])].sort()) {
      if (gone.has(dep) || (altered.has(dep) && kindOf(dep) === 'column')) continue;
      // Part of a table, view or column that the plan drops anyway (it goes with it).
      const owner = ownerOf(actual, dep);
      if (owner !== undefined && gone.has(`rel:${owner}`)) continue;
      if (COLUMN_PARTS.has(kindOf(dep)) && (gone.has(`column:${nameOf(dep)}`) || remade.has(dep))) continue;
      if (leftToPostgres(actual, key, dep, op)) continue;
      const ids = changedBy.get(key) ?? [];
      const steps = dropAndRecreate(expected, actual, ids, dep, describe(key));
      if (!steps) {
        out.blocked.push({ findingIds: ids, object: describe(key), dependent: describe(dep) });
        continue;
      }
      out.added.push(steps);
      gone.add(dep);
      changedBy.set(dep, ids);
      queue.push({ key: dep, op: 'drop' });
    }
  }
  return out;
}

/** What belongs to one column (its key is the column's): it goes with the column and comes back with it. */
const COLUMN_PARTS = new Set(['default', 'notnull', 'identity']);

/** Does PostgreSQL itself take care of `dependent` when `key` is dropped (or, for a column, has its type changed)? */
function leftToPostgres(actual: SchemaModel, key: string, dependent: string, op: 'drop' | 'alter' | 'replace'): boolean {
  const kind = kindOf(key);
  const depKind = kindOf(dependent);
  const owner = ownerOf(actual, dependent);
  // Dropped and created again: whatever PostgreSQL removes with it must be re-created, so nothing is left to it.
  if (op === 'replace') return false;
  if (op === 'alter') {
    // ALTER COLUMN … TYPE rebuilds indexes and constraints (foreign keys included), casts the default and changes
    // an identity's sequence; views, policies, triggers and generated columns that read the column stop it.
    return depKind === 'constraint' || depKind === 'default' || depKind === 'notnull' || depKind === 'identity' || (depKind === 'rel' && indexOwner(actual, nameOf(dependent)) !== undefined);
  }
  if (kind === 'rel') {
    // A table or view takes its columns, constraints, indexes, triggers and policies with it.
    return owner === nameOf(key);
  }
  if (kind === 'column') {
    // DROP COLUMN removes the column's default and NOT NULL, and the indexes and constraints of its own table that use it.
    const table = tableOfKey(key);
    return owner === table && (depKind === 'default' || depKind === 'notnull' || depKind === 'identity' || depKind === 'constraint' || depKind === 'rel');
  }
  return false;
}

/** The relation an object belongs to (its table or view), if it is a part of one. */
function ownerOf(actual: SchemaModel, key: string): string | undefined {
  switch (kindOf(key)) {
    case 'column':
    case 'default':
    case 'notnull':
    case 'identity':
    case 'constraint':
    case 'trigger':
    case 'policy':
    case 'rule':
      return tableOfKey(key);
    case 'rel':
      return indexOwner(actual, nameOf(key))?.table;
    default:
      return undefined;
  }
}

/** `column:public.t.c` → `column public.t.c`, for step summaries and refusals. */
export function describe(key: string): string {
  const kind = kindOf(key);
  const word = kind === 'rel' ? 'relation' : kind === 'notnull' ? 'NOT NULL of' : kind;
  return `${word} ${nameOf(key)}`;
}
