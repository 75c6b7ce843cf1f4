import type { SchemaModel } from '../model/types.js';

export const MANIFEST_FORMAT_VERSION = 1;

/** The expected-schema manifest: the model plus a format version and the `$schema` reference for editors. */
export interface Manifest extends SchemaModel {
  $schema?: string;
  formatVersion: number;
}

/** Keys that read best first in a pull-request diff; every other key is in code-point order. */
const LEADING_KEYS = ['$schema', 'formatVersion', 'schema', 'name', 'kind', 'type'];

function keyOrder(a: string, b: string): number {
  const ia = LEADING_KEYS.indexOf(a);
  const ib = LEADING_KEYS.indexOf(b);
  if (ia !== -1 || ib !== -1) return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib);
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort(keyOrder)) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortDeep(v);
    }
    return out;
  }
  return value;
}

/** Deterministic text: sorted keys (arrays keep their meaningful order), two-space indent, final newline. */
export function renderManifest(model: SchemaModel, schemaRef: string | undefined): string {
  const manifest: Manifest = { ...(schemaRef !== undefined && { $schema: schemaRef }), formatVersion: MANIFEST_FORMAT_VERSION, ...model };
  return JSON.stringify(sortDeep(manifest), null, 2) + '\n';
}

/** The model part of a manifest (drops `$schema` and `formatVersion`). */
export function modelOf(manifest: Manifest): SchemaModel {
  const { schemas, extensions, enums, domains, composites, collations, ranges, sequences, tables, views, functions, unmodeled, privileges, defaultPrivileges } = manifest;
  return {
    schemas,
    extensions,
    enums,
    domains,
    ...(composites && { composites }),
    ...(collations && { collations }),
    ...(ranges && { ranges }),
    sequences,
    tables,
    views,
    functions,
    ...(unmodeled && { unmodeled }),
    ...(privileges && { privileges }),
    ...(defaultPrivileges && { defaultPrivileges }),
  };
}
