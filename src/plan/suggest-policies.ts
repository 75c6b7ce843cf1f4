import type { ColumnDef, SchemaModel, TableDef } from '../model/types.js';
import { quoteIdent } from '../model/ident.js';
import type { MergeFn, Policies, TablePolicy } from './policies.js';

/**
 * Suggested policies: for blocking data without a policy, a concrete policy inferred from the table's columns (the
 * live model and the manifest), in exactly the format policies.ts loads. Pure: models in, a policy out. It is a
 * suggestion for the operator to review; nothing runs until it is saved in the policies file (docs/policies.md#suggested-policies).
 *
 *   duplicates  `{"rekey": true}` when the key is one column with an identity or nextval() default that no foreign key
 *               references (every row survives); else `keep` `latest:<timestamp>` (updated_at, last_*_at, …, created_at)
 *               or `first`, and `merge`: `sum` for integer counters (not keys, not foreign key columns), `max`/`min`
 *               for timestamps (`min` for created/first), `bool_or` for boolean flags.
 *   nulls       the column's default when it has one; else a marked placeholder (CHOOSE) that plan refuses until the
 *               operator writes the value.
 *   orphans     `set-null` when every key column may be NULL in the manifest (the row stays); else `delete` (archived).
 */

/** The marker of a NULL fill the operator has to choose: it fills NULL (nothing), so NOT NULL still fails. */
export const CHOOSE_MARKER = 'CHOOSE';
export const chooseFill = (column: string): string => `NULL /* ${CHOOSE_MARKER}: an SQL expression for ${column} */`;

/** A NULLs policy that is still the suggested placeholder: plan refuses it instead of running it. */
export const isChoosePlaceholder = (fill: string): boolean => fill.includes(`/* ${CHOOSE_MARKER}:`);
export const chooseHint = (table: string, column: string): string =>
  `Replace ${JSON.stringify(chooseFill(column))} under ${JSON.stringify(table)} → nulls in the policies file with the SQL expression to fill ${column} with, then apply again (docs/policies.md#suggested-policies).`;

export interface Models {
  expected: SchemaModel;
  actual: SchemaModel;
}

/**
 * Why a `rekey` policy cannot serve this key, or undefined when it can: one column whose default hands out fresh
 * values (an identity, or a nextval() default) in the live table, and no foreign key, live or in the manifest,
 * pointing at it (a reference to a duplicated value cannot say which row it meant).
 */
export function rekeyObstacle(m: Models, table: string, key: string[]): string | undefined {
  if (key.length !== 1) return `the key has ${key.length} columns; rekey needs a single-column key`;
  const col = m.actual.tables[table]?.columns.find((c) => c.name === key[0]);
  if (!col) return `column ${quoteIdent(key[0]!)} does not exist`;
  if (col.identity === undefined && !/^nextval\(/i.test(col.default ?? '')) {
    return `column ${quoteIdent(col.name)} has no identity and no nextval() default to draw fresh values from`;
  }
  const referencing = new Set<string>();
  for (const model of [m.actual, m.expected]) {
    for (const [name, t] of Object.entries(model.tables)) {
      for (const c of Object.values(t.constraints)) {
        if (c.type === 'foreign_key' && c.references?.table === table && c.references.columns.includes(col.name)) referencing.add(name);
      }
    }
  }
  if (referencing.size > 0) return `${[...referencing].sort().join(', ')} reference${referencing.size === 1 ? 's' : ''} ${table} (${quoteIdent(col.name)}) through a foreign key`;
  return undefined;
}

const isTimestamp = (c: ColumnDef) => /^(timestamp|date\b)/.test(c.type);
const isInteger = (c: ColumnDef) => /^(smallint|integer|bigint)$/.test(c.type);
const isBoolean = (c: ColumnDef) => c.type === 'boolean';
const earliestName = (n: string) => /^(created|first|inserted)|_created_at$|^first_/.test(n);

/** Rank of a timestamp column as the "latest row" marker: lower is better. */
function latestRank(n: string): number {
  if (n === 'updated_at' || n === 'modified_at') return 0;
  if (/^last_.*_at$|^last_/.test(n)) return 1;
  if (/^(updated|modified)/.test(n)) return 2;
  if (earliestName(n)) return 4;
  return 3;
}

/** The duplicates policy for `key` of `table`. */
export function suggestDuplicates(m: Models, table: string, key: string[]): NonNullable<TablePolicy['duplicates']> {
  if (rekeyObstacle(m, table, key) === undefined) return { rekey: true };
  const t = m.actual.tables[table] ?? m.expected.tables[table];
  if (!t) return { keep: 'first' };
  const excluded = keyColumns(m, table, t);
  for (const k of key) excluded.add(k);
  const columns = t.columns.filter((c) => !excluded.has(c.name) && c.generated === undefined && c.identity === undefined && !/^nextval\(/i.test(c.default ?? ''));
  const stamps = columns.filter(isTimestamp).sort((a, b) => latestRank(a.name) - latestRank(b.name));
  const merge: Record<string, MergeFn> = {};
  for (const c of columns) {
    if (isInteger(c) && !/(^|_)id$/.test(c.name)) merge[c.name] = 'sum';
    else if (isTimestamp(c)) merge[c.name] = earliestName(c.name) ? 'min' : 'max';
    else if (isBoolean(c)) merge[c.name] = 'bool_or';
  }
  const keep = stamps[0] !== undefined ? `${earliestName(stamps[0].name) ? 'earliest' : 'latest'}:${stamps[0].name}` : 'first';
  return Object.keys(merge).length > 0 ? { keep, merge } : { keep };
}

/** Columns that identify rows or point at other rows: primary key, unique and foreign key columns, live or expected. */
function keyColumns(m: Models, table: string, t: TableDef): Set<string> {
  const out = new Set<string>();
  for (const def of [t, m.expected.tables[table], m.actual.tables[table]]) {
    for (const c of Object.values(def?.constraints ?? {})) {
      if (c.type === 'primary_key' || c.type === 'foreign_key' || c.type === 'unique') for (const x of c.columns) out.add(x);
    }
  }
  return out;
}

/** The fill for NULLs of `column`: its default (the manifest's, else the live one), or a marked choice. */
export function suggestNullFill(m: Models, table: string, column: string): string {
  const find = (model: SchemaModel) => model.tables[table]?.columns.find((c) => c.name === column);
  const d = find(m.expected)?.default ?? find(m.actual)?.default;
  return d !== undefined && d.trim() !== '' ? d : chooseFill(column);
}

/** What to do with orphans of a foreign key on `columns`: set-null when the manifest lets them be NULL, else delete. */
export function suggestOrphans(m: Models, table: string, columns: string[]): 'set-null' | 'delete' {
  const t = m.expected.tables[table] ?? m.actual.tables[table];
  const nullable = columns.every((c) => t?.columns.find((x) => x.name === c)?.notNull !== true);
  return nullable ? 'set-null' : 'delete';
}

/** One table's suggestion as it goes in the file (the refusal hint prints it). */
export function policyJson(table: string, p: TablePolicy): string {
  return JSON.stringify({ [table]: p });
}

/**
 * Merges suggestions into what the operator already wrote: nothing of theirs is changed; a missing table, a missing
 * blocker kind of a table, or a missing NULLs column is added. Returns the merged policies and what was added.
 */
export function mergeSuggestions(existing: Policies, suggested: Policies): { merged: Policies; added: string[] } {
  const merged: Policies = JSON.parse(JSON.stringify(existing));
  const added: string[] = [];
  for (const [table, s] of Object.entries(suggested)) {
    const cur = (merged[table] ??= {});
    if (s.duplicates && !cur.duplicates) {
      cur.duplicates = s.duplicates;
      added.push(`${table}: duplicates`);
    }
    if (s.orphans && !cur.orphans) {
      cur.orphans = s.orphans;
      added.push(`${table}: orphans`);
    }
    for (const [col, fill] of Object.entries(s.nulls ?? {})) {
      if (cur.nulls?.[col] !== undefined) continue;
      (cur.nulls ??= {})[col] = fill;
      added.push(`${table}: nulls.${col}${fill.includes(CHOOSE_MARKER) ? ' (to choose)' : ''}`);
    }
    if (Object.keys(cur).length === 0) delete merged[table];
  }
  return { merged, added };
}

/** The refusal hint: the suggestion, ready to paste, and that it is only a suggestion. */
export function suggestedHint(suggestion: Policies): string {
  const [table, p] = Object.entries(suggestion)[0]!;
  const choose = Object.values(p.nulls ?? {}).some((v) => v.includes(CHOOSE_MARKER)) ? ' Replace the CHOOSE placeholder with the value first.' : '';
  return (
    `Suggested policy (review it; nothing runs until you save it in the policies file): ${policyJson(table, p)}.${choose} ` +
    'schema-doctor policies --suggest writes them all (docs/policies.md#suggested-policies).'
  );
}

/**
 * The suggestions of several refusals as one file. One duplicates policy serves every key of a table: when one key
 * got `rekey` and another keep/merge (rekey serves only a single-column surrogate key), keep/merge wins.
 */
export function combineSuggestions(suggestions: Policies[]): Policies {
  let out: Policies = {};
  for (const s of suggestions) {
    for (const [table, p] of Object.entries(s)) {
      const cur = out[table]?.duplicates;
      if (cur?.rekey === true && p.duplicates !== undefined && p.duplicates.rekey !== true) out[table]!.duplicates = p.duplicates;
    }
    out = mergeSuggestions(out, s).merged;
  }
  return out;
}
