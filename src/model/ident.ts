/**
 * Identifier quoting lives here and nowhere else. Quoting follows PostgreSQL's quote_ident(): an identifier
 * stays bare only when it is lower-case ASCII letters, digits, underscores (not starting with a digit) and
 * not a keyword that would need quoting.
 */
import { RESERVED_KEYWORDS } from './keywords.js';

const BARE = /^[a-z_][a-z0-9_$]*$/;

export function quoteIdent(name: string): string {
  if (BARE.test(name) && !RESERVED_KEYWORDS.has(name)) return name;
  return '"' + name.replace(/"/g, '""') + '"';
}

/** `schema.name`, each part quoted as needed. Used as the key of every schema-qualified object. */
export function qualifiedName(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** A string literal in standard_conforming_strings form. */
export function quoteLiteral(value: string): string {
  return "'" + value.replace(/'/g, "''") + "'";
}

/**
 * The column an index key names, when the key (as pg_get_indexdef prints it) is a plain column: `email`, `"Email"`.
 * Undefined for an expression key such as `lower(email)`.
 */
export function indexKeyColumn(key: string): string | undefined {
  if (/^"(?:[^"]|"")+"$/.test(key)) return key.slice(1, -1).replace(/""/g, '"');
  return BARE.test(key) ? key : undefined;
}
