import type { SchemaModel } from './types.js';
import { splitPrivilegeKey } from './privileges.js';
import { SCHEMA_SCOPED_KINDS, schemaOfName } from './unmodeled.js';

/** Keeps only the objects in schemas matching one of the patterns (regular expressions, as from globToRegex). */
export function filterModel(model: SchemaModel, patterns: string[]): SchemaModel {
  if (patterns.length === 0) return model;
  const res = patterns.map((p) => new RegExp(p));
  const keep = (schema: string) => res.some((r) => r.test(schema));
  const pick = <T extends { schema: string }>(m: Record<string, T>) => Object.fromEntries(Object.entries(m).filter(([, v]) => keep(v.schema)));
  const unmodeled = Object.entries(model.unmodeled ?? {})
    .map(([kind, names]) => [kind, SCHEMA_SCOPED_KINDS.includes(kind) ? names.filter((n) => keep(schemaOfName(n))) : names] as const)
    .filter(([, names]) => names.length > 0);
  const composites = pick(model.composites ?? {});
  const collations = pick(model.collations ?? {});
  const ranges = pick(model.ranges ?? {});
  return {
    schemas: Object.fromEntries(Object.entries(model.schemas).filter(([, v]) => keep(v.name))),
    extensions: model.extensions,
    enums: pick(model.enums),
    domains: pick(model.domains),
    ...(Object.keys(composites).length > 0 && { composites }),
    ...(Object.keys(collations).length > 0 && { collations }),
    ...(Object.keys(ranges).length > 0 && { ranges }),
    sequences: pick(model.sequences),
    tables: pick(model.tables),
    views: pick(model.views),
    functions: pick(model.functions),
    ...(unmodeled.length > 0 && { unmodeled: Object.fromEntries(unmodeled) }),
    ...filterPrivileges(model, keep),
  };
}

/** Privileges of objects in the kept schemas; default privileges of the kept schemas (global ones always). */
function filterPrivileges(model: SchemaModel, keep: (schema: string) => boolean): Pick<SchemaModel, 'privileges' | 'defaultPrivileges'> {
  const unquote = (q: string) => (q.startsWith('"') ? q.slice(1, -1).replace(/""/g, '"') : q);
  const schemaOf = (name: string) => unquote(name.match(/^("(?:[^"]|"")*"|[^."(]+)/)?.[1] ?? name);
  const privileges = Object.entries(model.privileges ?? {}).filter(([key]) => keep(schemaOf(splitPrivilegeKey(key).name)));
  const defaults = Object.entries(model.defaultPrivileges ?? {}).filter(([key]) => {
    const schema = key.split(' / ')[1] ?? '*';
    return schema === '*' || keep(unquote(schema));
  });
  return {
    ...(privileges.length > 0 && { privileges: Object.fromEntries(privileges) }),
    ...(defaults.length > 0 && { defaultPrivileges: Object.fromEntries(defaults) }),
  };
}
