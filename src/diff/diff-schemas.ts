import { sameFunctionSignature, type SchemaModel, type TableDef, type TriggerDef, type ViewDef } from '../model/types.js';
import { quoteIdent } from '../model/ident.js';
import type { Finding } from './finding.js';
import { finding } from './findings.js';
import { compareMaps, sameValue } from './compare-maps.js';
import { describePolicy, describeTableProps } from './describe.js';
import { diffColumns } from './diff-columns.js';
import { diffConstraints, diffIndexes } from './diff-constraints.js';
import { diffTypes } from './diff-types.js';
import { diffComposites } from './diff-composites.js';
import { diffCollations } from './diff-collations.js';
import { diffRanges } from './diff-ranges.js';
import { diffUnmodeled } from './diff-unmodeled.js';
import { diffRules } from './diff-rules.js';
import { diffPrivileges } from './diff-privileges.js';

/**
 * Compares the expected schema with the live one. Pure: two models in, findings out, in a stable order
 * (schema-level objects, then tables and views by key, each object's findings in a fixed order, then the kinds of
 * objects that are not compared).
 */
export function diffSchemas(expected: SchemaModel, actual: SchemaModel): Finding[] {
  const out: Finding[] = [];
  diffTypes(expected, actual, out);
  diffComposites(expected, actual, out);
  diffCollations(expected, actual, out);
  diffRanges(expected, actual, out);
  compareMaps(expected.tables, actual.tables, {
    missing: (key, e) =>
      out.push(
        finding('missing_table', 'table', key, `Create the table (${e.columns.length} columns, ${Object.keys(e.constraints).length} constraints, ${Object.keys(e.indexes).length} indexes).`, {
          table: key,
        }),
      ),
    unexpected: (key) =>
      out.push(finding('unexpected_table', 'table', key, 'The table is not in the expected schema; it is left alone (apply --prune moves it to the archive schema).', { table: key })),
    both: (key, e, a) => diffTable(key, e, a, out),
  });
  compareMaps(expected.views, actual.views, {
    missing: (key, e) => out.push(finding('missing_view', 'view', key, `Create the ${e.materialized ? 'materialized ' : ''}view.`, { table: key, expected: e.definition })),
    unexpected: (key, a) => out.push(finding('unexpected_view', 'view', key, 'The view is not in the expected schema; it is left alone unless apply --prune.', { table: key, actual: a.definition })),
    both: (key, e, a) => diffView(key, e, a, out),
  });
  // A function whose parameter names changed has another key (the names are part of it) but is the same function
  // to PostgreSQL: it differs, rather than being missing beside an unexpected twin.
  const renamed = new Map<string, string>();
  for (const [key, e] of Object.entries(expected.functions)) {
    if (key in actual.functions) continue;
    const twin = Object.entries(actual.functions).find(([k, a]) => !(k in expected.functions) && sameFunctionSignature(e, a));
    if (twin) renamed.set(key, twin[0]);
  }
  const renamedActual = new Set(renamed.values());
  compareMaps(expected.functions, actual.functions, {
    missing: (key, e) => {
      const twin = renamed.get(key);
      if (twin !== undefined) {
        out.push(
          finding('function_differs', 'function', key, `The ${e.kind}'s parameter names differ (live: ${twin}): drop and re-create it with what depends on it.`, {
            expected: e.definition,
            actual: actual.functions[twin]!.definition,
          }),
        );
        return;
      }
      out.push(finding('missing_function', 'function', key, `Create the ${e.kind}.`, { expected: e.definition }));
    },
    unexpected: (key, a) => {
      if (renamedActual.has(key)) return;
      out.push(finding('unexpected_function', 'function', key, `The ${a.kind} is not in the expected schema; it is left alone unless apply --prune.`, { actual: a.definition }));
    },
    both: (key, e, a) => {
      if (e.definition !== a.definition || e.kind !== a.kind) {
        out.push(finding('function_differs', 'function', key, `The ${e.kind} body or attributes differ: CREATE OR REPLACE it.`, { expected: e.definition, actual: a.definition }));
      }
      if (e.comment !== a.comment) out.push(finding('comment_differs', 'function', key, 'The comment differs.', { expected: e.comment ?? '(none)', actual: a.comment ?? '(none)' }));
    },
  });
  diffPrivileges(expected, actual, out);
  diffUnmodeled(expected, actual, out);
  return out;
}

function diffTable(key: string, e: TableDef, a: TableDef, out: Finding[]): void {
  const props = describeTableProps(e);
  const actualProps = describeTableProps(a);
  if (props !== actualProps) {
    out.push(finding('table_differs', 'table', key, 'Table properties (kind, logging, partitioning or row level security) differ.', { table: key, expected: props, actual: actualProps }));
  }
  const options = (t: TableDef) => (t.options ?? []).join(', ') || '(none)';
  if (options(e) !== options(a)) {
    out.push(
      finding('table_options_differ', 'table', key, 'Storage parameters (fillfactor, autovacuum_*, toast.*) differ: ALTER TABLE … SET (…) / RESET (…), in place.', {
        table: key,
        expected: options(e),
        actual: options(a),
      }),
    );
  }
  const identity = (t: TableDef) => (t.replicaIdentity === 'index' ? `USING INDEX ${quoteIdent(t.replicaIdentityIndex ?? '')}` : (t.replicaIdentity ?? 'default').toUpperCase());
  if (identity(e) !== identity(a)) {
    out.push(
      finding('replica_identity_differs', 'table', key, 'REPLICA IDENTITY differs (what logical replication sends for updated and deleted rows): ALTER TABLE … REPLICA IDENTITY.', {
        table: key,
        expected: identity(e),
        actual: identity(a),
      }),
    );
  }
  if (e.comment !== a.comment) out.push(finding('comment_differs', 'table', key, 'The table comment differs.', { table: key, expected: e.comment ?? '(none)', actual: a.comment ?? '(none)' }));
  diffColumns(key, e, a, out);
  const standIns = diffConstraints(key, e, a, out);
  diffIndexes(key, e.indexes, a.indexes, out, standIns);
  diffTriggers(key, e.triggers, a.triggers, out);
  compareMaps(e.policies, a.policies, {
    missing: (name, p) => out.push(finding('missing_policy', 'policy', `${key}.${quoteIdent(name)}`, 'Create the row level security policy.', { table: key, expected: describePolicy(key, p) })),
    unexpected: (name, p) =>
      out.push(
        finding('unexpected_policy', 'policy', `${key}.${quoteIdent(name)}`, 'The policy is not in the expected schema; it is left alone unless apply --prune.', {
          table: key,
          actual: describePolicy(key, p),
        }),
      ),
    both: (name, ep, ap) => {
      if (!sameValue({ ...ep, comment: undefined }, { ...ap, comment: undefined })) {
        out.push(
          finding('policy_differs', 'policy', `${key}.${quoteIdent(name)}`, 'The policy differs: drop and re-create it.', {
            table: key,
            expected: describePolicy(key, ep),
            actual: describePolicy(key, ap),
          }),
        );
      }
      if (ep.comment !== ap.comment)
        out.push(finding('comment_differs', 'policy', `${key}.${quoteIdent(name)}`, 'The policy comment differs.', { table: key, expected: ep.comment ?? '(none)', actual: ap.comment ?? '(none)' }));
    },
  });
  diffRules(key, e.rules, a.rules, out);
}

function diffView(key: string, e: ViewDef, a: ViewDef, out: Finding[]): void {
  const sameBody = e.definition === a.definition && !!e.materialized === !!a.materialized;
  if (!sameBody || !sameValue(e.options ?? [], a.options ?? [])) {
    out.push(
      finding(
        'view_differs',
        'view',
        key,
        sameBody
          ? 'Only the view options (security_barrier, security_invoker, check_option, storage parameters) differ: ALTER VIEW … SET (…) / RESET (…), in place.'
          : 'The view definition differs: re-create it (CREATE OR REPLACE, or drop and create when columns change).',
        {
          table: key,
          expected: viewText(e),
          actual: viewText(a),
        },
      ),
    );
  }
  if (e.comment !== a.comment) out.push(finding('comment_differs', 'view', key, 'The view comment differs.', { table: key, expected: e.comment ?? '(none)', actual: a.comment ?? '(none)' }));
  for (const c of e.columns.filter((c) => a.columns.includes(c))) {
    const ec = e.columnComments?.[c];
    const ac = a.columnComments?.[c];
    if (ec !== ac) out.push(finding('comment_differs', 'column', `${key}.${quoteIdent(c)}`, 'The view column comment differs.', { table: key, expected: ec ?? '(none)', actual: ac ?? '(none)' }));
  }
  diffIndexes(key, e.indexes, a.indexes, out);
  diffTriggers(key, e.triggers, a.triggers, out);
  diffRules(key, e.rules, a.rules, out);
}

function viewText(v: ViewDef): string {
  return `${v.materialized ? 'MATERIALIZED ' : ''}${v.options?.length ? `WITH (${v.options.join(', ')}) ` : ''}AS\n${v.definition}`;
}

function diffTriggers(key: string, e: Record<string, TriggerDef> | undefined, a: Record<string, TriggerDef> | undefined, out: Finding[]): void {
  const text = (t: TriggerDef) => `${t.definition}${t.enabled ? `\n-- ${t.enabled}` : ''}`;
  compareMaps(e, a, {
    missing: (name, t) => out.push(finding('missing_trigger', 'trigger', `${key}.${quoteIdent(name)}`, 'Create the trigger.', { table: key, expected: text(t) })),
    unexpected: (name, t) =>
      out.push(
        finding('unexpected_trigger', 'trigger', `${key}.${quoteIdent(name)}`, 'The trigger is not in the expected schema; it is left alone unless apply --prune.', { table: key, actual: text(t) }),
      ),
    both: (name, et, at) => {
      if (et.definition !== at.definition || et.enabled !== at.enabled) {
        out.push(
          finding(
            'trigger_differs',
            'trigger',
            `${key}.${quoteIdent(name)}`,
            et.definition === at.definition ? 'The trigger is enabled differently.' : 'The trigger definition differs: re-create it.',
            { table: key, expected: text(et), actual: text(at) },
          ),
        );
      }
      if (et.comment !== at.comment)
        out.push(finding('comment_differs', 'trigger', `${key}.${quoteIdent(name)}`, 'The trigger comment differs.', { table: key, expected: et.comment ?? '(none)', actual: at.comment ?? '(none)' }));
    },
  });
}
