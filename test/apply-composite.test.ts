/**
 * Issue 13: a composite type that gains an attribute while a table column stores it. apply adds the attribute in
 * place: every stored value keeps its attributes, the new one is NULL. Dropping a stored attribute loses its values,
 * so it is refused unless DELETES_DATA is allowed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, runCli } from './support/db.js';

const LIVE = `
CREATE TYPE addr AS (street text, city text);
CREATE TABLE customer (id int PRIMARY KEY, address addr);
INSERT INTO customer VALUES (1, ROW('1 Main St', 'Springfield')), (2, ROW('2 High St', 'Shelbyville')), (3, NULL);`;

const rowsOf = (db: { sql: (t: string) => Promise<unknown[]> }) => db.sql(`SELECT id, (address).street, (address).city, to_jsonb(address) AS whole FROM customer ORDER BY id`);

describe('composite type repairs keep the stored values', () => {
  it('ADD ATTRIBUTE keeps every row and attribute; the new attribute is NULL', async () => {
    const db = await createTestDatabase('comp');
    try {
      await db.sql(LIVE);
      const dir = mkdtempSync(join(tmpdir(), 'sd-comp-'));
      const expected = join(dir, 'expected.sql');
      writeFileSync(expected, 'CREATE TYPE addr AS (street text, city text, zip text);\nCREATE TABLE customer (id int PRIMARY KEY, address addr);\n');
      const applied = await runCli(['apply', '--url', db.url, '--expected', expected, '--yes']);
      expect(applied.code, applied.stderr).toBe(0);
      expect(await rowsOf(db)).toEqual([
        { id: 1, street: '1 Main St', city: 'Springfield', whole: { street: '1 Main St', city: 'Springfield', zip: null } },
        { id: 2, street: '2 High St', city: 'Shelbyville', whole: { street: '2 High St', city: 'Shelbyville', zip: null } },
        { id: 3, street: null, city: null, whole: null },
      ]);
      const diagnosed = await runCli(['diagnose', '--url', db.url, '--expected', expected, '--format', 'json']);
      expect(diagnosed.code, diagnosed.stdout).toBe(0);
    } finally {
      await db.drop();
    }
  });

  it('dropping a stored attribute is refused without DELETES_DATA, and nothing changes', async () => {
    const db = await createTestDatabase('comp');
    try {
      await db.sql(LIVE);
      const before = await rowsOf(db);
      const dir = mkdtempSync(join(tmpdir(), 'sd-comp-'));
      const expected = join(dir, 'expected.sql');
      writeFileSync(expected, 'CREATE TYPE addr AS (street text);\nCREATE TABLE customer (id int PRIMARY KEY, address addr);\n');
      const applied = await runCli(['apply', '--url', db.url, '--expected', expected, '--yes']);
      expect(applied.code).toBe(3);
      expect(applied.stderr).toMatch(/DELETES_DATA/);
      expect(applied.stderr).not.toMatch(/\n\s+at /);
      expect(await rowsOf(db)).toEqual(before);
    } finally {
      await db.drop();
    }
  });
});
