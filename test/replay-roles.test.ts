/**
 * SQL that names roles the throwaway replay server does not have (policies, grants, ownership, default privileges,
 * SET ROLE) replays: the roles are created NOLOGIN on the replay server (src/manifest/replay-roles.ts). Role names
 * carry a random suffix because roles belong to the whole (shared) test server.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { adminUrl, createTestDatabase, runCli, type TestDatabase } from './support/db.js';

const tag = randomBytes(4).toString('hex');
const reader = `sd_reader_${tag}`;
const writer = `SD Writer ${tag}`; // needs quotes: upper case and a space
const q = (r: string) => `"${r.replace(/"/g, '""')}"`;

const rolesSql = `CREATE TABLE notes (id integer PRIMARY KEY, body text);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY notes_read ON notes FOR SELECT TO ${q(reader)}, ${q(writer)} USING (true);
GRANT SELECT ON notes TO ${q(reader)};
GRANT INSERT, UPDATE ON notes TO ${q(writer)}, ${q(reader)};
`;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe('replaying SQL that names roles', () => {
  let dir: string;
  let db: TestDatabase;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sd-roles-'));
    writeFileSync(join(dir, 'roles.sql'), rolesSql);
    db = await createTestDatabase('roles');
  });
  afterAll(async () => {
    await db.drop();
    await admin(async (c) => {
      for (const r of [reader, writer]) await c.query(`DROP ROLE IF EXISTS ${q(r)}`);
    });
  });

  it('snapshot --from-sql creates the two roles a policy and a GRANT name, and reads the policy back', async () => {
    const r = await runCli(['snapshot', '--from-sql', join(dir, 'roles.sql')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.tables['public.notes'].policies.notes_read.roles).toEqual([writer, reader].sort());
  });

  it('diagnose --expected roles.sql against a database made from the same SQL finds no drift', async () => {
    await admin(async (c) => {
      for (const r of [reader, writer]) await c.query(`CREATE ROLE ${q(r)} NOLOGIN`);
    });
    await db.sql(rolesSql);
    const r = await runCli(['diagnose', '--url', db.url, '--expected', join(dir, 'roles.sql'), '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('files that commit part way, own CREATE ROLE statements, SET ROLE, OWNER TO and default privileges replay too', async () => {
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    // 001 commits part way: a missing role there restarts the replay in a fresh database, and its own CREATE ROLE
    // must still run (the role it made is dropped before the restart).
    writeFileSync(
      join(migrations, '001_base.sql'),
      `CREATE ROLE app_own_role;
BEGIN;
CREATE TABLE accounts (id integer PRIMARY KEY);
COMMIT;
ALTER TABLE accounts OWNER TO app_owner;
ALTER DEFAULT PRIVILEGES FOR ROLE app_owner GRANT SELECT ON TABLES TO app_own_role;
`,
    );
    // 002 is one transaction (BEGIN … COMMIT): it simply runs again after each role is created.
    writeFileSync(
      join(migrations, '002_more.sql'),
      `-- migrate:up
BEGIN;
SET ROLE app_migrator;
CREATE TABLE ledger (id integer PRIMARY KEY, account_id integer REFERENCES accounts (id));
RESET ROLE;
CREATE SCHEMA billing AUTHORIZATION billing_admin;
GRANT SELECT ON ledger TO app_own_role, "Late Reader";
COMMIT;
`,
    );
    const r = await runCli(['snapshot', '--from-sql', migrations]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(Object.keys(m.schemas).sort()).toEqual(['billing', 'public']);
    expect(Object.keys(m.tables).sort()).toEqual(['public.accounts', 'public.ledger']);
  });

  it('a role that cannot be created (a reserved pg_ name) is still reported at its line', async () => {
    const file = join(dir, 'reserved.sql');
    writeFileSync(file, 'CREATE TABLE t (id integer);\nGRANT SELECT ON t TO pg_no_such_role;\n');
    const r = await runCli(['snapshot', '--from-sql', file]);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`${file}:2: role "pg_no_such_role" does not exist (SQLSTATE 42704).`);
  });
});
