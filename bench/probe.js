// Preloaded into the measured `schema-doctor snapshot` child (`node --import ./bench/probe.js bin/schema-doctor.js …`).
// It changes nothing the CLI does: it counts the SQL statements sent through pg.Client#query on every connection,
// times each one (call → promise settled: round trip, server execution and row parsing in the driver), and on exit
// prints one line to stderr:
//   @@schema-doctor-bench {"queries":N,"connections":C,"maxRssKiB":…,"cpuMs":…,"connects":[[t0,t1],…],
//                          "perQuery":[[start,end,rows,cpu0,cpu1,sha1,connection,text start],…],"exit":t}
// Times are performance.now() milliseconds (origin: process start); maxRssKiB is process.resourceUsage().maxRSS;
// cpuMs (and cpu0/cpu1, sampled when each statement is sent and answered) the process's user + system CPU time;
// sha1 identifies the statement text (the benchmark matches it against the statements introspect() sends).
import { createHash } from 'node:crypto';
import pg from 'pg';

const perQuery = [];
const connects = [];
const connectionIds = new WeakMap();
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const textOf = (args) => (typeof args[0] === 'string' ? args[0] : (args[0]?.text ?? ''));

const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function probedQuery(...args) {
  const sha1 = createHash('sha1').update(textOf(args)).digest('hex');
  const entry = [performance.now(), null, null, cpuMs(), null, sha1, connectionIds.get(this) ?? -1, textOf(args).trim().slice(0, 60)];
  perQuery.push(entry);
  const result = originalQuery.apply(this, args);
  if (result && typeof result.then === 'function') {
    result.then(
      (r) => {
        entry[1] = performance.now();
        entry[2] = Array.isArray(r?.rows) ? r.rows.length : null;
        entry[4] = cpuMs();
      },
      () => {
        entry[1] = performance.now();
        entry[4] = cpuMs();
      },
    );
  }
  return result;
};

const originalConnect = pg.Client.prototype.connect;
pg.Client.prototype.connect = function probedConnect(...args) {
  connectionIds.set(this, connects.length);
  const entry = [performance.now(), null];
  connects.push(entry);
  const result = originalConnect.apply(this, args);
  if (result && typeof result.then === 'function') {
    result.then(
      () => (entry[1] = performance.now()),
      () => undefined,
    );
  }
  return result;
};

process.on('exit', () => {
  const usage = process.resourceUsage();
  const report = {
    queries: perQuery.length,
    connections: connects.length,
    maxRssKiB: usage.maxRSS,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    connects,
    perQuery,
    exit: performance.now(),
  };
  process.stderr.write(`\n@@schema-doctor-bench ${JSON.stringify(report)}\n`);
});
