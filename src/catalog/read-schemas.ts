import type { SchemaModel } from '../model/types.js';
import { quoteIdent } from '../model/ident.js';
import { inScope, notFromExtension, type Queryable, type SchemaScope } from './queryable.js';

interface RawSchemaRow {
  name: string;
  comment: string | null;
}

interface RawExtensionRow {
  name: string;
  schema: string;
  comment: string | null;
  version: string;
}

const SCHEMAS_SQL = `
SELECT n.nspname AS name, obj_description(n.oid, 'pg_namespace') AS comment
FROM pg_namespace n
WHERE ${inScope('n.nspname')} AND ${notFromExtension('pg_namespace', 'n.oid')}
ORDER BY n.nspname`;

/**
 * plpgsql is installed in every database, so it is left out of the model. The comment only when it is not the one
 * CREATE EXTENSION gave it from the control file (which may differ between contrib releases). The version is always
 * selected (one query either way) but kept only for the live side of a comparison (`versions`).
 */
const EXTENSIONS_SQL = `
SELECT e.extname AS name, n.nspname AS schema,
       NULLIF(obj_description(e.oid, 'pg_extension'), COALESCE(av.comment, '')) AS comment,
       e.extversion AS version
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
LEFT JOIN pg_available_extensions av ON av.name = e.extname
WHERE e.extname <> 'plpgsql' AND $1::text[] IS NOT NULL AND $2::text[] IS NOT NULL
ORDER BY e.extname`;

/**
 * `versions`: keep pg_extension.extversion in the model. Only for the live side of a comparison: a model that becomes
 * a manifest (snapshot) or the expected side (a replay) must not carry it (docs/manifest.md#extensions).
 */
export async function readSchemas(db: Queryable, scope: SchemaScope, model: SchemaModel, versions = false): Promise<void> {
  const params = [scope.include, scope.exclude];
  const { rows } = await db.query<RawSchemaRow>(SCHEMAS_SQL, params);
  for (const r of rows) {
    model.schemas[quoteIdent(r.name)] = { name: r.name, ...(r.comment != null && { comment: r.comment }) };
  }
  const ext = await db.query<RawExtensionRow>(EXTENSIONS_SQL, params);
  for (const r of ext.rows) {
    model.extensions[quoteIdent(r.name)] = { name: r.name, schema: r.schema, ...(r.comment != null && { comment: r.comment }), ...(versions && { version: r.version }) };
  }
}
