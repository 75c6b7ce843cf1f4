/**
 * A column type change is applied only when a probe proves every value survives it (cast to the new type and
 * back, equal); otherwise it is refused (exit 3, nothing changed) unless --allow-hazard CHANGES_COLUMN_TYPE.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, runCli } from './support/db.js';

const dir = mkdtempSync(join(tmpdir(), 'sd-type-'));
const expected = join(dir, 'expected.sql');
writeFileSync(expected, 'CREATE TABLE public.items (id int PRIMARY KEY, qty integer);\n');

async function liveWith(values: string[]) {
  const db = await createTestDatabase('ty');
  await db.sql(`CREATE TABLE public.items (id int PRIMARY KEY, qty text);
    INSERT INTO public.items VALUES ${values.map((v, i) => `(${i + 1}, ${v === 'NULL' ? 'NULL' : `'${v}'`})`).join(', ')}`);
  return db;
}

describe('column type changes', () => {
  it('applies a conversion every value survives, and keeps the values', async () => {
    const db = await liveWith(['1', '42', 'NULL']);
    try {
      const r = await runCli(['apply', '--url', db.url, '--expected', expected, '--yes', '--degraded']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(await db.sql('SELECT id, qty FROM public.items ORDER BY id')).toEqual([
        { id: 1, qty: 1 },
        { id: 2, qty: 42 },
        { id: 3, qty: null },
      ]);
    } finally {
      await db.drop();
    }
  });

  it('refuses a conversion that would change values ("007" → 7) unless the hazard is allowed', async () => {
    const db = await liveWith(['007', '5']);
    try {
      const refused = await runCli(['apply', '--url', db.url, '--expected', expected, '--yes', '--degraded']);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toMatch(/BLOCKED_BY_DATA/);
      expect(refused.stderr).toContain('CHANGES_COLUMN_TYPE');
      expect(await db.sql('SELECT qty FROM public.items ORDER BY id')).toEqual([{ qty: '007' }, { qty: '5' }]);
      const allowed = await runCli(['apply', '--url', db.url, '--expected', expected, '--yes', '--degraded', '--allow-hazard', 'CHANGES_COLUMN_TYPE']);
      expect(allowed.code).toBe(0);
      expect(await db.sql('SELECT qty FROM public.items ORDER BY id')).toEqual([{ qty: 7 }, { qty: 5 }]);
    } finally {
      await db.drop();
    }
  });

  it('a conversion that fails (not a number) is refused, and when forced it fails and rolls back (exit 4)', async () => {
    const db = await liveWith(['abc']);
    try {
      expect((await runCli(['apply', '--url', db.url, '--expected', expected, '--yes', '--degraded'])).code).toBe(3);
      const forced = await runCli(['apply', '--url', db.url, '--expected', expected, '--yes', '--degraded', '--allow-hazard', 'CHANGES_COLUMN_TYPE']);
      expect(forced.code).toBe(4);
      expect(forced.stderr).toContain('Everything was rolled back');
      expect(await db.sql('SELECT qty FROM public.items')).toEqual([{ qty: 'abc' }]);
    } finally {
      await db.drop();
    }
  });
});
