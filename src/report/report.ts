import type { Finding } from '../diff/finding.js';

export const REPORT_FORMAT_VERSION = 1;

/** A migration file compared with the database's record of applied migrations. */
export interface MigrationStatus {
  /** Which tracking table was read: `knex`, `drizzle`, `prisma`, `flyway`, … or `none`. */
  tool: string;
  /** The tracking table, qualified. */
  table?: string;
  /** Files in --migrations that the database has no record of, in file-name order. */
  unapplied: string[];
  /** Recorded as applied, but no file has that name. */
  missingFiles: string[];
  /** Recorded with a checksum that does not match the file. */
  checksumMismatches: string[];
}

/** The full result of `diagnose`: what renderers print and what `--format json` emits (docs/report.schema.json). */
export interface DiagnoseReport {
  formatVersion: number;
  tool: { name: 'schema-doctor'; version: string };
  /** `user@host:port/db` (never the password). */
  database: string;
  /** Where the expected schema came from. */
  expected: string;
  findings: Finding[];
  /** Findings left out by --ignore rules or the ignore file (count only). */
  ignored: number;
  migrations?: MigrationStatus;
  /** `info`: findings of severity info (not drift); always set by diagnose, optional for older reports. */
  summary: { errors: number; warnings: number; info?: number; blockers: number; unknownProbes: number };
  /** Whether the run fails under --fail-on, and so the exit code (2) */
  failed: boolean;
}
