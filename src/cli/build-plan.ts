import { createHash } from 'node:crypto';
import { UsageError } from '../errors.js';
import type pg from 'pg';
import { renderManifest } from '../manifest/format.js';
import type { SchemaModel } from '../model/types.js';
import { quoteIdent } from '../model/ident.js';
import { COUNTED_KINDS } from '../model/unmodeled.js';
import type { Finding } from '../diff/finding.js';
import type { ExtensionVersionFacts, TableFacts } from '../plan/plan-context.js';
import { planRepairs } from '../plan/plan-repairs.js';
import type { Policies } from '../plan/policies.js';
import type { RepairPlan } from '../plan/types.js';

/** The schema's fingerprint, for the stale-plan check. The number of large objects is data: it does not count. */
export function fingerprintOf(model: SchemaModel): string {
  const unmodeled = Object.fromEntries(Object.entries(model.unmodeled ?? {}).filter(([kind]) => !COUNTED_KINDS.includes(kind)));
  const schema = { ...model, unmodeled: Object.keys(unmodeled).length > 0 ? unmodeled : undefined };
  return createHash('sha256').update(renderManifest(schema, undefined)).digest('hex');
}

/** Size of every table in bytes, in one query (0 means no rows: strong locks on it are harmless). */
async function tableFacts(client: pg.Client): Promise<Record<string, TableFacts>> {
  const { rows } = await client.query<{ schema: string; name: string; bytes: string }>(
    `SELECT n.nspname AS schema, c.relname AS name, pg_relation_size(c.oid) AS bytes
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')`,
  );
  return Object.fromEntries(rows.map((r) => [`${quoteIdent(r.schema)}.${quoteIdent(r.name)}`, { bytes: Number(r.bytes) }]));
}

/**
 * A column type change is safe when every value survives the conversion unchanged: cast to the new type and back,
 * it compares equal. One read-only query per type finding (there are few); an error means "not proven".
 */
async function losslessConversions(client: pg.Client, findings: Finding[], actual: SchemaModel, expected: SchemaModel): Promise<Record<string, boolean>> {
  const out: Record<string, boolean> = {};
  for (const f of findings) {
    if (f.kind !== 'column_type_differs' || f.table === undefined || f.expected === undefined || f.actual === undefined) continue;
    const t = actual.tables[f.table];
    const col = t?.columns.find((c) => `${f.table}.${quoteIdent(c.name)}` === f.object);
    if (!col) continue;
    const c = quoteIdent(col.name);
    // A domain the plan creates does not exist yet: its base type tells whether the values survive (a value its
    // CHECK rejects makes the step fail and the run roll back).
    const target = actual.domains[f.expected] === undefined ? (expected.domains[f.expected]?.type ?? f.expected) : f.expected;
    try {
      await client.query('BEGIN READ ONLY');
      await client.query('SET LOCAL search_path = pg_catalog');
      const { rows } = await client.query<{ bad: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${f.table} WHERE ${c} IS NOT NULL AND (${c}::${target})::${f.actual} IS DISTINCT FROM ${c}) AS bad`);
      out[f.id] = rows[0]?.bad === false;
    } catch {
      out[f.id] = false;
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
    }
  }
  return out;
}

/**
 * For each enum value that --prune would remove: does any row hold it? One read-only query per value (there are
 * few), over every column of the enum type or its array; an error means "in use" (not proven free).
 */
async function enumValuesInUse(client: pg.Client, findings: Finding[], actual: SchemaModel): Promise<Record<string, boolean>> {
  const out: Record<string, boolean> = {};
  for (const f of findings) {
    if (f.kind !== 'unexpected_enum_value' || f.actual === undefined) continue;
    const key = Object.keys(actual.enums).find((k) => f.object.startsWith(`${k}.'`));
    if (!key) continue;
    const probes: string[] = [];
    for (const [table, t] of Object.entries(actual.tables)) {
      if (t.partitionOf) continue;
      for (const c of t.columns) {
        if (c.type === key) probes.push(`SELECT 1 FROM ${table} WHERE ${quoteIdent(c.name)}::text = $1`);
        else if (c.type === `${key}[]`) probes.push(`SELECT 1 FROM ${table} WHERE $1 = ANY (${quoteIdent(c.name)}::text[])`);
      }
    }
    if (probes.length === 0) {
      out[f.id] = false;
      continue;
    }
    try {
      await client.query('BEGIN READ ONLY');
      await client.query('SET LOCAL search_path = pg_catalog');
      const { rows } = await client.query<{ used: boolean }>(`SELECT EXISTS (${probes.join(' UNION ALL ')}) AS used`, [f.actual]);
      out[f.id] = rows[0]?.used !== false;
    } catch {
      out[f.id] = true;
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
    }
  }
  return out;
}

export interface PlanFlags {
  prune?: boolean;
  allowHazard?: string[];
  onlineThreshold?: string;
}

export async function buildPlan(client: pg.Client, findings: Finding[], expected: SchemaModel, actual: SchemaModel, policies: Policies, flags: PlanFlags): Promise<RepairPlan> {
  return planRepairs({
    findings,
    expected,
    actual,
    policies,
    options: {
      prune: !!flags.prune,
      allowHazards: flags.allowHazard ?? [],
      onlineThresholdBytes: onlineThreshold(flags.onlineThreshold),
    },
    tables: await tableFacts(client),
    lossless: await losslessConversions(client, findings, actual, expected),
    enumValueInUse: flags.prune ? await enumValuesInUse(client, findings, actual) : {},
    ...(await roleFacts(client)),
    extensionVersions: await extensionVersionFacts(client, findings, expected),
    fingerprint: fingerprintOf(actual),
  });
}

/**
 * For the extensions whose pinned version a step would install or update to: the versions the server can install,
 * and, when installed, those ALTER EXTENSION … UPDATE can reach from the installed one (one query, only when some
 * finding needs it). pg_extension_update_paths is called only for an extension the server ships (it raises otherwise).
 */
async function extensionVersionFacts(client: pg.Client, findings: Finding[], expected: SchemaModel): Promise<Record<string, ExtensionVersionFacts>> {
  const keys = [
    ...new Set(findings.filter((f) => (f.kind === 'extension_version_differs' || f.kind === 'missing_extension') && expected.extensions[f.object]?.version !== undefined).map((f) => f.object)),
  ];
  if (keys.length === 0) return {};
  const { rows } = await client.query<{ key: string; available: string[]; reachable: string[] | null }>(
    `SELECT w.key,
            ARRAY(SELECT v.version::text FROM pg_catalog.pg_available_extension_versions v WHERE v.name = w.name ORDER BY 1) AS available,
            CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_extension e WHERE e.extname = w.name)
                  AND EXISTS (SELECT 1 FROM pg_catalog.pg_available_extensions a WHERE a.name = w.name)
                 THEN ARRAY(SELECT p.target::text FROM pg_catalog.pg_extension e, pg_catalog.pg_extension_update_paths(w.name) p
                            WHERE e.extname = w.name AND p.source = e.extversion AND p.path IS NOT NULL ORDER BY 1) END AS reachable
     FROM unnest($1::text[], $2::text[]) AS w(key, name)`,
    [keys, keys.map((k) => expected.extensions[k]!.name)],
  );
  return Object.fromEntries(rows.map((r) => [r.key, { available: r.available, ...(r.reachable !== null && { reachable: r.reachable }) }]));
}

/** Every role on the server and the database's owner, for repairs that name roles (one query). */
async function roleFacts(client: pg.Client): Promise<{ roles: string[]; databaseOwner: string }> {
  const { rows } = await client.query<{ roles: string[]; owner: string }>(
    `SELECT ARRAY(SELECT rolname::text FROM pg_roles ORDER BY 1) AS roles,
            (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) AS owner`,
  );
  return { roles: rows[0]!.roles, databaseOwner: rows[0]!.owner };
}

function onlineThreshold(text: string | undefined): number {
  if (text === undefined) return 16 * 1024 * 1024;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) {
    throw new UsageError('BAD_OPTION', `--online-threshold "${text}" is not a number of bytes.`, 'For example --online-threshold 16777216 (16 MB); 0 makes every table take the online strategy.');
  }
  return n;
}
