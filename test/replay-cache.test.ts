/**
 * SQL given as the expected schema is replayed once and its model cached on disk, addressed by content
 * (`$XDG_CACHE_HOME/schema-doctor`): the next snapshot, diagnose, plan or apply of the same SQL reads the entry
 * instead of starting a server. Shown here from the outside: an entry edited by hand is what the next run uses
 * (so the entry is really read), `--no-cache` ignores it, other SQL gets another entry, a corrupt entry is
 * ignored and rebuilt, and two runs filling the same entry at once both succeed and leave one whole entry.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, runCli, type TestDatabase } from './support/db.js';

const dir = mkdtempSync(join(tmpdir(), 'sd-replay-cache-'));
const sqlFile = join(dir, 'schema.sql');
writeFileSync(sqlFile, 'CREATE TABLE public.books (id integer PRIMARY KEY, title text NOT NULL);\n');

function freshCache(): { env: Record<string, string>; entries: () => string[]; root: string } {
  const root = mkdtempSync(join(dir, 'cache-'));
  const entries = () => readdirSync(join(root, 'schema-doctor')).sort();
  return { env: { XDG_CACHE_HOME: root }, entries, root };
}

const snapshot = (env: Record<string, string>, ...extra: string[]) => runCli(['snapshot', '--from-sql', sqlFile, ...extra], env);

/** Renames the cached table books → novels: a run that prints novels read the entry. */
function tamper(root: string, name: string): void {
  const file = join(root, 'schema-doctor', name);
  writeFileSync(file, readFileSync(file, 'utf8').replaceAll('public.books', 'public.novels').replaceAll('"books"', '"novels"'));
}

describe('the replay cache', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('replaycache');
    await db.sql(readFileSync(sqlFile, 'utf8'));
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('a second run reads the entry the first wrote; --no-cache replays', async () => {
    const c = freshCache();
    const first = await snapshot(c.env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('"public.books"');
    const [entry, ...others] = c.entries();
    expect(entry).toMatch(/^[0-9a-f]{64}\.json$/);
    expect(others).toEqual([]);

    tamper(c.root, entry!);
    const second = await snapshot(c.env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toBe(first.stdout.replaceAll('public.books', 'public.novels').replaceAll('"books"', '"novels"'));

    const uncached = await snapshot(c.env, '--no-cache');
    expect(uncached.code, uncached.stderr).toBe(0);
    expect(uncached.stdout).toBe(first.stdout);
    expect(c.entries()).toEqual([entry]);
  });

  it('diagnose, plan and apply with SQL as --expected share the entry', async () => {
    const c = freshCache();
    const diagnose = (...extra: string[]) => runCli(['diagnose', '--url', db.url, '--expected', sqlFile, '--format', 'json', ...extra], c.env);
    const clean = await diagnose();
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    const [entry] = c.entries();
    tamper(c.root, entry!);
    const drifted = await diagnose();
    expect(drifted.code, drifted.stderr).toBe(2);
    expect(JSON.parse(drifted.stdout).findings.map((f: { id: string }) => f.id)).toContain('missing_table:public.novels');
    const planned = await runCli(['plan', '--url', db.url, '--expected', sqlFile, '--format', 'json'], c.env);
    expect(planned.stdout).toContain('public.novels');
    expect((await diagnose('--no-cache')).code).toBe(0);
  });

  it('other SQL gets its own entry', async () => {
    const c = freshCache();
    expect((await snapshot(c.env)).code).toBe(0);
    const other = join(dir, 'other.sql');
    writeFileSync(other, 'CREATE TABLE public.books (id bigint PRIMARY KEY, title text NOT NULL);\n');
    const r = await runCli(['snapshot', '--from-sql', other], c.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('"bigint"');
    expect(c.entries()).toHaveLength(2);
  });

  it('a corrupt entry is ignored and rebuilt', async () => {
    const c = freshCache();
    const first = await snapshot(c.env);
    const [entry] = c.entries();
    const file = join(c.root, 'schema-doctor', entry!);
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 40)); // a write cut short
    const second = await snapshot(c.env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(() => JSON.parse(readFileSync(file, 'utf8'))).not.toThrow();
    writeFileSync(file, '{"format": 1, "model": {"tables": 3}}'); // well-formed JSON that is not a model
    expect((await snapshot(c.env)).stdout).toBe(first.stdout);
  });

  it('two runs filling the same entry at once both succeed and leave one whole entry', async () => {
    const c = freshCache();
    const [a, b] = await Promise.all([snapshot(c.env), snapshot(c.env)]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const names = c.entries();
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^[0-9a-f]{64}\.json$/);
    expect((await snapshot(c.env)).stdout).toBe(a.stdout);
  });
});
