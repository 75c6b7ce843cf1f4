/**
 * SchemaModel: one normalised model of a database schema, used for both sides of every comparison (the live
 * database read from pg_catalog, and the expected schema from a manifest or SQL replay).
 *
 * Invariants:
 * - Every map is keyed by the object's stable identity (qualified, quoted name; functions add their argument
 *   types), so diffing two models is a comparison of keyed maps.
 * - Nothing volatile: no oids, no sequence positions, no timestamps, no server version. The same DDL gives the
 *   same model whatever PostgreSQL major (14–18) or source produced it.
 * - Expressions (defaults, checks, predicates, view bodies) are text as PostgreSQL prints them, read with
 *   `search_path = pg_catalog` so that every user object is schema-qualified the same way on both sides.
 * - Optional fields are absent rather than null or false-y defaults, so manifests stay short and diffs small.
 */
export interface SchemaModel {
  schemas: Record<string, SchemaDef>;
  extensions: Record<string, ExtensionDef>;
  enums: Record<string, EnumDef>;
  domains: Record<string, DomainDef>;
  /** Composite types (CREATE TYPE … AS (…)). Absent when there are none (older manifests stay byte-identical). */
  composites?: Record<string, CompositeDef>;
  /** Collations made by CREATE COLLATION in a user schema. Absent when there are none. */
  collations?: Record<string, CollationDef>;
  /** Range types (CREATE TYPE … AS RANGE), with their multirange. Absent when there are none. */
  ranges?: Record<string, RangeDef>;
  sequences: Record<string, SequenceDef>;
  tables: Record<string, TableDef>;
  views: Record<string, ViewDef>;
  functions: Record<string, FunctionDef>;
  /**
   * The census of user objects of kinds the model does not cover (operators, text search configurations,
   * aggregates, …): kind → names, sorted. They are named so that a comparison never ignores them silently,
   * but their definitions are not compared. Absent when there are none (older manifests stay byte-identical).
   */
  unmodeled?: Record<string, string[]>;
  /**
   * Owners and privileges, keyed `table public.books`, `column public.books.title`, `function public.f(integer)`,
   * … (see model/privileges.ts for the normalisation). Absent when every object is owned by the database owner
   * with default privileges, so older manifests stay byte-identical.
   */
  privileges?: Record<string, ObjectPrivileges>;
  /** pg_default_acl, keyed `role / schema / tables` (`role / * / functions` for the global entries). */
  defaultPrivileges?: Record<string, AclDelta>;
}

export type { AclDelta, ObjectPrivileges } from './privileges.js';
import type { AclDelta, ObjectPrivileges } from './privileges.js';

export interface SchemaDef {
  name: string;
  comment?: string;
}

export interface ExtensionDef {
  name: string;
  schema: string;
  /** Only when it differs from the comment the extension's control file gives it. */
  comment?: string;
  /**
   * Expected side: a version the operator pinned by hand in the manifest (snapshot never writes one: the same
   * CREATE EXTENSION installs different versions on different servers, and a manifest must be byte-identical for
   * the same DDL everywhere). Live side: pg_extension.extversion, read only when introspect is asked for it
   * (`extensionVersions`, the live side of a comparison), so it never reaches a snapshot or a replayed model.
   */
  version?: string;
}

export interface EnumDef {
  schema: string;
  name: string;
  /** In declaration order (pg_enum.enumsortorder). */
  values: string[];
  comment?: string;
}

export interface DomainDef {
  schema: string;
  name: string;
  type: string;
  notNull?: true;
  default?: string;
  collation?: string;
  checks?: Record<string, { expression: string; validated?: false; comment?: string }>;
  comment?: string;
}

/**
 * A collation as CREATE COLLATION takes it, the same whatever the major (14–18) stores it in: `locale` when LC_COLLATE
 * and LC_CTYPE are one (or for ICU and builtin), else both.
 */
export interface CollationDef {
  schema: string;
  name: string;
  provider: 'libc' | 'icu' | 'builtin';
  locale?: string;
  lcCollate?: string;
  lcCtype?: string;
  deterministic?: false;
  comment?: string;
}

/** A range type; optional fields only when they are not the defaults. */
export interface RangeDef {
  schema: string;
  name: string;
  subtype: string;
  /** `schema.opclass`, when not the subtype's default btree operator class. */
  subtypeOpclass?: string;
  /** When it differs from the subtype's default collation. */
  collation?: string;
  canonical?: string;
  subtypeDiff?: string;
  /** The qualified name of its multirange type (PostgreSQL 14+ always makes one). */
  multirange?: string;
  comment?: string;
}

export interface CompositeDef {
  schema: string;
  name: string;
  /** In declaration order (pg_attribute.attnum); dropped attributes are not listed. */
  attributes: CompositeAttributeDef[];
  comment?: string;
}

export interface CompositeAttributeDef {
  name: string;
  /** format_type() output, as for columns. */
  type: string;
  /** Only when it differs from the type's default collation. */
  collation?: string;
}

export interface SequenceDef {
  schema: string;
  name: string;
  type: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle?: true;
  /** `schema.table.column` that owns the sequence (serial columns, OWNED BY). */
  ownedBy?: string;
  comment?: string;
}

export type TableKind = 'table' | 'partitioned';

export interface TableDef {
  schema: string;
  name: string;
  kind: TableKind;
  unlogged?: true;
  /** PARTITION BY clause of a partitioned table, as pg_get_partkeydef prints it. */
  partitionBy?: string;
  /** For a partition: its parent's key and the bound, as pg_get_expr prints it. */
  partitionOf?: string;
  partitionBound?: string;
  rowSecurity?: true;
  forceRowSecurity?: true;
  /**
   * Storage parameters (pg_class.reloptions) as `name=value`, sorted; the TOAST table's own parameters are
   * prefixed `toast.` (as ALTER TABLE … SET (toast.…) names them). Absent when none is set.
   */
  options?: string[];
  /** REPLICA IDENTITY other than DEFAULT; `index` names the index in replicaIdentityIndex. */
  replicaIdentity?: 'nothing' | 'full' | 'index';
  replicaIdentityIndex?: string;
  columns: ColumnDef[];
  /** Constraints keyed by name: primary key, unique, foreign key, check, exclusion. NOT NULL is a column property. */
  constraints: Record<string, ConstraintDef>;
  /** Indexes keyed by name, excluding those that back a constraint (they are part of the constraint). */
  indexes: Record<string, IndexDef>;
  triggers: Record<string, TriggerDef>;
  policies: Record<string, PolicyDef>;
  /** Rules (pg_rewrite) keyed by name. Absent when the table has none. */
  rules?: Record<string, RuleDef>;
  comment?: string;
}

export interface ColumnDef {
  name: string;
  /** format_type() output: `integer`, `character varying(32)`, `public.mood[]`. */
  type: string;
  notNull?: true;
  default?: string;
  identity?: 'always' | 'by default';
  /** The identity's sequence options that differ from the defaults (src/model/identity.ts). */
  identityOptions?: IdentityOptions;
  /** Expression of a GENERATED ALWAYS AS (…) STORED column. */
  generated?: string;
  /** Only when it differs from the type's default collation. */
  collation?: string;
  /** ALTER COLUMN … SET STORAGE: only when it differs from the type's default (pg_type.typstorage). */
  storage?: 'plain' | 'external' | 'extended' | 'main';
  /** ALTER COLUMN … SET COMPRESSION: only when set (absent: the server's default_toast_compression). */
  compression?: 'pglz' | 'lz4';
  /**
   * ALTER COLUMN … SET STATISTICS: only when set. The default is -1 up to PostgreSQL 16 and NULL from 17; both
   * are the absent value here, so the same DDL gives the same model on every major.
   */
  statistics?: number;
  comment?: string;
}

/** Numbers as text, like SequenceDef. */
export interface IdentityOptions {
  increment?: string;
  min?: string;
  max?: string;
  start?: string;
  cache?: string;
  cycle?: true;
}

export type ConstraintType = 'primary_key' | 'unique' | 'foreign_key' | 'check' | 'exclusion';
export type FkAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';

export interface ConstraintDef {
  name: string;
  type: ConstraintType;
  /** pg_get_constraintdef() text: the whole definition, for display and for re-creating it. */
  definition: string;
  /** Constrained columns in key order (empty for a check over an expression with no column). */
  columns: string[];
  deferrable?: true;
  initiallyDeferred?: true;
  /** Present (false) only when the constraint exists but is NOT VALID. */
  validated?: false;
  nullsNotDistinct?: true;
  noInherit?: true;
  /** Foreign keys only. */
  references?: { table: string; columns: string[]; onDelete: FkAction; onUpdate: FkAction; match: 'simple' | 'full' | 'partial' };
  /** Check constraints only: the boolean expression. */
  expression?: string;
  /**
   * Storage parameters of the index a primary key, unique or exclusion constraint owns (`fillfactor=80`), sorted;
   * pg_get_constraintdef does not print them.
   */
  indexOptions?: string[];
  comment?: string;
}

export interface IndexDef {
  name: string;
  unique?: true;
  /** Access method: btree, hash, gin, gist, brin, spgist. */
  method: string;
  /**
   * The definition from `USING` onwards, as pg_get_indexdef prints it (keys, INCLUDE, NULLS NOT DISTINCT,
   * WITH (…), WHERE …). With `unique` and `method` it identifies the index whatever its name.
   */
  definition: string;
  /** Key columns (an expression key is kept as its printed expression). */
  columns: string[];
  predicate?: string;
  /** Present (false) when the index exists but is not valid, e.g. after a failed CREATE INDEX CONCURRENTLY. */
  valid?: false;
  comment?: string;
}

export interface TriggerDef {
  name: string;
  /** pg_get_triggerdef() text. */
  definition: string;
  /** O = origin (enabled), D = disabled, R = replica, A = always. Absent when enabled (O). */
  enabled?: 'disabled' | 'replica' | 'always';
  comment?: string;
}

export interface PolicyDef {
  name: string;
  permissive: boolean;
  command: 'all' | 'select' | 'insert' | 'update' | 'delete';
  roles: string[];
  using?: string;
  withCheck?: string;
  comment?: string;
}

/** A rule other than a view's own `_RETURN` rule. */
export interface RuleDef {
  name: string;
  /** pg_get_ruledef() text, without the final semicolon: a complete CREATE RULE statement. */
  definition: string;
  /** ev_enabled: absent when enabled (O). */
  enabled?: 'disabled' | 'replica' | 'always';
  comment?: string;
}

export interface ViewDef {
  schema: string;
  name: string;
  materialized?: true;
  /** The SELECT as PostgreSQL prints it, normalised across majors (see catalog/normalize-view.ts). */
  definition: string;
  options?: string[];
  columns: string[];
  indexes?: Record<string, IndexDef>;
  triggers?: Record<string, TriggerDef>;
  rules?: Record<string, RuleDef>;
  /** Comments on the view's columns, by column name. Absent when there are none. */
  columnComments?: Record<string, string>;
  comment?: string;
}

export interface FunctionDef {
  schema: string;
  name: string;
  kind: 'function' | 'procedure';
  /** Identity arguments as pg_get_function_identity_arguments prints them. */
  identityArgs: string;
  /**
   * The input argument types alone (`bigint, text`), when they read differently from identityArgs (which has the
   * parameter names and modes): what PostgreSQL tells functions apart by. Two functions with the same name and
   * argTypes are one function whose parameter names changed.
   */
  argTypes?: string;
  /** pg_get_functiondef() text: a complete CREATE OR REPLACE statement. */
  definition: string;
  comment?: string;
}

export function emptyModel(): SchemaModel {
  return { schemas: {}, extensions: {}, enums: {}, domains: {}, sequences: {}, tables: {}, views: {}, functions: {} };
}

/** Whether two functions are the same function to PostgreSQL (same schema, name and input argument types). */
export function sameFunctionSignature(a: FunctionDef, b: FunctionDef): boolean {
  return a.schema === b.schema && a.name === b.name && a.kind === b.kind && (a.argTypes ?? a.identityArgs) === (b.argTypes ?? b.identityArgs);
}
