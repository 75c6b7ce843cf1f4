/**
 * The kinds of user objects that the model does not cover, as named in `SchemaModel.unmodeled` and in the ids of
 * `unmodeled_objects` findings (`unmodeled_objects:text search configuration`). Stable strings: never rename one.
 * docs/coverage.md lists them with every kind the model does cover.
 */

/**
 * Kinds whose objects live in a schema: their names start with the quoted schema (`public.books_fts`), and the
 * schema filter applies to them. The other kinds (casts, languages, foreign data wrappers and servers, event
 * triggers, publications, subscriptions, transforms, access methods, large objects) belong to the database.
 * `rule` is modelled now (TableDef.rules), but manifests written before that may still name rules in their census:
 * the schema filter keeps applying to them.
 */
export const SCHEMA_SCOPED_KINDS: readonly string[] = [
  'aggregate',
  'base type',
  'conversion',
  'foreign table',
  'operator',
  'operator class',
  'operator family',
  'rule',
  'statistics object',
  'text search configuration',
  'text search dictionary',
  'text search parser',
  'text search template',
  'window function',
];

/** `large object` is counted, not named: its one entry is the number of large objects. */
export const COUNTED_KINDS: readonly string[] = ['large object'];

/** The schema a census name starts with (`"My Schema".x` → `My Schema`), for the schema-scoped kinds. */
export function schemaOfName(name: string): string {
  if (!name.startsWith('"')) return name.slice(0, name.indexOf('.') === -1 ? name.length : name.indexOf('.'));
  let i = 1;
  let out = '';
  while (i < name.length) {
    if (name[i] === '"' && name[i + 1] === '"') (out += '"'), (i += 2);
    else if (name[i] === '"') break;
    else out += name[i++];
  }
  return out;
}

/** `text search dictionary` → `text search dictionaries`, `operator class` → `operator classes`. */
export function pluralOf(kind: string): string {
  if (kind.endsWith('y')) return `${kind.slice(0, -1)}ies`;
  if (kind.endsWith('s')) return `${kind}es`;
  return `${kind}s`;
}
