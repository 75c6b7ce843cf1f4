import { Command, CommanderError, Option } from 'commander';
import { ExitCode, SchemaDoctorError } from '../errors.js';
import { redact } from '../db/redact.js';
import { PACKAGE_VERSION } from '../package-root.js';
import type { Io } from './io.js';

const defaultIo = (): Io => ({ stdout: process.stdout, stderr: process.stderr, env: process.env });

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Options every command that reaches a database shares. */
function connectionOptions(cmd: Command): Command {
  return cmd
    .option('--url <url>', 'PostgreSQL connection URL (else DATABASE_URL, else PG* variables and ~/.pgpass)')
    .option('--connect-timeout <seconds>', 'seconds to wait for a connection', '10')
    .option('--schema <name>', 'only this schema (repeatable, globs allowed)', collect)
    .option('--config <file>', `defaults for these options (default: ./schema-doctor.config.json when it exists)`);
}

export function buildProgram(io: Io, done: (exitCode: number) => void): Command {
  const program = new Command('schema-doctor')
    .description('Find and repair schema drift in PostgreSQL.')
    .version(PACKAGE_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(redact(s)) })
    // Defaults from the config file, for every option the command line did not give (docs/config.md).
    .hook('preAction', async (_program, command) => {
      if (!command.options.some((o) => o.attributeName() === 'config')) return;
      const { applyConfig, loadConfig } = await import('./config.js');
      const config = loadConfig(command.opts().config as string | undefined, process.cwd());
      if (config) applyConfig(command, config, io.env);
    });

  connectionOptions(program.command('snapshot').description('write the schema of a database (or of SQL files replayed on an embedded PostgreSQL) as a JSON manifest'))
    .addOption(new Option('--from-sql <path...>', 'build the model by running SQL files (a file or a directory, in file-name order) on an embedded PostgreSQL'))
    .option('--out <file>', 'write the manifest here instead of stdout')
    .option('--no-cache', 'replay SQL files every time instead of reusing the cached model (docs/manifest.md)')
    .action(async (opts) => {
      const { snapshotCommand } = await import('./snapshot.js');
      done(await snapshotCommand(opts, io));
    });

  connectionOptions(program.command('diagnose').description('compare the live database with the expected schema: drift, data that blocks a repair, unapplied migrations'))
    .option('--expected <path>', 'JSON manifest, .sql file, or directory (manifest.json or *.sql)', 'expected-schema')
    .option('--migrations <dir>', "compare these migration files with the database's record of applied migrations")
    .option('--format <format>', 'table | json | markdown | github | junit | sarif', 'table')
    .option('--fail-on <level>', 'drift | info | error | blockers | never: when to exit 2', 'drift')
    .option('--strict', 'objects of kinds schema-doctor does not compare (unmodeled_objects) are errors, not warnings')
    .option('--ignore <rule>', 'ignore findings by id, kind, kind:glob or object glob, or privileges | owners (repeatable)', collect)
    .option('--role-map <manifest=live>', "the manifest's role MANIFEST is called LIVE on this server (repeatable)", collect)
    .option('--probe-timeout <duration>', 'statement timeout of each data probe', '30s')
    .option('--no-probes', 'do not look at table data')
    .option('--no-cache', 'replay SQL files every time instead of reusing the cached model (docs/manifest.md)')
    .option('--no-summary', 'do not append the Markdown report to $GITHUB_STEP_SUMMARY')
    .option('--targets <file>', 'a fleet: one target per line (NAME URL, or URL), - for standard input (docs/fleet.md)')
    .option('--concurrency <n>', 'with --targets: how many targets are checked at once (default 4)')
    .option('--tenant-schemas <glob>', "every schema matching GLOB is a target of its own, compared with the manifest's one schema")
    .option('--shard <i/n>', 'with --targets: only the I-th of N shares of the targets, by a hash of their names')
    .action(async (opts) => {
      const { diagnoseCommand } = await import('./diagnose.js');
      done(await diagnoseCommand(opts, io));
    });

  const planOptions = (cmd: Command) =>
    connectionOptions(cmd)
      .option('--expected <path>', 'JSON manifest, .sql file, or directory (manifest.json or *.sql)', 'expected-schema')
      .option('--policies <file>', 'what to do with blocking data (default: policies.json next to the manifest)')
      .option('--prune', 'also remove unexpected objects (archived first, never destroyed)')
      .option('--allow-hazard <code>', 'allow steps with this hazard (repeatable), e.g. CHANGES_COLUMN_TYPE', collect)
      .option('--ignore <rule>', 'ignore findings by id, kind, kind:glob or object glob, or privileges | owners (repeatable)', collect)
      .option('--role-map <manifest=live>', "the manifest's role MANIFEST is called LIVE on this server (repeatable)", collect)
      .option('--lock-timeout <duration>', 'lock_timeout of every step', '5s')
      .option('--statement-timeout <duration>', 'statement_timeout of every step', '5min')
      .option('--probe-timeout <duration>', 'statement timeout of each data probe', '30s')
      .option('--online-threshold <bytes>', 'tables at least this large get the online strategy', String(16 * 1024 * 1024))
      .option('--no-cache', 'replay SQL files every time instead of reusing the cached model (docs/manifest.md)')
      .option('--no-summary', 'do not append a Markdown summary to $GITHUB_STEP_SUMMARY');

  planOptions(program.command('plan').description('print the repair plan: ordered steps with their SQL, hazards, locks and the findings they repair'))
    .option('--out <file.sql>', 'write the plan as an idempotent psql script')
    .option('--format <format>', 'text | json | sql', 'text')
    .action(async (opts) => {
      const { planCommand } = await import('./plan.js');
      done(await planCommand(opts, io));
    });

  planOptions(program.command('apply').description('apply the repair plan inside transactions, under guards, and verify it'))
    .option('--dry-run', 'rehearse every step in a transaction that is rolled back')
    .option('--yes', 'do not ask for confirmation')
    .option('--degraded', 'confirm that the application is in degraded mode')
    .option('--only-safe', 'apply only the steps that need neither a policy nor degraded mode')
    .option('--plan <file.sql>', 'refuse when the schema changed since this plan was made')
    .action(async (opts) => {
      const { applyCommand } = await import('./apply.js');
      done(await applyCommand(opts, io));
    });

  connectionOptions(program.command('history').description("the runs apply and restore recorded in schema_doctor.runs, or one run's steps and results"))
    .option('--run <id>', 'show this run: its steps, their results and what it archived')
    .option('--format <format>', 'table | json', 'table')
    .action(async (opts) => {
      const { historyCommand } = await import('./history.js');
      done(await historyCommand(opts, io));
    });

  connectionOptions(program.command('restore').description('undo one committed run: put back every row, column and table it archived, in one transaction, under guards'))
    .option('--run <id>', 'the run to undo (schema-doctor history lists them)')
    .option('--dry-run', 'rehearse the restore in a transaction that is rolled back')
    .option('--yes', 'do not ask for confirmation')
    .option('--degraded', 'confirm that the application is in degraded mode')
    .option('--force', 'restore even when a later run touched the same tables, or the row counts differ from those before the run')
    .option('--lock-timeout <duration>', 'lock_timeout of the restore', '5s')
    .option('--statement-timeout <duration>', 'statement_timeout of the restore', '5min')
    .action(async (opts) => {
      const { restoreCommand } = await import('./restore.js');
      done(await restoreCommand(opts, io));
    });

  planOptions(program.command('policies').description('draft the policies that blocking data needs (--suggest), merged into the existing file'))
    .option('--suggest', "suggest a policy for every blocker that has none, inferred from the table's columns")
    .option('--out <file>', 'write the draft here (merged into it when it exists) instead of stdout')
    .action(async (opts) => {
      const { policiesCommand } = await import('./policies.js');
      done(await policiesCommand(opts, io));
    });

  program
    .command('report')
    .description('work with saved reports')
    .command('merge')
    .description('merge the JSON fleet reports of the shards of one fleet (diagnose --targets --shard I/N --format json) into one report')
    .argument('<file...>', 'shard reports (JSON)')
    .option('--format <format>', 'table | json | markdown | github | junit | sarif', 'table')
    .option('--fail-on <level>', 'drift | info | error | blockers | never: re-decide each target (default: as recorded)')
    .option('--no-summary', 'do not append the Markdown report to $GITHUB_STEP_SUMMARY')
    .action(async (files: string[], opts) => {
      const { reportMergeCommand } = await import('./report-merge.js');
      done(await reportMergeCommand(files, opts, io));
    });

  program
    .command('demo')
    .description('start an embedded PostgreSQL with the sample app as production had it: diagnose, plan, rehearse, apply, diagnose again')
    .option('--format <format>', 'report format of the diagnose steps', 'table')
    .option('--step <step>', 'all (the whole story) | diagnose (only diagnose)', 'all')
    .action(async (opts) => {
      const { demoCommand } = await import('./demo.js');
      done(await demoCommand(opts, io));
    });

  return program;
}

/** The CLI's single catch: every error becomes one paragraph on stderr and a documented exit code. */
export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  let code: number = ExitCode.OK;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    return report(err, io);
  }
}

function report(err: unknown, io: Io): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return ExitCode.OK;
    return ExitCode.USAGE;
  }
  if (err instanceof SchemaDoctorError) {
    io.stderr.write(redact(`error [${err.code}]: ${err.message}\nhint: ${err.hint}\n`));
    return err.exitCode;
  }
  const e = err as Error & { code?: unknown };
  if (typeof e?.code === 'string' && (/^[0-9A-Z]{5}$/.test(e.code) || /^E[A-Z]+$/.test(e.code))) {
    io.stderr.write(
      redact(
        `error [DATABASE_ERROR]: the database connection failed or refused a statement: ${e.message}${/^[0-9A-Z]{5}$/.test(e.code) ? ` (SQLSTATE ${e.code})` : ''}.\nhint: check the server and run the command again; apply is idempotent and reports what it committed in schema_doctor.runs.\n`,
      ),
    );
    return ExitCode.DATABASE;
  }
  io.stderr.write(redact(`error [INTERNAL]: ${e?.message ?? String(err)}\nhint: this is a bug in schema-doctor; run again with SCHEMA_DOCTOR_DEBUG=1 for details and report it.\n`));
  if (io.env.SCHEMA_DOCTOR_DEBUG) io.stderr.write(redact(String(e?.stack ?? '')) + '\n');
  return ExitCode.INTERNAL;
}
