import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspect } from '../dist/catalog/introspect.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';

/** Introspection must issue the same number of queries whatever the number of objects (no query per table). */
describe('introspection query count', () => {
  let small: TestDatabase;
  let large: TestDatabase;
  beforeAll(async () => {
    [small, large] = await Promise.all([createTestDatabase('qc'), createTestDatabase('qc')]);
    await small.sql('CREATE TABLE t0 (id int PRIMARY KEY, v text UNIQUE)');
    const ddl: string[] = [];
    for (let i = 0; i < 60; i++) {
      ddl.push(`CREATE TABLE t${i} (id int PRIMARY KEY, v text UNIQUE, ref int ${i > 0 ? `REFERENCES t${i - 1}` : ''}, CHECK (id > 0));
        CREATE INDEX t${i}_v ON t${i} (lower(v)); CREATE VIEW v${i} AS SELECT id FROM t${i};
        CREATE FUNCTION f${i}() RETURNS int LANGUAGE sql AS 'SELECT ${i}';`);
    }
    await large.sql(ddl.join('\n'));
  });
  afterAll(async () => Promise.all([small.drop(), large.drop()]));

  async function countQueries(url: string): Promise<{ count: number; tables: number }> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    let count = 0;
    const counting = { query: (text: string, values?: unknown[]) => (count++, client.query(text, values)) };
    try {
      const model = await introspect(counting as never);
      return { count, tables: Object.keys(model.tables).length };
    } finally {
      await client.end();
    }
  }

  it('spread over several connections sharing one exported snapshot, it reads exactly the same model', async () => {
    const clients = await Promise.all(
      [0, 1, 2].map(async () => {
        const c = new pg.Client({ connectionString: large.url });
        await c.connect();
        return c;
      }),
    );
    try {
      const sequential = await introspect(clients[0]!);
      const parallel = await introspect(clients[0]!, { helpers: clients.slice(1) });
      expect(parallel).toEqual(sequential);
      expect(Object.keys(parallel.tables)).toHaveLength(60);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });

  it('is the same for 1 table and for 60 tables with views, functions, indexes and constraints', async () => {
    const a = await countQueries(small.url);
    const b = await countQueries(large.url);
    expect(a.tables).toBe(1);
    expect(b.tables).toBe(60);
    expect(b.count).toBe(a.count);
    expect(a.count).toBeLessThanOrEqual(25);
  });
});
