/**
 * What the model does not cover is named, never silently ignored: a database with objects of kinds schema-doctor
 * does not compare (text search configuration and dictionary, operator, aggregate, statistics object, event trigger,
 * publication, foreign data wrapper and server), diagnosed from the command line against a manifest without them.
 * Each kind is one `unmodeled_objects` warning naming its objects; `--strict` makes them errors. What an extension
 * created (pg_trgm's operators and operator classes) is not listed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, runCli, type CliResult, type TestDatabase } from './support/db.js';

interface Finding {
  id: string;
  kind: string;
  severity: string;
  objectType: string;
  object: string;
  expected?: string;
  actual?: string;
  hint: string;
}

const COMMON = `
CREATE EXTENSION pg_trgm;
CREATE TABLE public.books (id integer PRIMARY KEY, title text NOT NULL, author text, year integer);
CREATE FUNCTION public.no_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
-- Rules are modelled (compared like triggers): on both sides, never in the census.
CREATE RULE books_keep AS ON DELETE TO public.books DO INSTEAD NOTHING;
`;

const UNMODELED = `
CREATE TEXT SEARCH CONFIGURATION public.books_fts (COPY = pg_catalog.english);
CREATE OPERATOR public.=== (LEFTARG = integer, RIGHTARG = integer, FUNCTION = pg_catalog.int4eq);
CREATE AGGREGATE public.total(integer) (SFUNC = pg_catalog.int4pl, STYPE = integer);
CREATE TEXT SEARCH DICTIONARY public.books_dict (TEMPLATE = pg_catalog.simple);
CREATE STATISTICS public.books_stats ON author, year FROM public.books;
CREATE EVENT TRIGGER guard_ddl ON ddl_command_start WHEN TAG IN ('DROP TABLE') EXECUTE FUNCTION public.no_ddl();
CREATE PUBLICATION books_pub FOR TABLE public.books;
CREATE FOREIGN DATA WRAPPER books_fdw;
CREATE SERVER books_server FOREIGN DATA WRAPPER books_fdw;
`;

/** Kind → the names the database has. */
const EXPECTED_NAMES: Record<string, string[]> = {
  aggregate: ['public.total(integer)'],
  'event trigger': ['guard_ddl'],
  'foreign data wrapper': ['books_fdw'],
  'foreign server': ['books_server'],
  operator: ['public.===(integer, integer)'],
  publication: ['books_pub'],
  'statistics object': ['public.books_stats'],
  'text search configuration': ['public.books_fts'],
  'text search dictionary': ['public.books_dict'],
};
const DATABASE_WIDE = ['event trigger', 'foreign data wrapper', 'foreign server', 'publication'];

const findingsOf = (r: CliResult): Finding[] => {
  try {
    return JSON.parse(r.stdout).findings as Finding[];
  } catch {
    throw new Error(`not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
};

describe('objects of kinds the model does not cover', () => {
  let db: TestDatabase;
  let manifest: string;
  const diagnose = (...flags: string[]) => runCli(['diagnose', '--url', db.url, '--expected', manifest, ...flags]);

  beforeAll(async () => {
    db = await createTestDatabase('unmodeled');
    await db.sql(COMMON + UNMODELED);
    const dir = mkdtempSync(join(tmpdir(), 'sd-unmodeled-'));
    writeFileSync(join(dir, 'expected.sql'), COMMON);
    manifest = join(dir, 'manifest.json');
    const snap = await runCli(['snapshot', '--from-sql', join(dir, 'expected.sql'), '--out', manifest]);
    expect(snap.code, snap.stderr).toBe(0);
  });
  afterAll(async () => db.drop());

  it('names each kind as a warning, listing its objects; they are not drift: diagnose exits 0 unless --strict', async () => {
    const r = await diagnose('--format', 'json', '--fail-on', 'error');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const findings = findingsOf(r);
    expect(findings.map((f) => f.id).sort()).toEqual(
      Object.keys(EXPECTED_NAMES)
        .map((k) => `unmodeled_objects:${k}`)
        .sort(),
    );
    for (const f of findings) {
      const names = EXPECTED_NAMES[f.object]!;
      expect(f, f.id).toMatchObject({ kind: 'unmodeled_objects', severity: 'warning', objectType: 'kind', expected: '(none)', actual: names.join('\n') });
      expect(f.hint, f.id).toContain(`${names.length} ${f.object} not compared: ${names.join(', ')}`);
    }
    expect(JSON.parse(r.stdout).summary).toMatchObject({ errors: 0, warnings: findings.length });
    expect((await diagnose('--format', 'json')).code, 'not drift under the default --fail-on drift').toBe(0);
    expect((await diagnose('--format', 'json', '--strict')).code, 'drift under --strict').toBe(2);
  });

  it('does not list what an extension created (pg_trgm operators and operator classes)', async () => {
    const [trgm] = await db.sql<{ opclasses: number; operators: number }>(
      `SELECT (SELECT count(*)::int FROM pg_opclass WHERE opcname LIKE '%trgm%') AS opclasses,
              (SELECT count(*)::int FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace WHERE n.nspname = 'public') AS operators`,
    );
    expect(trgm!.opclasses, 'pg_trgm is installed').toBeGreaterThan(0);
    expect(trgm!.operators, 'pg_trgm operators sit in public next to ===').toBeGreaterThan(1);
    const findings = findingsOf(await diagnose('--format', 'json'));
    expect(findings.map((f) => f.id)).not.toContain('unmodeled_objects:operator class');
    expect(findings.map((f) => f.id)).not.toContain('unmodeled_objects:operator family');
    expect(findings.find((f) => f.id === 'unmodeled_objects:operator')!.actual).toBe('public.===(integer, integer)');
  });

  it('--strict makes them errors: diagnose fails even under --fail-on error', async () => {
    const r = await diagnose('--format', 'json', '--fail-on', 'error', '--strict');
    expect(r.code).toBe(2);
    const findings = findingsOf(r);
    expect(findings).toHaveLength(Object.keys(EXPECTED_NAMES).length);
    for (const f of findings) expect(f.severity, f.id).toBe('error');
    expect(JSON.parse(r.stdout)).toMatchObject({ failed: true, summary: { errors: findings.length, warnings: 0 } });
  });

  it('the table report lists them; an ignore rule accepts one kind', async () => {
    const table = await diagnose('--fail-on', 'error');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/warning\s+unmodeled_objects\s+text search configuration\s+1 text search configuration not compared: public\.books_fts/);
    const r = await diagnose('--format', 'json', '--ignore', 'unmodeled_objects:text search dictionary');
    expect(findingsOf(r).map((f) => f.id)).not.toContain('unmodeled_objects:text search dictionary');
    expect(JSON.parse(r.stdout).ignored).toBe(1);
  });

  it('--schema keeps the database-wide kinds and the schema-scoped ones of the schemas asked for', async () => {
    const other = findingsOf(await diagnose('--format', 'json', '--schema', 'other'));
    expect(other.map((f) => f.object).sort()).toEqual(DATABASE_WIDE);
    const pub = findingsOf(await diagnose('--format', 'json', '--schema', 'public'));
    expect(pub.map((f) => f.object).sort()).toEqual(Object.keys(EXPECTED_NAMES).sort());
  });

  it('plan has no step for them: it lists each kind as left alone', async () => {
    const r = await runCli(['plan', '--url', db.url, '--expected', manifest, '--format', 'json']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as { steps: unknown[]; refused: unknown[]; skipped: { findingId: string }[] };
    expect(plan.steps).toEqual([]);
    expect(plan.refused).toEqual([]);
    expect(plan.skipped.map((s) => s.findingId).sort()).toEqual(
      Object.keys(EXPECTED_NAMES)
        .map((k) => `unmodeled_objects:${k}`)
        .sort(),
    );
  });
});
