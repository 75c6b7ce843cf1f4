import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { readMigrationFiles, readMigrationStatus } from '../dist/history/compare.js';
import { crc32, flywayChecksum } from '../dist/history/flyway.js';
import { relateFindings } from '../dist/history/relate.js';
import { SCHEMA_DOCTOR_MIGRATIONS_DDL } from '../dist/history/trackers.js';
import type { Finding } from '../dist/diff/finding.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';

const SAMPLE = new URL('../migrations/', import.meta.url).pathname;
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup) await c();
});

async function tmpDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sd-history-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

async function db(setup: string, values?: unknown[]): Promise<TestDatabase> {
  const d = await createTestDatabase('hist');
  cleanup.push(() => d.drop());
  if (setup) await d.sql(setup, values);
  return d;
}

/** readMigrationStatus over a real connection, counting queries. */
async function status(d: TestDatabase, dir: string) {
  const client = new pg.Client({ connectionString: d.url });
  await client.connect();
  let queries = 0;
  const counting = { query: (text: string, values?: unknown[]) => (queries++, client.query(text, values)) };
  try {
    const result = await readMigrationStatus(counting as never, dir);
    return { ...result, queries };
  } finally {
    await client.end();
  }
}

// Tracking tables, created as each tool creates them.
const KNEX = `create table "knex_migrations" ("id" serial primary key, "name" varchar(255), "batch" integer, "migration_time" timestamptz);
create table "knex_migrations_lock" ("index" serial primary key, "is_locked" integer);`;
const DRIZZLE = `CREATE SCHEMA IF NOT EXISTS "drizzle";
CREATE TABLE IF NOT EXISTS "drizzle"."__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint);`;
const PRISMA = `CREATE TABLE "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;
const PGMIGRATE = `CREATE TABLE "public"."pgmigrations" ( id SERIAL PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL)`;
const KYSELY = `create table "kysely_migration" ("name" varchar(255) not null primary key, "timestamp" varchar(255) not null);
create table "kysely_migration_lock" ("id" varchar(255) not null primary key, "is_locked" integer default 0 not null);`;
const FLYWAY = `CREATE TABLE "public"."flyway_schema_history" (
    "installed_rank" INT NOT NULL,
    "version" VARCHAR(50),
    "description" VARCHAR(200) NOT NULL,
    "type" VARCHAR(20) NOT NULL,
    "script" VARCHAR(1000) NOT NULL,
    "checksum" INTEGER,
    "installed_by" VARCHAR(100) NOT NULL,
    "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
    "execution_time" INTEGER NOT NULL,
    "success" BOOLEAN NOT NULL
);
ALTER TABLE "public"."flyway_schema_history" ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");
CREATE INDEX "flyway_schema_history_s_idx" ON "public"."flyway_schema_history" ("success");`;
const SEQUELIZE = `CREATE TABLE IF NOT EXISTS "SequelizeMeta" ("name" VARCHAR(255) NOT NULL UNIQUE , PRIMARY KEY ("name"));`;
const TYPEORM = `CREATE TABLE "migrations" ("id" SERIAL NOT NULL, "timestamp" bigint NOT NULL, "name" character varying NOT NULL, CONSTRAINT "PK_8c82d7f526340ab734260ea46be" PRIMARY KEY ("id"))`;
const GOLANG = `CREATE TABLE IF NOT EXISTS "public"."schema_migrations" (version bigint not null primary key, dirty boolean not null)`;
const DBMATE = `create table if not exists public.schema_migrations (version varchar(128) primary key)`;
const RAILS = `CREATE TABLE "schema_migrations" ("version" character varying NOT NULL PRIMARY KEY);
CREATE TABLE "ar_internal_metadata" ("key" character varying NOT NULL PRIMARY KEY, "value" character varying, "created_at" timestamp(6) NOT NULL, "updated_at" timestamp(6) NOT NULL);`;
const ALEMBIC = `CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))`;

const SAMPLE_APPLIED = [
  '0001_create_users.sql',
  '0002_create_books.sql',
  '0003_create_book_view_statistics.sql',
  '0004_create_posts_and_reactions.sql',
  '0005_create_credit_txns_and_scores.sql',
  '0006_reactions_are_permanent.sql',
  '0008_community_schema_fixes.sql',
  '0009_app_role_grants.sql',
];

describe('readMigrationStatus', () => {
  it('knex: the sample app with 0007 never applied', async () => {
    const names = SAMPLE_APPLIED.map((n) => `('${n}', 1, now())`).join(', ');
    const d = await db(`${KNEX} insert into knex_migrations (name, batch, migration_time) values ${names};`);
    const s = await status(d, SAMPLE);
    expect(s).toMatchObject({
      tool: 'knex',
      table: 'public.knex_migrations',
      unapplied: ['0007_add_unique_constraint_book_view_statistics.sql'],
      missingFiles: [],
      checksumMismatches: [],
    });
    expect(s.queries).toBe(2);
  });

  it('knex: recorded files that are gone, .js files', async () => {
    const d = await db(`${KNEX} insert into knex_migrations (name, batch) values ('001_a.js', 1), ('000_old.js', 1)`);
    const dir = await tmpDir({ '001_a.js': '', '002_b.ts': '', '002_b.d.ts': '', 'README.md': '' });
    expect(await status(d, dir)).toMatchObject({ tool: 'knex', unapplied: ['002_b.ts'], missingFiles: ['000_old.js'] });
  });

  it('drizzle: hash matching, journal-based checksum mismatch, unknown hashes', async () => {
    const files = { '0000_init.sql': 'CREATE TABLE a (id int);\n', '0001_b.sql': 'CREATE TABLE b (id int);\n', '0002_c.sql': 'CREATE TABLE c (id int);\n' };
    const journal = {
      version: '7',
      dialect: 'postgresql',
      entries: [
        { idx: 0, version: '7', when: 1700000000000, tag: '0000_init', breakpoints: true },
        { idx: 1, version: '7', when: 1700000000001, tag: '0001_b', breakpoints: true },
        { idx: 2, version: '7', when: 1700000000002, tag: '0002_c', breakpoints: true },
      ],
    };
    const dir = await tmpDir({ ...files, 'meta/_journal.json': JSON.stringify(journal) });
    const d = await db(`${DRIZZLE}
      INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES
        ('${sha(files['0000_init.sql'])}', 1700000000000),
        ('${sha('CREATE TABLE b (id integer);\n')}', 1700000000001),
        ('${'ab'.repeat(32)}', 1690000000000)`);
    expect(await status(d, dir)).toEqual({
      tool: 'drizzle',
      table: 'drizzle.__drizzle_migrations',
      unapplied: ['0002_c.sql'],
      missingFiles: [`#3 sha256:${'ab'.repeat(6)}`],
      checksumMismatches: ['0001_b.sql'],
      queries: 2,
    });
  });

  it('drizzle: public.__drizzle_migrations without a journal', async () => {
    const d = await db(`CREATE TABLE "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint);
      INSERT INTO "__drizzle_migrations" (hash, created_at) VALUES ('${sha('SELECT 1;')}', 1)`);
    const dir = await tmpDir({ '0000_a.sql': 'SELECT 1;', '0001_b.sql': 'SELECT 2;' });
    expect(await status(d, dir)).toMatchObject({ tool: 'drizzle', table: 'public.__drizzle_migrations', unapplied: ['0001_b.sql'], missingFiles: [] });
  });

  it('prisma: finished / rolled back / failed rows, checksums (CRLF, unpadded legacy form)', async () => {
    const init = 'CREATE TABLE "User" (id int);\r\nCREATE TABLE "Post" (id int);\r\n';
    const oldHex = (text: string) => [...createHash('sha256').update(text).digest()].map((b) => b.toString(16)).join('');
    let legacy = 'CREATE TABLE legacy (id int);\n';
    while (oldHex(legacy).length === 64) legacy += '\n';
    const unpadded = oldHex(legacy);
    const dir = await tmpDir({
      'migration_lock.toml': 'provider = "postgresql"\n',
      '20240101000000_init/migration.sql': init,
      '20240102000000_users/migration.sql': 'ALTER TABLE "User" ADD COLUMN name text;\n',
      '20240103000000_posts/migration.sql': 'SELECT 1;\n',
      '20240104000000_fail/migration.sql': 'SELECT 2;\n',
      '20240105000000_legacy/migration.sql': legacy,
      'not_a_migration/readme.txt': '',
    });
    const d = await db(`${PRISMA}
      INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, rolled_back_at, applied_steps_count) VALUES
        ('1', '${sha(init.replace(/\r\n/g, '\n'))}', now(), '20240101000000_init', NULL, 1),
        ('2', '${sha('something else')}', now(), '20240102000000_users', NULL, 1),
        ('3', '${sha('SELECT 1;\n')}', NULL, '20240103000000_posts', now(), 0),
        ('4', '${sha('SELECT 2;\n')}', NULL, '20240104000000_fail', NULL, 0),
        ('5', '${unpadded}', now(), '20240105000000_legacy', NULL, 1),
        ('6', '${sha('x')}', now(), '20231201000000_gone', NULL, 1)`);
    expect(unpadded.length).toBeLessThan(64);
    expect(await status(d, dir)).toEqual({
      tool: 'prisma',
      table: 'public._prisma_migrations',
      unapplied: ['20240103000000_posts/migration.sql', '20240104000000_fail/migration.sql'],
      missingFiles: ['20231201000000_gone'],
      checksumMismatches: ['20240102000000_users/migration.sql'],
      queries: 2,
    });
  });

  it('node-pg-migrate: names without extension', async () => {
    const d = await db(`${PGMIGRATE}; INSERT INTO pgmigrations (name, run_on) VALUES ('1700000000000_init', now()), ('1700000000001_users', now()), ('1600000000000_old', now())`);
    const dir = await tmpDir({ '1700000000000_init.js': '', '1700000000001_users.sql': '', '1700000000002_more.ts': '' });
    expect(await status(d, dir)).toMatchObject({ tool: 'node-pg-migrate', unapplied: ['1700000000002_more.ts'], missingFiles: ['1600000000000_old'] });
  });

  it('kysely: names without extension', async () => {
    const d = await db(`${KYSELY} insert into kysely_migration (name, timestamp) values ('2024_01_init', '2024-01-01T00:00:00.000Z'), ('2024_02_users', '2024-01-02T00:00:00.000Z')`);
    const dir = await tmpDir({ '2024_01_init.ts': '', '2024_02_users.ts': '', '2024_03_posts.ts': '' });
    expect(await status(d, dir)).toMatchObject({ tool: 'kysely', table: 'public.kysely_migration', unapplied: ['2024_03_posts.ts'], missingFiles: [] });
  });

  it('flyway: versions, failed runs, repeatables, checksums', async () => {
    const files = {
      'V1__init.sql': 'CREATE TABLE a (id int);\n',
      'V1_1__users.sql': 'CREATE TABLE users (id int);\n',
      'V2__posts.sql': 'CREATE TABLE posts (id int);\n',
      'V10__later.sql': 'SELECT 1;\n',
      'R__views.sql': 'CREATE OR REPLACE VIEW v AS SELECT 1;\n',
      'R__changed.sql': 'CREATE OR REPLACE VIEW w AS SELECT 2;\n',
      'U2__undo_posts.sql': 'DROP TABLE posts;\n',
    };
    const dir = await tmpDir(files);
    const ck = (s: string) => flywayChecksum(s);
    const d = await db(`${FLYWAY}
      INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success) VALUES
        (1, NULL, '<< Flyway Schema Creation >>', 'SCHEMA', '"public"', NULL, 'app', 0, true),
        (2, '0.9', 'gone', 'SQL', 'V0_9__gone.sql', 1, 'app', 1, true),
        (3, '1', 'init', 'SQL', 'V1__init.sql', ${ck(files['V1__init.sql'].replace('\n', '\r\n'))}, 'app', 1, true),
        (4, '1.1', 'users', 'SQL', 'V1_1__users.sql', ${ck('something else')}, 'app', 1, true),
        (5, '2', 'posts', 'SQL', 'V2__posts.sql', ${ck(files['V2__posts.sql'])}, 'app', 1, false),
        (6, NULL, 'views', 'SQL', 'R__views.sql', ${ck(files['R__views.sql'])}, 'app', 1, true),
        (7, NULL, 'changed', 'SQL', 'R__changed.sql', ${ck('old body')}, 'app', 1, true),
        (8, '1.5', 'java thing', 'JDBC', 'db.migration.V1_5__java_thing', NULL, 'app', 1, true)`);
    expect(await status(d, dir)).toEqual({
      tool: 'flyway',
      table: 'public.flyway_schema_history',
      unapplied: ['V2__posts.sql', 'V10__later.sql', 'R__changed.sql'],
      missingFiles: ['V0_9__gone.sql'],
      checksumMismatches: ['V1_1__users.sql'],
      queries: 2,
    });
  });

  it('flyway: files at or below a baseline count as applied', async () => {
    const d = await db(`${FLYWAY}
      INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success) VALUES
        (1, '2', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', NULL, 'app', 0, true)`);
    const dir = await tmpDir({ 'V1__a.sql': 'x', 'V2__b.sql': 'y', 'V3__c.sql': 'z' });
    expect(await status(d, dir)).toMatchObject({ tool: 'flyway', unapplied: ['V3__c.sql'], missingFiles: [], checksumMismatches: [] });
  });

  it('sequelize: "SequelizeMeta"', async () => {
    const d = await db(`${SEQUELIZE} INSERT INTO "SequelizeMeta" (name) VALUES ('20240101000000-create-user.js'), ('20231201000000-gone.js')`);
    const dir = await tmpDir({ '20240101000000-create-user.js': '', '20240102000000-create-post.js': '' });
    expect(await status(d, dir)).toMatchObject({
      tool: 'sequelize',
      table: 'public."SequelizeMeta"',
      unapplied: ['20240102000000-create-post.js'],
      missingFiles: ['20231201000000-gone.js'],
    });
  });

  it('typeorm: class names matched on their timestamp', async () => {
    const d = await db(`${TYPEORM}; INSERT INTO migrations ("timestamp", name) VALUES
      (1700000000000, 'AddUsers1700000000000'), (1700000000001, 'AddPosts1700000000001'), (1600000000000, 'Old1600000000000')`);
    const dir = await tmpDir({ '1700000000000-AddUsers.ts': '', '1700000000001-AddPosts.ts': '', '1700000000002-AddTags.ts': '' });
    expect(await status(d, dir)).toMatchObject({ tool: 'typeorm', unapplied: ['1700000000002-AddTags.ts'], missingFiles: ['Old1600000000000'] });
  });

  it('golang-migrate: one version row, dirty, missing file', async () => {
    const d = await db(`${GOLANG}; INSERT INTO schema_migrations (version, dirty) VALUES (2, false)`);
    const dir = await tmpDir({
      '1_init.up.sql': '',
      '1_init.down.sql': '',
      '2_users.up.sql': '',
      '2_users.down.sql': '',
      '3_posts.up.sql': '',
      '10_more.up.sql': '',
    });
    expect(await status(d, dir)).toMatchObject({ tool: 'golang-migrate', unapplied: ['3_posts.up.sql', '10_more.up.sql'], missingFiles: [] });
    await d.sql('UPDATE schema_migrations SET version = 3, dirty = true');
    expect(await status(d, dir)).toMatchObject({ unapplied: ['3_posts.up.sql', '10_more.up.sql'], missingFiles: [] });
    await d.sql('UPDATE schema_migrations SET version = 5, dirty = false');
    expect(await status(d, dir)).toMatchObject({ unapplied: ['10_more.up.sql'], missingFiles: ['5'] });
  });

  it('dbmate: one row per version', async () => {
    const d = await db(`${DBMATE}; insert into schema_migrations (version) values ('20240101000000'), ('20240103000000'), ('20231201000000')`);
    const dir = await tmpDir({ '20240101000000_init.sql': '', '20240102000000_users.sql': '', '20240103000000_posts.sql': '' });
    expect(await status(d, dir)).toMatchObject({
      tool: 'dbmate',
      table: 'public.schema_migrations',
      unapplied: ['20240102000000_users.sql'],
      missingFiles: ['20231201000000'],
    });
  });

  it('rails: schema_migrations next to ar_internal_metadata', async () => {
    const d = await db(`${RAILS}; INSERT INTO schema_migrations (version) VALUES ('20240101000000')`);
    const dir = await tmpDir({ '20240101000000_create_users.rb': '', '20240102000000_create_posts.rb': '' });
    expect(await status(d, dir)).toMatchObject({ tool: 'rails', unapplied: ['20240102000000_create_posts.rb'], missingFiles: [] });
  });

  it('alembic: walks down_revision from the head(s)', async () => {
    const py = (rev: string, down: string, typed = false) =>
      typed
        ? `"""msg"""\nfrom typing import Sequence, Union\n\nrevision: str = "${rev}"\ndown_revision: Union[str, Sequence[str], None] = ${down}\n`
        : `"""msg\n\nRevision ID: ${rev}\n"""\nrevision = '${rev}'\ndown_revision = ${down}\nbranch_labels = None\n`;
    const dir = await tmpDir({
      'env.py': 'import alembic\n',
      'versions/__init__.py': '',
      'versions/1a2b_init.py': py('1a2b', 'None'),
      'versions/3c4d_users.py': py('3c4d', '"1a2b"', true),
      'versions/5e6f_posts.py': py('5e6f', "'3c4d'"),
      'versions/7a8b_branch.py': py('7a8b', "'1a2b'"),
      'versions/9c0d_merge.py': py('9c0d', "('5e6f',\n    '7a8b')"),
    });
    const d = await db(`${ALEMBIC}; INSERT INTO alembic_version VALUES ('5e6f')`);
    expect(await status(d, dir)).toMatchObject({
      tool: 'alembic',
      unapplied: ['versions/7a8b_branch.py', 'versions/9c0d_merge.py'],
      missingFiles: [],
    });
    await d.sql(`INSERT INTO alembic_version VALUES ('7a8b')`);
    expect(await status(d, dir)).toMatchObject({ unapplied: ['versions/9c0d_merge.py'] });
    await d.sql(`DELETE FROM alembic_version; INSERT INTO alembic_version VALUES ('ffff')`);
    expect((await status(d, dir)).missingFiles).toEqual(['ffff']);
  });

  it("schema-doctor's own table", async () => {
    const d = await db(`${SCHEMA_DOCTOR_MIGRATIONS_DDL}
      INSERT INTO schema_doctor.applied_migrations (name, checksum) VALUES
        ('0001_a.sql', '${sha('SELECT 1;\n')}'), ('0002_b.sql', '${sha('old')}'), ('0000_gone.sql', '${sha('')}')`);
    const dir = await tmpDir({ '0001_a.sql': 'SELECT 1;\n', '0002_b.sql': 'SELECT 2;\n', '0003_c.sql': 'SELECT 3;\n' });
    expect(await status(d, dir)).toEqual({
      tool: 'schema-doctor',
      table: 'schema_doctor.applied_migrations',
      unapplied: ['0003_c.sql'],
      missingFiles: ['0000_gone.sql'],
      checksumMismatches: ['0002_b.sql'],
      queries: 2,
    });
  });

  it('several trackers: the one matching the most files wins; one query per table found', async () => {
    const d = await db(`${KNEX}; ${SCHEMA_DOCTOR_MIGRATIONS_DDL}; ${DBMATE};
      insert into knex_migrations (name) values ('0001_create_users.sql'), ('0002_create_books.sql');
      insert into schema_doctor.applied_migrations (name, checksum) values ('0001_create_users.sql', 'x');
      CREATE TABLE migrations (id int, filename text)`);
    const s = await status(d, SAMPLE);
    expect(s.tool).toBe('knex');
    expect(s.unapplied).toHaveLength(7);
    expect(s.queries).toBe(4);
  });

  it("no tracking table: tool 'none', nothing claimed", async () => {
    const d = await db('CREATE TABLE migrations (id int, filename text)');
    expect(await status(d, SAMPLE)).toEqual({ tool: 'none', unapplied: [], missingFiles: [], checksumMismatches: [], queries: 1 });
  });

  it('an unreadable directory is a usage error (exit 5)', async () => {
    const d = await db('');
    const missing = path.join(os.tmpdir(), 'sd-history-does-not-exist');
    await expect(status(d, missing)).rejects.toMatchObject({ code: 'MIGRATIONS_DIR_UNREADABLE', exitCode: 5 });
    await expect(status(d, path.join(SAMPLE, '0001_create_users.sql'))).rejects.toMatchObject({ code: 'MIGRATIONS_DIR_UNREADABLE' });
  });
});

describe('Flyway checksum', () => {
  it('is CRC32 over the lines without terminators, BOM removed, as a signed int', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    // Values computed with java.util.zip.CRC32 over BufferedReader.readLine() (Flyway's ChecksumCalculator).
    expect(flywayChecksum('CREATE TABLE users (id int);\n')).toBe(336540139);
    expect(flywayChecksum('CREATE TABLE users (id int);\r\n\r\n-- café\r\n')).toBe(1149260906);
    expect(flywayChecksum('\uFEFFCREATE TABLE users (id int);\rSELECT 1;\n')).toBe(-1682354195);
    expect(flywayChecksum('')).toBe(0);
  });
});

describe('relateFindings', () => {
  const finding = (kind: Finding['kind'], objectType: Finding['objectType'], object: string, table?: string): Finding => ({
    id: `${kind}:${object}`,
    kind,
    objectType,
    object,
    severity: 'error',
    hint: '',
    ...(table && { table }),
  });
  /** A privilege finding: its id ends with the grantee (diff-privileges.ts). */
  const privilege = (kind: Finding['kind'], objectType: Finding['objectType'], object: string, grantee: string): Finding => ({
    ...finding(kind, objectType, object),
    id: `${kind}:${object}:${grantee}`,
  });

  it('the sample: the missing unique constraint comes from 0007', async () => {
    const f = finding('missing_constraint', 'constraint', 'public.book_view_statistics.book_view_statistics_book_id_view_type_unique', 'public.book_view_statistics');
    relateFindings([f], await readMigrationFiles(SAMPLE, ['0007_add_unique_constraint_book_view_statistics.sql']));
    expect(f.migration).toBe('0007_add_unique_constraint_book_view_statistics.sql');
  });

  it('picks the creating file among all sample files, ignoring comments', async () => {
    const names = [
      '0001_create_users.sql',
      '0002_create_books.sql',
      '0003_create_book_view_statistics.sql',
      '0004_create_posts_and_reactions.sql',
      '0005_create_credit_txns_and_scores.sql',
      '0006_reactions_are_permanent.sql',
      '0007_add_unique_constraint_book_view_statistics.sql',
      '0008_community_schema_fixes.sql',
      '0009_app_role_grants.sql',
    ];
    const files = await readMigrationFiles(SAMPLE, names);
    const fs = [
      finding('missing_constraint', 'constraint', 'public.book_view_statistics.book_view_statistics_book_id_view_type_unique', 'public.book_view_statistics'),
      finding('missing_table', 'table', 'public.book_view_statistics', 'public.book_view_statistics'),
      finding('missing_column', 'column', 'public.posts.is_hidden', 'public.posts'),
      finding('missing_index', 'index', 'public.post_reactions.post_reactions_post_id_idx', 'public.post_reactions'),
      finding('column_nullability_differs', 'column', 'public.post_reactions.post_id', 'public.post_reactions'),
      finding('constraint_differs', 'constraint', 'public.post_reactions.post_reactions_post_id_fkey', 'public.post_reactions'),
      finding('unexpected_table', 'table', 'public.books', 'public.books'),
      finding('missing_table', 'table', 'public.nowhere', 'public.nowhere'),
      privilege('missing_privilege', 'table', 'public.scores', 'app_rw'),
      privilege('missing_privilege', 'sequence', 'public.scores_id_seq', 'app_rw'),
      privilege('missing_privilege', 'schema', 'public', 'app_rw'),
      privilege('default_privileges_differ', 'default_privileges', 'pg_database_owner / public / tables', 'app_rw'),
      privilege('default_privileges_differ', 'default_privileges', 'pg_database_owner / public / sequences', 'app_rw'),
      privilege('missing_privilege', 'table', 'public.scores', 'app_ro'),
    ];
    relateFindings(fs, files);
    expect(fs.map((f) => f.migration)).toEqual([
      '0007_add_unique_constraint_book_view_statistics.sql',
      '0003_create_book_view_statistics.sql',
      '0008_community_schema_fixes.sql',
      '0008_community_schema_fixes.sql',
      '0008_community_schema_fixes.sql',
      '0004_create_posts_and_reactions.sql', // creates it; 0008 re-creates it
      undefined,
      undefined,
      '0009_app_role_grants.sql', // grants on the table, not 0005 that creates it
      '0009_app_role_grants.sql',
      '0009_app_role_grants.sql',
      '0009_app_role_grants.sql',
      '0009_app_role_grants.sql',
      undefined, // another grantee
    ]);
  });

  it('privileges: the GRANT on the object (a list, ALL … IN SCHEMA, a column) to the grantee; ALTER DEFAULT PRIVILEGES by role, schema and kind', () => {
    const files = [
      { name: '01.sql', sql: 'GRANT SELECT ON ALL TABLES IN SCHEMA app TO reader;\nGRANT UPDATE (title) ON books TO editor;' },
      { name: '02.sql', sql: 'GRANT SELECT ON TABLE public.books, public.authors TO "Mixed Reader", auditor;\nGRANT USAGE ON SCHEMA app TO reader;' },
      { name: '03.sql', sql: 'ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA app GRANT SELECT ON TABLES TO reader;\nALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO PUBLIC;' },
      { name: '04.sql', sql: 'ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT USAGE ON SEQUENCES TO reader;\nGRANT EXECUTE ON FUNCTION public.f(integer) TO PUBLIC;' },
    ];
    const fs = [
      privilege('missing_privilege', 'table', 'app.orders', 'reader'),
      privilege('missing_privilege', 'table', 'public.authors', 'Mixed Reader'),
      privilege('missing_privilege', 'table', 'public.authors', 'mixed reader'),
      privilege('missing_privilege', 'column', 'public.books.title', 'editor'),
      privilege('missing_privilege', 'column', 'public.books.author', 'editor'),
      privilege('missing_privilege', 'schema', 'app', 'reader'),
      privilege('default_privileges_differ', 'default_privileges', 'app_owner / app / tables', 'reader'),
      privilege('default_privileges_differ', 'default_privileges', 'pg_database_owner / app / tables', 'reader'),
      privilege('default_privileges_differ', 'default_privileges', 'pg_database_owner / app / sequences', 'reader'),
      privilege('default_privileges_differ', 'default_privileges', 'pg_database_owner / * / functions', 'PUBLIC'),
      privilege('missing_privilege', 'function', 'public.f(integer)', 'PUBLIC'),
      privilege('missing_privilege', 'table', 'public.books', 'OWNER'),
    ];
    relateFindings(fs, files);
    expect(fs.map((f) => f.migration)).toEqual(['01.sql', '02.sql', undefined, '01.sql', undefined, '02.sql', '03.sql', undefined, '04.sql', '03.sql', '04.sql', undefined]);
  });

  it('quoted names are case-sensitive; columns prefer the statement that alters their table', () => {
    const files = [
      { name: '01.sql', sql: 'ALTER TABLE accounts ADD COLUMN id int; ALTER TABLE users ADD COLUMN email text;' },
      { name: '02.sql', sql: 'ALTER TABLE "Mixed" ADD COLUMN col int;\nALTER TABLE public.accounts ADD email text;' },
      { name: '03.sql', sql: 'ALTER TABLE "Mixed" ADD COLUMN IF NOT EXISTS "Col" int;\nCREATE TRIGGER "Trg" AFTER INSERT ON x FOR EACH ROW EXECUTE FUNCTION f();' },
      { name: '04.sql', sql: "DO $$ BEGIN EXECUTE format('CREATE POLICY %I ON t', 'p_dyn'); END $$;\nCREATE TYPE audit.mood AS ENUM ('a');\nALTER TABLE t DROP CONSTRAINT t_c_check;" },
      { name: '05.sql', sql: 'ALTER TABLE t ADD CONSTRAINT t_c_check CHECK (c > 0);\nALTER TABLE ONLY public.t ADD PRIMARY KEY (id);' },
    ];
    const fs = [
      finding('missing_column', 'column', 'public."Mixed"."Col"', 'public."Mixed"'),
      finding('missing_column', 'column', 'public.accounts.email', 'public.accounts'),
      finding('missing_trigger', 'trigger', 'public.x."Trg"', 'public.x'),
      finding('missing_trigger', 'trigger', 'public.x.trg', 'public.x'),
      finding('missing_policy', 'policy', 'public.t.p_dyn', 'public.t'),
      finding('missing_enum', 'enum', 'public.mood'),
      finding('missing_enum', 'enum', 'audit.mood'),
      finding('missing_constraint', 'constraint', 'public.t.t_c_check', 'public.t'),
      finding('missing_primary_key', 'constraint', 'public.t.t_pkey', 'public.t'),
    ];
    relateFindings(fs, files);
    expect(fs.map((f) => f.migration)).toEqual(['03.sql', '02.sql', '03.sql', undefined, '04.sql', undefined, '04.sql', '05.sql', '05.sql']);
  });
});
