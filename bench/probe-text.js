// Preloaded into measured CLI children by bench/diagnose.js (`node --import ./bench/probe-text.js bin/schema-doctor.js …`).
// It loads bench/probe.js (statement count, per-statement timings, peak RSS and CPU time, reported on exit as
// `@@schema-doctor-bench {…}`) and adds one more line on exit with the text of every statement, in the same order as
// probe.js's perQuery entries, so that a statement (e.g. a data probe) can be found by its text:
//   @@schema-doctor-bench-text ["BEGIN ISOLATION LEVEL …", …]
// Texts longer than 4,000 characters are cut. Like probe.js it changes nothing the CLI does.
import './probe.js';
import pg from 'pg';

const texts = [];
const probedQuery = pg.Client.prototype.query; // probe.js's wrapper: keep it in the chain so the indexes match
pg.Client.prototype.query = function textQuery(...args) {
  const first = args[0];
  const text = typeof first === 'string' ? first : typeof first?.text === 'string' ? first.text : String(first);
  texts.push(text.length > 4000 ? `${text.slice(0, 4000)}…` : text);
  return probedQuery.apply(this, args);
};

process.on('exit', () => {
  process.stderr.write(`\n@@schema-doctor-bench-text ${JSON.stringify({ timeOrigin: performance.timeOrigin, texts })}\n`);
});
