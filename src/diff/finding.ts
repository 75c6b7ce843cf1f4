/**
 * A finding: one difference between the expected schema and the live database. Kinds and ids are stable strings
 * that users script against (JSON, SARIF, ignore rules): never rename one.
 */
export type FindingKind =
  | 'missing_schema'
  | 'unexpected_schema'
  | 'missing_extension'
  | 'unexpected_extension'
  | 'extension_version_differs'
  | 'missing_enum'
  | 'unexpected_enum'
  | 'missing_enum_value'
  | 'unexpected_enum_value'
  | 'enum_value_order_differs'
  | 'missing_domain'
  | 'unexpected_domain'
  | 'domain_differs'
  | 'missing_composite'
  | 'unexpected_composite'
  | 'composite_differs'
  | 'missing_collation'
  | 'unexpected_collation'
  | 'collation_differs'
  | 'missing_range'
  | 'unexpected_range'
  | 'range_differs'
  | 'missing_sequence'
  | 'unexpected_sequence'
  | 'sequence_differs'
  | 'missing_table'
  | 'unexpected_table'
  | 'table_differs'
  | 'missing_column'
  | 'unexpected_column'
  | 'column_type_differs'
  | 'column_nullability_differs'
  | 'column_default_differs'
  | 'column_identity_differs'
  | 'column_generated_differs'
  | 'column_collation_differs'
  | 'column_storage_differs'
  | 'column_compression_differs'
  | 'column_statistics_differs'
  | 'table_options_differ'
  | 'replica_identity_differs'
  | 'missing_primary_key'
  | 'missing_constraint'
  | 'unexpected_constraint'
  | 'constraint_differs'
  | 'constraint_not_valid'
  | 'constraint_stricter_than_expected'
  | 'index_stricter_than_expected'
  | 'constraint_renamed'
  | 'unique_index_instead_of_constraint'
  | 'missing_index'
  | 'unexpected_index'
  | 'index_differs'
  | 'index_invalid'
  | 'index_renamed'
  | 'missing_view'
  | 'unexpected_view'
  | 'view_differs'
  | 'missing_function'
  | 'unexpected_function'
  | 'function_differs'
  | 'missing_trigger'
  | 'unexpected_trigger'
  | 'trigger_differs'
  | 'missing_policy'
  | 'unexpected_policy'
  | 'policy_differs'
  | 'missing_rule'
  | 'unexpected_rule'
  | 'rule_differs'
  | 'comment_differs'
  | 'owner_differs'
  | 'missing_privilege'
  | 'unexpected_privilege'
  | 'default_privileges_differ'
  | 'unmodeled_objects';

/**
 * error: the database lacks or contradicts what is expected. warning: extra objects, equivalents, comments.
 * info: the database is stricter than expected (a constraint validated where the manifest has it NOT VALID), or an
 * extension at another version than the one the manifest pins by hand. Info is not drift: only `--fail-on info`
 * fails on it. `apply` has nothing to do for the stricter kinds (no step, no skip, no refusal); a pinned extension
 * version is the exception: the operator wrote it on purpose, so apply updates the extension to it.
 */
export type Severity = 'error' | 'warning' | 'info';

export type ObjectType =
  | 'schema'
  | 'extension'
  | 'enum'
  | 'domain'
  | 'composite'
  | 'collation'
  | 'range'
  | 'sequence'
  | 'table'
  | 'column'
  | 'constraint'
  | 'index'
  | 'view'
  | 'function'
  | 'trigger'
  | 'policy'
  | 'rule'
  /** `default_privileges_differ`: the object is a pg_default_acl key, `role / schema / tables`. */
  | 'default_privileges'
  /** `unmodeled_objects`: the object is a kind of objects (`text search configuration`), not one object. */
  | 'kind';

export interface Finding {
  /** `${kind}:${object}`: stable across runs, usable in --ignore. */
  id: string;
  kind: FindingKind;
  severity: Severity;
  objectType: ObjectType;
  /** Display name of the object: `public.books`, `public.books.title`, `public.books.books_pkey`. */
  object: string;
  /** The table (or view) the object belongs to, for grouping; absent for schema-level objects. */
  table?: string;
  /** Definitions as text, for the readable diff. */
  expected?: string;
  actual?: string;
  /** One line: what this means and what to do. */
  hint: string;
  /** Data that would block the repair (filled by probes). */
  blockers?: Blocker[];
  /** The migration file that creates the missing object, when it could be told (filled by the history check). */
  migration?: string;
}

/**
 * `exclusion_conflicts`: rows that conflict under an exclusion constraint (e.g. overlapping ranges); the count is
 * of rows that conflict with at least one other row.
 */
export type BlockerKind = 'duplicates' | 'nulls' | 'orphans' | 'check_violations' | 'exclusion_conflicts';

export interface Blocker {
  kind: BlockerKind;
  /** What was probed: `UNIQUE (book_id, view_type)`, `post_id IS NULL`. */
  target: string;
  status: 'ok' | 'unknown';
  /** Rows (nulls, orphans, violations, exclusion conflicts) or groups (duplicates); absent when unknown. */
  count?: number;
  /** Duplicates only: rows beyond the first of each group (what a merge would remove). */
  surplusRows?: number;
  /** Up to 5 offending keys. */
  sample?: unknown[];
  /** Why the probe gave no answer: `timeout`, `permission denied for table …`. */
  reason?: string;
}
