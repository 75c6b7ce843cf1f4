/**
 * Primary only: apply refuses a standby (pg_is_in_recovery()) with exit 3 and changes nothing. The standby is a
 * real streaming replica of a throwaway primary, made with pg_basebackup from the machine's server binaries.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localBinaries } from '../dist/embedded/binaries.js';
import { startCluster, type Cluster } from '../dist/embedded/cluster.js';
import { runCli } from './support/db.js';

const root = new URL('..', import.meta.url).pathname;

describe('apply: primary only', () => {
  let primary: Cluster;
  let standby: Cluster;
  beforeAll(async () => {
    const bin = localBinaries();
    if (!bin) throw new Error('this test needs server binaries with pg_basebackup (apt-get install postgresql-15)');
    primary = await startCluster(bin, {});
    const c = new pg.Client({ connectionString: primary.url });
    await c.connect();
    await c.query(readFileSync(`${root}test/fixtures/incidents/book-view-production.sql`, 'utf8'));
    await c.end();
    standby = await startCluster(bin, { standbyOf: primary });
  });
  afterAll(async () => {
    await standby?.stop();
    await primary?.stop();
  });

  it('refuses a standby with exit 3 (NOT_PRIMARY); diagnose still works there', async () => {
    const r = await runCli(['apply', '--url', standby.url, '--expected', `${root}expected-schema`, '--yes', '--degraded']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error \[NOT_PRIMARY\]: /);
    const d = await runCli(['diagnose', '--url', standby.url, '--expected', `${root}expected-schema`, '--format', 'json']);
    expect(d.code).toBe(2);
    expect(JSON.parse(d.stdout).findings.map((f: { id: string }) => f.id)).toEqual(['missing_constraint:public.book_view_statistics.book_view_statistics_book_id_view_type_unique']);
  });
});
