// Preloaded into the measured `schema-doctor snapshot` child (`node --import ./bench/probe.js bin/schema-doctor.js …`).
// It changes nothing the CLI does: it counts the SQL statements sent through pg.Client#query, times each one
// (call → promise settled, i.e. round trip plus row parsing in the driver), and on exit prints one line to stderr:
//   @@schema-doctor-bench {"queries":16,"maxRssKiB":…,"cpuMs":…,"connect":[t0,t1],"perQuery":[[start,end,rows,cpu0,cpu1],…],"exit":t}
// Times are performance.now() milliseconds (origin: process start); maxRssKiB is process.resourceUsage().maxRSS;
// cpuMs (and cpu0/cpu1, sampled when each statement is sent and answered) the process's user + system CPU time.
import pg from 'pg';

const perQuery = [];
let connect = null;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function probedQuery(...args) {
  const entry = [performance.now(), null, null, cpuMs(), null];
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
  const start = performance.now();
  const result = originalConnect.apply(this, args);
  if (result && typeof result.then === 'function') {
    result.then(
      () => (connect = [start, performance.now()]),
      () => undefined,
    );
  }
  return result;
};

process.on('exit', () => {
  const usage = process.resourceUsage();
  const report = {
    queries: perQuery.length,
    maxRssKiB: usage.maxRSS,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    connect,
    perQuery,
    exit: performance.now(),
  };
  process.stderr.write(`\n@@schema-doctor-bench ${JSON.stringify(report)}\n`);
});
