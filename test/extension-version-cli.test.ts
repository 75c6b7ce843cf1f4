/**
 * Extension versions through the CLI, on the real server of the run (PostgreSQL 15, or 17 in `npm run test:matrix`).
 * A snapshot never records a version (the same DDL gives the same manifest whatever the server installs); a version
 * pinned by hand in the manifest is compared: another live version is `extension_version_differs`, severity info
 * (exit 0 under the default --fail-on, 2 under --fail-on info), and apply updates the extension to it, or refuses up
 * front (exit 3, nothing changed) when the server cannot install it or cannot update to it.
 *
 * The extension and its two versions come from the server itself (pg_available_extension_versions and
 * pg_extension_update_paths): an older installable version with an update path to the control file's default.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, runCli, type TestDatabase } from './support/db.js';

const CANDIDATES = ['hstore', 'pg_trgm', 'citext', 'cube', 'seg'];
const UNSHIPPED = '99.0-not-shipped';

interface Report {
  findings: { id: string; kind: string; severity: string; expected?: string; actual?: string }[];
  failed: boolean;
  summary: { errors: number; warnings: number; info: number };
}

describe('extension versions', () => {
  let db: TestDatabase;
  let ext: string;
  let older: string;
  let newer: string;
  const dir = mkdtempSync(join(tmpdir(), 'sd-extver-'));
  const snapshotFile = join(dir, 'snapshot.json');
  const pinned = join(dir, 'pinned.json');
  const unshipped = join(dir, 'unshipped.json');
  const downgrade = join(dir, 'downgrade.json');

  /** The snapshot manifest with `version` set on the extension. */
  const pin = (file: string, version: string) => {
    const m = JSON.parse(readFileSync(snapshotFile, 'utf8'));
    m.extensions[ext].version = version;
    writeFileSync(file, JSON.stringify(m, null, 2) + '\n');
  };
  const installed = async (on: TestDatabase = db) => (await on.sql<{ v: string }>('SELECT extversion AS v FROM pg_extension WHERE extname = $1', [ext]))[0]?.v;
  const diagnose = (expected: string, ...extra: string[]) => runCli(['diagnose', '--url', db.url, '--expected', expected, '--format', 'json', ...extra]);
  const report = (stdout: string) => JSON.parse(stdout) as Report;

  beforeAll(async () => {
    db = await createTestDatabase('extver');
    const [row] = await db.sql<{ name: string; older: string; newer: string }>(
      `SELECT a.name, p.source AS older, a.default_version AS newer
       FROM pg_available_extensions a, pg_extension_update_paths(a.name) p
       WHERE a.name = ANY ($1) AND p.target = a.default_version AND p.path IS NOT NULL AND p.source <> a.default_version
         AND p.source IN (SELECT v.version FROM pg_available_extension_versions v WHERE v.name = a.name)
       ORDER BY array_position($1, a.name::text), p.source DESC
       LIMIT 1`,
      [CANDIDATES],
    );
    expect(row, `one of ${CANDIDATES.join(', ')} with two installable versions and an update path between them`).toBeDefined();
    ({ name: ext, older, newer } = row!);
    await db.sql(`CREATE EXTENSION "${ext}" VERSION '${older}'; CREATE TABLE public.things (id integer PRIMARY KEY)`);
    const snap = await runCli(['snapshot', '--url', db.url, '--out', snapshotFile]);
    expect(snap.code, snap.stderr).toBe(0);
    pin(pinned, newer);
    pin(unshipped, UNSHIPPED);
    pin(downgrade, older);
  });
  afterAll(async () => db.drop());

  it('a snapshot records no version: the manifest is byte-identical for the extension at another version', async () => {
    const m = JSON.parse(readFileSync(snapshotFile, 'utf8'));
    expect(m.extensions[ext]).toEqual({ schema: 'public', name: ext });
    const other = await createTestDatabase('extver');
    try {
      await other.sql(`CREATE EXTENSION "${ext}" VERSION '${newer}'; CREATE TABLE public.things (id integer PRIMARY KEY)`);
      expect(await installed(other)).toBe(newer);
      const [a, b] = await Promise.all([runCli(['snapshot', '--url', db.url]), runCli(['snapshot', '--url', other.url])]);
      expect(a.code).toBe(0);
      expect(b.stdout).toBe(a.stdout);
      expect(a.stdout).not.toMatch(/"version"/);
    } finally {
      await other.drop();
    }
  });

  it('without a pinned version there is nothing to report, even under --fail-on info', async () => {
    const r = await diagnose(snapshotFile, '--fail-on', 'info');
    expect(r.code, r.stderr).toBe(0);
    expect(report(r.stdout).findings).toEqual([]);
  });

  it('a pinned version that differs is an info finding: exit 0 by default, 2 under --fail-on info', async () => {
    const r = await diagnose(pinned);
    expect(r.code, r.stderr).toBe(0);
    const rep = report(r.stdout);
    expect(rep.findings).toMatchObject([{ id: `extension_version_differs:${ext}`, kind: 'extension_version_differs', severity: 'info', expected: newer, actual: older }]);
    expect(rep.failed).toBe(false);
    expect(rep.summary).toMatchObject({ errors: 0, warnings: 0, info: 1 });
    expect((await diagnose(pinned, '--fail-on', 'drift')).code).toBe(0);
    expect((await diagnose(pinned, '--fail-on', 'error')).code).toBe(0);
    const strict = await diagnose(pinned, '--fail-on', 'info');
    expect(strict.code, strict.stderr).toBe(2);
    expect(report(strict.stdout).failed).toBe(true);
    const table = await runCli(['diagnose', '--url', db.url, '--expected', pinned]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/info\s+extension_version_differs/);
    expect(table.stdout).toContain('1 info finding (not drift)');
    const md = await runCli(['diagnose', '--url', db.url, '--expected', pinned, '--format', 'markdown', '--fail-on', 'info']);
    expect(md.code).toBe(2);
    expect(md.stdout).toMatch(/^## ❌ No schema drift, but info findings fail the run \(--fail-on info\)$/m);
    expect(md.stdout).toContain('| 🔵 info | `extension_version_differs` |');
  });

  it('a version the server does not ship is refused up front: exit 3, naming the extension and the available versions; nothing changes', async () => {
    const r = await runCli(['apply', '--url', db.url, '--expected', unshipped, '--yes']);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(3);
    expect(r.stderr).toContain(`extension_version_differs:${ext}: extension ${ext}: version ${UNSHIPPED} is not available on this server (available: `);
    expect(r.stderr).toContain(older);
    expect(r.stderr).toContain(newer);
    expect(r.stderr).toMatch(/nothing was changed/);
    expect(await installed()).toBe(older);
    const plan = await runCli(['plan', '--url', db.url, '--expected', unshipped, '--format', 'json']);
    expect(JSON.parse(plan.stdout)).toMatchObject({ steps: [], refused: [{ findingId: `extension_version_differs:${ext}`, kind: 'manual' }] });
  });

  it('plan updates it with ALTER EXTENSION … UPDATE TO, guarded by the installed version', async () => {
    const r = await runCli(['plan', '--url', db.url, '--expected', pinned, '--format', 'json']);
    const plan = JSON.parse(r.stdout);
    expect(plan.refused).toEqual([]);
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0]).toMatchObject({ summary: `update extension ${ext} to version ${newer}`, findingIds: [`extension_version_differs:${ext}`], transactional: true });
    expect(plan.steps[0].sql).toContain(`IS DISTINCT FROM '${newer}' THEN`);
    expect(plan.steps[0].sql).toContain(`ALTER EXTENSION ${ext} UPDATE TO '${newer}';`);
  });

  it('apply --dry-run changes nothing; apply updates it, and a second diagnose is clean', async () => {
    const dry = await runCli(['apply', '--url', db.url, '--expected', pinned, '--dry-run']);
    expect(dry.code, `${dry.stdout}\n${dry.stderr}`).toBe(0);
    expect(dry.stdout).toContain('Rehearsal: every repaired finding would be gone.');
    expect(await installed()).toBe(older);

    const r = await runCli(['apply', '--url', db.url, '--expected', pinned, '--yes']);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/Applied and verified/);
    expect(await installed()).toBe(newer);
    const after = await diagnose(pinned, '--fail-on', 'info');
    expect(after.code, after.stdout).toBe(0);
    expect(report(after.stdout).findings).toEqual([]);
    const plan = JSON.parse((await runCli(['plan', '--url', db.url, '--expected', pinned, '--format', 'json'])).stdout);
    expect(plan).toMatchObject({ steps: [], refused: [], skipped: [] });
  });

  it('a pinned version the installed one has no update path to (a downgrade) is refused up front', async () => {
    expect(await installed()).toBe(newer);
    const r = await runCli(['apply', '--url', db.url, '--expected', downgrade, '--yes']);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(3);
    expect(r.stderr).toContain(`extension ${ext}: version ${older} is available, but ALTER EXTENSION … UPDATE has no path to it from the installed version ${newer}`);
    expect(await installed()).toBe(newer);
  });

  it('a missing extension with a pinned version is created at that version', async () => {
    const fresh = await createTestDatabase('extver');
    try {
      await fresh.sql('CREATE TABLE public.things (id integer PRIMARY KEY)');
      const d = await runCli(['diagnose', '--url', fresh.url, '--expected', downgrade, '--format', 'json']);
      expect(d.code).toBe(2);
      expect(report(d.stdout).findings.map((f) => f.id)).toEqual([`missing_extension:${ext}`]);
      const plan = JSON.parse((await runCli(['plan', '--url', fresh.url, '--expected', downgrade, '--format', 'json'])).stdout);
      expect(plan.steps.map((s: { sql: string }) => s.sql)).toEqual([`CREATE EXTENSION IF NOT EXISTS ${ext} SCHEMA public VERSION '${older}';`]);
      const r = await runCli(['apply', '--url', fresh.url, '--expected', downgrade, '--yes']);
      expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
      expect(await installed(fresh)).toBe(older);

      // Not shipped: refused before anything runs, the extension stays absent.
      await fresh.sql(`DROP EXTENSION "${ext}"`);
      const refused = await runCli(['apply', '--url', fresh.url, '--expected', unshipped, '--yes']);
      expect(refused.code, `${refused.stdout}\n${refused.stderr}`).toBe(3);
      expect(refused.stderr).toContain(`missing_extension:${ext}: extension ${ext}: version ${UNSHIPPED} is not available on this server`);
      expect(await installed(fresh)).toBeUndefined();
    } finally {
      await fresh.drop();
    }
  });
});
