/**
 * Drift corpus (test/corpus/drift, one case per directory): `live.sql` is loaded into a fresh database, and
 * `diagnose --expected <case>/expected.sql --format json` must report exactly the finding ids of `expect.json`,
 * with exactly the blockers listed there (kind, status, count, and surplusRows for duplicates). A finding listed
 * without `blockers` must carry none. Diagnose exits 2 when some finding is drift, 0 when there are none or only
 * info findings (INFO_KINDS: the database is stricter than expected). `"expectedFrom": "migrations"` replaces expected.sql with the repository's
 * migrations/ folder (the two incident fixtures); `"expectedFrom": "manifest"` with the case's expected.json, a manifest
 * with what only a hand-written manifest holds (a pinned extension version), its expected.sql then being the same
 * schema as SQL (the live side of the reverse run).
 *
 * Cases that expose a bug in src/ live in test/corpus/drift-pending/ (same layout, plus a "bug" note) until fixed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, runCli } from './support/db.js';
import { liveSqlOf } from './support/drift-case.js';

const root = new URL('./corpus/drift/', import.meta.url).pathname;
const migrationsDir = new URL('../migrations/', import.meta.url).pathname;
const findingTs = new URL('../src/diff/finding.ts', import.meta.url).pathname;

interface ExpectedBlocker {
  kind: string;
  status?: 'ok' | 'unknown';
  count?: number;
  surplusRows?: number;
}

interface CaseSpec {
  findings: { id: string; blockers?: ExpectedBlocker[] }[];
  expectedFrom?: 'migrations' | 'manifest';
  liveFrom?: string;
  note?: string;
}

/** Every FindingKind of src/diff/finding.ts (a type only, so listed here and checked against the source text). */
const FINDING_KINDS = [
  'missing_schema',
  'unexpected_schema',
  'missing_extension',
  'unexpected_extension',
  'extension_version_differs',
  'missing_enum',
  'unexpected_enum',
  'missing_enum_value',
  'unexpected_enum_value',
  'enum_value_order_differs',
  'missing_domain',
  'unexpected_domain',
  'domain_differs',
  'missing_composite',
  'unexpected_composite',
  'composite_differs',
  'missing_collation',
  'unexpected_collation',
  'collation_differs',
  'missing_range',
  'unexpected_range',
  'range_differs',
  'missing_sequence',
  'unexpected_sequence',
  'sequence_differs',
  'missing_table',
  'unexpected_table',
  'table_differs',
  'missing_column',
  'unexpected_column',
  'column_type_differs',
  'column_nullability_differs',
  'column_default_differs',
  'column_identity_differs',
  'column_generated_differs',
  'column_collation_differs',
  'column_storage_differs',
  'column_compression_differs',
  'column_statistics_differs',
  'table_options_differ',
  'replica_identity_differs',
  'missing_primary_key',
  'missing_constraint',
  'unexpected_constraint',
  'constraint_differs',
  'constraint_not_valid',
  'constraint_stricter_than_expected',
  'constraint_renamed',
  'unique_index_instead_of_constraint',
  'missing_index',
  'unexpected_index',
  'index_differs',
  'index_invalid',
  'index_stricter_than_expected',
  'index_renamed',
  'missing_view',
  'unexpected_view',
  'view_differs',
  'missing_function',
  'unexpected_function',
  'function_differs',
  'missing_trigger',
  'unexpected_trigger',
  'trigger_differs',
  'missing_policy',
  'unexpected_policy',
  'policy_differs',
  'missing_rule',
  'unexpected_rule',
  'rule_differs',
  'comment_differs',
  'owner_differs',
  'missing_privilege',
  'unexpected_privilege',
  'default_privileges_differ',
  'unmodeled_objects',
];

/** Severity info: stricter than expected, or an extension at another version than the manifest pins. */
const SEVERITY_INFO = ['constraint_stricter_than_expected', 'index_stricter_than_expected', 'extension_version_differs'];
/** Kinds that never fail the gate: info, and unmodeled_objects warnings (not compared) without --strict. */
const INFO_KINDS = [...SEVERITY_INFO, 'unmodeled_objects'];

const cases = readdirSync(root)
  .filter((d) => statSync(root + d).isDirectory())
  .sort();

function spec(name: string): CaseSpec {
  return JSON.parse(readFileSync(`${root}${name}/expect.json`, 'utf8')) as CaseSpec;
}

/** Blockers in one comparable form: status defaults to ok; reason and sample are not compared. */
function normalise(blockers: ExpectedBlocker[] | undefined): string[] {
  return (blockers ?? [])
    .map((b) =>
      JSON.stringify({
        kind: b.kind,
        status: b.status ?? 'ok',
        count: b.count ?? null,
        surplusRows: b.surplusRows ?? null,
      }),
    )
    .sort();
}

describe('drift corpus', () => {
  it('has at least 45 well-formed cases with unique numbers', () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
    const numbers = new Set<string>();
    for (const name of cases) {
      expect(name, 'case directory name: NN-short-description').toMatch(/^\d{2,3}-[a-z0-9]+(-[a-z0-9]+)+$/);
      const n = name.split('-')[0]!;
      expect(numbers.has(n), `case number ${n} is used twice`).toBe(false);
      numbers.add(n);
      const s = spec(name);
      expect(Array.isArray(s.findings), `${name}/expect.json: findings`).toBe(true);
      expect(existsSync(s.liveFrom !== undefined ? `${root}../../../${s.liveFrom}` : `${root}${name}/live.sql`), `${name}: live SQL`).toBe(true);
      if (s.expectedFrom !== 'migrations') expect(existsSync(`${root}${name}/expected.sql`), `${name}/expected.sql`).toBe(true);
      if (s.expectedFrom === 'manifest') expect(existsSync(`${root}${name}/expected.json`), `${name}/expected.json`).toBe(true);
      else if (s.expectedFrom !== undefined) expect(s.expectedFrom).toBe('migrations');
      const ids = s.findings.map((f) => f.id);
      expect(new Set(ids).size, `${name}: duplicate ids in expect.json`).toBe(ids.length);
    }
  });

  it('lists every FindingKind of src/diff/finding.ts, and the corpus covers each one', () => {
    const source = readFileSync(findingTs, 'utf8');
    const block = /export type FindingKind\s*=([^;]*);/.exec(source);
    expect(block, 'FindingKind union in src/diff/finding.ts').not.toBeNull();
    const declared = [...block![1]!.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
    expect([...declared].sort()).toEqual([...FINDING_KINDS].sort());

    const used = new Set<string>();
    for (const name of cases) {
      for (const f of spec(name).findings) {
        const kind = f.id.slice(0, f.id.indexOf(':'));
        expect(FINDING_KINDS, `${name}: unknown kind in ${f.id}`).toContain(kind);
        used.add(kind);
      }
    }
    expect(
      FINDING_KINDS.filter((k) => !used.has(k)),
      'kinds no case expects',
    ).toEqual([]);
  });

  it.each(cases)('%s', async (name) => {
    const dir = `${root}${name}/`;
    const s = spec(name);
    const expected = s.expectedFrom === 'migrations' ? migrationsDir : s.expectedFrom === 'manifest' ? `${dir}expected.json` : `${dir}expected.sql`;
    const db = await createTestDatabase('drift');
    try {
      await db.sql(liveSqlOf(dir, s));
      const r = await runCli(['diagnose', '--url', db.url, '--expected', expected, '--format', 'json']);
      expect(r.stderr, 'stderr').toBe('');
      let report: { findings: { id: string; severity: string; blockers?: ExpectedBlocker[] }[]; failed: boolean };
      try {
        report = JSON.parse(r.stdout);
      } catch {
        throw new Error(`diagnose did not print JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
      }

      const actualIds = report.findings.map((f) => f.id).sort();
      const expectedIds = s.findings.map((f) => f.id).sort();
      expect(actualIds, 'finding ids').toEqual(expectedIds);
      const drift = expectedIds.filter((id) => !INFO_KINDS.includes(id.slice(0, id.indexOf(':'))));
      expect(r.code, 'exit code').toBe(drift.length > 0 ? 2 : 0);
      expect(report.failed).toBe(drift.length > 0);
      for (const f of report.findings) expect(f.severity === 'info', `${f.id}: severity ${f.severity}`).toBe(SEVERITY_INFO.includes(f.id.slice(0, f.id.indexOf(':'))));

      const byId = new Map(report.findings.map((f) => [f.id, f]));
      for (const e of s.findings) {
        const actual = byId.get(e.id)!;
        const unknown = (actual.blockers ?? []).filter((b) => b.status === 'unknown');
        const allowedUnknown = (e.blockers ?? []).filter((b) => b.status === 'unknown').length;
        expect(unknown.length, `${e.id}: probes that gave no answer: ${JSON.stringify(unknown)}`).toBeLessThanOrEqual(allowedUnknown);
        expect(normalise(actual.blockers), `${e.id}: blockers`).toEqual(normalise(e.blockers));
      }
    } finally {
      await db.drop();
    }
  });
});
