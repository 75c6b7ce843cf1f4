/**
 * Exit codes are part of the user-facing contract (docs/exit-codes.md): scripts and CI gates rely on them.
 */
export const ExitCode = {
  OK: 0,
  INTERNAL: 1,
  DRIFT: 2,
  GUARD_REFUSED: 3,
  APPLY_FAILED: 4,
  USAGE: 5,
  DATABASE: 6,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error the user can act on: a stable code, a one-paragraph message (what and where), a hint (what to do)
 * and the exit code the CLI ends with. The CLI entry is the only place that turns these into output.
 */
export class SchemaDoctorError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'SchemaDoctorError';
  }
}

/** Usage, configuration or manifest problem (exit 5). */
export class UsageError extends SchemaDoctorError {
  constructor(code: string, message: string, hint: string) {
    super(code, message, hint, ExitCode.USAGE);
  }
}

/** Cannot connect, or the database refused a statement (exit 6). */
export class DatabaseError extends SchemaDoctorError {
  constructor(code: string, message: string, hint: string) {
    super(code, message, hint, ExitCode.DATABASE);
  }
}
