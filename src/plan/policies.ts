import { existsSync, readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';

/**
 * What to do with data that blocks a repair, per table (keyed `schema.table`, as in the manifest):
 *   duplicates: which row survives (`first`, `last`, `latest:<col>`, `earliest:<col>`) and how other columns merge;
 *               or `rekey`: delete nothing, give every row of a group but the first a fresh key from the column's default;
 *   orphans:    `set-null` or `delete` rows whose foreign key finds no parent;
 *   nulls:      an SQL expression per column to fill NULLs with (operator-written SQL, like a migration).
 * Every row a policy deletes or rewrites is archived first (docs/restore.md).
 */
export type MergeFn = 'sum' | 'min' | 'max' | 'bool_or' | 'bool_and' | 'keep';

export interface TablePolicy {
  duplicates?: { keep?: string; merge?: Record<string, MergeFn>; rekey?: boolean };
  orphans?: 'set-null' | 'delete';
  nulls?: Record<string, string>;
}

export type Policies = Record<string, TablePolicy>;

const MERGE_FNS = ['sum', 'min', 'max', 'bool_or', 'bool_and', 'keep'];

export function loadPolicies(file: string | undefined, defaultFile: string): { policies: Policies; source?: string } {
  const path = file ?? (existsSync(defaultFile) ? defaultFile : undefined);
  if (path === undefined) return { policies: {} };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError('POLICIES_INVALID', `Policies file ${path} cannot be read as JSON: ${(err as Error).message}.`, 'See docs/policies.md for the format.');
  }
  validatePolicies(path, data);
  return { policies: data as Policies, source: path };
}

function fail(file: string, path: string, expected: string): never {
  throw new UsageError('POLICIES_INVALID', `Policies file ${file}: at ${path}: expected ${expected}.`, 'See docs/policies.md for the format.');
}

export function validatePolicies(file: string, data: unknown): void {
  if (!data || typeof data !== 'object' || Array.isArray(data)) fail(file, '$', 'an object keyed by table (schema.table)');
  for (const [table, p] of Object.entries(data as Record<string, unknown>)) {
    const at = `$[${JSON.stringify(table)}]`;
    if (!p || typeof p !== 'object' || Array.isArray(p)) fail(file, at, 'an object with duplicates, orphans or nulls');
    for (const key of Object.keys(p)) if (!['duplicates', 'orphans', 'nulls'].includes(key)) fail(file, `${at}.${key}`, 'one of duplicates, orphans, nulls');
    const pol = p as Record<string, unknown>;
    if (pol.duplicates !== undefined) {
      const d = pol.duplicates as Record<string, unknown>;
      if (!d || typeof d !== 'object' || Array.isArray(d)) fail(file, `${at}.duplicates`, 'an object with keep and merge, or {"rekey": true}');
      for (const key of Object.keys(d)) if (!['keep', 'merge', 'rekey'].includes(key)) fail(file, `${at}.duplicates.${key}`, 'one of keep, merge, rekey');
      if (d.rekey !== undefined && typeof d.rekey !== 'boolean') fail(file, `${at}.duplicates.rekey`, 'true or false');
      if (d.rekey === true) {
        if (d.keep !== undefined || d.merge !== undefined) fail(file, `${at}.duplicates`, '{"rekey": true} alone (rekey keeps every row: keep and merge do not apply)');
      } else if (typeof d.keep !== 'string' || !/^(first|last|latest:.+|earliest:.+)$/.test(d.keep)) fail(file, `${at}.duplicates.keep`, '"first", "last", "latest:<column>" or "earliest:<column>"');
      if (d.rekey !== true && d.merge !== undefined) {
        if (!d.merge || typeof d.merge !== 'object' || Array.isArray(d.merge)) fail(file, `${at}.duplicates.merge`, 'an object of column → merge function');
        for (const [col, fn] of Object.entries(d.merge as Record<string, unknown>)) {
          if (typeof fn !== 'string' || !MERGE_FNS.includes(fn)) fail(file, `${at}.duplicates.merge[${JSON.stringify(col)}]`, `one of ${MERGE_FNS.join(', ')}`);
        }
      }
    }
    if (pol.orphans !== undefined && pol.orphans !== 'set-null' && pol.orphans !== 'delete') fail(file, `${at}.orphans`, '"set-null" or "delete"');
    if (pol.nulls !== undefined) {
      if (!pol.nulls || typeof pol.nulls !== 'object' || Array.isArray(pol.nulls)) fail(file, `${at}.nulls`, 'an object of column → SQL expression');
      for (const [col, expr] of Object.entries(pol.nulls as Record<string, unknown>)) {
        if (typeof expr !== 'string' || expr.trim() === '') fail(file, `${at}.nulls[${JSON.stringify(col)}]`, 'a non-empty SQL expression');
      }
    }
  }
}
