import type { Finding, FindingKind, ObjectType, Severity } from './finding.js';

/**
 * Severity follows from the kind: a database stricter than expected, and an extension at another version than the
 * manifest pins, are info; extra objects, equivalents, comments and objects of kinds that are not compared
 * (`unmodeled_objects`) are warnings; the rest are errors.
 */
export function severityOf(kind: FindingKind): Severity {
  if (INFO_KINDS.includes(kind)) return 'info';
  // Physical properties: how values are stored and sampled, never which values are accepted.
  if (PHYSICAL_KINDS.includes(kind)) return 'warning';
  if (
    kind.startsWith('unexpected_') ||
    kind === 'comment_differs' ||
    kind === 'unmodeled_objects' ||
    kind === 'constraint_renamed' ||
    kind === 'index_renamed' ||
    kind === 'unique_index_instead_of_constraint'
  ) {
    return 'warning';
  }
  return 'error';
}

/**
 * Info: the database is stricter than expected; an extension version differs from the one pinned by hand (the
 * same DDL installs different versions on different servers, so a version is a fleet choice, not schema drift).
 */
export const INFO_KINDS: readonly FindingKind[] = ['constraint_stricter_than_expected', 'index_stricter_than_expected', 'extension_version_differs'];

/** Findings about storage, compression, statistics targets and storage parameters: warnings. */
export const PHYSICAL_KINDS: readonly FindingKind[] = ['column_storage_differs', 'column_compression_differs', 'column_statistics_differs', 'table_options_differ'];

/** Builds a finding; its id is `${kind}:${object}`. */
export function finding(kind: FindingKind, objectType: ObjectType, object: string, hint: string, extra: { table?: string; expected?: string; actual?: string } = {}): Finding {
  return {
    id: `${kind}:${object}`,
    kind,
    severity: severityOf(kind),
    objectType,
    object,
    ...(extra.table !== undefined && { table: extra.table }),
    ...(extra.expected !== undefined && { expected: extra.expected }),
    ...(extra.actual !== undefined && { actual: extra.actual }),
    hint,
  };
}

/** The hint of `constraint_stricter_than_expected` (also used for domain checks). */
export const STRICTER_HINT =
  'Validated in the database, NOT VALID in the expected schema: every row was checked, so the database is stricter than expected. Nothing to repair (apply never un-validates a constraint); mark it validated in the manifest when that is what you want.';

/**
 * `diagnose --strict`: objects of kinds schema-doctor does not compare are errors, so that `--fail-on error` fails
 * on them too (a comparison that cannot vouch for everything is not a pass).
 */
/**
 * Whether a finding fails the drift gate: errors and warnings do, except the warnings that name objects of kinds
 * that are not compared (they become errors under --strict); info never does.
 */
export function isDrift(f: { kind: FindingKind; severity: Severity }): boolean {
  return f.severity === 'error' || (f.severity === 'warning' && f.kind !== 'unmodeled_objects');
}

export function strictSeverities<F extends { kind: FindingKind; severity: Severity }>(findings: F[]): F[] {
  return findings.map((f) => (f.kind === 'unmodeled_objects' ? { ...f, severity: 'error' as const } : f));
}
