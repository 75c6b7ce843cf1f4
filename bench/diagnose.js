// Benchmark: `schema-doctor diagnose`, on one throwaway local PostgreSQL cluster. Run after a build:
//   npm run build && node bench/diagnose.js [--tables 5000] [--rows 10000000] [--runs 3] [--only schema|probe]
//                                           [--work-mem 64MB] [--probe-timeout 30s] [--no-write]
//
// (a) No drift at scale: a generated schema of --tables tables (bench/schema-fixture.js, as bench/introspect.js), its
//     own manifest written by `snapshot`, then `diagnose --url … --expected m.json --format json` (expect 0 findings):
//     wall time (best of --runs after one warm-up, interleaved with `snapshot` for reference), peak RSS and the
//     number of SQL statements (bench/probe.js, preloaded through bench/probe-text.js).
// (b) The duplicates probe on a large table: `big(id, a, b, n, ts)` with --rows rows, 1% of them repeating the (a, b)
//     of another row, against an expected schema that adds UNIQUE (a, b) (`--expected expected.sql`). Measured, best
//     of --runs, interleaved: the whole `diagnose` (and, inside it, the probe statement as node-postgres sees it), the
//     bare `SELECT a, b, count(*) FROM big GROUP BY a, b HAVING count(*) > 1` in psql, and the exact probe SQL
//     (duplicatesSql from dist/probes/probe-sql.js) in psql. psql times are its `\timing` (server + transfer).
//
// It prints the numbers and rewrites its own section of bench/RESULTS.md (the notes after the generated part stay).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { duplicatesSql } from '../dist/probes/probe-sql.js';
import {
  PROBE_BARE_SQL,
  clusterCpuMs,
  createProbeTable,
  fmtMs,
  planOutline,
  isoNow,
  loadAverage,
  machine,
  psqlTimed,
  runCli,
  settingsLine,
  settle,
  sourceState,
  thousands,
  withCluster,
  writeResultsSection,
} from './bench-util.js';
import { createDatabase, label, withClient } from './schema-fixture.js';

const TARGET_PROBE_RATIO = 1.2;
const SETTINGS = ['work_mem', 'hash_mem_multiplier', 'max_parallel_workers_per_gather', 'jit', 'shared_buffers', 'fsync'];
const BARE_SQL = PROBE_BARE_SQL;

function parseArgs(argv) {
  const opts = { tables: 5000, rows: 10_000_000, runs: 3, only: null, workMem: null, probeTimeout: null, write: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    const int = (v, min) => {
      const n = Number(v.replace(/_/g, ''));
      if (!Number.isInteger(n) || n < min) usage(`${a} takes an integer ≥ ${min}`);
      return n;
    };
    if (a === '--tables' || a.startsWith('--tables=')) opts.tables = int(value(), 2);
    else if (a === '--rows' || a.startsWith('--rows=')) opts.rows = int(value(), 1000);
    else if (a === '--runs' || a.startsWith('--runs=')) opts.runs = int(value(), 1);
    else if (a === '--only' || a.startsWith('--only=')) {
      opts.only = value();
      if (!['schema', 'probe'].includes(opts.only)) usage('--only takes schema or probe');
    } else if (a === '--work-mem' || a.startsWith('--work-mem=')) opts.workMem = value();
    else if (a === '--probe-timeout' || a.startsWith('--probe-timeout=')) opts.probeTimeout = value();
    else if (a === '--no-write') opts.write = false;
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument ${a}`);
  }
  return opts;
}

function usage(problem) {
  if (problem) process.stderr.write(`bench/diagnose.js: ${problem}\n`);
  process.stderr.write('usage: node bench/diagnose.js [--tables 5000] [--rows 10000000] [--runs 3] [--only schema|probe] [--work-mem 64MB] [--probe-timeout 30s] [--no-write]\n');
  process.exit(problem ? 5 : 0);
}

const log = (s) => process.stderr.write(`${s}\n`);
const best = (xs) => (xs.some((x) => x == null) ? null : Math.min(...xs));

// ---------------------------------------------------------------------------------------------------------------
// (a) 0 findings on a large schema

async function benchSchema(cluster, opts, workDir) {
  log(`\n[schema] creating ${thousands(opts.tables)} tables…`);
  const db = await createDatabase(cluster.url, opts.tables);
  log(`[schema] ${db.seconds.toFixed(1)} s (${JSON.stringify(db.counts)})`);
  const manifest = join(workDir, 'm.json');
  const snapArgs = ['snapshot', '--url', db.url, '--out', manifest];
  const diagArgs = ['diagnose', '--url', db.url, '--expected', manifest, '--format', 'json'];
  await runCli(snapArgs); // writes the manifest; unmeasured, like the diagnose warm-up below
  await runCli(diagArgs);
  const load = [loadAverage()];
  const diags = [];
  const snaps = [];
  for (let r = 0; r < opts.runs; r++) {
    const d = await runCli(diagArgs);
    const report = JSON.parse(d.stdout);
    diags.push({ ...d, findings: report.findings.length, summary: report.summary });
    snaps.push(await runCli(snapArgs));
    log(
      `[schema] run ${r + 1}/${opts.runs}: diagnose ${fmtMs(d.ms)} (${report.findings.length} findings, ${d.probe.queries} statements, ` +
        `${(d.probe.maxRssKiB / 1024).toFixed(0)} MB peak RSS); snapshot ${fmtMs(snaps.at(-1).ms)}`,
    );
  }
  load.push(loadAverage());
  const counts = new Set(diags.map((d) => d.probe.queries));
  const bestRun = diags.reduce((a, b) => (b.ms < a.ms ? b : a));
  const p = bestRun.probe;
  const firstQ = p.perQuery[0]?.[0] ?? 0;
  const lastQ = Math.max(...p.perQuery.map((q) => q[1]));
  return {
    tables: opts.tables,
    db,
    diagnoseMs: bestRun.ms,
    diagnoseRuns: diags.map((d) => d.ms),
    snapshotMs: best(snaps.map((s) => s.ms)),
    snapshotRuns: snaps.map((s) => s.ms),
    findings: [...new Set(diags.map((d) => d.findings))],
    exitCodes: [...new Set(diags.map((d) => d.code))],
    queries: [...counts],
    statements: p.texts.map(statementLabel),
    peakRssMb: Math.max(...diags.map((d) => d.probe.maxRssKiB)) / 1024,
    snapshotPeakRssMb: Math.max(...snaps.map((s) => s.probe.maxRssKiB)) / 1024,
    cpuMs: best(diags.map((d) => d.probe.cpuMs)),
    breakdown: { beforeFirstQuery: firstQ, queries: lastQ - firstQ, afterLastQuery: p.exit - lastQ, exit: bestRun.ms - p.exit },
    load,
  };
}

/** bench/schema-fixture.js's label() for catalog queries; anything else by its first line, shortened. */
function statementLabel(text) {
  const l = label({ text }).replace(/SNAPSHOT '[^']*'/, "SNAPSHOT '…'");
  if (!l.startsWith('?')) return l;
  const line = text
    .trim()
    .split('\n')[0]
    .replace(/'[^']*'/g, "'…'");
  return line.length > 50 ? `${line.slice(0, 50)}…` : line;
}

// ---------------------------------------------------------------------------------------------------------------
// (b) the duplicates probe on a large table

async function benchProbe(cluster, opts, workDir) {
  log(`\n[probe] filling big with ${thousands(opts.rows)} rows (${thousands(Math.floor(opts.rows / 100))} of them repeat the (a, b) of the row before)…`);
  const { url, seconds: fillSeconds, size, dupGroups } = await createProbeTable(cluster.url, opts.rows);
  log(`[probe] ${fillSeconds.toFixed(1)} s, ${size.s}`);

  const expected = join(workDir, 'expected.sql');
  writeFileSync(
    expected,
    `CREATE TABLE public.big (
  id bigint,
  a integer,
  b integer,
  n integer,
  ts timestamp with time zone,
  CONSTRAINT big_a_b_key UNIQUE (a, b)
);
`,
  );
  const probeSql = duplicatesSql('public.big', ['a', 'b'], false);
  const diagArgs = ['diagnose', '--url', url, '--expected', expected, '--format', 'json', ...(opts.probeTimeout ? ['--probe-timeout', opts.probeTimeout] : [])];
  const plans = { bare: await planOutline(url, BARE_SQL), probe: await planOutline(url, probeSql) };

  log('[probe] warm-up: bare GROUP BY in psql…');
  const warm = await psqlTimed(url, BARE_SQL, workDir, 'bare');
  log(`[probe] warm-up ${fmtMs(warm.timingMs)}`);
  const load = [loadAverage()];
  const runs = [];
  // Server CPU (all of the cluster's processes, parallel workers included) around each measurement.
  const serverCpu = async (fn) => {
    await settle();
    const c0 = clusterCpuMs(cluster);
    const out = await fn();
    await settle();
    const c1 = clusterCpuMs(cluster);
    return { ...out, serverCpuMs: c0 == null || c1 == null ? null : c1 - c0 };
  };
  for (let r = 0; r < opts.runs; r++) {
    const d = await serverCpu(() => runCli(diagArgs, { okCodes: [0, 2] }));
    const report = JSON.parse(d.stdout);
    const finding = report.findings.find((f) => f.blockers?.some((b) => b.kind === 'duplicates'));
    const blocker = finding?.blockers.find((b) => b.kind === 'duplicates');
    const idx = d.probe.texts.findIndex((t) => t.startsWith('WITH dup AS'));
    const q = idx >= 0 ? d.probe.perQuery[idx] : null;
    const bare = await serverCpu(() => psqlTimed(url, BARE_SQL, workDir, 'bare'));
    const exact = await serverCpu(() => psqlTimed(url, probeSql, workDir, 'probe'));
    runs.push({
      diagnoseMs: d.ms,
      code: d.code,
      findings: report.findings.map((f) => `${f.kind} ${f.object}`),
      blocker,
      probeMs: q && blocker?.status === 'ok' ? q[1] - q[0] : null,
      probeTextMatches: idx >= 0 ? d.probe.texts[idx] === probeSql : false,
      statements: d.probe.queries,
      peakRssMb: d.probe.maxRssKiB / 1024,
      diagnoseServerCpuMs: d.serverCpuMs,
      bareServerCpuMs: bare.serverCpuMs,
      exactServerCpuMs: exact.serverCpuMs,
      bareMs: bare.timingMs,
      bareWallMs: bare.wallMs,
      exactMs: exact.timingMs,
      exactWallMs: exact.wallMs,
    });
    const x = runs.at(-1);
    log(
      `[probe] run ${r + 1}/${opts.runs}: diagnose ${fmtMs(x.diagnoseMs)} (probe ${blocker ? `${blocker.status}${blocker.count != null ? `, count ${blocker.count}, surplus ${blocker.surplusRows}` : `, ${blocker.reason}`}` : 'missing'}` +
        `, ${fmtMs(x.probeMs)}; server CPU ${fmtMs(x.diagnoseServerCpuMs)}); bare GROUP BY ${fmtMs(x.bareMs)} (wall ${fmtMs(x.bareWallMs)}, server CPU ${fmtMs(x.bareServerCpuMs)}); ` +
        `probe SQL in psql ${fmtMs(x.exactMs)} (wall ${fmtMs(x.exactWallMs)}, server CPU ${fmtMs(x.exactServerCpuMs)})`,
    );
  }
  load.push(loadAverage());
  return {
    rows: opts.rows,
    dupGroups,
    fillSeconds,
    size,
    plans,
    runs,
    load,
    probeSql,
    warmMs: warm.timingMs,
    best: {
      diagnoseMs: best(runs.map((r) => r.diagnoseMs)),
      probeMs: runs.some((r) => r.probeMs != null) ? Math.min(...runs.filter((r) => r.probeMs != null).map((r) => r.probeMs)) : null,
      bareMs: best(runs.map((r) => r.bareMs)),
      bareWallMs: best(runs.map((r) => r.bareWallMs)),
      exactMs: best(runs.map((r) => r.exactMs)),
      exactWallMs: best(runs.map((r) => r.exactWallMs)),
      diagnoseServerCpuMs: best(runs.map((r) => r.diagnoseServerCpuMs)),
      bareServerCpuMs: best(runs.map((r) => r.bareServerCpuMs)),
      exactServerCpuMs: best(runs.map((r) => r.exactServerCpuMs)),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// report

function schemaText(s) {
  if (!s) return '(not run: --only probe)';
  const c = s.db.counts;
  return (
    `Schema: ${thousands(c.tables)} tables, ${thousands(c.columns)} columns, ${thousands(c.indexes)} indexes, ${thousands(c.views)} views, ` +
    `${thousands(c.functions)} functions, ${thousands(c.triggers)} triggers, ${thousands(c.enums)} enums (bench/schema-fixture.js; DDL + vacuum ${s.db.seconds.toFixed(1)} s).

| command | best of ${s.diagnoseRuns.length} | all runs | peak RSS | SQL statements | client CPU (best) | findings | exit code |
| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |
| \`diagnose --expected m.json --format json\` | ${fmtMs(s.diagnoseMs)} | ${s.diagnoseRuns.map(fmtMs).join(' / ')} | ${s.peakRssMb.toFixed(0)} MB | ${s.queries.join(', ')} | ${fmtMs(s.cpuMs)} | ${s.findings.join(', ')} | ${s.exitCodes.join(', ')} |
| \`snapshot --out m.json\` (reference) | ${fmtMs(s.snapshotMs)} | ${s.snapshotRuns.map(fmtMs).join(' / ')} | ${s.snapshotPeakRssMb.toFixed(0)} MB | | | | |

Best diagnose run: ${fmtMs(s.breakdown.beforeFirstQuery)} node start, imports, reading the manifest and connecting (until the first statement), ` +
    `${fmtMs(s.breakdown.queries)} from the first statement sent to the last answered, ${fmtMs(s.breakdown.afterLastQuery)} diff and report after it, ` +
    `${fmtMs(s.breakdown.exit)} process exit. Statements: ${s.statements.join(' · ')}.

Load average: ${s.load.map((x) => x?.toFixed(1)).join(' → ')}.`
  );
}

function probeText(p, opts) {
  if (!p) return '(not run: --only schema)';
  const b = p.best;
  const all = (x, k) => x.runs.map((r) => fmtMs(r[k])).join(' / ');
  const ratio = (x, y) => (x != null && y != null ? `${(x / y).toFixed(2)}×` : 'n/a');
  const statuses = [
    ...new Set(
      p.runs.map((r) =>
        r.blocker
          ? r.blocker.status === 'ok'
            ? `ok: ${thousands(r.blocker.count)} duplicate groups, ${thousands(r.blocker.surplusRows)} surplus rows`
            : `${r.blocker.status}: ${r.blocker.reason}`
          : 'no duplicates blocker',
      ),
    ),
  ];
  return `Table: \`big(id bigint, a int, b int, n int, ts timestamptz)\`, ${thousands(p.rows)} rows, ${p.size.s}, no index; ${thousands(p.dupGroups)} (a, b) keys occur twice
(1% of the rows). Filled with one \`INSERT … SELECT … FROM generate_series\`, then \`VACUUM (ANALYZE)\` and \`CHECKPOINT\`: ${p.fillSeconds.toFixed(1)} s.
ANALYZE's n_distinct: a ${p.size.nd_a}, b ${p.size.nd_b} (the planner's estimate of the number of (a, b) groups is in the plans below; the true number is ${thousands(p.rows - p.dupGroups)}).
Expected schema: the same table with \`CONSTRAINT big_a_b_key UNIQUE (a, b)\`, as \`expected.sql\` (replayed by diagnose on an embedded PostgreSQL).
${opts.probeTimeout ? `Probe timeout: ${opts.probeTimeout}.` : 'Probe timeout: the default (30 s).'}

Probe outcome in diagnose: ${statuses.join('; ')}. The SQL diagnose sent ${p.runs.every((r) => r.probeTextMatches) ? 'is identical to' : '**differs from**'} \`duplicatesSql('public.big', ['a', 'b'], false)\`.

| measurement | time, best of ${p.runs.length} | all runs | ratio to the bare GROUP BY | server CPU, best | all runs | CPU ratio |
| --- | ---: | --- | ---: | ---: | --- | ---: |
| bare \`${BARE_SQL}\`, psql \`\\timing\` | ${fmtMs(b.bareMs)} | ${all(p, 'bareMs')} | 1.00× | ${fmtMs(b.bareServerCpuMs)} | ${all(p, 'bareServerCpuMs')} | 1.00× |
| the same, psql process wall time | ${fmtMs(b.bareWallMs)} | ${all(p, 'bareWallMs')} | | | | |
| exact probe SQL (\`duplicatesSql\`), psql \`\\timing\` | ${fmtMs(b.exactMs)} | ${all(p, 'exactMs')} | ${ratio(b.exactMs, b.bareMs)} | ${fmtMs(b.exactServerCpuMs)} | ${all(p, 'exactServerCpuMs')} | ${ratio(b.exactServerCpuMs, b.bareServerCpuMs)} |
| the same, psql process wall time | ${fmtMs(b.exactWallMs)} | ${all(p, 'exactWallMs')} | | | | |
| **probe statement inside diagnose** (node-postgres, query → answer) | **${fmtMs(b.probeMs)}** | ${all(p, 'probeMs')} | **${ratio(b.probeMs, b.bareMs)}** | | | |
| whole \`diagnose --expected expected.sql --format json\` (server CPU: its introspection and the probe) | ${fmtMs(b.diagnoseMs)} | ${all(p, 'diagnoseMs')} | | ${fmtMs(b.diagnoseServerCpuMs)} | ${all(p, 'diagnoseServerCpuMs')} | ${ratio(b.diagnoseServerCpuMs, b.bareServerCpuMs)} |

Server CPU is the user + system time of all the cluster's processes (backend, parallel workers, background processes)
from just before to just after the measured client, read from /proc: it counts the work, not the waiting for a CPU,
so it is the steadier number when the machine is busy.

Warm-up (unmeasured) bare GROUP BY: ${fmtMs(p.warmMs)}. diagnose sent ${[...new Set(p.runs.map((r) => r.statements))].join(', ')} statements (including the replay of
expected.sql on the embedded server) and peaked at ${Math.max(...p.runs.map((r) => r.peakRssMb)).toFixed(0)} MB RSS.
Load average: ${p.load.map((x) => x?.toFixed(1)).join(' → ')}.

Plans (EXPLAIN, estimates):

\`\`\`
bare GROUP BY:
${p.plans.bare}

probe:
${p.plans.probe}
\`\`\``;
}

function verdicts(s, p) {
  const out = [];
  const cpuRatio = (x, y) => (x != null && y ? `${(x / y).toFixed(2)}×` : 'n/a');
  if (s) {
    const zero = s.findings.length === 1 && s.findings[0] === 0;
    out.push(
      `- **0 findings on its own manifest at ${thousands(s.tables)} tables: ${zero ? 'yes' : `**no** (${s.findings.join(', ')})`}**; diagnose ${fmtMs(s.diagnoseMs)} ` +
        `(snapshot of the same database ${fmtMs(s.snapshotMs)}), ${s.peakRssMb.toFixed(0)} MB peak RSS, ${s.queries.join('/')} SQL statements.`,
    );
  }
  if (p) {
    const r = p.best.probeMs != null && p.best.bareMs != null ? p.best.probeMs / p.best.bareMs : null;
    out.push(
      r == null
        ? '- **Probe ratio: not measured** — the probe did not return a count in diagnose (see the outcome above).'
        : `- **Probe ≤ ${TARGET_PROBE_RATIO}× the bare GROUP BY: ${r <= TARGET_PROBE_RATIO ? 'met' : 'missed'}** — ${fmtMs(p.best.probeMs)} against ${fmtMs(p.best.bareMs)} (${r.toFixed(2)}×); ` +
            `the exact probe SQL alone in psql: ${fmtMs(p.best.exactMs)} (${(p.best.exactMs / p.best.bareMs).toFixed(2)}×). Server CPU (best): bare ${fmtMs(p.best.bareServerCpuMs)}, ` +
            `probe SQL ${fmtMs(p.best.exactServerCpuMs)} (${cpuRatio(p.best.exactServerCpuMs, p.best.bareServerCpuMs)}), whole diagnose, introspection included, ` +
            `${fmtMs(p.best.diagnoseServerCpuMs)} (${cpuRatio(p.best.diagnoseServerCpuMs, p.best.bareServerCpuMs)}).`,
    );
  }
  return out.join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = performance.now();
  await withCluster('bench-diagnose', async (cluster, workDir, server) => {
    if (opts.workMem) {
      await withClient(cluster.url, async (c) => {
        await c.query(`ALTER SYSTEM SET work_mem = '${opts.workMem.replace(/'/g, "''")}'`);
        await c.query('SELECT pg_reload_conf()');
      });
    }
    const settings = await settingsLine(cluster.url, SETTINGS);
    const schema = opts.only === 'probe' ? null : await benchSchema(cluster, opts, workDir);
    const probe = opts.only === 'schema' ? null : await benchProbe(cluster, opts, workDir);
    const info = machine();
    const args = process.argv.slice(2);
    const totalSeconds = (performance.now() - started) / 1000;
    const generated = `- **Command:** \`node bench/diagnose.js${args.length ? ` ${args.join(' ')}` : ''}\` (after \`npm run build\`)
- **Date:** ${isoNow()}; benchmark wall time ${totalSeconds.toFixed(0)} s
- **Machine:** ${info.nproc} CPUs (nproc), ${info.memGiB} GiB memory, ${info.cpu}
- **Node:** ${info.node}; **PostgreSQL:** ${server.serverVersion} (${server.binaries.source}); **psql:** ${info.psql}
- **Source measured:** dist/ built from ${sourceState()}
- **Cluster:** throwaway local cluster from \`startCluster()\` (fsync off, shared_buffers 128MB), TCP on 127.0.0.1; ${settings}

## (a) diagnose with no drift, ${thousands(opts.tables)} tables

${schemaText(schema)}

## (b) the duplicates probe on ${thousands(opts.rows)} rows

${probeText(probe, opts)}

## Against the targets

${verdicts(schema, probe)}`;
    process.stdout.write(`\n${generated}\n`);
    if (opts.write) {
      writeResultsSection(
        'diagnose.js',
        'Benchmark results: diagnose (no drift at scale; the duplicates probe)',
        generated,
        '## Notes (diagnose)\n\n(Hand-written interpretation goes here; bench/diagnose.js keeps it when it rewrites the generated part above.)',
      );
      process.stdout.write('\nwrote bench/RESULTS.md (diagnose section)\n');
    }
  });
}

main().catch((err) => {
  process.stderr.write(`bench/diagnose.js failed: ${err?.stack ?? err}\n`);
  process.exitCode = 1;
});
