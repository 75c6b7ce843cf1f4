/**
 * pg_dump as the judge of completeness (test/completeness.test.ts): a database's schema as `pg_dump --schema-only`
 * prints it (owners and privileges included), normalised so that two dumps are equal exactly when the schemas are
 * equal in everything schema-doctor promises to compare. What the normalisation removes is what docs/coverage.md
 * lists as deliberately not compared, each with its reason; nothing else.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { trackingTables } from '../../dist/diff/bookkeeping.js';
import { quoteIdent } from '../../dist/model/ident.js';

/** The newest pg_dump on this machine (Debian's postgresql-client-N), or undefined. */
export function findPgDump(): { path: string; major: number } | undefined {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .map(Number)
        .filter((n) => Number.isInteger(n))
        .sort((a, b) => b - a)
    : [];
  for (const major of majors) {
    const path = `${root}/${major}/bin/pg_dump`;
    if (existsSync(path)) return { path, major };
  }
  return undefined;
}

/**
 * Options that leave out what the model deliberately does not read: tablespaces and table access methods (the
 * physical placement, not the schema), security labels (they need a label provider), publications and
 * subscriptions (census kinds, below), and schema-doctor's own bookkeeping schema.
 */
const DUMP_OPTIONS = ['--schema-only', '--no-tablespaces', '--no-table-access-method', '--no-security-labels', '--no-publications', '--no-subscriptions', '--exclude-schema=schema_doctor'];

export function pgDump(pgDumpPath: string, url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(pgDumpPath, [...DUMP_OPTIONS, '--dbname', url], { env: { PATH: process.env.PATH, LANG: 'C.UTF-8' }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`pg_dump failed: ${stderr || err.message}`));
      else resolve(stdout);
    });
  });
}

/**
 * Kinds of objects that schema-doctor names (the census, `unmodeled_objects`) but does not compare: their entries,
 * and the comments and privileges on them, are left out of the comparison. The census itself is checked by the
 * unmodeled tests, and `diagnose --strict` makes them drift.
 */
const CENSUS_TYPES = [
  'CAST',
  'OPERATOR',
  'OPERATOR CLASS',
  'OPERATOR FAMILY',
  'AGGREGATE',
  'TEXT SEARCH CONFIGURATION',
  'TEXT SEARCH DICTIONARY',
  'TEXT SEARCH PARSER',
  'TEXT SEARCH TEMPLATE',
  'STATISTICS',
  'PROCEDURAL LANGUAGE',
  'TRANSFORM',
  'FOREIGN DATA WRAPPER',
  'SERVER',
  'FOREIGN TABLE',
  'EVENT TRIGGER',
  'CONVERSION',
  'ACCESS METHOD',
  'USER MAPPING',
  'BLOB',
  'LARGE OBJECT',
];

/** One TOC entry of the dump: its header (`Name: …; Type: …; Schema: …`) and its statements. */
interface Entry {
  name: string;
  type: string;
  schema: string;
  body: string;
}

/** Splits a plain-format dump at its `-- Name: …; Type: …` headers; the preamble (SET …) is dropped. */
export function dumpEntries(dump: string): Entry[] {
  const entries: Entry[] = [];
  const header = /^-- (?:Data for )?Name: (.*); Type: (.*); Schema: (.*); Owner: .*$/;
  let current: Entry | undefined;
  for (const line of dump.split('\n')) {
    const m = header.exec(line);
    if (m) {
      current = { name: m[1]!, type: m[2]!, schema: m[3]!, body: '' };
      entries.push(current);
      continue;
    }
    // \restrict and \unrestrict carry a random key (pg_dump 15.14+): not part of the schema.
    if (!current || line.startsWith('--') || line.trim() === '' || /^\\(un)?restrict /.test(line)) continue;
    current.body += `${line}\n`;
  }
  return entries;
}

const isCensus = (e: Entry) => CENSUS_TYPES.includes(e.type) || ((e.type === 'COMMENT' || e.type === 'ACL') && CENSUS_TYPES.some((t) => e.name.startsWith(`${t} `)));

/**
 * The normalised dump: census entries left out, the columns of each CREATE TABLE in name order (column order is not
 * compared: ADD COLUMN cannot place a column), `CLUSTER ON` left out (a maintenance choice, not compared), and the
 * entries sorted (pg_dump breaks ties between objects by oid).
 */
export function normalizeDump(dump: string, options: { live?: boolean } = {}): string {
  const entries = dumpEntries(dump).filter((e) => !isCensus(e));
  const kept = options.live ? withoutTrackingTables(entries) : entries;
  return kept
    .map((e) => `-- ${e.type} ${e.schema === '-' ? '' : `${e.schema}.`}${e.name}\n${normalizeBody(e.body)}`)
    .filter((text) => !/^-- [^\n]*\n$/.test(text))
    .sort()
    .join('\n');
}

/**
 * The live side only: migration tools' own tracking tables (knex_migrations, flyway_schema_history, …), the
 * sequences they own and the `drizzle` schema are never unexpected (src/diff/bookkeeping.ts), so a live database
 * that has them still matches a manifest that does not. The other way round (the manifest has them) is drift.
 */
function withoutTrackingTables(entries: Entry[]): Entry[] {
  const names = [...trackingTables()].flatMap((t) => ['public', 'drizzle'].map((s) => `${s}.${quoteIdent(t)}`));
  const owned = entries
    .flatMap((e) => [...e.body.matchAll(/^ALTER SEQUENCE (\S+) OWNED BY (\S+)\.[^.]+;$/gm)])
    .filter((m) => names.includes(m[2]!))
    .map((m) => m[1]!);
  const refs = [...names, ...owned].map((n) => new RegExp(`(^|[\\s(])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([\\s(;,]|$)`, 'm'));
  return entries.filter((e) => !(e.schema === 'drizzle' || (e.type === 'SCHEMA' && e.name === 'drizzle') || refs.some((r) => r.test(e.body))));
}

function normalizeBody(body: string): string {
  return body.replace(/^ALTER TABLE (ONLY )?\S+ CLUSTER ON \S+;\n/gm, '').replace(
    /^(CREATE (?:UNLOGGED )?TABLE [^\n]* \(\n)([\s\S]*?)(\n\)[^;]*;)$/gm,
    (_all, head: string, columns: string, tail: string) =>
      head +
      columns
        .split('\n')
        .map((c) => c.replace(/,$/, ''))
        .sort()
        .join(',\n') +
      tail,
  );
}
