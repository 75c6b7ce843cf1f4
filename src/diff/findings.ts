import type { Finding, FindingKind, ObjectType, Severity } from './finding.js';

/**
 * Severity follows from the kind: a database stricter than expected is info; extra objects, equivalents and
 * comments are warnings; the rest are errors.
 */
export function severityOf(kind: FindingKind): Severity {
  if (kind === 'constraint_stricter_than_expected') return 'info';
  if (kind.startsWith('unexpected_') || kind === 'comment_differs' || kind === 'constraint_renamed' || kind === 'index_renamed' || kind === 'unique_index_instead_of_constraint') {
    return 'warning';
  }
  return 'error';
}

/** Builds a finding; its id is `${kind}:${object}`. */
export function finding(
  kind: FindingKind,
  objectType: ObjectType,
  object: string,
  hint: string,
  extra: { table?: string; expected?: string; actual?: string } = {},
): Finding {
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
export const STRICTER_HINT = 'Validated in the database, NOT VALID in the expected schema: every row was checked, so the database is stricter than expected. Nothing to repair (apply never un-validates a constraint); mark it validated in the manifest when that is what you want.';
