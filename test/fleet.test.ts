/**
 * Fleets (docs/fleet.md): `diagnose --targets` over a dozen databases built from one small schema, some drifted,
 * plus one target nobody listens on; every format of the aggregate report against golden files; `--shard` and
 * `report merge`; the targets file from standard input; passwords never printed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUrl, createTestDatabase, runCli, type CliResult, type TestDatabase } from './support/db.js';

const root = new URL('..', import.meta.url).pathname;
const BIN = `${root}bin/schema-doctor.js`;
const SCHEMA = `
  CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL, price numeric(10,2) NOT NULL DEFAULT 0);
  CREATE TABLE orders (id integer PRIMARY KEY, item_id integer NOT NULL REFERENCES items (id), placed_at timestamptz NOT NULL DEFAULT now());
  CREATE INDEX orders_item_id_idx ON orders (item_id);
  INSERT INTO items VALUES (1, 'tea', 3), (2, 'coffee', 4);
`;
/** Drift by database index: the rest are clean. */
const DRIFT: Record<number, string> = {
  2: `ALTER TABLE items ALTER COLUMN name DROP NOT NULL; INSERT INTO items VALUES (3, NULL, 1);`,
  5: `DROP INDEX orders_item_id_idx; ALTER TABLE orders ADD COLUMN note text;`,
  9: `DROP TABLE orders;`,
};
const COUNT = 12;
const UNREACHABLE_PASSWORD = 'Fleet-pw-Secret-9';
const UNREACHABLE = `unreachable postgres://fleet:${UNREACHABLE_PASSWORD}@127.0.0.1:1/nowhere`;
const FORMATS = ['table', 'json', 'markdown', 'github', 'junit', 'sarif'] as const;
const EXT: Record<(typeof FORMATS)[number], string> = { table: 'txt', json: 'json', markdown: 'md', github: 'txt', junit: 'xml', sarif: 'sarif' };

const name = (i: number) => `shop-${String(i + 1).padStart(2, '0')}`;

/** The CLI with `input` on standard input. */
function runWithStdin(args: string[], input: string, cwd: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, LANG: 'C.UTF-8' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('diagnose --targets: a fleet', () => {
  let dbs: TestDatabase[] = [];
  let dir: string;
  const outputs: string[] = [];
  const passwords = [UNREACHABLE_PASSWORD, encodeURIComponent(UNREACHABLE_PASSWORD)];
  const run = async (args: string[]) => {
    const r = await runCli(args, {}, dir);
    outputs.push(r.stdout, r.stderr);
    return r;
  };
  const targetsFile = (file: string, indexes: number[], extra: string[] = []) => {
    writeFileSync(join(dir, file), ['# the shops', '', ...indexes.map((i) => `${name(i)} ${dbs[i]!.url}   # shop ${i + 1}`), ...extra, ''].join('\n'));
    return file;
  };
  const all = Array.from({ length: COUNT }, (_, i) => i);
  /** The unsharded JSON report of fleet.txt (the first test). */
  let wholeJson = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sd-fleet-'));
    dbs = await Promise.all(all.map(() => createTestDatabase('fleet')));
    await Promise.all(dbs.map((db) => db.sql(SCHEMA)));
    const snap = await runCli(['snapshot', '--url', dbs[0]!.url, '--out', join(dir, 'manifest.json')]);
    expect(snap.code).toBe(0);
    await Promise.all(Object.entries(DRIFT).map(([i, sql]) => dbs[Number(i)]!.sql(sql)));
    const pw = new URL(adminUrl()).password;
    if (pw) passwords.push(pw, decodeURIComponent(pw));
    targetsFile('fleet.txt', all, [UNREACHABLE]);
    targetsFile('drifted.txt', all);
    targetsFile(
      'clean.txt',
      all.filter((i) => DRIFT[i] === undefined),
    );
  });
  afterAll(async () => {
    await Promise.all(dbs.map((db) => db.drop()));
  });

  it('one unreachable target: exit 6, reported with its error, every other target checked', async () => {
    const r = await run(['diagnose', '--targets', 'fleet.txt', '--expected', 'manifest.json', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(6);
    wholeJson = r.stdout;
    const fleet = JSON.parse(r.stdout);
    expect(fleet.targets.map((t: { name: string }) => t.name)).toEqual([...all.map(name), 'unreachable']);
    const unreachable = fleet.targets.find((t: { name: string }) => t.name === 'unreachable');
    expect(unreachable).toEqual({ name: 'unreachable', status: 'error', error: { code: 'CONNECT_FAILED', message: expect.stringContaining('fleet@127.0.0.1:1/nowhere') } });
    for (const i of all) {
      const t = fleet.targets[i];
      expect(t.status).toBe(DRIFT[i] === undefined ? 'ok' : 'drift');
      expect(t.report.database).toBe(name(i));
    }
    expect(fleet.targets[2].report.findings.map((f: { id: string }) => f.id)).toContain('column_nullability_differs:public.items.name');
    expect(fleet.summary).toEqual({ targets: 13, ok: 9, drift: 3, error: 1 });
  });

  it('every format of the aggregate report matches its golden file', async () => {
    for (const format of FORMATS) {
      const r = await run(['diagnose', '--targets', 'fleet.txt', '--expected', 'manifest.json', '--format', format, '--concurrency', '3']);
      expect(r.code, `${format}: ${r.stderr}`).toBe(6);
      expect(r.stdout).not.toMatch(/postgres(ql)?:\/\//);
      expect(r.stdout).not.toMatch(/fleet_[0-9a-f]{10}/);
      await expect(r.stdout).toMatchFileSnapshot(`./golden/fleet/${format}.${EXT[format]}`);
    }
  });

  it('a clean fleet exits 0; a drifted one 2, unless --fail-on never', async () => {
    const clean = await run(['diagnose', '--targets', 'clean.txt', '--expected', 'manifest.json']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toContain('9 targets: 9 ok · 0 drifted · 0 not checked');
    const drifted = await run(['diagnose', '--targets', 'drifted.txt', '--expected', 'manifest.json', '--concurrency', '1']);
    expect(drifted.code, drifted.stderr).toBe(2);
    expect((await run(['diagnose', '--targets', 'drifted.txt', '--expected', 'manifest.json', '--fail-on', 'never'])).code).toBe(0);
  });

  it('--targets - reads standard input; a target given as a URL alone is named after its host and database', async () => {
    const input = `# piped\n${dbs[0]!.url}\n${name(2)} ${dbs[2]!.url}\n`;
    const r = await runWithStdin(['diagnose', '--targets', '-', '--expected', 'manifest.json', '--format', 'json'], input, dir);
    outputs.push(r.stdout, r.stderr);
    expect(r.code, r.stderr).toBe(2);
    const host = new URL(dbs[0]!.url).hostname;
    expect(JSON.parse(r.stdout).targets.map((t: { name: string; status: string }) => [t.name, t.status])).toEqual(
      [
        [`${host}/${dbs[0]!.name}`, 'ok'],
        [name(2), 'drift'],
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
  });

  it('a bad targets file or option is exit 5 before anything connects', async () => {
    writeFileSync(join(dir, 'bad.txt'), 'a b c\n');
    const bad = await run(['diagnose', '--targets', 'bad.txt', '--expected', 'manifest.json']);
    expect(bad.code).toBe(5);
    expect(bad.stderr).toContain('error [TARGETS_INVALID]: bad.txt:1');
    writeFileSync(join(dir, 'dup.txt'), `x ${dbs[0]!.url}\nx ${dbs[1]!.url}\n`);
    expect((await run(['diagnose', '--targets', 'dup.txt', '--expected', 'manifest.json'])).stderr).toContain('already used on line 1');
    expect((await run(['diagnose', '--targets', 'missing.txt', '--expected', 'manifest.json'])).stderr).toContain('error [TARGETS_UNREADABLE]');
    const conc = await run(['diagnose', '--targets', 'fleet.txt', '--expected', 'manifest.json', '--concurrency', '0']);
    expect([conc.code, conc.stderr]).toEqual([5, expect.stringContaining('error [BAD_OPTION]: --concurrency')]);
  });

  it('a target without a password in its URL gets it from ~/.pgpass, and it is never printed', async () => {
    const home = mkdtempSync(join(tmpdir(), 'sd-fleet-home-'));
    const u = new URL(dbs[2]!.url);
    writeFileSync(join(home, '.pgpass'), `${u.hostname}:${u.port || 5432}:*:${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}\n`, { mode: 0o600 });
    const bare = (i: number) => {
      const x = new URL(dbs[i]!.url);
      x.password = '';
      return x.toString();
    };
    writeFileSync(join(dir, 'pgpass.txt'), `${name(0)} ${bare(0)}\n${name(2)} ${bare(2)}\n`);
    const r = await runCli(['diagnose', '--targets', 'pgpass.txt', '--expected', 'manifest.json', '--format', 'json'], { HOME: home }, dir);
    outputs.push(r.stdout, r.stderr);
    expect(r.code, r.stderr).toBe(2);
    expect(JSON.parse(r.stdout).targets.map((t: { status: string }) => t.status)).toEqual(['ok', 'drift']);
  });

  it("the config file's url is not used with --targets", async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'sd-fleet-config-'));
    writeFileSync(join(cwd, 'schema-doctor.config.json'), JSON.stringify({ url: 'postgres://nobody@127.0.0.1:1/nothing' }));
    writeFileSync(join(cwd, 'targets.txt'), `${name(0)} ${dbs[0]!.url}\n`);
    const r = await runCli(['diagnose', '--targets', 'targets.txt', '--expected', join(dir, 'manifest.json'), '--format', 'json'], {}, cwd);
    outputs.push(r.stdout, r.stderr);
    expect(r.code, r.stderr).toBe(0);
  });

  it('the JSON report validates against docs/fleet-report.schema.json', async () => {
    const Ajv = (await import('ajv')).default;
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addSchema(JSON.parse(readFileSync(`${root}docs/report.schema.json`, 'utf8')), 'report.schema.json');
    const validate = ajv.compile(JSON.parse(readFileSync(`${root}docs/fleet-report.schema.json`, 'utf8')));
    const fleet = JSON.parse(wholeJson);
    expect(validate(fleet), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...fleet, targets: [{ name: 'x', status: 'error' }] })).toBe(false);
  });

  it('--shard 1/3, 2/3 and 3/3 partition the targets, and report merge of the three equals the unsharded report', async () => {
    const files: string[] = [];
    const seen: string[] = [];
    for (const i of [1, 2, 3]) {
      const r = await run(['diagnose', '--targets', 'fleet.txt', '--expected', 'manifest.json', '--format', 'json', '--shard', `${i}/3`]);
      expect([0, 2, 6]).toContain(r.code);
      const shard = JSON.parse(r.stdout);
      expect(shard.shard).toBe(`${i}/3`);
      seen.push(...shard.targets.map((t: { name: string }) => t.name));
      writeFileSync(join(dir, `shard-${i}.json`), r.stdout);
      files.push(`shard-${i}.json`);
    }
    expect([...seen].sort()).toEqual([...all.map(name), 'unreachable']);
    expect(new Set(seen).size).toBe(seen.length);
    // The same shard every time: the share depends on the names only.
    const again = await run(['diagnose', '--targets', 'fleet.txt', '--expected', 'manifest.json', '--format', 'json', '--shard', '2/3']);
    expect(JSON.parse(again.stdout).targets.map((t: { name: string }) => t.name)).toEqual(JSON.parse(readFileSync(join(dir, 'shard-2.json'), 'utf8')).targets.map((t: { name: string }) => t.name));
    const merged = await run(['report', 'merge', ...files.reverse(), '--format', 'json']);
    expect(merged.code, merged.stderr).toBe(6);
    expect(merged.stderr).toBe('');
    expect(merged.stdout).toBe(wholeJson);
    expect(wholeJson).toBe(readFileSync(`${root}test/golden/fleet/json.json`, 'utf8'));
    const table = await run(['report', 'merge', ...files]);
    expect(table.stdout).toBe(readFileSync(`${root}test/golden/fleet/table.txt`, 'utf8'));
    const partial = await run(['report', 'merge', files[0]!, files[1]!, '--format', 'json']);
    expect(partial.stderr).toContain('warning: no report for shard');
    const dup = await run(['report', 'merge', files[0]!, files[0]!]);
    expect([dup.code, dup.stderr]).toEqual([5, expect.stringContaining('error [REPORT_INVALID]')]);
  });

  it('report merge exits as the unsharded run would: --fail-on as recorded, or as given', async () => {
    for (const i of [1, 2]) {
      const r = await run(['diagnose', '--targets', 'drifted.txt', '--expected', 'manifest.json', '--format', 'json', '--shard', `${i}/2`]);
      writeFileSync(join(dir, `d-${i}.json`), r.stdout);
    }
    expect((await run(['report', 'merge', 'd-1.json', 'd-2.json'])).code).toBe(2);
    const never = await run(['report', 'merge', 'd-1.json', 'd-2.json', '--fail-on', 'never', '--format', 'json']);
    expect(never.code).toBe(0);
    expect(JSON.parse(never.stdout)).toMatchObject({ failOn: 'never', summary: { targets: 12, ok: 12, drift: 0, error: 0 } });
    const blockers = await run(['report', 'merge', 'd-1.json', 'd-2.json', '--fail-on', 'blockers', '--format', 'json']);
    expect(blockers.code).toBe(2);
    expect(
      JSON.parse(blockers.stdout)
        .targets.filter((t: { status: string }) => t.status === 'drift')
        .map((t: { name: string }) => t.name),
    ).toEqual([name(2)]);
    writeFileSync(join(dir, 'single.json'), '{"formatVersion": 1, "findings": []}');
    expect((await run(['report', 'merge', 'single.json'])).stderr).toContain('error [REPORT_INVALID]');
  });

  it('bad --shard syntax is BAD_OPTION, exit 5', async () => {
    for (const bad of ['0/3', '4/3', '1/0', 'two/3', '1-3']) {
      const r = await run(['diagnose', '--targets', 'fleet.txt', '--expected', 'manifest.json', '--shard', bad]);
      expect([r.code, r.stderr]).toEqual([5, expect.stringContaining('error [BAD_OPTION]: --shard')]);
    }
  });

  it("no password, neither the server's nor the unreachable target's, in any output of the tests above", () => {
    // The tests of this describe run in order: this one sees every output they collected.
    expect(outputs.length).toBeGreaterThan(10);
    for (const out of outputs) for (const pw of passwords) expect(out.includes(pw)).toBe(false);
  });
});

describe('diagnose --tenant-schemas: the schemas of one database as a fleet', () => {
  let db: TestDatabase;
  let dir: string;
  const tenant = (schema: string) => `CREATE SCHEMA ${schema}; SET search_path = ${schema};${SCHEMA} RESET search_path;`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sd-tenants-'));
    db = await createTestDatabase('tenants');
    await db.sql(['tmpl', 'tenant_a', 'tenant_b', 'tenant_c'].map(tenant).join('\n'));
    await db.sql(`ALTER TABLE tenant_b.items ALTER COLUMN name DROP NOT NULL; DROP INDEX tenant_b.orders_item_id_idx;`);
    const snap = await runCli(['snapshot', '--url', db.url, '--schema', 'tmpl', '--out', join(dir, 'tenant.json')]);
    expect(snap.code, snap.stderr).toBe(0);
  });
  afterAll(async () => db.drop());

  it('compares each matching schema with the one-schema manifest as its own target: one drifted of three', async () => {
    const r = await runCli(['diagnose', '--url', db.url, '--tenant-schemas', 'tenant_*', '--expected', 'tenant.json', '--format', 'json'], {}, dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(2);
    const fleet = JSON.parse(r.stdout);
    expect(fleet.targets.map((t: { name: string; status: string }) => [t.name, t.status])).toEqual([
      ['tenant_a', 'ok'],
      ['tenant_b', 'drift'],
      ['tenant_c', 'ok'],
    ]);
    expect(fleet.targets[1].report.findings.map((f: { id: string }) => f.id).sort()).toEqual(['column_nullability_differs:tenant_b.items.name', 'missing_index:tenant_b.orders.orders_item_id_idx']);
    // The foreign key, the defaults and the index definitions name the tenant's own schema, so the clean ones match.
    expect(fleet.targets[0].report.findings).toEqual([]);
    const clean = await runCli(['diagnose', '--url', db.url, '--tenant-schemas', 'tenant_c', '--expected', 'tenant.json', '--format', 'json'], {}, dir);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout).summary).toEqual({ targets: 1, ok: 1, drift: 0, error: 0 });
    const none = await runCli(['diagnose', '--url', db.url, '--tenant-schemas', 'nobody_*', '--expected', 'tenant.json'], {}, dir);
    expect([none.code, none.stderr]).toEqual([0, 'warning: no schema of the database matches --tenant-schemas "nobody_*".\n']);
  });

  it('a manifest of more than one schema, or --targets with it, is BAD_OPTION', async () => {
    const whole = await runCli(['snapshot', '--url', db.url, '--out', join(dir, 'all.json')]);
    expect(whole.code).toBe(0);
    const r = await runCli(['diagnose', '--url', db.url, '--tenant-schemas', 'tenant_*', '--expected', 'all.json'], {}, dir);
    expect([r.code, r.stderr]).toEqual([5, expect.stringContaining('error [BAD_OPTION]: --tenant-schemas needs an expected schema of exactly one schema')]);
    const s = await runCli(['diagnose', '--url', db.url, '--tenant-schemas', 'tenant_*', '--expected', 'all.json', '--schema', 'tmpl', '--format', 'json'], {}, dir);
    expect(s.code, s.stderr).toBe(2);
    const both = await runCli(['diagnose', '--tenant-schemas', 'tenant_*', '--targets', 'x.txt', '--expected', 'tenant.json'], {}, dir);
    expect([both.code, both.stderr]).toEqual([5, expect.stringContaining('error [BAD_OPTION]: --tenant-schemas and --targets cannot be combined')]);
  });
});

describe('the pure parts: targets file, shards, schema renaming', () => {
  it('parses NAME URL and URL lines, comments and blank lines, sorted by name', async () => {
    const { parseTargets, nameFromUrl } = await import('../dist/fleet/targets.js');
    const text = '# fleet\n\n  b postgres://u@h:5432/b  # second\npostgres://u@db.example:6432/shop%20eu?sslmode=require\r\na postgresql://u@h/a\n';
    expect(parseTargets(text, 'f')).toEqual([
      { name: 'a', url: 'postgresql://u@h/a' },
      { name: 'b', url: 'postgres://u@h:5432/b' },
      { name: 'db.example/shop eu', url: 'postgres://u@db.example:6432/shop%20eu?sslmode=require' },
    ]);
    expect(nameFromUrl('postgres://u@[::1]:5432/x')).toBe('::1/x');
    expect(() => parseTargets('# nothing\n', 'f')).toThrow(/lists no targets/);
    expect(() => parseTargets('a mysql://h/db\n', 'f')).toThrow(/f:1: the target's URL is not a postgres/);
  });

  it('FNV-1a of the name picks the shard; the shards of N partition any list', async () => {
    const { fnv1a, inShard, parseShard, shardOf } = await import('../dist/fleet/targets.js');
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
    const targets = Array.from({ length: 200 }, (_, i) => ({ name: `t${i}`, url: 'postgres://h/d' }));
    for (const n of [1, 2, 5]) {
      const parts = Array.from({ length: n }, (_, i) => inShard(targets, { index: i + 1, count: n }));
      expect(
        parts
          .flat()
          .map((t) => t.name)
          .sort(),
      ).toEqual(targets.map((t) => t.name).sort());
      for (const p of parts) expect(p.every((t) => shardOf(t.name, n) === parts.indexOf(p) + 1)).toBe(true);
    }
    expect(parseShard(' 2 / 3 ')).toEqual({ index: 2, count: 3 });
  });

  it('renames a schema in keys, schema fields and qualified references, quoting as PostgreSQL does', async () => {
    const { renameSchema } = await import('../dist/model/rename-schema.js');
    const model = {
      schemas: { tmpl: { name: 'tmpl' } },
      extensions: {},
      enums: {},
      domains: {},
      sequences: {},
      views: {},
      functions: {},
      tables: {
        'tmpl.t': { schema: 'tmpl', name: 't', columns: [{ name: 'tmpl', default: "nextval('tmpl.t_id_seq'::regclass)" }], note: 'xtmpl.t stays' },
      },
      defaultPrivileges: { 'app / tmpl / tables': {} },
      privileges: { 'schema tmpl': {} },
    };
    const out = renameSchema(model as never, 'tmpl', 'Tenant A') as unknown as Record<string, Record<string, { name: string }>>;
    expect(Object.keys(out.schemas)).toEqual(['Tenant A']);
    expect(out.schemas['Tenant A'].name).toBe('Tenant A');
    expect(out.tables['"Tenant A".t']).toEqual({ schema: 'Tenant A', name: 't', columns: [{ name: 'tmpl', default: `nextval('"Tenant A".t_id_seq'::regclass)` }], note: 'xtmpl.t stays' });
    expect(Object.keys(out.defaultPrivileges)).toEqual(['app / "Tenant A" / tables']);
    expect(Object.keys(out.privileges)).toEqual(['schema "Tenant A"']);
  });
});
