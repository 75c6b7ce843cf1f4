/**
 * The expected model of one schema, as if it had been made in another (`diagnose --tenant-schemas`): every key and
 * definition that names the schema names the new one instead. Pure.
 *
 * What is renamed: `schema` fields and the schemas map (exact names); every qualified reference `OLD.` in keys
 * and text (keys, definitions, expressions, index definitions, `nextval('OLD.seq'::regclass)`), with OLD and
 * NEW quoted as PostgreSQL prints them; the `schema OLD` privilege key; the `role / OLD / kind` default-privilege
 * key. Text that names the schema without qualifying (a function's `SET search_path`) is left as it is.
 */
import { quoteIdent } from './ident.js';
import type { SchemaModel } from './types.js';

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function renameSchema(model: SchemaModel, from: string, to: string): SchemaModel {
  if (from === to) return model;
  const qFrom = quoteIdent(from);
  const qTo = quoteIdent(to);
  const qualified = new RegExp(`(?<![A-Za-z0-9_$"])${escapeRegex(qFrom)}\\.`, 'g');
  const text = (s: string) => s.replace(qualified, `${qTo}.`);
  const key = (k: string) => {
    if (k === `schema ${qFrom}`) return `schema ${qTo}`;
    const parts = k.split(' / ');
    if (parts.length === 3 && parts[1] === qFrom) return [parts[0], qTo, parts[2]].join(' / ');
    return text(k);
  };
  const walk = (value: unknown, field?: string): unknown => {
    if (typeof value === 'string') return (field === 'schema' || field === 'schemaName') && value === from ? to : text(value);
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [key(k), walk(v, k)]));
    }
    return value;
  };
  const renamed = walk(model) as SchemaModel;
  // The schema's own entry: key and name.
  renamed.schemas = Object.fromEntries(Object.entries(model.schemas).map(([k, v]) => (k === from ? [to, { ...v, name: to }] : [k, walk(v) as typeof v])));
  return renamed;
}
