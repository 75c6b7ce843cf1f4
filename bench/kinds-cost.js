// Benchmark: what the kinds added for issue 13 (owners, privileges, default privileges, composite types, collations,
// ranges, storage/compression/statistics, reloptions, replica identity, rules, view options, comments, identity
// options) cost `schema-doctor snapshot`, side by side with a build of the commit before them.
//
//   git worktree add /tmp/wt-base ba42a6a && ln -s "$PWD/node_modules" /tmp/wt-base/node_modules \
//     && (cd /tmp/wt-base && npm run build --silent)
//   npm run bench:kinds -- --before /tmp/wt-base [--after DIR] [--tables 1000] [--runs 20] [--warmups 2] [--no-write]
//
// One throwaway cluster, one database: the generated schema of bench/introspect.js (bench/schema-fixture.js) plus a
// few objects of the new kinds (grants to a role, owners, default privileges, comments, composite and range types, a
// collation, reloptions, replica identity, column storage and statistics, identity options, rules, view options),
// so that "after" has them to read. Then, alternately for the baseline root (A) and this root (B), A B A B …:
//   * snapshot: wall time of a fresh `node --import bench/probe.js <root>/bin/schema-doctor.js snapshot --url … --out F`
//     child (this root's probe.js for both: it counts the SQL statements and reports CPU and peak RSS);
//   * introspect(): in-process time of `<root>/dist/catalog/introspect.js` introspect() alone, once with two helper
//     connections as the CLI reads (src/cli/live-model.ts) and once on a single connection, each statement timed
//     (which statement is new, and what it costs).
// It prints the results and writes the "Cost of the new kinds (issue 13)" section of bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { BENCH_DIR, ROOT, clusterCpuMs, fmtMs, isoNow, machine, percentile, runChild, settle, sourceState, thousands, withCluster, writeResultsSection } from './bench-util.js';
import { SCHEMA_NAMES, createDatabase, label as fixtureLabel, schemaCount, withClient } from './schema-fixture.js';

const PROBE = pathToFileURL(join(BENCH_DIR, 'probe.js')).href;
const TARGET = 1.1;

/** A catalog query (not transaction control); the privileges query starts with a CTE. */
const isCatalog = (text) => /^(SELECT|WITH)\b/.test(text.trim());
/** schema-fixture's label; for a statement starting with a CTE, the CTE and the top-level FROM or alias. */
function label(q) {
  const text = q.text.trim();
  const m = /^WITH (\w+)/.exec(text);
  if (!m) return fixtureLabel(q);
  const top = /\)\s+census\b/.test(text) ? 'census' : (/^FROM (\w+)/m.exec(text)?.[1] ?? '?');
  return `WITH ${m[1]} … FROM ${top}${top === 'census' ? ' (census of the kinds not modelled)' : top === 'objs' ? ' (owners and privileges)' : ''}`;
}
const HELPERS = 2; // CATALOG_HELPERS in src/cli/live-model.ts

// ---------------------------------------------------------------------------------------------------------------
// command line

function parseArgs(argv) {
  const opts = { before: undefined, after: ROOT, tables: 1000, runs: 20, warmups: 2, write: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    const int = (name, min) => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < min) usage(`${name} takes an integer ≥ ${min}`);
      return n;
    };
    if (a === '--before' || a.startsWith('--before=')) opts.before = resolve(value());
    else if (a === '--after' || a.startsWith('--after=')) opts.after = resolve(value());
    else if (a === '--tables' || a.startsWith('--tables=')) opts.tables = int('--tables', 2);
    else if (a === '--runs' || a.startsWith('--runs=')) opts.runs = int('--runs', 1);
    else if (a === '--warmups' || a.startsWith('--warmups=')) opts.warmups = int('--warmups', 0);
    else if (a === '--no-write') opts.write = false;
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument ${a}`);
  }
  if (!opts.before) usage('--before DIR (a built checkout of the baseline commit) is required');
  for (const root of [opts.before, opts.after]) {
    if (!existsSync(join(root, 'bin', 'schema-doctor.js')) || !existsSync(join(root, 'dist', 'catalog', 'introspect.js'))) {
      usage(`${root} is not a built schema-doctor checkout (bin/schema-doctor.js and dist/ are needed: run npm run build there)`);
    }
  }
  return opts;
}

function usage(problem) {
  if (problem) process.stderr.write(`bench/kinds-cost.js: ${problem}\n`);
  process.stderr.write('usage: npm run bench:kinds -- --before DIR [--after DIR] [--tables 1000] [--runs 20] [--warmups 2] [--no-write]\n');
  process.exit(problem ? 5 : 0);
}

function commitOf(root) {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// the new kinds, on top of the generated schema

/** Table i (1-based) of n, as schema-fixture.js names it (kept in step with its tableOf). */
const NOUNS = [
  'customer',
  'order',
  'invoice',
  'payment',
  'product',
  'shipment',
  'account',
  'ticket',
  'employee',
  'contract',
  'supplier',
  'warehouse',
  'campaign',
  'session',
  'document',
  'project',
  'task',
  'asset',
  'subscription',
  'refund',
];
const SUFFIXES = ['items', 'events', 'notes', 'lines', 'history', 'links', 'tags', 'settings', 'stats', 'versions'];
function tableOf(i, n) {
  const schema = SCHEMA_NAMES[Math.floor(((i - 1) * schemaCount(n)) / n)];
  const name = `${NOUNS[i % NOUNS.length]}_${SUFFIXES[Math.floor(i / NOUNS.length) % SUFFIXES.length]}_${String(i).padStart(5, '0')}`;
  return { schema, name, q: `${schema}.${name}` };
}

/**
 * A few objects of every new kind. Per schema: USAGE to a role, default privileges, a composite type, a range type,
 * a collation, comments on its enum, domain, sequence and function. Per 10th table a SELECT grant; per 20th a column
 * grant; per 50th another owner, a storage parameter, replica identity full, a column's statistics target and
 * storage, identity options and a column comment; per 100th a rule; per 40th table's view (plain views only)
 * security_barrier and a column comment.
 */
export function newKindsSql(n) {
  const out = ['CREATE ROLE bench_reader NOLOGIN;', 'CREATE ROLE bench_owner NOLOGIN;'];
  for (const s of SCHEMA_NAMES.slice(0, schemaCount(n))) {
    out.push(
      `GRANT USAGE ON SCHEMA ${s} TO bench_reader;`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT SELECT ON TABLES TO bench_reader;`,
      `CREATE TYPE ${s}.postal_address AS (street text, city text, zip varchar(10), country char(2));`,
      `COMMENT ON TYPE ${s}.postal_address IS 'composite type of bench/kinds-cost.js';`,
      `CREATE TYPE ${s}.score_range AS RANGE (subtype = float8, subtype_diff = float8mi);`,
      `CREATE COLLATION ${s}.c_copy (provider = libc, locale = 'C');`,
      `COMMENT ON TYPE ${s}.status_kind IS 'lifecycle';`,
      `COMMENT ON DOMAIN ${s}.email IS 'an e-mail address';`,
      `COMMENT ON SEQUENCE ${s}.document_no_seq IS 'document numbers';`,
      `COMMENT ON FUNCTION ${s}.touch_updated_at() IS 'trigger function';`,
    );
  }
  for (let i = 1; i <= n; i++) {
    const t = tableOf(i, n);
    if (i % 10 === 0) out.push(`GRANT SELECT ON ${t.q} TO bench_reader;`);
    if (i % 20 === 0) out.push(`GRANT UPDATE (name) ON ${t.q} TO bench_reader;`);
    if (i % 50 === 0) {
      out.push(
        `ALTER TABLE ${t.q} OWNER TO bench_owner;`,
        `ALTER TABLE ${t.q} SET (fillfactor = 90, autovacuum_vacuum_scale_factor = 0.05);`,
        `ALTER TABLE ${t.q} REPLICA IDENTITY FULL;`,
        `ALTER TABLE ${t.q} ALTER COLUMN code SET STATISTICS 500;`,
        `ALTER TABLE ${t.q} ALTER COLUMN name SET STORAGE MAIN;`,
        `ALTER TABLE ${t.q} ALTER COLUMN id SET CACHE 20;`,
        `COMMENT ON COLUMN ${t.q}.name IS 'display name';`,
      );
    }
    if (i % 100 === 0) {
      out.push(
        `CREATE RULE ${t.name}_keep_archived AS ON DELETE TO ${t.q} WHERE old.status = 'archived' DO INSTEAD NOTHING;`,
        `COMMENT ON RULE ${t.name}_keep_archived ON ${t.q} IS 'archived rows stay';`,
      );
    }
    if (i % 40 === 0 && (i / 20) % 5 !== 0) {
      out.push(`ALTER VIEW ${t.schema}.${t.name}_overview SET (security_barrier = true);`, `COMMENT ON COLUMN ${t.schema}.${t.name}_overview.code IS 'business key';`);
    }
  }
  return out;
}

export async function addNewKinds(url, n) {
  const sql = newKindsSql(n);
  const t0 = performance.now();
  await withClient(url, async (c) => {
    await c.query(`BEGIN;\n${sql.join('\n')}\nCOMMIT;`);
    await c.query('VACUUM (ANALYZE)');
    await c.query('CHECKPOINT');
  });
  return { statements: sql.length, seconds: (performance.now() - t0) / 1000 };
}

// ---------------------------------------------------------------------------------------------------------------
// measurements

async function runSnapshot(root, url, out, cluster) {
  await settle();
  const server0 = clusterCpuMs(cluster);
  const { ms, stderr } = await runChild(process.execPath, ['--import', PROBE, join(root, 'bin', 'schema-doctor.js'), 'snapshot', '--url', url, '--out', out], { cwd: root });
  const line = stderr.split('\n').find((l) => l.startsWith('@@schema-doctor-bench '));
  if (!line) throw new Error(`no probe report from the snapshot child:\n${stderr.slice(-4000)}`);
  const p = JSON.parse(line.slice('@@schema-doctor-bench '.length));
  const firstQ = Math.min(...p.perQuery.map((q) => q[0]));
  const lastQ = Math.max(...p.perQuery.map((q) => q[1]));
  await settle(); // the backends have exited and been reaped
  const server1 = clusterCpuMs(cluster);
  const serverCpuMs = server0 == null || server1 == null ? null : server1 - server0;
  return {
    ms,
    serverCpuMs,
    totalCpuMs: serverCpuMs == null ? null : serverCpuMs + p.cpuMs,
    queries: p.queries,
    connections: p.connections,
    cpuMs: p.cpuMs,
    rssMb: p.maxRssKiB / 1024,
    catalogMs: lastQ - firstQ,
    exitAt: p.exit,
  };
}

async function connectAll(url, count) {
  const clients = [];
  for (let k = 0; k < count; k++) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    clients.push(c);
  }
  return clients;
}

/** introspect() as the CLI calls it (main connection + HELPERS), connections opened before the clock starts. */
async function introspectCli(introspect, url) {
  const [main, ...helpers] = await connectAll(url, 1 + HELPERS);
  try {
    const t0 = performance.now();
    await introspect(main, { helpers });
    return performance.now() - t0;
  } finally {
    await Promise.all([main, ...helpers].map((c) => c.end().catch(() => undefined)));
  }
}

/** introspect() on one connection, each statement timed (call → rows received and parsed). */
async function introspectTimed(introspect, url) {
  const [client] = await connectAll(url, 1);
  try {
    const statements = [];
    const recorder = {
      async query(text, values) {
        const t = performance.now();
        const r = await client.query(text, values);
        statements.push({ text, values, ms: performance.now() - t, rows: r.rows?.length ?? null });
        return r;
      },
    };
    const t0 = performance.now();
    await introspect(recorder, {});
    return { ms: performance.now() - t0, statements };
  } finally {
    await client.end().catch(() => undefined);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return { median: median(s), p25: percentile(s, 25), p75: percentile(s, 75), min: s[0], max: s.at(-1), n: s.length };
}

/** Per statement (by text), median time and rows over the runs. */
function perStatement(runs) {
  const byText = new Map();
  for (const run of runs) {
    for (const [k, st] of run.statements.entries()) {
      const sha1 = createHash('sha1').update(st.text).digest('hex');
      const e = byText.get(sha1) ?? { sha1, order: k, label: label(st), text: st.text, ms: [], rows: st.rows };
      e.ms.push(st.ms);
      byText.set(sha1, e);
    }
  }
  return [...byText.values()].map((e) => ({ ...e, median: median(e.ms) }));
}

function manifestSections(file) {
  const m = JSON.parse(readFileSync(file, 'utf8'));
  const out = {};
  for (const [k, v] of Object.entries(m)) if (v && typeof v === 'object') out[k] = Array.isArray(v) ? v.length : Object.keys(v).length;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// the run

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const startedAt = performance.now();
  const roots = { before: opts.before, after: opts.after };
  const commits = { before: commitOf(opts.before), after: opts.after === ROOT ? sourceState() : commitOf(opts.after) };
  const introspectOf = {
    before: (await import(pathToFileURL(join(opts.before, 'dist', 'catalog', 'introspect.js')).href)).introspect,
    after: (await import(pathToFileURL(join(opts.after, 'dist', 'catalog', 'introspect.js')).href)).introspect,
  };
  await withCluster('kinds', async (cluster, workDir, server) => {
    const n = opts.tables;
    process.stderr.write(`[N=${n}] creating database…`);
    const db = await createDatabase(cluster.url, n);
    const extra = await addNewKinds(db.url, n);
    process.stderr.write(` ${db.seconds.toFixed(1)} s + new kinds ${extra.statements} statements ${extra.seconds.toFixed(1)} s (${JSON.stringify(db.counts)})\n`);

    const out = { before: join(workDir, 'before.json'), after: join(workDir, 'after.json') };
    const snaps = { before: [], after: [] };
    const inCli = { before: [], after: [] };
    const inOne = { before: [], after: [] };
    const order = ['before', 'after'];

    for (let w = 0; w < opts.warmups; w++) {
      for (const side of order) {
        await runSnapshot(roots[side], db.url, out[side], cluster);
        await introspectCli(introspectOf[side], db.url);
        await introspectTimed(introspectOf[side], db.url);
      }
    }
    const cpu = cpus();
    const loadBefore = loadavg();
    for (let r = 0; r < opts.runs; r++) {
      for (const side of order) snaps[side].push(await runSnapshot(roots[side], db.url, out[side], cluster));
      process.stderr.write(`[run ${r + 1}/${opts.runs}] snapshot before ${fmtMs(snaps.before.at(-1).ms)}, after ${fmtMs(snaps.after.at(-1).ms)}\n`);
    }
    const loadMid = loadavg();
    for (let r = 0; r < opts.runs; r++) {
      for (const side of order) inCli[side].push(await introspectCli(introspectOf[side], db.url));
      for (const side of order) inOne[side].push(await introspectTimed(introspectOf[side], db.url));
      process.stderr.write(
        `[run ${r + 1}/${opts.runs}] introspect() 3 conns before ${fmtMs(inCli.before.at(-1))}, after ${fmtMs(inCli.after.at(-1))}; ` +
          `1 conn before ${fmtMs(inOne.before.at(-1).ms)}, after ${fmtMs(inOne.after.at(-1).ms)}\n`,
      );
    }
    const loadAfter = loadavg();

    for (const side of order) {
      const counts = new Set(snaps[side].map((s) => s.queries));
      if (counts.size !== 1) throw new Error(`statement count of ${side} differs between runs: ${[...counts].join(', ')}`);
    }
    const res = {};
    for (const side of order) {
      res[side] = {
        snapshot: stats(snaps[side].map((s) => s.ms)),
        catalog: stats(snaps[side].map((s) => s.catalogMs)),
        cpu: stats(snaps[side].map((s) => s.cpuMs)),
        serverCpu: snaps[side].some((s) => s.serverCpuMs == null) ? null : stats(snaps[side].map((s) => s.serverCpuMs)),
        totalCpu: snaps[side].some((s) => s.totalCpuMs == null) ? null : stats(snaps[side].map((s) => s.totalCpuMs)),
        rssMb: Math.max(...snaps[side].map((s) => s.rssMb)),
        queries: snaps[side][0].queries,
        connections: snaps[side][0].connections,
        inCli: stats(inCli[side]),
        inOne: stats(inOne[side].map((x) => x.ms)),
        catalogStatements: inOne[side][0].statements.filter((s) => isCatalog(s.text)).length,
        perStatement: perStatement(inOne[side]),
        manifestMb: statSync(out[side]).size / 2 ** 20,
        sections: manifestSections(out[side]),
      };
    }
    const ratio = (k) => res.after[k].median / res.before[k].median;
    const paired = (a, b) => median(a.map((x, i) => b[i] / x));
    const result = {
      n,
      db,
      extra,
      res,
      ratios: {
        snapshot: ratio('snapshot'),
        snapshotPaired: paired(
          snaps.before.map((s) => s.ms),
          snaps.after.map((s) => s.ms),
        ),
        catalog: ratio('catalog'),
        cpu: ratio('cpu'),
        serverCpu: res.before.serverCpu && res.after.serverCpu ? ratio('serverCpu') : null,
        totalCpu: res.before.totalCpu && res.after.totalCpu ? ratio('totalCpu') : null,
        inCli: ratio('inCli'),
        inOne: ratio('inOne'),
      },
      runs: { snapshot: snaps, inCli },
      load: { before: loadBefore, mid: loadMid, after: loadAfter },
      cpuModel: cpu[0]?.model ?? 'unknown',
      cores: cpu.length,
      machine: machine(),
      server,
      commits,
      roots,
      opts,
      date: isoNow(),
      totalSeconds: (performance.now() - startedAt) / 1000,
    };
    const text = render(result);
    process.stdout.write(`\n${text}\n`);
    if (opts.write) {
      writeResultsSection('kinds-cost.js', 'Cost of the new kinds (issue 13)', text, NOTES);
      process.stdout.write(`\nwrote ${join(BENCH_DIR, 'RESULTS.md')}\n`);
    }
  });
}

// ---------------------------------------------------------------------------------------------------------------
// report

const NOTES = `## Notes (cost of the new kinds)

(Hand-written analysis goes here; bench/kinds-cost.js keeps it when it rewrites the generated part above.)`;

const la = (l) => l.map((x) => x.toFixed(2)).join(' / ');
const pct = (r) => `${r >= 1 ? '+' : '−'}${Math.abs((r - 1) * 100).toFixed(1)} %`;
const row3 = (s) => `${fmtMs(s.median)} | ${fmtMs(s.p25)} – ${fmtMs(s.p75)}`;

function loadNote(r) {
  const worst = Math.max(r.load.before[0], r.load.mid[0], r.load.after[0]);
  if (worst > 2 * r.cores)
    return ` — **far above the ${r.cores} cores: other work was competing hard for the machine. The interleaving (A B A B …) gives both builds the same share of it, but every number is slower and noisier than on an idle machine.**`;
  if (worst > r.cores) return ` — somewhat above the ${r.cores} cores: other work was running; the interleaving (A B A B …) gives both builds the same share of it.`;
  return ' (at most the number of cores).';
}

function render(r) {
  const { before: b, after: a } = r.res;
  const met = r.ratios.snapshot <= TARGET;
  const cmd = `npm run bench:kinds -- ${process.argv.slice(2).join(' ')}`;
  const sectionKeys = [...new Set([...Object.keys(b.sections), ...Object.keys(a.sections)])].filter((k) => (b.sections[k] ?? 0) !== (a.sections[k] ?? 0));
  const afterSorted = [...a.perStatement].sort((x, y) => x.order - y.order);
  const matchedBefore = new Map(b.perStatement.map((s) => [s.sha1, s]));
  const stmtRows = afterSorted
    .filter((s) => isCatalog(s.text))
    .map((s) => {
      const old = matchedBefore.get(s.sha1);
      const sameLabel = old ? undefined : b.perStatement.find((x) => x.label === s.label && !a.perStatement.some((y) => y.sha1 === x.sha1));
      const status = old ? 'unchanged' : sameLabel ? 'changed' : 'new';
      const prev = old ?? sameLabel;
      return `| ${s.label} | ${status} | ${prev ? `${thousands(prev.rows)} · ${prev.median.toFixed(1)} ms` : '—'} | ${thousands(s.rows)} · ${s.median.toFixed(1)} ms | ${prev ? `${(s.median - prev.median) >= 0 ? '+' : '−'}${Math.abs(s.median - prev.median).toFixed(1)} ms` : `+${s.median.toFixed(1)} ms`} |`;
    });
  const gone = b.perStatement.filter((s) => isCatalog(s.text) && !a.perStatement.some((y) => y.sha1 === s.sha1) && !a.perStatement.some((y) => y.label === s.label));
  const sum = (xs) => xs.filter((s) => isCatalog(s.text)).reduce((t, s) => t + s.median, 0);
  return `Generated by \`bench/kinds-cost.js\` (\`npm run bench:kinds\`); the part between the markers is rewritten on each run.

- **Command:** \`${cmd}\` (after \`git worktree add /tmp/wt-base ba42a6a\`, \`ln -s "$PWD/node_modules" /tmp/wt-base/node_modules\`, \`npm run build\` there)
- **Date:** ${r.date}; benchmark wall time ${r.totalSeconds.toFixed(0)} s
- **Machine:** ${r.cores} cores (os.cpus(); nproc ${r.machine.nproc}), ${r.machine.memGiB} GiB memory, ${r.cpuModel}
- **Node:** ${r.machine.node}; **PostgreSQL:** ${r.server.serverVersion} (${r.server.binaries.source}), throwaway cluster from \`startCluster()\`, TCP on 127.0.0.1
- **Load average (1 / 5 / 15 min, os.loadavg()):** ${la(r.load.before)} before the measured runs, ${la(r.load.mid)} between the snapshot and the in-process runs, ${la(r.load.after)} after${loadNote(r)}
- **Before (A):** \`${r.roots.before}\`, built from ${r.commits.before}; **after (B):** \`${r.roots.after}\`, built from ${r.commits.after}
- **Runs:** ${r.opts.warmups} unmeasured warm-up(s) of each, then ${r.opts.runs} of each, A and B alternating (A B A B …)
- **Schema:** N = ${thousands(r.n)} tables from bench/schema-fixture.js (the generator of bench/introspect.js: ${Object.entries(r.db.counts)
    .map(([k, v]) => `${thousands(v)} ${k}`)
    .join(
      ', ',
    )}), plus ${r.extra.statements} statements of the new kinds (\`newKindsSql()\` in bench/kinds-cost.js: two roles; per schema USAGE, default privileges, a composite type, a range type, a collation, four comments; SELECT grants on every 10th table, a column grant on every 20th; on every 50th another owner, storage parameters, replica identity full, a statistics target, column storage, identity options, a column comment; a rule on every 100th; security_barrier and a column comment on every other plain view), then \`VACUUM (ANALYZE)\` and \`CHECKPOINT\`
- **Manifest sections that differ** (entries, before → after): ${sectionKeys.map((k) => `${k} ${b.sections[k] ?? 0} → ${a.sections[k] ?? 0}`).join(', ') || 'none'}; manifest ${b.manifestMb.toFixed(2)} MB → ${a.manifestMb.toFixed(2)} MB

## Results

| measure | before: median | before: p25 – p75 | after: median | after: p25 – p75 | after / before (medians) |
| --- | ---: | ---: | ---: | ---: | ---: |
| **snapshot wall time** (fresh \`node bin/schema-doctor.js snapshot\` child, spawn → exit) | ${row3(b.snapshot)} | ${row3(a.snapshot)} | **${r.ratios.snapshot.toFixed(3)}** (${pct(r.ratios.snapshot)}) |
| snapshot: first statement sent → last answer (in the child, probe.js) | ${row3(b.catalog)} | ${row3(a.catalog)} | ${r.ratios.catalog.toFixed(3)} |
| snapshot: child CPU time (user + system) | ${row3(b.cpu)} | ${row3(a.cpu)} | ${r.ratios.cpu.toFixed(3)} |
${
  b.serverCpu && a.serverCpu
    ? `| snapshot: server CPU time (the cluster's processes, /proc; 10 ms ticks) | ${row3(b.serverCpu)} | ${row3(a.serverCpu)} | ${r.ratios.serverCpu.toFixed(3)} |
| **snapshot: CPU time, child + server** (hardly depends on the load) | ${row3(b.totalCpu)} | ${row3(a.totalCpu)} | **${r.ratios.totalCpu.toFixed(3)}** (${pct(r.ratios.totalCpu)}) |`
    : '| snapshot: server CPU time | n/a | n/a | n/a | n/a | n/a |'
}
| in-process \`introspect()\`, 1 + ${HELPERS} connections (as the CLI) | ${row3(b.inCli)} | ${row3(a.inCli)} | ${r.ratios.inCli.toFixed(3)} |
| in-process \`introspect()\`, 1 connection, statements one after the other | ${row3(b.inOne)} | ${row3(a.inOne)} | ${r.ratios.inOne.toFixed(3)} |

- Median of the ${r.opts.runs} paired ratios (run i of B / run i of A) of the snapshot wall time: ${r.ratios.snapshotPaired.toFixed(3)}.
- SQL statements per snapshot (probe.js, all connections): before **${b.queries}** on ${b.connections} connections, after **${a.queries}** on ${a.connections} connections; catalog queries ${b.catalogStatements} → ${a.catalogStatements}.
- Peak RSS of the snapshot child: ${b.rssMb.toFixed(0)} MB → ${a.rssMb.toFixed(0)} MB.
- All snapshot runs (ms), A / B: ${r.runs.snapshot.before.map((s, i) => `${s.ms.toFixed(0)}/${r.runs.snapshot.after[i].ms.toFixed(0)}`).join(', ')}.

**Target (snapshot at ${thousands(r.n)} tables costs at most ${((TARGET - 1) * 100).toFixed(0)} % more): ${met ? 'met' : 'missed'} in wall time** — medians ${fmtMs(b.snapshot.median)} → ${fmtMs(a.snapshot.median)}, ${pct(r.ratios.snapshot)} (paired: ${pct(r.ratios.snapshotPaired)})${r.ratios.totalCpu != null ? `; **${r.ratios.totalCpu <= TARGET ? 'met' : 'missed'} in CPU time** (child + server), ${fmtMs(b.totalCpu.median)} → ${fmtMs(a.totalCpu.median)}, ${pct(r.ratios.totalCpu)}` : ''}.

## Per catalog statement (in-process, one connection; median of ${r.opts.runs} runs: rows · ms from query() to rows parsed)

| statement | vs before | before | after | difference |
| --- | --- | ---: | ---: | ---: |
${[...stmtRows, ...gone.map((s) => `| ${s.label} | only before | ${thousands(s.rows)} · ${s.median.toFixed(1)} ms | — | −${s.median.toFixed(1)} ms |`)].join('\n')}
| **sum of the catalog statements** | | **${sum(b.perStatement).toFixed(1)} ms** | **${sum(a.perStatement).toFixed(1)} ms** | **${(sum(a.perStatement) - sum(b.perStatement)).toFixed(1)} ms** |

"changed": the statement with the same label (its top-level FROM and WHERE) has a different text after.
`;
}

// Run as a script (not when another bench file imports newKindsSql()).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err) => {
    process.stderr.write(`bench/kinds-cost.js failed: ${err?.stack ?? err}\n`);
    process.exitCode = 1;
  });
}
