import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';

export interface TestDatabase {
  name: string;
  url: string;
  /** Runs SQL on this database (a fresh connection each time). */
  // biome-ignore lint/suspicious/noExplicitAny: like pg's query<R = any>: each test says what its rows hold, or reads them loosely
  sql<R = any>(text: string, values?: unknown[]): Promise<R[]>;
  drop(): Promise<void>;
}

export function adminUrl(): string {
  return inject('adminUrl');
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = '/' + encodeURIComponent(database);
  return u.toString();
}

/** A fresh database on the shared test server; each test file (or case) gets its own. */
export async function createTestDatabase(prefix = 't'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`.toLowerCase();
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8'`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl(), name);
  return {
    name,
    url,
    async sql(text, values) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return (await c.query(text, values as unknown[])).rows;
      } finally {
        await c.end();
      }
    },
    async drop() {
      const a = new pg.Client({ connectionString: adminUrl() });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const BIN = new URL('../../bin/schema-doctor.js', import.meta.url).pathname;

/** Runs the real CLI as a process (no TTY), with a clean environment plus `env`. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, cwd?: string): Promise<CliResult> {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, LANG: 'C.UTF-8' };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...base, ...env } as NodeJS.ProcessEnv, maxBuffer: 256 * 1024 * 1024, ...(cwd && { cwd }) }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const PSQL = existsSync('/usr/bin/psql') ? '/usr/bin/psql' : 'psql';

/** Runs an SQL file with psql, stopping at the first error (as an operator runs a plan script). */
export function psqlFile(file: string, url: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(PSQL, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', file, url], { env: { PATH: process.env.PATH, LANG: 'C.UTF-8' } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0, stdout, stderr });
    });
  });
}
