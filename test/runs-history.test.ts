/**
 * `history`: the runs recorded in schema_doctor.runs, from real CLI processes on a real server.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOKKEEPING_DDL } from '../src/plan/bookkeeping-ddl.js';
import { createTestDatabase, runCli, type TestDatabase } from './support/db.js';

const root = new URL('..', import.meta.url).pathname;
const expectedSchema = `${root}expected-schema`;
const tmp = mkdtempSync(join(tmpdir(), 'sd-history-'));
const policies = join(tmp, 'policies.json');
writeFileSync(
  policies,
  JSON.stringify({
    'public.book_view_statistics': { duplicates: { keep: 'latest:last_viewed_at', merge: { view_count: 'sum', last_viewed_at: 'max', created_at: 'min' } } },
  }),
);
type Cli = { code: number; stdout: string; stderr: string };
const transcript = (r: Cli) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

describe('history', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('hist');
  });
  afterAll(async () => db.drop());

  it('without a schema_doctor schema: "no runs recorded", exit 0; an unknown run id is a usage error (exit 5)', async () => {
    const r = await runCli(['history', '--url', db.url]);
    expect(r.code, transcript(r)).toBe(0);
    expect(r.stdout).toContain('no runs recorded');
    const j = await runCli(['history', '--url', db.url, '--format', 'json']);
    expect(JSON.parse(j.stdout)).toEqual([]);
    const u = await runCli(['history', '--url', db.url, '--run', 'nope']);
    expect(u.code, transcript(u)).toBe(5);
    expect(u.stderr).toContain('error [UNKNOWN_RUN]');
    expect(u.stdout).toBe('');
    const f = await runCli(['history', '--url', db.url, '--format', 'yaml']);
    expect(f.code, transcript(f)).toBe(5);
    expect(f.stderr).toContain('error [BAD_OPTION]');
  });

  it('lists an apply run (operator, host, outcome, steps, rows affected and archived) and shows its steps', async () => {
    await db.sql(readFileSync(`${root}test/fixtures/incidents/book-view-production.sql`, 'utf8'));
    const a = await runCli(['apply', '--url', db.url, '--expected', expectedSchema, '--yes', '--degraded', '--policies', policies]);
    expect(a.code, transcript(a)).toBe(0);
    const runId = /run (\S+)\)/.exec(a.stdout)![1]!;

    const t = await runCli(['history', '--url', db.url]);
    expect(t.code, transcript(t)).toBe(0);
    expect(t.stdout).toMatch(/run\s+started\s+operator\s+host\s+outcome\s+steps\s+rows affected\s+rows archived/);
    expect(t.stdout).toMatch(new RegExp(`${runId}\\s+\\S+\\s+\\S+\\s+\\S+\\s+applied\\s+\\d+\\s+4\\s+7`));

    const j = await runCli(['history', '--url', db.url, '--format', 'json']);
    const runs = JSON.parse(j.stdout);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ run_id: runId, outcome: 'applied', rows_affected: 4, rows_archived: 7, tables: ['public.book_view_statistics'] });
    expect(runs[0].before_state['public.book_view_statistics'].rows).toBe(11);
    expect(runs[0].added_objects).toEqual([{ kind: 'constraint', table: 'public.book_view_statistics', name: 'book_view_statistics_book_id_view_type_unique', type: 'u' }]);

    const one = await runCli(['history', '--url', db.url, '--run', runId]);
    expect(one.code, transcript(one)).toBe(0);
    expect(one.stdout).toContain(`run ${runId}`);
    expect(one.stdout).toContain('outcome:       applied');
    expect(one.stdout).toMatch(/001\s+applied\s+4/);
    expect(one.stdout).toMatch(/public\.book_view_statistics\s+7\s+duplicate on \(book_id, view_type\)/);
    const oneJson = JSON.parse((await runCli(['history', '--url', db.url, '--run', runId, '--format', 'json'])).stdout);
    expect(oneJson.archive).toEqual([{ table_name: 'public.book_view_statistics', reason: 'duplicate on (book_id, view_type): merged into one row (keep latest:last_viewed_at)', rows: 7 }]);

    const u = await runCli(['history', '--url', db.url, '--run', 'nope']);
    expect(u.code, transcript(u)).toBe(5);
    expect(u.stderr).toContain('There is no run nope');
  });

  it('reads the runs table an older schema-doctor made (no new columns), and apply upgrades it in place', async () => {
    const old = await createTestDatabase('histold');
    try {
      await old.sql(BOOKKEEPING_DDL);
      await old.sql(`INSERT INTO schema_doctor.runs (run_id, started_at, finished_at, operator, host, plan_hash, steps, rows_affected, outcome)
                     VALUES ('20250101T000000-abcdef', '2025-01-01T00:00:00Z', '2025-01-01T00:00:01Z', 'ops', 'db1', 'x', '[]', 0, 'applied')`);
      const t = await runCli(['history', '--url', old.url]);
      expect(t.code, transcript(t)).toBe(0);
      expect(t.stdout).toMatch(/20250101T000000-abcdef\s+\S+\s+ops\s+db1\s+applied\s+0\s+0\s+0/);
      await old.sql(readFileSync(`${root}test/fixtures/incidents/book-view-production.sql`, 'utf8'));
      const a = await runCli(['apply', '--url', old.url, '--expected', expectedSchema, '--yes', '--degraded', '--policies', policies]);
      expect(a.code, transcript(a)).toBe(0);
      const runs = JSON.parse((await runCli(['history', '--url', old.url, '--format', 'json'])).stdout);
      expect(runs.map((r: { outcome: string }) => r.outcome)).toEqual(['applied', 'applied']);
      expect(runs[1].before_state).toBeTruthy();
    } finally {
      await old.drop();
    }
  });
});
