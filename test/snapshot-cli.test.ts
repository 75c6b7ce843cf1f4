import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, runCli, type TestDatabase } from './support/db.js';

const root = new URL('..', import.meta.url).pathname;

describe('snapshot', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('snap');
  });
  afterAll(async () => db.drop());

  it('the committed expected-schema manifest is what `snapshot --from-sql migrations/` produces', async () => {
    const r = await runCli(['snapshot', '--from-sql', '../migrations'], {}, `${root}expected-schema`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(`${root}expected-schema/manifest.json`, 'utf8'));
  });

  it('a live database built from the migrations snapshots to the same manifest', async () => {
    for (const f of [
      '0001_create_users.sql',
      '0002_create_books.sql',
      '0003_create_book_view_statistics.sql',
      '0004_create_posts_and_reactions.sql',
      '0005_create_credit_txns_and_scores.sql',
      '0006_reactions_are_permanent.sql',
      '0007_add_unique_constraint_book_view_statistics.sql',
      '0008_community_schema_fixes.sql',
      '0009_app_role_grants.sql',
    ]) {
      await db.sql(readFileSync(`${root}migrations/${f}`, 'utf8'));
    }
    const r = await runCli(['snapshot', '--url', db.url], {}, `${root}expected-schema`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(`${root}expected-schema/manifest.json`, 'utf8'));
  });

  it('--schema limits the snapshot to matching schemas (globs allowed)', async () => {
    await db.sql('CREATE SCHEMA app_one; CREATE SCHEMA app_two; CREATE SCHEMA other; CREATE TABLE app_one.a (id int); CREATE TABLE other.b (id int)');
    const r = await runCli(['snapshot', '--url', db.url, '--schema', 'app_*']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(Object.keys(m.schemas)).toEqual(['app_one', 'app_two']);
    expect(Object.keys(m.tables)).toEqual(['app_one.a']);
  });

  it('--out writes the file with a $schema reference relative to it', async () => {
    const out = `${root}.tmp-snapshot-${process.pid}.json`;
    const r = await runCli(['snapshot', '--url', db.url, '--schema', 'app_one', '--out', out]);
    expect(r.code).toBe(0);
    const m = JSON.parse(readFileSync(out, 'utf8'));
    expect(m.$schema).toBe('schema/manifest.schema.json');
    expect(m.formatVersion).toBe(1);
    (await import('node:fs')).rmSync(out);
  });
});
