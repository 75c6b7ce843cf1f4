import { quoteIdent } from '../../model/ident.js';

/**
 * Keys of the dependency graph's nodes: one per object at the grain a repair touches. Tables, views, materialized
 * views, sequences and indexes share `rel:` because PostgreSQL gives them one namespace (a table replaced by a view
 * of the same name must be out of the way before the view is created). A primary key, unique or exclusion
 * constraint also occupies the `rel:` name of the index it owns.
 */
export const node = {
  schema: (name: string) => `schema:${name}`,
  type: (key: string) => `type:${key}`,
  collation: (key: string) => `collation:${key}`,
  rel: (key: string) => `rel:${key}`,
  column: (table: string, column: string) => `column:${table}.${quoteIdent(column)}`,
  default: (table: string, column: string) => `default:${table}.${quoteIdent(column)}`,
  notNull: (table: string, column: string) => `notnull:${table}.${quoteIdent(column)}`,
  /** A column's GENERATED … AS IDENTITY (it needs the column's NOT NULL). */
  identity: (table: string, column: string) => `identity:${table}.${quoteIdent(column)}`,
  constraint: (table: string, name: string) => `constraint:${table}.${quoteIdent(name)}`,
  trigger: (table: string, name: string) => `trigger:${table}.${quoteIdent(name)}`,
  policy: (table: string, name: string) => `policy:${table}.${quoteIdent(name)}`,
  rule: (table: string, name: string) => `rule:${table}.${quoteIdent(name)}`,
  function: (key: string) => `function:${key}`,
  /** The `rel:` name of an index (or of the index a constraint owns) in the schema of its table. */
  index: (table: string, name: string) => `rel:${schemaOf(table)}.${quoteIdent(name)}`,
};

export type NodeKind = 'schema' | 'type' | 'collation' | 'rel' | 'column' | 'default' | 'notnull' | 'identity' | 'constraint' | 'trigger' | 'policy' | 'rule' | 'function';

export function kindOf(key: string): NodeKind {
  return key.slice(0, key.indexOf(':')) as NodeKind;
}

/** The qualified name after the `kind:` prefix. */
export function nameOf(key: string): string {
  return key.slice(key.indexOf(':') + 1);
}

/** `public.t` → `public`, honouring quoted identifiers (`"a.b".t` → `"a.b"`). */
export function schemaOf(qualified: string): string {
  return splitQualified(qualified)[0]!;
}

/** Splits `a."b.c".d` into its quoted parts: [`a`, `"b.c"`, `d`]. */
export function splitQualified(qualified: string): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < qualified.length) {
    if (qualified[i] === '"') {
      let j = i + 1;
      for (;;) {
        const k = qualified.indexOf('"', j);
        if (k < 0) {
          j = qualified.length;
          break;
        }
        if (qualified[k + 1] === '"') {
          j = k + 2;
          continue;
        }
        j = k + 1;
        break;
      }
      parts.push(qualified.slice(i, j));
      i = j + 1;
    } else {
      let j = qualified.indexOf('.', i);
      if (j < 0) j = qualified.length;
      parts.push(qualified.slice(i, j));
      i = j + 1;
    }
  }
  return parts;
}

/** The table key of a `column:`, `constraint:`… key: everything but the last part. */
export function tableOfKey(key: string): string {
  const parts = splitQualified(nameOf(key));
  return parts.slice(0, -1).join('.');
}

/** The last part of a key, unquoted. */
export function lastName(key: string): string {
  const parts = splitQualified(nameOf(key));
  const last = parts[parts.length - 1]!;
  return last.startsWith('"') ? last.slice(1, -1).replace(/""/g, '"') : last;
}
