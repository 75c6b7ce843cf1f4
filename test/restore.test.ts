/**
 * `restore --run ID`: apply, then restore, and the tables are as they were before the apply (every row, every value:
 * md5 of the ordered rows as jsonb, so that a re-created column's position does not count). Real CLI processes, real
 * server: the book-view merge, an orphans delete, a NULL fill, a pruned column and a pruned table, later runs in
 * the way, and the bad input.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, runCli, type TestDatabase } from './support/db.js';

const root = new URL('..', import.meta.url).pathname;
const expectedSchema = `${root}expected-schema`;
const tmp = mkdtempSync(join(tmpdir(), 'sd-restore-'));
const file = (name: string, content: unknown) => {
  const p = join(tmp, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};
const bookViewPolicies = file('bv.json', {
  'public.book_view_statistics': { duplicates: { keep: 'latest:last_viewed_at', merge: { view_count: 'sum', last_viewed_at: 'max', created_at: 'min' } } },
});
type Cli = { code: number; stdout: string; stderr: string };
const transcript = (r: Cli) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

/** Row count and md5 of the ordered rows (as jsonb) of every user table, schema_doctor's excluded. */
async function tables(db: TestDatabase): Promise<Record<string, string>> {
  const names = (
    await db.sql<{ key: string }>(
      `SELECT format('%I.%I', n.nspname, c.relname) AS key FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'schema_doctor') AND n.nspname !~ '^pg_' ORDER BY 1`,
    )
  ).map((r) => r.key);
  const out: Record<string, string> = {};
  for (const t of names) {
    const [r] = await db.sql<{ v: string }>(`SELECT count(*) || ' ' || md5(coalesce(string_agg(to_jsonb(t)::text, ',' ORDER BY to_jsonb(t)::text), '')) AS v FROM ${t} t`);
    out[t] = r!.v;
  }
  return out;
}

const bookkeeping = (db: TestDatabase) =>
  db.sql(`SELECT (SELECT md5(string_agg(r::text, ',' ORDER BY r::text)) FROM schema_doctor.runs r) AS runs,
  (SELECT count(*)::int FROM schema_doctor.archive) AS archive`);

const runIdOf = (r: Cli) => {
  const m = /\(run (\S+)\)\.\n/.exec(r.stdout);
  if (!m) throw new Error(`no run id:\n${transcript(r)}`);
  return m[1]!;
};

const restore = (db: TestDatabase, args: string[], env: Record<string, string> = {}) => runCli(['restore', '--url', db.url, ...args], env);

describe('restore: the book-view merge', () => {
  it('puts back every merged row; guards, dry run, already restored, a later run in the way', async () => {
    const db = await createTestDatabase('rsbv');
    try {
      await db.sql(readFileSync(`${root}test/fixtures/incidents/book-view-production.sql`, 'utf8'));
      const original = await tables(db);
      const apply = () => runCli(['apply', '--url', db.url, '--expected', expectedSchema, '--yes', '--degraded', '--policies', bookViewPolicies]);
      const a = await apply();
      expect(a.code, transcript(a)).toBe(0);
      const runA = runIdOf(a);
      const merged = await tables(db);
      expect(merged['public.book_view_statistics']).not.toBe(original['public.book_view_statistics']);

      // Guards: confirmation, degraded mode; nothing changes.
      const noYes = await restore(db, ['--run', runA, '--degraded']);
      expect(noYes.code, transcript(noYes)).toBe(5);
      expect(noYes.stderr).toContain('CONFIRMATION_NEEDED');
      const notDegraded = await restore(db, ['--run', runA, '--yes']);
      expect(notDegraded.code, transcript(notDegraded)).toBe(3);
      expect(notDegraded.stderr).toContain('DEGRADED_MODE_REQUIRED');
      const book = await bookkeeping(db);
      expect(await tables(db)).toEqual(merged);

      // Dry run: rehearsed, rolled back.
      const dry = await restore(db, ['--run', runA, '--dry-run']);
      expect(dry.code, transcript(dry)).toBe(0);
      expect(dry.stdout).toContain('Rolled back: nothing was changed');
      expect(dry.stdout).toMatch(/drop constraint book_view_statistics_book_id_view_type_unique/);
      expect(await tables(db)).toEqual(merged);
      expect(await bookkeeping(db)).toEqual(book);

      const r = await restore(db, ['--run', runA, '--yes', '--degraded']);
      expect(r.code, transcript(r)).toBe(0);
      expect(r.stdout).toContain(`Restored and verified run ${runA}`);
      expect(await tables(db)).toEqual(original);
      expect(await db.sql(`SELECT conname FROM pg_constraint WHERE conname = 'book_view_statistics_book_id_view_type_unique'`)).toEqual([]);
      const restoreRun = runIdOf(r);

      const h = JSON.parse((await runCli(['history', '--url', db.url, '--format', 'json'])).stdout);
      expect(h.map((x: { run_id: string; outcome: string; restores: string | null; restored_by: string | null }) => [x.run_id, x.outcome, x.restores ?? null, x.restored_by ?? null])).toEqual([
        [runA, 'applied', null, restoreRun],
        [restoreRun, 'restored', runA, null],
      ]);

      // Bad input: already restored, the restore itself, unknown id.
      const again = await restore(db, ['--run', runA, '--yes', '--degraded']);
      expect(again.code, transcript(again)).toBe(5);
      expect(again.stderr).toContain('RUN_ALREADY_RESTORED');
      expect(again.stderr).toContain(restoreRun);
      const ofRestore = await restore(db, ['--run', restoreRun, '--yes', '--degraded']);
      expect(ofRestore.code, transcript(ofRestore)).toBe(5);
      expect(ofRestore.stderr).toContain('RUN_IS_RESTORE');
      const unknown = await restore(db, ['--run', '20990101T000000-000000', '--yes', '--degraded']);
      expect(unknown.code, transcript(unknown)).toBe(5);
      expect(unknown.stderr).toContain('UNKNOWN_RUN');
      expect(await tables(db)).toEqual(original);

      // Apply again (run B), then a third run C on the same table: B cannot be restored past C.
      const b = await apply();
      expect(b.code, transcript(b)).toBe(0);
      const runB = runIdOf(b);
      await db.sql(`ALTER TABLE book_view_statistics DROP CONSTRAINT book_view_statistics_book_id_view_type_unique;
                    INSERT INTO book_view_statistics (book_id, view_type, view_count, created_at)
                    SELECT book_id, view_type, 1, created_at FROM book_view_statistics WHERE id = 3`);
      const beforeC = await tables(db);
      const c = await apply();
      expect(c.code, transcript(c)).toBe(0);
      const runC = runIdOf(c);
      const blocked = await restore(db, ['--run', runB, '--yes', '--degraded']);
      expect(blocked.code, transcript(blocked)).toBe(3);
      expect(blocked.stderr).toContain('RESTORE_BLOCKED_BY_LATER_RUN');
      expect(blocked.stderr).toContain(runC);
      const rc = await restore(db, ['--run', runC, '--yes', '--degraded']);
      expect(rc.code, transcript(rc)).toBe(0);
      expect(await tables(db)).toEqual(beforeC);
      // B's table has a row more than before B: verification fails and rolls back, unless --force.
      const rb = await restore(db, ['--run', runB, '--yes', '--degraded']);
      expect(rb.code, transcript(rb)).toBe(4);
      expect(rb.stderr).toContain('RESTORE_FAILED');
      expect(rb.stderr).toContain('12 rows, 11 before');
      expect(await tables(db)).toEqual(beforeC);
      const forced = await restore(db, ['--run', runB, '--yes', '--degraded', '--force']);
      expect(forced.code, transcript(forced)).toBe(0);
    } finally {
      await db.drop();
    }
  });

  it('a run recorded as a dry run is refused (exit 5); without schema_doctor any run id is unknown', async () => {
    const db = await createTestDatabase('rsdry');
    try {
      const none = await restore(db, ['--run', 'x', '--yes', '--degraded']);
      expect(none.code, transcript(none)).toBe(5);
      expect(none.stderr).toContain('UNKNOWN_RUN');
      const { BOOKKEEPING_DDL } = await import('../src/plan/bookkeeping-ddl.js');
      await db.sql(BOOKKEEPING_DDL);
      await db.sql(`INSERT INTO schema_doctor.runs (run_id, started_at, operator, host, plan_hash, dry_run, steps, outcome)
                    VALUES ('20260101T000000-aaaaaa', now(), 'ops', 'h', 'x', true, '[]', 'applied')`);
      const dry = await restore(db, ['--run', '20260101T000000-aaaaaa', '--yes', '--degraded']);
      expect(dry.code, transcript(dry)).toBe(5);
      expect(dry.stderr).toContain('RUN_IS_DRY_RUN');
      const noRun = await restore(db, ['--yes']);
      expect(noRun.code, transcript(noRun)).toBe(5);
    } finally {
      await db.drop();
    }
  });
});

const EXPECTED = `CREATE TABLE parent (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE child (id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, parent_id int REFERENCES parent (id), label text NOT NULL, note text);
`;
const expectedSql = file('expected.sql', EXPECTED);
const CLEAN = `INSERT INTO parent (id, name) VALUES (1, 'a'), (2, 'b');
INSERT INTO child (parent_id, label, note) VALUES (1, 'x', 'n1'), (2, 'y', NULL), (NULL, 'v', 'no parent');`;
const DATA = `${CLEAN}
INSERT INTO child (parent_id, label, note) VALUES (99, 'z', 'orphan'), (98, 'w', 'orphan 2');`;

async function restoreCase(prefix: string, live: string, policies: object, extra: string[] = [], check?: (db: TestDatabase, when: 'applied' | 'restored') => Promise<void>): Promise<void> {
  const db = await createTestDatabase(prefix);
  try {
    await db.sql(live);
    const original = await tables(db);
    const a = await runCli(['apply', '--url', db.url, '--expected', expectedSql, '--yes', '--degraded', '--policies', file(`${prefix}.json`, policies), ...extra]);
    expect(a.code, transcript(a)).toBe(0);
    const runA = runIdOf(a);
    expect(await tables(db)).not.toEqual(original);
    await check?.(db, 'applied');
    const r = await restore(db, ['--run', runA, '--yes', '--degraded']);
    expect(r.code, transcript(r)).toBe(0);
    expect(await tables(db)).toEqual(original);
    await check?.(db, 'restored');
  } finally {
    await db.drop();
  }
}

describe('restore: orphans, NULLs, prune', () => {
  it('orphans deleted by policy come back with their keys and values', () =>
    restoreCase('rsorph', `${EXPECTED.replace(' REFERENCES parent (id)', '')}${DATA}`, { 'public.child': { orphans: 'delete' } }));

  it('rekeyed duplicates get their old keys back', () =>
    restoreCase(
      'rsrekey',
      `${EXPECTED.replace('GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY', 'GENERATED BY DEFAULT AS IDENTITY')}${CLEAN}
     INSERT INTO child (id, parent_id, label, note) VALUES (1, 2, 'another row with id 1', NULL), (2, 1, 'another row with id 2', 'r');`,
      { 'public.child': { duplicates: { rekey: true } } },
      [],
      async (db, when) => {
        const ids = (await db.sql<{ id: number }>(`SELECT id FROM child ORDER BY id`)).map((r) => r.id);
        expect(ids).toEqual(when === 'applied' ? [1, 2, 3, 4, 5] : [1, 1, 2, 2, 3]);
      },
    ));

  it('orphans set to NULL by policy get their keys back', () => restoreCase('rssetnull', `${EXPECTED.replace(' REFERENCES parent (id)', '')}${DATA}`, { 'public.child': { orphans: 'set-null' } }));

  it('NULLs filled by policy get their NULL back', () =>
    restoreCase(
      'rsnull',
      `${EXPECTED.replace('label text NOT NULL', 'label text')}${CLEAN}
     INSERT INTO child (parent_id, label, note) VALUES (1, NULL, 'null label'), (2, NULL, NULL);`,
      { 'public.child': { nulls: { label: `'filled'` } } },
    ));

  it('a pruned column and a pruned table come back with their values and rows', () =>
    restoreCase(
      'rsprune',
      `${EXPECTED.replace('id int PRIMARY KEY, name', 'id int PRIMARY KEY, legacy numeric(6,2) DEFAULT 1.5, name')}${CLEAN}
     UPDATE parent SET legacy = NULL WHERE id = 2;
     CREATE TABLE tmp_import (k serial PRIMARY KEY, v text UNIQUE);
     INSERT INTO tmp_import (v) VALUES ('one'), ('two');
     CREATE INDEX parent_name_idx ON parent (name);
     ALTER TABLE child ADD CONSTRAINT child_label_check CHECK (label <> '');
     CREATE TYPE mood AS ENUM ('happy', 'sad');
     CREATE FUNCTION twice(i int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT i * 2';
     CREATE VIEW parent_names AS SELECT id, name FROM parent;`,
      {},
      ['--prune'],
      async (db, when) => {
        const [o] = await db.sql(`SELECT to_regclass('public.parent_name_idx') IS NOT NULL AS idx, to_regclass('public.parent_names') IS NOT NULL AS view,
      to_regtype('public.mood') IS NOT NULL AS enum, to_regprocedure('public.twice(int)') IS NOT NULL AS fn,
      EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'child_label_check') AS "check"`);
        const back = when === 'restored';
        expect(o).toEqual({ idx: back, view: back, enum: back, fn: back, check: back });
        const [t] = await db.sql(`SELECT to_regclass('public.tmp_import') IS NOT NULL AS back,
      (SELECT format_type(atttypid, atttypmod) || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-') FROM pg_attribute a
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = 'public.parent'::regclass AND a.attname = 'legacy' AND NOT a.attisdropped) AS legacy`);
        expect(t).toEqual(when === 'applied' ? { back: false, legacy: null } : { back: true, legacy: 'numeric(6,2) 1.5' });
      },
    ));
});

describe('restore: the pure core', async () => {
  const { archivedTableName, kindOf, laterRunsInTheWay, splitQualified } = await import('../src/runs/restore.js');
  it('reads the archive reasons that data.ts and prune-steps.ts write, and table names as finding ids quote them', () => {
    expect(kindOf('duplicate on (book_id, view_type): merged into one row (keep first)')).toEqual({ kind: 'dedupe', key: ['book_id', 'view_type'] });
    expect(kindOf('orphan on (a, b) → public.p: set-null')).toEqual({ kind: 'orphan-set-null', columns: ['a', 'b'] });
    expect(kindOf('duplicate on (id): rekeyed (new id from the column default)')).toEqual({ kind: 'rekey', key: 'id' });
    expect(kindOf('orphan on (a) → public.p: delete')).toEqual({ kind: 'orphan-delete' });
    expect(kindOf('NULL email filled by policy')).toEqual({ kind: 'nulls', column: 'email' });
    expect(kindOf('pruned column legacy')).toEqual({ kind: 'pruned-column', column: 'legacy' });
    expect(kindOf('something else')).toBeUndefined();
    expect(splitQualified('public.t')).toEqual(['public', 't']);
    expect(splitQualified('"My ""S"".x"."T.b"')).toEqual(['My "S".x', 'T.b']);
    expect(archivedTableName('tmp_import', '20261122T005438-6e2c3c')).toBe('tmp_import__20261122T005438_6e2c3c');
    expect(archivedTableName('x'.repeat(60), 'r-1')).toHaveLength(63);
  });
  it('a later run is in the way when it committed a step on one of the tables and is not undone', () => {
    const run = (id: string, at: string, extra: object = {}) => ({
      run_id: id,
      started_at: at,
      finished_at: null,
      operator: 'o',
      host: 'h',
      outcome: 'applied',
      dry_run: false,
      steps: [{ id: '001', summary: 's', status: 'applied' }],
      rows_affected: 0,
      rows_archived: 0,
      detail: null,
      tables: ['public.t'],
      ...extra,
    });
    const a = run('a', '2026-01-01T00:00:00+00:00');
    const all = [
      a,
      run('b', '2026-01-02T00:00:00+00:00'),
      run('c', '2026-01-03T00:00:00+00:00', { tables: ['public.u'] }),
      run('d', '2026-01-04T00:00:00+00:00', { restored_by: 'e' }),
      run('e', '2026-01-05T00:00:00+00:00', { restores: 'd' }),
      run('f', '2026-01-06T00:00:00+00:00', { steps: [{ id: '001', summary: 's', status: 'rolled_back' }] }),
      run('g', '2025-12-31T00:00:00+00:00'),
    ];
    expect(laterRunsInTheWay(a, all, ['public.t']).map((r) => r.run_id)).toEqual(['b']);
  });
});

describe('restore: the guards of apply', () => {
  it('refuses while another apply or restore holds the lock (exit 3), and rolls back on a lock timeout (exit 4)', async () => {
    const db = await createTestDatabase('rsguard');
    const pg = (await import('pg')).default;
    const other = new pg.Client({ connectionString: db.url });
    try {
      await db.sql(readFileSync(`${root}test/fixtures/incidents/book-view-production.sql`, 'utf8'));
      const a = await runCli(['apply', '--url', db.url, '--expected', expectedSchema, '--yes', '--degraded', '--policies', bookViewPolicies]);
      expect(a.code, transcript(a)).toBe(0);
      const runA = runIdOf(a);
      const merged = await tables(db);
      await other.connect();
      await other.query('SELECT pg_advisory_lock($1, $2)', [0x73646f63, 0x6170706c]);
      const locked = await restore(db, ['--run', runA, '--yes', '--degraded']);
      expect(locked.code, transcript(locked)).toBe(3);
      expect(locked.stderr).toContain('APPLY_LOCKED');
      await other.query('SELECT pg_advisory_unlock($1, $2)', [0x73646f63, 0x6170706c]);

      await other.query('BEGIN; LOCK TABLE book_view_statistics IN ACCESS SHARE MODE');
      const timedOut = await restore(db, ['--run', runA, '--yes', '--degraded', '--lock-timeout', '200ms']);
      expect(timedOut.code, transcript(timedOut)).toBe(4);
      expect(timedOut.stderr).toContain('RESTORE_FAILED');
      expect(timedOut.stderr).toContain('55P03');
      expect(timedOut.stderr).toContain('Rolled back: nothing was changed');
      await other.query('ROLLBACK');
      expect(await tables(db)).toEqual(merged);
      const h = JSON.parse((await runCli(['history', '--url', db.url, '--format', 'json'])).stdout);
      expect(h.map((r: { outcome: string }) => r.outcome)).toEqual(['applied']);
    } finally {
      await other.end().catch(() => undefined);
      await db.drop();
    }
  });
});
