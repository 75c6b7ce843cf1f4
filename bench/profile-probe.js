// Why does the duplicates probe on a large table take as long as it does? A companion to bench/diagnose.js (part b).
// Run after a build: `node bench/profile-probe.js [--rows 10000000] [--runs 2]`. Prints markdown; writes nothing.
//
// On a throwaway cluster and the same table as bench/diagnose.js (bench/bench-util.js createProbeTable), it runs the
// exact probe SQL (duplicatesSql from dist/probes/probe-sql.js) in psql under different session settings, each
// --runs times: psql's \timing and the cluster's CPU time (all its processes, parallel workers included), and the plan
// of each variant (EXPLAIN). Then one EXPLAIN (ANALYZE, BUFFERS) of the default and of the fastest variant, for the
// spill figures. Settings are per session (SET), the way a probe could set them with SET LOCAL.
import { duplicatesSql } from '../dist/probes/probe-sql.js';
import { clusterCpuMs, createProbeTable, fmtMs, loadAverage, planOutline, psqlTimed, settle, thousands, withCluster } from './bench-util.js';
import { withClient } from './schema-fixture.js';

function parseArgs(argv) {
  const opts = { rows: 10_000_000, runs: 2 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => Number((a.includes('=') ? a.slice(a.indexOf('=') + 1) : (argv[++i] ?? '')).replace(/_/g, ''));
    if (a.startsWith('--rows')) opts.rows = v();
    else if (a.startsWith('--runs')) opts.runs = v();
    else {
      process.stderr.write('usage: node bench/profile-probe.js [--rows 10000000] [--runs 2]\n');
      process.exit(5);
    }
  }
  if (!Number.isInteger(opts.rows) || opts.rows < 1000 || !Number.isInteger(opts.runs) || opts.runs < 1) throw new Error('--rows ≥ 1000, --runs ≥ 1');
  return opts;
}

const VARIANTS = [
  { name: 'defaults (as diagnose runs it)', settings: [] },
  { name: 'jit = off', settings: ['SET jit = off'] },
  { name: 'max_parallel_workers_per_gather = 0', settings: ['SET max_parallel_workers_per_gather = 0'] },
  { name: 'enable_hashagg = off (sort + GroupAggregate)', settings: ['SET enable_hashagg = off'] },
  { name: 'work_mem = 64MB', settings: ["SET work_mem = '64MB'"] },
  { name: 'work_mem = 256MB', settings: ["SET work_mem = '256MB'"] },
  { name: 'work_mem = 256MB, max_parallel_workers_per_gather = 0', settings: ["SET work_mem = '256MB'", 'SET max_parallel_workers_per_gather = 0'] },
  { name: 'CREATE STATISTICS (ndistinct) ON a, b + ANALYZE, defaults', settings: [], before: ['CREATE STATISTICS big_a_b_nd (ndistinct) ON a, b FROM public.big', 'ANALYZE public.big'] },
];

const log = (s) => process.stderr.write(`${s}\n`);

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  await withCluster('profile-probe', async (cluster, workDir, server) => {
    log(`filling big with ${thousands(opts.rows)} rows…`);
    const t = await createProbeTable(cluster.url, opts.rows);
    log(`${t.seconds.toFixed(1)} s, ${t.size.s}`);
    const probe = duplicatesSql('public.big', ['a', 'b'], false);
    await psqlTimed(t.url, probe, workDir, 'warm'); // warm the OS cache
    const results = [];
    for (const v of VARIANTS) {
      if (v.before)
        await withClient(t.url, async (c) => {
          for (const s of v.before) await c.query(s);
        });
      const plan = await planOutline(t.url, probe, { settings: v.settings });
      const runs = [];
      for (let r = 0; r < opts.runs; r++) {
        await settle();
        const c0 = clusterCpuMs(cluster);
        const m = await psqlTimed(t.url, `${v.settings.map((s) => `${s};`).join('\n')}\n${probe}`, workDir, 'variant');
        await settle();
        runs.push({ ms: m.timingMs, cpu: clusterCpuMs(cluster) - c0, load: loadAverage() });
      }
      results.push({ ...v, plan, runs });
      log(`${v.name}: ${runs.map((r) => `${fmtMs(r.ms)} (CPU ${fmtMs(r.cpu)}, load ${r.load})`).join(', ')}`);
    }
    const bestOf = (r, k) => Math.min(...r.runs.map((x) => x[k]));
    const base = results[0];
    const out = [];
    out.push(
      `Duplicates probe on ${thousands(opts.rows)} rows (${t.size.s}; ${thousands(t.dupGroups)} duplicate groups), ${server.serverVersion}, ` +
        `best of ${opts.runs}; server CPU = all cluster processes.\n`,
    );
    out.push('| settings | time (best) | all runs | server CPU (best) | all runs | vs defaults (CPU) |');
    out.push('| --- | ---: | --- | ---: | --- | ---: |');
    for (const r of results) {
      out.push(
        `| ${r.name} | ${fmtMs(bestOf(r, 'ms'))} | ${r.runs.map((x) => fmtMs(x.ms)).join(' / ')} | ${fmtMs(bestOf(r, 'cpu'))} | ` +
          `${r.runs.map((x) => fmtMs(x.cpu)).join(' / ')} | ${(bestOf(r, 'cpu') / bestOf(base, 'cpu')).toFixed(2)}× |`,
      );
    }
    out.push('\nPlans (EXPLAIN):\n');
    for (const r of results) out.push(`${r.name}:\n\`\`\`\n${r.plan}\n\`\`\``);
    // Spill figures: EXPLAIN ANALYZE of the defaults (statistics dropped again) and of the cheapest variant.
    await withClient(t.url, (c) => c.query('DROP STATISTICS IF EXISTS big_a_b_nd').then(() => c.query('ANALYZE public.big')));
    const cheapest = results.slice(1, -1).reduce((a, b) => (bestOf(b, 'cpu') < bestOf(a, 'cpu') ? b : a));
    for (const r of [base, cheapest]) {
      out.push(`EXPLAIN (ANALYZE, BUFFERS, TIMING OFF), ${r.name}:\n\`\`\`\n${await planOutline(t.url, probe, { analyze: true, settings: r.settings })}\n\`\`\``);
    }
    process.stdout.write(`${out.join('\n')}\n`);
  });
}

main().catch((err) => {
  process.stderr.write(`bench/profile-probe.js failed: ${err?.stack ?? err}\n`);
  process.exitCode = 1;
});
