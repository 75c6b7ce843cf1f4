/**
 * The mutation test: from one rich base schema (test/corpus/mutations/base.sql: every kind of object schema-doctor
 * compares, with rows), at least 200 single mutations (test/support/mutations.ts), each one property of one object
 * added, removed or changed. For each, on a copy of the base database with the mutation applied:
 *   - `diagnose` against the base's manifest exits 2 with a finding that names the object;
 *   - `apply --prune` brings the copy back to the base: diagnose is clean after it, and no table lost a row; or,
 *     for a mutation apply must refuse, it exits 3 and changes nothing.
 * Runs with `npm test` (PostgreSQL 15); `npm run test:matrix` leaves it out (one major is enough for what it checks,
 * and it is the suite's longest file).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUrl, createTestDatabase, runCli, withDatabase, type TestDatabase } from './support/db.js';
import { tableStats, transcript } from './support/convergence.js';
import { mutations } from './support/mutations.js';

const all = mutations();
const tmp = mkdtempSync(join(tmpdir(), 'sd-mutations-'));
const manifest = join(tmp, 'base.json');
let base: TestDatabase;

interface Report {
  findings: { id: string; object: string; table?: string; severity: string; kind: string }[];
}

/** A copy of the base database (CREATE DATABASE … TEMPLATE: a file copy, faster than a replay). */
async function copyOfBase(): Promise<TestDatabase> {
  const name = `mut_${Math.random().toString(16).slice(2, 12)}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${base.name}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl(), name);
  return {
    name,
    url,
    async sql(text, values) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return (await c.query(text, values as unknown[])).rows;
      } finally {
        await c.end();
      }
    },
    async drop() {
      const a = new pg.Client({ connectionString: adminUrl() });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}

const drift = (r: Report) => r.findings.filter((f) => f.severity !== 'info' && f.kind !== 'unmodeled_objects');

describe('mutation test: every single mutation of the base schema is reported and repaired', () => {
  beforeAll(async () => {
    base = await createTestDatabase('mutbase');
    await base.sql(readFileSync(new URL('./corpus/mutations/base.sql', import.meta.url), 'utf8'));
    const snap = await runCli(['snapshot', '--url', base.url, '--out', manifest]);
    if (snap.code !== 0) throw new Error(`snapshot of the base failed\n${transcript(snap)}`);
    const clean = await runCli(['diagnose', '--url', base.url, '--expected', manifest, '--format', 'json']);
    if (clean.code !== 0) throw new Error(`the base does not match its own manifest\n${transcript(clean)}`);
  });
  afterAll(async () => {
    await base?.drop();
  });

  it('has at least 200 mutations, each with a unique id', () => {
    expect(all.length).toBeGreaterThanOrEqual(200);
  });

  it.concurrent.for(all.map((m) => [m.id, m] as const))('%s', async ([, m], { expect }) => {
    const db = await copyOfBase();
    try {
      await db.sql(m.sql);
      const before = await tableStats(db);
      const diagnosed = await runCli(['diagnose', '--url', db.url, '--expected', manifest, '--format', 'json']);
      const report = JSON.parse(diagnosed.stdout) as Report;
      expect(diagnosed.code, `diagnose after: ${m.sql}\n${transcript(diagnosed)}`).toBe(2);
      // The object, its table, or (privileges: one finding per object and grantee) the grantee in the id.
      const named = drift(report).filter((f) => f.object.includes(m.names) || (f.table ?? '').includes(m.names) || f.id.endsWith(`:${m.names}`));
      expect(
        named.length,
        `a finding naming ${m.names}\n${drift(report)
          .map((f) => f.id)
          .join('\n')}`,
      ).toBeGreaterThan(0);

      const flags = (m.allowHazards ?? []).flatMap((h) => ['--allow-hazard', h]);
      const applied = await runCli(['apply', '--url', db.url, '--expected', manifest, '--prune', '--yes', '--degraded', ...flags]);
      const after = await runCli(['diagnose', '--url', db.url, '--expected', manifest, '--format', 'json']);
      if (m.refused) {
        expect(applied.code, transcript(applied)).toBe(3);
        expect(after.stdout, 'a refusal changes nothing').toBe(diagnosed.stdout);
        return;
      }
      expect(applied.code, `${m.sql}\n${transcript(applied)}`).toBe(0);
      expect(
        drift(JSON.parse(after.stdout) as Report).map((f) => f.id),
        `drift left after apply\n${transcript(applied)}`,
      ).toEqual([]);
      // Nothing lost: every table of the mutated copy still has its rows (a pruned table moved into schema_doctor).
      const rows = await tableStats(db);
      for (const [key, b] of before) {
        const a = rows.get(key);
        if (a) expect(a.rows, `rows of ${key}`).toBe(b.rows);
      }
    } finally {
      await db.drop();
    }
  });
});
