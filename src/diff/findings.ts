import type { Finding, FindingKind, ObjectType, Severity } from './finding.js';

/** Severity follows from the kind: extra objects, equivalents and comments are warnings; the rest are errors. */
export function severityOf(kind: FindingKind): Severity {
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
