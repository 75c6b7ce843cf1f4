/**
 * `diagnose --format sarif`: SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, Azure DevOps, …).
 * One run; one rule per finding kind present (rule id = kind, so alerts stay matched across runs); one result per
 * finding with `partialFingerprints.findingId` = the finding id, and level `error`, `warning` or (info) `note`.
 *
 * Locations: a logical location (the object's qualified name, kind = object type) always; with `manifestPath`, also a
 * physical location on the manifest file. GitHub shows a result only with a physical location and a
 * `region.startLine`: with `locations`, the migration file and line that creates the object or its line in the
 * manifest; otherwise line 1 of the manifest.
 */
import type { Finding, FindingKind } from '../diff/finding.js';
import type { DiagnoseReport } from './report.js';
import { describeBlocker, describeMigration } from './render-table.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://www.npmjs.com/package/schema-doctor';

/** The rule text of every finding kind (a Record, so a new kind does not compile without one). */
export const KIND_DESCRIPTIONS: Record<FindingKind, string> = {
  missing_schema: 'A schema in the expected schema is missing from the database.',
  unexpected_schema: 'The database has a schema that is not in the expected schema.',
  missing_extension: 'An expected extension is not installed.',
  unexpected_extension: 'The database has an extension that is not in the expected schema.',
  extension_version_differs: 'An extension is installed at another version than the one the expected schema pins (not drift).',
  missing_enum: 'An expected enum type is missing.',
  unexpected_enum: 'The database has an enum type that is not in the expected schema.',
  missing_enum_value: 'An enum type lacks an expected value.',
  unexpected_enum_value: 'An enum type has a value that is not in the expected schema.',
  enum_value_order_differs: 'An enum type has its values in a different order.',
  missing_domain: 'An expected domain is missing.',
  unexpected_domain: 'The database has a domain that is not in the expected schema.',
  domain_differs: 'A domain is defined differently.',
  missing_composite: 'An expected composite type is missing.',
  unexpected_composite: 'The database has a composite type that is not in the expected schema.',
  composite_differs: 'A composite type has other attributes.',
  missing_collation: 'An expected collation is missing.',
  unexpected_collation: 'The database has a collation that is not in the expected schema.',
  collation_differs: 'A collation is defined differently.',
  missing_range: 'An expected range type is missing.',
  unexpected_range: 'The database has a range type that is not in the expected schema.',
  range_differs: 'A range type is defined differently.',
  missing_sequence: 'An expected sequence is missing.',
  unexpected_sequence: 'The database has a sequence that is not in the expected schema.',
  sequence_differs: 'A sequence is defined differently.',
  missing_table: 'An expected table is missing.',
  unexpected_table: 'The database has a table that is not in the expected schema.',
  table_differs: 'A table has different properties (persistence, partitioning, row-level security, …).',
  missing_column: 'A table lacks an expected column.',
  unexpected_column: 'A table has a column that is not in the expected schema.',
  column_type_differs: 'A column has a different data type.',
  column_nullability_differs: 'A column differs in NOT NULL.',
  column_default_differs: 'A column has a different default.',
  column_identity_differs: 'A column differs in identity (GENERATED … AS IDENTITY).',
  column_generated_differs: 'A column differs in its generation expression.',
  column_collation_differs: 'A column has a different collation.',
  column_storage_differs: 'A column has a different STORAGE (plain, external, extended, main).',
  column_compression_differs: 'A column has a different COMPRESSION.',
  column_statistics_differs: 'A column has a different statistics target.',
  table_options_differ: 'A table has different storage parameters (fillfactor, autovacuum_*, toast.*).',
  replica_identity_differs: 'A table has a different REPLICA IDENTITY.',
  missing_primary_key: 'A table lacks its expected primary key.',
  missing_constraint: 'A table lacks an expected constraint.',
  unexpected_constraint: 'A table has a constraint that is not in the expected schema.',
  constraint_differs: 'A constraint is defined differently.',
  constraint_not_valid: 'A constraint exists but was never validated (NOT VALID).',
  index_stricter_than_expected: 'An index is valid in the database where the expected schema has it INVALID (stricter than expected).',
  constraint_stricter_than_expected: 'A constraint is validated in the database where the expected schema has it NOT VALID (stricter than expected).',
  constraint_renamed: 'An expected constraint exists under another name.',
  unique_index_instead_of_constraint: 'A unique index exists where a unique constraint is expected.',
  missing_index: 'An expected index is missing.',
  unexpected_index: 'The database has an index that is not in the expected schema.',
  index_differs: 'An index is defined differently.',
  index_invalid: 'An index is INVALID (for example after a failed concurrent build).',
  index_renamed: 'An expected index exists under another name.',
  missing_view: 'An expected view is missing.',
  unexpected_view: 'The database has a view that is not in the expected schema.',
  view_differs: 'A view is defined differently.',
  missing_function: 'An expected function is missing.',
  unexpected_function: 'The database has a function that is not in the expected schema.',
  function_differs: 'A function is defined differently.',
  missing_trigger: 'An expected trigger is missing.',
  unexpected_trigger: 'The database has a trigger that is not in the expected schema.',
  trigger_differs: 'A trigger is defined differently.',
  missing_policy: 'An expected row-level security policy is missing.',
  unexpected_policy: 'The database has a row-level security policy that is not in the expected schema.',
  policy_differs: 'A row-level security policy is defined differently.',
  missing_rule: 'An expected rule is missing.',
  unexpected_rule: 'A table or view has a rule that is not in the expected schema.',
  rule_differs: 'A rule is defined or enabled differently.',
  comment_differs: 'An object has a different comment.',
  owner_differs: 'An object is owned by another role than expected.',
  missing_privilege: 'A role lacks a privilege the expected schema grants it.',
  unexpected_privilege: 'A role holds a privilege the expected schema does not grant.',
  default_privileges_differ: 'Default privileges for new objects (ALTER DEFAULT PRIVILEGES) differ.',
  unmodeled_objects: 'The database or the expected schema holds objects of a kind schema-doctor does not compare (named, not checked).',
};

export interface SarifOptions {
  /** Repository-relative path of the expected-schema manifest, for a physical location. */
  manifestPath?: string;
  /** Per finding id: the file and line of the physical location (instead of the manifest's line 1). */
  locations?: Record<string, { file: string; line?: number }>;
}

function messageText(f: Finding, report: DiagnoseReport): string {
  const lines = [`${f.object}: ${f.hint}`];
  for (const b of f.blockers ?? []) lines.push(describeBlocker(b));
  const migration = describeMigration(f, report.migrations);
  if (migration !== undefined) lines.push(migration);
  return lines.join('\n');
}

/** The SARIF log as an object (`renderSarif` serialises it). */
export function buildSarif(report: DiagnoseReport, options: SarifOptions = {}) {
  const kinds = [...new Set(report.findings.map((f) => f.kind))].sort();
  const ruleIndex = new Map(kinds.map((k, i) => [k, i]));
  const rules = kinds.map((kind) => ({ id: kind, shortDescription: { text: KIND_DESCRIPTIONS[kind] } }));
  const results = report.findings.map((f) => ({
    ruleId: f.kind,
    ruleIndex: ruleIndex.get(f.kind)!,
    level: f.severity === 'info' ? 'note' : f.severity,
    message: { text: messageText(f, report) },
    locations: [
      {
        ...(options.locations?.[f.id] !== undefined
          ? { physicalLocation: { artifactLocation: { uri: options.locations[f.id]!.file }, region: { startLine: options.locations[f.id]!.line ?? 1 } } }
          : options.manifestPath !== undefined
            ? { physicalLocation: { artifactLocation: { uri: options.manifestPath }, region: { startLine: 1 } } }
            : {}),
        logicalLocations: [{ fullyQualifiedName: f.object, kind: f.objectType }],
      },
    ],
    partialFingerprints: { findingId: f.id },
  }));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: { name: report.tool.name, version: report.tool.version, informationUri: INFORMATION_URI, rules },
        },
        results,
      },
    ],
  };
}

export function renderSarif(report: DiagnoseReport, options: SarifOptions = {}): string {
  return `${JSON.stringify(buildSarif(report, options), null, 2)}\n`;
}
