/**
 * Privileges and owners through the CLI: --role-map between a manifest's role and the server's, --ignore
 * privileges / owners, and a repair that names a role the server lacks, refused up front (exit 3, nothing changed).
 * Roles are cluster-wide and tests run in parallel: every role name carries this database's unique name.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, runCli, type TestDatabase } from './support/db.js';

describe('privileges CLI', () => {
  let db: TestDatabase;
  let app: string;
  let appProd: string;
  let ghost: string;
  let reader: string;
  let readerProd: string;
  let map: string[];
  const dir = mkdtempSync(join(tmpdir(), 'sd-priv-'));
  const expected = join(dir, 'expected.sql');

  beforeAll(async () => {
    db = await createTestDatabase('priv');
    app = `${db.name}_app`;
    appProd = `${db.name}_app_prod`;
    ghost = `${db.name}_ghost`;
    reader = `${db.name}_reader`;
    readerProd = `${db.name}_reader_prod`;
    map = ['--role-map', `${app}=${appProd}`, '--role-map', `${reader}=${readerProd}`];
    // The manifest grants to `app` and has the table owned by it; the server calls that role app_prod.
    writeFileSync(
      expected,
      `CREATE TABLE public.books (id integer PRIMARY KEY, title text);
ALTER TABLE public.books OWNER TO ${app};
GRANT SELECT ON public.books TO ${reader};
`,
    );
    await db.sql(`CREATE ROLE ${appProd} NOLOGIN; CREATE ROLE ${readerProd} NOLOGIN`);
    await db.sql(`CREATE TABLE public.books (id integer PRIMARY KEY, title text);
      ALTER TABLE public.books OWNER TO ${appProd};
      GRANT SELECT ON public.books TO ${readerProd}`);
  });
  afterAll(async () => {
    await db.drop();
    const { Client } = (await import('pg')).default;
    const { adminUrl } = await import('./support/db.js');
    const c = new Client({ connectionString: adminUrl() });
    await c.connect();
    for (const r of [app, appProd, ghost, reader, readerProd, `${db.name}_dbo`]) await c.query(`DROP ROLE IF EXISTS ${r}`).catch(() => undefined);
    await c.end();
  });

  const diagnose = (...extra: string[]) => runCli(['diagnose', '--url', db.url, '--expected', expected, '--format', 'json', '--no-probes', ...extra]);
  const ids = (stdout: string) => (JSON.parse(stdout) as { findings: { id: string }[] }).findings.map((f) => f.id).sort();

  it('without a role map, the owner and the grant differ by role name', async () => {
    const r = await diagnose();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(2);
    expect(ids(r.stdout)).toEqual([`missing_privilege:public.books:${reader}`, 'owner_differs:public.books', `unexpected_privilege:public.books:${readerProd}`].sort());
  });

  it('--role-map app=app_prod (and reader=reader_prod) makes them compare equal', async () => {
    const r = await diagnose(...map);
    expect(r.stderr).toBe('');
    expect(ids(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('--ignore privileges leaves only the owner; --ignore owners only the grants', async () => {
    const p = await diagnose('--ignore', 'privileges');
    expect(ids(p.stdout)).toEqual(['owner_differs:public.books']);
    const o = await diagnose('--ignore', 'owners');
    expect(ids(o.stdout)).toEqual([`missing_privilege:public.books:${reader}`, `unexpected_privilege:public.books:${readerProd}`].sort());
    const both = await diagnose('--ignore', 'owners', '--ignore', 'privileges');
    expect(ids(both.stdout)).toEqual([]);
    expect(both.code).toBe(0);
  });

  it('a repair that names a role the server lacks is refused up front, naming the role, and changes nothing', async () => {
    const before = await db.sql(`SELECT relacl::text AS acl, pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = 'public.books'::regclass`);
    const r = await runCli(['apply', '--url', db.url, '--expected', expected, '--role-map', `${app}=${appProd}`, '--role-map', `${reader}=${ghost}`, '--yes', '--degraded']);
    expect(r.code, r.stdout + r.stderr).toBe(3);
    expect(r.stdout + r.stderr).toContain(`role ${ghost} does not exist`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const after = await db.sql(`SELECT relacl::text AS acl, pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = 'public.books'::regclass`);
    expect(after).toEqual(before);
  });

  it('with the role map, apply converges: the grant and owner are repaired and a re-diagnose is clean', async () => {
    await db.sql(`REVOKE SELECT ON public.books FROM ${readerProd}`);
    const d = await diagnose(...map);
    expect(ids(d.stdout)).toEqual([`missing_privilege:public.books:${readerProd}`]);
    const r = await runCli(['apply', '--url', db.url, '--expected', expected, ...map, '--yes', '--degraded']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const after = await diagnose(...map);
    expect(ids(after.stdout)).toEqual([]);
    const [row] = await db.sql(`SELECT has_table_privilege('${readerProd}', 'public.books', 'SELECT') AS ok`);
    expect(row.ok).toBe(true);
  });

  it("the database owner's default privileges compare equal whoever owns the database, and are repaired FOR ROLE the live owner", async () => {
    // The manifest's entry is made by the replay's superuser (who owns the replay database); the live one by dbo,
    // who owns this database: both are keyed pg_database_owner.
    const dbo = `${db.name}_dbo`;
    const file = join(dir, 'defaults.sql');
    writeFileSync(
      file,
      `CREATE TABLE public.notes (id integer PRIMARY KEY);
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO ${reader};
`,
    );
    const other = await createTestDatabase('privdbo');
    try {
      await other.sql(`CREATE ROLE ${dbo} NOLOGIN; DO $$ BEGIN CREATE ROLE ${reader} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
        ALTER DATABASE ${other.name} OWNER TO ${dbo}`);
      await other.sql(`CREATE TABLE public.notes (id integer PRIMARY KEY); ALTER TABLE public.notes OWNER TO ${dbo};
        ALTER DEFAULT PRIVILEGES FOR ROLE ${dbo} IN SCHEMA public GRANT SELECT ON TABLES TO ${reader}`);
      const run = (...args: string[]) => runCli([...args, '--url', other.url, '--expected', file]);
      const clean = await run('diagnose', '--format', 'json', '--no-probes');
      expect(clean.stderr).toBe('');
      expect(ids(clean.stdout)).toEqual([]);
      await other.sql(`ALTER DEFAULT PRIVILEGES FOR ROLE ${dbo} IN SCHEMA public REVOKE SELECT ON TABLES FROM ${reader}`);
      const d = await run('diagnose', '--format', 'json', '--no-probes');
      expect(ids(d.stdout)).toEqual([`default_privileges_differ:pg_database_owner / public / tables:${reader}`]);
      const plan = join(dir, 'defaults-plan.sql');
      expect((await run('plan', '--out', plan)).code).toBe(2); // drift to repair
      expect(readFileSync(plan, 'utf8')).toContain(`ALTER DEFAULT PRIVILEGES FOR ROLE ${dbo} IN SCHEMA public GRANT SELECT ON TABLES TO ${reader};`);
      const r = await run('apply', '--yes', '--degraded');
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(ids((await run('diagnose', '--format', 'json', '--no-probes')).stdout)).toEqual([]);
    } finally {
      await other.drop();
    }
  });
});
