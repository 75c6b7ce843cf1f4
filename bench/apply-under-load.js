// Benchmark: `schema-doctor apply` on a large table while pgbench writes to it. Run after a build:
//   npm run build && node bench/apply-under-load.js [--rows 10000000] [--rate 200] [--clients 4] [--lead 5] [--tail 3]
//                                                  [--only naive|online] [--no-index] [--no-write]
//
// On one throwaway local PostgreSQL cluster: `big(id bigint PRIMARY KEY, a int, b int, n int, ts timestamptz)` with
// --rows rows whose (a, b) are all distinct, and an expected schema (expected.sql) that also has
// `CONSTRAINT big_a_b_key UNIQUE (a, b)` and `INDEX big_ts_idx (ts)` (--no-index: only the constraint). No duplicates,
// so no policy is needed. For each strategy, in one run:
//   naive:  apply --online-threshold 999999999999: ALTER TABLE … ADD CONSTRAINT … UNIQUE and CREATE INDEX inside the
//           apply transaction (the constraint under ACCESS EXCLUSIVE, until COMMIT);
//   online: apply --online-threshold 0: CREATE UNIQUE INDEX CONCURRENTLY, CREATE INDEX CONCURRENTLY, then
//           ALTER TABLE … ADD CONSTRAINT … UNIQUE USING INDEX in a short transaction.
// pgbench (a client; /usr/lib/postgresql/15/bin/pgbench) runs a custom script (an UPDATE of a random row and an
// INSERT of a new row, in one transaction) at --rate transactions/s over --clients connections with a per-transaction
// log (-l). It starts --lead seconds before `apply --yes --degraded …` and is stopped --tail seconds after apply exits
// (its backends are terminated, so pgbench ends and closes its log; -T bounds it in any case). From the log: write
// latency p50/p99/max before (baseline) and during the repair, where latency is pgbench's (from the transaction's
// scheduled start to its end, so time spent queued behind a blocked transaction counts) and execution time is that
// minus the schedule lag. The table is reset (constraint and index dropped, VACUUM) between the strategies.
//
// It prints the numbers and rewrites its own section of bench/RESULTS.md (the notes after the generated part stay).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fmtMs, isoNow, loadAverage, machine, percentile, runChild, runCli, settingsLine, sourceState, thousands, withCluster, writeResultsSection } from './bench-util.js';
import { dbUrl, withClient } from './schema-fixture.js';

const PGBENCH = '/usr/lib/postgresql/15/bin/pgbench';
const TARGET_STALL_MS = 250;
const STALL_MS = 250;
const DEFAULT_ONLINE_THRESHOLD = 16 * 1024 * 1024;
const STRATEGIES = {
  naive: { threshold: '999999999999', what: 'ADD CONSTRAINT … UNIQUE (and CREATE INDEX) inside the apply transaction' },
  online: { threshold: '0', what: 'CREATE UNIQUE INDEX CONCURRENTLY (and CREATE INDEX CONCURRENTLY), then ADD CONSTRAINT … USING INDEX' },
};
const SETTINGS = ['work_mem', 'maintenance_work_mem', 'max_parallel_maintenance_workers', 'shared_buffers', 'fsync', 'synchronous_commit'];

function parseArgs(argv) {
  const opts = { rows: 10_000_000, rate: 200, clients: 4, lead: 5, tail: 3, maxSeconds: 900, only: null, index: true, write: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    const num = (v, min) => {
      const n = Number(v.replace(/_/g, ''));
      if (!Number.isFinite(n) || n < min) usage(`${a} takes a number ≥ ${min}`);
      return n;
    };
    if (a === '--rows' || a.startsWith('--rows=')) opts.rows = Math.round(num(value(), 1000));
    else if (a === '--rate' || a.startsWith('--rate=')) opts.rate = num(value(), 1);
    else if (a === '--clients' || a.startsWith('--clients=')) opts.clients = Math.round(num(value(), 1));
    else if (a === '--lead' || a.startsWith('--lead=')) opts.lead = num(value(), 1);
    else if (a === '--tail' || a.startsWith('--tail=')) opts.tail = num(value(), 2);
    else if (a === '--max-seconds' || a.startsWith('--max-seconds=')) opts.maxSeconds = Math.round(num(value(), 30));
    else if (a === '--only' || a.startsWith('--only=')) {
      opts.only = value();
      if (!(opts.only in STRATEGIES)) usage('--only takes naive or online');
    } else if (a === '--no-index') opts.index = false;
    else if (a === '--no-write') opts.write = false;
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument ${a}`);
  }
  return opts;
}

function usage(problem) {
  if (problem) process.stderr.write(`bench/apply-under-load.js: ${problem}\n`);
  process.stderr.write(
    'usage: node bench/apply-under-load.js [--rows 10000000] [--rate 200] [--clients 4] [--lead 5] [--tail 3] [--max-seconds 900] [--only naive|online] [--no-index] [--no-write]\n',
  );
  process.exit(problem ? 5 : 0);
}

const log = (s) => process.stderr.write(`${s}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------------------
// setup

async function setup(clusterUrl, opts, workDir) {
  const url = dbUrl(clusterUrl, 'bench_load');
  await withClient(clusterUrl, async (c) => {
    await c.query('DROP DATABASE IF EXISTS bench_load');
    await c.query('CREATE DATABASE bench_load');
  });
  log(`\n[setup] filling big with ${thousands(opts.rows)} rows, all (a, b) distinct…`);
  const t0 = performance.now();
  await withClient(url, async (c) => {
    await c.query('CREATE TABLE public.big (id bigint, a integer, b integer, n integer, ts timestamptz)');
    await c.query(`INSERT INTO public.big (id, a, b, n, ts)
      SELECT g, g % 3001, g / 3001, (g % 1000)::int, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second'
      FROM generate_series(1, ${opts.rows}::bigint) g`);
    await c.query('ALTER TABLE public.big ADD CONSTRAINT big_pkey PRIMARY KEY (id)');
    await c.query('VACUUM (ANALYZE) public.big');
    await c.query('CHECKPOINT');
  });
  const seconds = (performance.now() - t0) / 1000;
  const size = await withClient(
    url,
    async (c) =>
      (
        await c.query(
          `SELECT pg_relation_size('public.big')::bigint AS bytes, pg_size_pretty(pg_relation_size('public.big')) AS heap,
            pg_size_pretty(pg_indexes_size('public.big')) AS indexes`,
        )
      ).rows[0],
  );
  log(`[setup] ${seconds.toFixed(1)} s; heap ${size.heap}, indexes ${size.indexes}`);

  const expected = join(workDir, 'expected.sql');
  writeFileSync(
    expected,
    `CREATE TABLE public.big (
  id bigint,
  a integer,
  b integer,
  n integer,
  ts timestamp with time zone,
  CONSTRAINT big_pkey PRIMARY KEY (id),
  CONSTRAINT big_a_b_key UNIQUE (a, b)
);
${opts.index ? 'CREATE INDEX big_ts_idx ON public.big (ts);\n' : ''}`,
  );

  // Existing rows have 0 ≤ a ≤ 3000 and b ≥ 0; inserted rows have a > 3000 and b < 0, drawn at random from about
  // 2^62 pairs, so the new constraint never fails on them (nor the primary key on their ids).
  const script = join(workDir, 'load.sql');
  writeFileSync(
    script,
    `\\set id random(1, :rows)
\\set nid random(100000000000, 9000000000000000000)
\\set a random(3001, 2147483647)
\\set b random(-2147483648, -1)
BEGIN;
UPDATE public.big SET n = n + 1, ts = now() WHERE id = :id;
INSERT INTO public.big (id, a, b, n, ts) VALUES (:nid, :a, :b, 0, now());
END;
`,
  );
  return { url, expected, script, seconds, size };
}

async function reset(url) {
  await withClient(url, async (c) => {
    await c.query('ALTER TABLE public.big DROP CONSTRAINT IF EXISTS big_a_b_key');
    await c.query('DROP INDEX IF EXISTS public.big_a_b_key');
    await c.query('DROP INDEX IF EXISTS public.big_ts_idx');
    await c.query('DROP SCHEMA IF EXISTS schema_doctor CASCADE');
    await c.query('VACUUM (ANALYZE) public.big');
    await c.query('CHECKPOINT');
  });
}

// ---------------------------------------------------------------------------------------------------------------
// pgbench

/** Per-transaction log lines: `client_id transaction_no time script_no time_epoch time_us [schedule_lag]`. */
function readPgbenchLog(workDir, prefix) {
  const files = readdirSync(workDir).filter((f) => f.startsWith(`${prefix}.`));
  if (files.length === 0) throw new Error(`pgbench wrote no per-transaction log (${prefix}.*) in ${workDir}`);
  const txns = [];
  let other = 0;
  for (const f of files) {
    for (const line of readFileSync(join(workDir, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const p = line.trim().split(/\s+/);
      const latencyUs = Number(p[2]);
      if (p.length < 6 || !Number.isFinite(latencyUs)) {
        other++;
        continue;
      }
      const endMs = Number(p[4]) * 1000 + Number(p[5]) / 1000;
      const lagUs = p.length >= 7 && Number.isFinite(Number(p[6])) ? Number(p[6]) : 0;
      txns.push({ client: Number(p[0]), endMs, latencyMs: latencyUs / 1000, execMs: (latencyUs - lagUs) / 1000, lagMs: lagUs / 1000 });
    }
  }
  txns.sort((x, y) => x.endMs - y.endMs);
  return { txns, other, files };
}

/** Latency statistics of the transactions that overlap [from, to] (epoch ms). */
function windowStats(txns, from, to) {
  const inWin = txns.filter((t) => t.endMs >= from && t.endMs - t.latencyMs <= to);
  const lat = inWin.map((t) => t.latencyMs).sort((a, b) => a - b);
  const exec = inWin.map((t) => t.execMs).sort((a, b) => a - b);
  // The longest time with no transaction completing, inside the window.
  const ends = [from, ...txns.filter((t) => t.endMs > from && t.endMs < to).map((t) => t.endMs), to];
  let gap = 0;
  for (let i = 1; i < ends.length; i++) gap = Math.max(gap, ends[i] - ends[i - 1]);
  return {
    count: inWin.length,
    p50: percentile(lat, 50),
    p99: percentile(lat, 99),
    max: lat.at(-1) ?? null,
    execP50: percentile(exec, 50),
    execP99: percentile(exec, 99),
    execMax: exec.at(-1) ?? null,
    over: lat.filter((x) => x > STALL_MS).length,
    gapMs: gap,
    seconds: (to - from) / 1000,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// one strategy

const STEP_LINE = /^(applied|skipped|failed|not_executed)\s+(\S+)\s\s(.*?)(?: \(([^()]*)\))?$/;

function stepsOf(stdout) {
  return stdout
    .split('\n')
    .map((l) => STEP_LINE.exec(l))
    .filter(Boolean)
    .map((m) => {
      const ms = /(\d+) ms/.exec(m[4] ?? '')?.[1];
      return { status: m[1], id: m[2], summary: m[3], ms: ms === undefined ? null : Number(ms) };
    });
}

/**
 * From the apply child's statement log: the span in which the table was locked against writes. A statement that
 * takes a lock stronger than ROW EXCLUSIVE on big (ALTER TABLE … ADD CONSTRAINT, CREATE INDEX without CONCURRENTLY)
 * starts it; the COMMIT or ROLLBACK that ends its transaction ends it. Epoch ms.
 */
function lockSpans(probe) {
  const spans = [];
  let open = null;
  // Only plan execution: it starts with the bookkeeping DDL (before it: the replay of expected.sql, the analysis).
  const first = probe.texts.findIndex((x) => x.startsWith('CREATE SCHEMA IF NOT EXISTS schema_doctor'));
  probe.texts.forEach((text, i) => {
    if (first < 0 || i < first) return;
    const [start, end] = probe.perQuery[i];
    const t = text.trim();
    const strong = /ALTER TABLE public\.big ADD CONSTRAINT/.test(t) || /^CREATE (UNIQUE )?INDEX (?!CONCURRENTLY)/.test(t);
    if (strong && !open) open = { from: probe.timeOrigin + start, what: [] };
    if (strong) open.what.push(/ADD CONSTRAINT \S+ UNIQUE USING INDEX/.test(t) ? 'ADD CONSTRAINT … USING INDEX' : /ADD CONSTRAINT/.test(t) ? 'ADD CONSTRAINT … UNIQUE' : 'CREATE INDEX');
    if (open && /^(COMMIT|ROLLBACK)\b/.test(t)) {
      spans.push({ ...open, to: probe.timeOrigin + end });
      open = null;
    }
  });
  return spans;
}

/** A short name for a statement apply sent. */
function statementKind(text) {
  const t = text.trim();
  if (t.startsWith('WITH dup AS')) return 'the duplicates probe';
  if (/^CREATE UNIQUE INDEX CONCURRENTLY/.test(t)) return 'CREATE UNIQUE INDEX CONCURRENTLY';
  if (/^CREATE INDEX CONCURRENTLY/.test(t)) return 'CREATE INDEX CONCURRENTLY';
  if (/ADD CONSTRAINT \S+ UNIQUE USING INDEX/.test(t)) return 'ADD CONSTRAINT … USING INDEX';
  if (/ADD CONSTRAINT/.test(t)) return 'ADD CONSTRAINT … UNIQUE';
  if (/^CREATE (UNIQUE )?INDEX/.test(t)) return 'CREATE INDEX';
  if (/^CREATE TABLE public\.big/.test(t)) return 'the replay of expected.sql (embedded server)';
  if (/^SELECT[\s\S]*\bFROM pg_/.test(t)) return 'a catalog read';
  return t.split('\n')[0].slice(0, 40);
}

/**
 * Where apply's time went, from its statement log (epoch ms): start → the probe, the probe, the probe → the first
 * step, plan execution, after it (verification, the run record, exit).
 */
function applyPhases(apply) {
  const p = apply.probe;
  const at = (i, k) => p.timeOrigin + p.perQuery[i][k];
  const probe = p.texts.findIndex((x) => x.startsWith('WITH dup AS'));
  const first = p.texts.findIndex((x) => x.startsWith('CREATE SCHEMA IF NOT EXISTS schema_doctor'));
  let last = -1;
  p.texts.forEach((x, i) => {
    if (first >= 0 && i > first && /^COMMIT\b/.test(x.trim())) last = i;
  });
  if (probe < 0 || first < 0 || last < 0) return null;
  return {
    beforeProbe: at(probe, 0) - apply.startedAt,
    probe: at(probe, 1) - at(probe, 0),
    probeToSteps: at(first, 0) - at(probe, 1),
    execution: at(last, 1) - at(first, 0),
    after: apply.endedAt - at(last, 1),
    executionSpan: { from: at(first, 0), to: at(last, 1) },
    probeSpan: { from: at(probe, 0), to: at(probe, 1) },
  };
}

/** What apply was doing while the slowest write of the window was waiting: the statement overlapping it most. */
function worstWrite(txns, apply) {
  const inWin = txns.filter((t) => t.endMs >= apply.startedAt && t.endMs - t.latencyMs <= apply.endedAt);
  const worst = inWin.reduce((a, b) => (b.latencyMs > (a?.latencyMs ?? -1) ? b : a), null);
  if (!worst) return null;
  const from = worst.endMs - worst.latencyMs;
  const p = apply.probe;
  // Every statement kind that overlaps the wait by at least a fifth of it (or the single largest overlap).
  const overlaps = [];
  p.texts.forEach((text, i) => {
    const overlap = Math.min(p.timeOrigin + p.perQuery[i][1], worst.endMs) - Math.max(p.timeOrigin + p.perQuery[i][0], from);
    if (overlap > 0) overlaps.push({ overlap, kind: statementKind(text) });
  });
  const big = overlaps.filter((o) => o.overlap >= worst.latencyMs / 5);
  const chosen = big.length > 0 ? big : overlaps.sort((a, b) => b.overlap - a.overlap).slice(0, 1);
  const what = chosen.length > 0 ? [...new Set(chosen.map((o) => o.kind))].join(' + ') : 'no statement (apply was between statements or not yet connected)';
  return { latencyMs: worst.latencyMs, execMs: worst.execMs, atS: (from - apply.startedAt) / 1000, what };
}

async function runStrategy(name, _clusterUrl, env, opts, workDir) {
  const s = STRATEGIES[name];
  const prefix = `pgbench-${name}`;
  let pgbench;
  const pgbenchArgs = [
    '-n',
    '-f',
    env.script,
    '-D',
    `rows=${opts.rows}`,
    '-R',
    String(opts.rate),
    '-c',
    String(opts.clients),
    '-j',
    '1',
    '-T',
    String(opts.maxSeconds),
    '-l',
    `--log-prefix=${join(workDir, prefix)}`,
    '-P',
    '1',
    env.url,
  ];
  log(`\n[${name}] pgbench ${pgbenchArgs.slice(0, -1).join(' ')} URL`);
  const loadBefore = loadAverage();
  const bench = runChild(PGBENCH, pgbenchArgs, { cwd: workDir, okCodes: [0, 1, 2], onSpawn: (c) => (pgbench = c) });
  env.stopLoad = () => pgbench?.exitCode === null && pgbench.kill('SIGTERM');
  const benchStart = Date.now();
  try {
    await sleep(opts.lead * 1000);
    const applyArgs = ['apply', '--yes', '--degraded', '--expected', env.expected, '--url', env.url, '--online-threshold', s.threshold];
    log(`[${name}] schema-doctor ${applyArgs.join(' ').replace(env.url, 'URL')}`);
    const apply = await runCli(applyArgs);
    log(`[${name}] apply ${fmtMs(apply.ms)}`);
    await sleep(opts.tail * 1000);
    // Terminating pgbench's sessions ends its clients ("aborted"); pgbench then exits and closes its log.
    const stopAt = Date.now();
    await withClient(env.url, (c) => c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pgbench' AND datname = 'bench_load'`));
    const done = await Promise.race([bench, sleep(15000).then(() => null)]);
    if (!done) throw new Error('pgbench did not exit after its sessions were terminated');
    const { txns, other, files } = readPgbenchLog(workDir, prefix);
    const lastEnd = txns.at(-1)?.endMs ?? 0;
    const complete = lastEnd >= apply.endedAt + 1000;
    if (!complete) log(`[${name}] warning: the pgbench log ends ${((stopAt - lastEnd) / 1000).toFixed(1)} s before pgbench was stopped`);
    const spans = lockSpans(apply.probe);
    const phases = applyPhases(apply);
    const stepsSpan = phases?.executionSpan;
    const state = await withClient(
      env.url,
      async (c) =>
        (
          await c.query(`
      SELECT (SELECT count(*) FROM pg_constraint WHERE conrelid = 'public.big'::regclass AND conname = 'big_a_b_key' AND contype = 'u')::int AS constraints,
             (SELECT count(*) FROM pg_index WHERE indrelid = 'public.big'::regclass AND indisvalid)::int AS valid_indexes,
             (SELECT count(*) FROM pg_index WHERE indrelid = 'public.big'::regclass AND NOT indisvalid)::int AS invalid_indexes`)
        ).rows[0],
    );
    const result = {
      name,
      what: s.what,
      threshold: s.threshold,
      applyMs: apply.ms,
      applyOut: apply.stdout,
      steps: stepsOf(apply.stdout),
      verified: /Applied and verified/.test(apply.stdout),
      state,
      spans: spans.map((x) => ({ ...x, ms: x.to - x.from, stats: windowStats(txns, x.from, x.to) })),
      execution: stepsSpan && { ms: stepsSpan.to - stepsSpan.from, stats: windowStats(txns, stepsSpan.from, stepsSpan.to) },
      phases,
      probeWrites: phases && windowStats(txns, phases.probeSpan.from, phases.probeSpan.to),
      worst: worstWrite(txns, apply),
      baseline: windowStats(txns, benchStart + 1000, apply.startedAt),
      repair: windowStats(txns, apply.startedAt, apply.endedAt),
      total: txns.length,
      otherLines: other,
      logFiles: files.length,
      complete,
      pgbenchTail: done.stderr
        .split('\n')
        .filter((l) => /^(progress|number of|latency|tps|pgbench:)/.test(l))
        .slice(-6)
        .join('\n'),
      load: [loadBefore, loadAverage()],
    };
    const r = result.repair;
    log(
      `[${name}] ${txns.length} transactions logged; during apply (${r.seconds.toFixed(1)} s, ${r.count} txns): latency p50 ${fmtMs(r.p50)}, p99 ${fmtMs(r.p99)}, ` +
        `max ${fmtMs(r.max)}; > ${STALL_MS} ms: ${r.over}; longest gap without a completed write ${fmtMs(r.gapMs)}`,
    );
    if (result.worst) log(`[${name}] slowest write: ${fmtMs(result.worst.latencyMs)}, started ${result.worst.atS.toFixed(1)} s into apply, during ${result.worst.what}`);
    for (const sp of result.spans) log(`[${name}] writes locked out by ${sp.what.join(' + ')} for ${fmtMs(sp.ms)} (max latency in that span ${fmtMs(sp.stats.max)})`);
    return result;
  } finally {
    env.stopLoad();
    env.stopLoad = undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// report

function strategyTable(results) {
  const rows = [
    '| strategy | apply wall time | plan execution (first step → last COMMIT) | writes locked out (strong lock → COMMIT) | writes during apply | latency p50 · p99 · max | execution time p50 · p99 · max | writes > 250 ms | longest gap without a completed write |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of results) {
    const x = r.repair;
    rows.push(
      `| ${r.name} (\`--online-threshold ${r.threshold}\`) | ${fmtMs(r.applyMs)} | ${r.execution ? fmtMs(r.execution.ms) : 'n/a'} | ` +
        `${r.spans.map((s) => `${fmtMs(s.ms)} (${s.what.join(' + ')})`).join('; ') || 'none'} | ${thousands(x.count)} | ` +
        `${fmtMs(x.p50)} · ${fmtMs(x.p99)} · **${fmtMs(x.max)}** | ${fmtMs(x.execP50)} · ${fmtMs(x.execP99)} · ${fmtMs(x.execMax)} | ${x.over} | ${fmtMs(x.gapMs)} |`,
    );
  }
  return rows.join('\n');
}

function phasesTable(results) {
  const rows = [
    '| strategy | apply wall time | start → probe (node, replay of expected.sql, catalog read) | duplicates probe | probe → first step (plan) | plan execution | after (verify, record, exit) | write latency p99 · max during the probe | during plan execution | slowest write: latency · started · during |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const r of results) {
    const p = r.phases;
    const w = r.worst;
    rows.push(
      `| ${r.name} | ${fmtMs(r.applyMs)} | ${p ? [p.beforeProbe, p.probe, p.probeToSteps, p.execution, p.after].map(fmtMs).join(' | ') : 'n/a | n/a | n/a | n/a | n/a'} | ` +
        `${r.probeWrites ? `${fmtMs(r.probeWrites.p99)} · ${fmtMs(r.probeWrites.max)}` : 'n/a'} | ${r.execution ? `${fmtMs(r.execution.stats.p99)} · ${fmtMs(r.execution.stats.max)}` : 'n/a'} | ` +
        `${w ? `${fmtMs(w.latencyMs)} · ${w.atS.toFixed(1)} s into apply · ${w.what}` : 'n/a'} |`,
    );
  }
  return rows.join('\n');
}

function baselineLine(results) {
  return results
    .map(
      (r) =>
        `${r.name}: ${thousands(r.baseline.count)} writes in ${r.baseline.seconds.toFixed(1)} s, latency p50 ${fmtMs(r.baseline.p50)}, ` + `p99 ${fmtMs(r.baseline.p99)}, max ${fmtMs(r.baseline.max)}`,
    )
    .join('; ');
}

function stepsText(results) {
  return results
    .map(
      (r) =>
        `- ${r.name}: ${r.steps.map((s) => `${s.id} ${s.summary} — ${s.status}${s.ms != null ? `, ${fmtMs(s.ms)}` : ''}`).join('; ')}. ` +
        `${r.verified ? 'Applied and verified' : '**not verified**'}; afterwards big_a_b_key ${r.state.constraints === 1 ? 'exists' : '**is missing**'}, ` +
        `${r.state.valid_indexes} valid / ${r.state.invalid_indexes} invalid indexes on big. pgbench log: ${thousands(r.total)} transactions` +
        `${r.otherLines ? `, ${r.otherLines} other lines` : ''}${r.complete ? '' : ' (**the log ends before the end of the window**)'}; load average ${r.load.map((x) => x?.toFixed(1)).join(' → ')}.`,
    )
    .join('\n');
}

function verdicts(results, env) {
  const out = [];
  const online = results.find((r) => r.name === 'online');
  const naive = results.find((r) => r.name === 'naive');
  const bytes = Number(env.size.bytes);
  out.push(
    `- Default strategy for this table: the heap is ${env.size.heap} (${thousands(bytes)} bytes), ${bytes >= DEFAULT_ONLINE_THRESHOLD ? 'at least' : '**below**'} the default ` +
      `\`--online-threshold\` of 16 MB, so a plain \`apply\` takes the ${bytes >= DEFAULT_ONLINE_THRESHOLD ? 'online' : 'naive'} path.`,
  );
  if (online) {
    const max = online.repair.max;
    out.push(
      `- **Online strategy stalls writes ≤ ${TARGET_STALL_MS} ms: ${max != null && max <= TARGET_STALL_MS ? 'met' : 'missed'}** — worst write latency during the repair ` +
        `${fmtMs(max)} (p99 ${fmtMs(online.repair.p99)}, ${online.repair.over} writes over ${STALL_MS} ms, longest gap without a completed write ${fmtMs(online.repair.gapMs)}).`,
    );
  }
  if (naive) {
    out.push(
      `- Naive strategy (for comparison): worst write latency ${fmtMs(naive.repair.max)}, ${naive.repair.over} writes over ${STALL_MS} ms; ` +
        `writes were locked out for ${naive.spans.map((s) => fmtMs(s.ms)).join(' + ') || 'no measurable time'}.`,
    );
  }
  return out.join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const env = {};
  await withCluster(
    'bench-apply',
    async (cluster, workDir, server) => {
      const settings = await settingsLine(cluster.url, SETTINGS);
      Object.assign(env, await setup(cluster.url, opts, workDir));
      const results = [];
      const names = opts.only ? [opts.only] : ['naive', 'online'];
      for (const [k, name] of names.entries()) {
        if (k > 0) {
          log(`\n[reset] dropping big_a_b_key${opts.index ? ' and big_ts_idx' : ''}, VACUUM (ANALYZE)…`);
          await reset(env.url);
        }
        results.push(await runStrategy(name, cluster.url, env, opts, workDir));
      }
      const info = machine();
      const args = process.argv.slice(2);
      const totalSeconds = (performance.now() - started) / 1000;
      const generated = `- **Command:** \`node bench/apply-under-load.js${args.length ? ` ${args.join(' ')}` : ''}\` (after \`npm run build\`)
- **Date:** ${isoNow()}; benchmark wall time ${totalSeconds.toFixed(0)} s
- **Machine:** ${info.nproc} CPUs (nproc), ${info.memGiB} GiB memory, ${info.cpu}
- **Node:** ${info.node}; **PostgreSQL:** ${server.serverVersion} (${server.binaries.source}); **pgbench:** ${PGBENCH}
- **Source measured:** dist/ built from ${sourceState()}
- **Cluster:** throwaway local cluster from \`startCluster()\` (fsync off, synchronous_commit off), TCP on 127.0.0.1; ${settings}
- **Table:** \`big(id bigint PRIMARY KEY, a int, b int, n int, ts timestamptz)\`, ${thousands(opts.rows)} rows, all (a, b) distinct; heap ${env.size.heap}, indexes ${env.size.indexes}
  (filled with \`INSERT … SELECT … FROM generate_series\`, primary key, \`VACUUM (ANALYZE)\`: ${env.seconds.toFixed(1)} s)
- **Drift repaired:** missing \`CONSTRAINT big_a_b_key UNIQUE (a, b)\`${opts.index ? ' and missing `INDEX big_ts_idx (ts)`' : ''}; expected schema in \`expected.sql\`
- **Load:** \`pgbench -n -f load.sql -R ${opts.rate} -c ${opts.clients} -j 1 -l -P 1\`, each transaction \`UPDATE big SET n = n + 1, ts = now() WHERE id = <random>\` +
  \`INSERT INTO big … VALUES (<new row>)\`; started ${opts.lead} s before apply, stopped ${opts.tail} s after it
- **Apply:** \`node bin/schema-doctor.js apply --yes --degraded --expected expected.sql --url URL --online-threshold T\` (default lock timeout 5 s)

## Writes during the repair

${strategyTable(results)}

"During the repair" is every pgbench transaction overlapping the apply process (spawn → exit), which includes apply's
catalog reads, its duplicates probe over the whole table and its verification. Latency is pgbench's: from the
transaction's scheduled start (\`-R\`) to its end, so a write that queued behind a blocked one counts its wait;
execution time leaves out that schedule lag. "Writes locked out" is, from apply's own statement log, the time from
sending the first statement that takes a lock stronger than ROW EXCLUSIVE on big to the end of the COMMIT of its
transaction.

Before apply (baseline): ${baselineLine(results)}.

Where apply's time went (from its own statement log) and what it was doing while the slowest write waited:

${phasesTable(results)}

Steps (from apply's output):

${stepsText(results)}

## Against the targets

${verdicts(results, env)}`;
      process.stdout.write(`\n${generated}\n`);
      if (opts.write) {
        writeResultsSection(
          'apply-under-load.js',
          'Benchmark results: apply under write load',
          generated,
          '## Notes (apply under load)\n\n(Hand-written interpretation goes here; bench/apply-under-load.js keeps it when it rewrites the generated part above.)',
        );
        process.stdout.write('\nwrote bench/RESULTS.md (apply-under-load section)\n');
      }
    },
    { onCleanup: () => env.stopLoad?.() },
  );
}

main().catch((err) => {
  process.stderr.write(`bench/apply-under-load.js failed: ${err?.stack ?? err}\n`);
  process.exitCode = 1;
});
