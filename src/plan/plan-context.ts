// The planner's input and the context every step generator (plan-*.ts, graph/*) gets: types only, shared by
// plan-repairs.ts and the generators it calls, so that they need not import each other.
import type { Finding } from '../diff/finding.js';
import type { SchemaModel, TableDef } from '../model/types.js';
import type { Policies } from './policies.js';
import type { Refusal } from './types.js';

/** What the server offers for one extension (pg_available_extension_versions, pg_extension_update_paths). */
export interface ExtensionVersionFacts {
  /** Every version CREATE EXTENSION … VERSION can install; empty when the server does not ship the extension. */
  available: string[];
  /** Installed only: the versions ALTER EXTENSION … UPDATE TO can reach from the installed one. */
  reachable?: string[];
}

/** Live facts the pure planner needs, gathered by the CLI beforehand. */
export interface TableFacts {
  /** pg_relation_size in bytes: 0 means the table holds no rows. */
  bytes: number;
}

export interface PlanOptions {
  prune: boolean;
  allowHazards: string[];
  /** Tables at least this large (bytes) get the online strategy (CONCURRENTLY, NOT VALID + VALIDATE). */
  onlineThresholdBytes: number;
}

export interface PlanInput {
  findings: Finding[];
  expected: SchemaModel;
  actual: SchemaModel;
  policies: Policies;
  options: PlanOptions;
  tables: Record<string, TableFacts>;
  /** column_type_differs finding id → every value converts to the new type and back unchanged. */
  lossless: Record<string, boolean>;
  /** unexpected_enum_value finding id → some row holds the value (absent: not checked, taken as in use). */
  enumValueInUse?: Record<string, boolean>;
  /** Every role on the server (repairs that name another role are refused); absent: not checked. */
  roles?: string[];
  /** pg_database.datdba of the live database: the owner a manifest without `owner` means. */
  databaseOwner?: string;
  /** For each extension whose version the manifest pins (keyed like the model): what the server can install. Absent: not checked. */
  extensionVersions?: Record<string, ExtensionVersionFacts>;
  fingerprint: string;
}

/** What a step generator gets: the input plus helpers. */
export interface PlanContext extends PlanInput {
  refuse(f: Finding, kind: Refusal['kind'], reason: string, hint: string, suggestion?: Refusal['suggestion']): void;
  leaveAlone(f: Finding, reason: string, hint?: string): void;
  busy(table: string): boolean;
  online(table: string): boolean;
  tableOf(f: Finding, side: 'expected' | 'actual'): TableDef | undefined;
  nameIn(f: Finding): string;
}
