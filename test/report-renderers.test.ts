/**
 * Report renderers (`diagnose --format …`) on hand-built reports: golden files for every format, the JSON report
 * against docs/report.schema.json, SARIF against a hand-written subset of the SARIF 2.1.0 schema, and the escaping
 * rules of each format (terminal, Markdown, workflow commands, XML).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../dist/diff/finding.js';
import type { DiagnoseReport, MigrationStatus } from '../dist/report/report.js';
import { FORMATS, renderReport, type Format } from '../dist/report/render.js';
import { renderGithub } from '../dist/report/render-github.js';
import { renderJson } from '../dist/report/render-json.js';
import { renderJunit } from '../dist/report/render-junit.js';
import { renderMarkdown } from '../dist/report/render-markdown.js';
import { KIND_DESCRIPTIONS, buildSarif, renderSarif } from '../dist/report/render-sarif.js';
import { plainStyle, renderTable, type Style } from '../dist/report/render-table.js';

// ---------------------------------------------------------------------------------------------------------------
// Reports

function report(findings: Finding[], migrations?: MigrationStatus, ignored = 0): DiagnoseReport {
  const blockers = findings.filter((f) => f.blockers?.some((b) => b.status === 'ok' && (b.count ?? 0) > 0)).length;
  const unknownProbes = findings.reduce((n, f) => n + (f.blockers?.filter((b) => b.status === 'unknown').length ?? 0), 0);
  const migrationDrift = migrations ? migrations.unapplied.length + migrations.missingFiles.length + migrations.checksumMismatches.length : 0;
  return {
    formatVersion: 1,
    tool: { name: 'schema-doctor', version: '0.1.0' },
    database: 'app@db.internal:5432/reader',
    expected: 'expected-schema/manifest.json',
    findings,
    ignored,
    ...(migrations && { migrations }),
    summary: {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      blockers,
      unknownProbes,
    },
    failed: findings.length > 0 || migrationDrift > 0,
  };
}

const clean = report([], {
  tool: 'knex',
  table: 'public.knex_migrations',
  unapplied: [],
  missingFiles: [],
  checksumMismatches: [],
});

const BVS = 'public.book_view_statistics';
const VIEW_EXPECTED = [
  ' SELECT b.id AS book_id,',
  '    b.title,',
  '    sum(s.view_count) AS views,',
  '    count(DISTINCT s.view_type) AS view_types,',
  '    max(s.last_viewed_at) AS last_viewed_at',
  '   FROM books b',
  '     JOIN book_view_statistics s ON s.book_id = b.id',
  "  WHERE s.view_type::text = 'card_view'::text",
  '  GROUP BY b.id, b.title',
  '  ORDER BY (sum(s.view_count)) DESC;',
].join('\n');

const incident = report(
  [
    {
      id: `missing_constraint:${BVS}.book_view_statistics_book_id_view_type_unique`,
      kind: 'missing_constraint',
      severity: 'error',
      objectType: 'constraint',
      object: `${BVS}.book_view_statistics_book_id_view_type_unique`,
      table: BVS,
      expected: 'UNIQUE (book_id, view_type)',
      hint: 'INSERT … ON CONFLICT (book_id, view_type) fails without it (SQLSTATE 42P10); merge the duplicates, then add the constraint.',
      blockers: [
        {
          kind: 'duplicates',
          target: 'UNIQUE (book_id, view_type)',
          status: 'ok',
          count: 3,
          surplusRows: 4,
          sample: [
            ['2d788f76-312d-4653-a804-50b23612aa8d', 'card_view'],
            ['2d788f76-312d-4653-a804-50b23612aa8d', 'reader_open'],
            ['33333333-3333-4333-8333-333333333333', 'card_view'],
          ],
        },
      ],
      migration: '0007_add_unique_constraint_book_view_statistics.sql',
    },
    {
      id: `column_default_differs:${BVS}.view_count`,
      kind: 'column_default_differs',
      severity: 'error',
      objectType: 'column',
      object: `${BVS}.view_count`,
      table: BVS,
      expected: '0',
      actual: '1',
      hint: 'New rows start from a different count; ALTER COLUMN … SET DEFAULT changes no existing row.',
    },
    {
      id: `unexpected_index:${BVS}.book_view_statistics_view_type_idx`,
      kind: 'unexpected_index',
      severity: 'warning',
      objectType: 'index',
      object: `${BVS}.book_view_statistics_view_type_idx`,
      table: BVS,
      actual: `CREATE INDEX book_view_statistics_view_type_idx ON ${BVS} USING btree (view_type)`,
      hint: 'Not in the expected schema: add it to a migration, or drop it.',
    },
    {
      id: 'unexpected_extension:pg_trgm',
      kind: 'unexpected_extension',
      severity: 'warning',
      objectType: 'extension',
      object: 'pg_trgm',
      actual: 'pg_trgm 1.6',
      hint: 'Installed, but not in the expected schema.',
    },
    {
      id: 'missing_primary_key:public.post_reactions.post_reactions_pkey',
      kind: 'missing_primary_key',
      severity: 'error',
      objectType: 'constraint',
      object: 'public.post_reactions.post_reactions_pkey',
      table: 'public.post_reactions',
      expected: 'PRIMARY KEY (post_id, user_id, reaction)',
      hint: 'Rows cannot be told apart (logical replication, ORMs); add the primary key once the data allows it.',
      blockers: [
        { kind: 'duplicates', target: 'PRIMARY KEY (post_id, user_id, reaction)', status: 'unknown', reason: 'timeout' },
        { kind: 'nulls', target: 'post_id IS NULL OR user_id IS NULL', status: 'ok', count: 0 },
      ],
    },
    {
      id: 'view_differs:public.book_popularity',
      kind: 'view_differs',
      severity: 'error',
      objectType: 'view',
      object: 'public.book_popularity',
      table: 'public.book_popularity',
      expected: VIEW_EXPECTED,
      actual: VIEW_EXPECTED.replace("'card_view'", "'reader_open'"),
      hint: 'The view returns other rows than expected; CREATE OR REPLACE VIEW restores it.',
    },
  ],
  {
    tool: 'knex',
    table: 'public.knex_migrations',
    unapplied: ['0007_add_unique_constraint_book_view_statistics.sql'],
    missingFiles: [],
    checksumMismatches: [],
  },
);

const WEIRD = 'public."Weird|Table <&>"';
const special = report(
  [
    {
      id: `missing_column:${WEIRD}."col ""quoted"" \`tick\`"`,
      kind: 'missing_column',
      severity: 'error',
      objectType: 'column',
      object: `${WEIRD}."col ""quoted"" \`tick\`"`,
      table: WEIRD,
      expected: 'text NOT NULL',
      hint: 'Pipes | and <b>tags</b> & ampersands, 100% sure, key: value, *stars* _under_ [link](x) \\ backslash.',
    },
    {
      id: `column_default_differs:${WEIRD}.naïve_列`,
      kind: 'column_default_differs',
      severity: 'error',
      objectType: 'column',
      object: `${WEIRD}.naïve_列`,
      table: WEIRD,
      expected: "'```'::text",
      actual: "'a|b\tc'::text\n-- ]]> <!-- é 🎉",
      hint: 'Default differs.',
    },
    {
      id: `unexpected_constraint:${WEIRD}."line1\nline2\u001b[31mred"`,
      kind: 'unexpected_constraint',
      severity: 'warning',
      objectType: 'constraint',
      object: `${WEIRD}."line1\nline2\u001b[31mred"`,
      table: WEIRD,
      actual: "CHECK (note <> '')",
      hint: 'A name with a newline\r\nand an escape \u001b[0m character.',
    },
    {
      id: `missing_constraint:${WEIRD}."chk,with:colon%"`,
      kind: 'missing_constraint',
      severity: 'error',
      objectType: 'constraint',
      object: `${WEIRD}."chk,with:colon%"`,
      table: WEIRD,
      expected: 'CHECK (price >= 0)',
      hint: 'Negative prices get in.',
      blockers: [
        {
          kind: 'check_violations',
          target: 'CHECK (price >= 0)',
          status: 'ok',
          count: 7,
          sample: [
            { id: 1, price: -1 },
            { id: 2, price: null },
            { id: '3|4', price: '<&>' },
          ],
        },
        { kind: 'orphans', target: 'FOREIGN KEY (owner) REFERENCES "Üsers" (id)', status: 'unknown', reason: 'permission denied for table "Üsers"' },
      ],
      migration: '0009 weird, name: 100%.sql',
    },
    {
      id: `missing_enum_value:public."mood 😀".it's\nnew`,
      kind: 'missing_enum_value',
      severity: 'error',
      objectType: 'enum',
      object: `public."mood 😀".it's\nnew`,
      expected: "'it''s\nnew'",
      hint: 'Add it with ALTER TYPE … ADD VALUE ]]> (cannot run in a transaction on old servers).',
    },
  ],
  {
    tool: 'flyway',
    table: 'public."flyway schema|history"',
    unapplied: ['0001 <init> & "quoted".sql'],
    missingFiles: ['0002_a|b.sql'],
    checksumMismatches: ['0003_`tick`.sql'],
  },
  2,
);

const REPORTS: Record<string, { report: DiagnoseReport; manifestPath?: string }> = {
  clean: { report: clean },
  incident: { report: incident, manifestPath: 'expected-schema/manifest.json' },
  special: { report: special, manifestPath: 'db/schema, v2: manifest.json' },
};

const EXT: Record<Format, string> = {
  table: 'txt',
  json: 'json',
  markdown: 'md',
  github: 'txt',
  junit: 'xml',
  sarif: 'sarif.json',
};

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const ansi = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const ansiStyle: Style = { error: ansi(31, 39), warning: ansi(33, 39), ok: ansi(32, 39), dim: ansi(2, 22), bold: ansi(1, 22) };
const stripAnsi = (s: string) => s.replace(/\u001b\[\d+m/g, '');

async function validator(schemaPath: string) {
  const Ajv = (await import('ajv')).default;
  const ajv = new Ajv({ strict: false, allErrors: true });
  return ajv.compile(JSON.parse(readFileSync(new URL(schemaPath, import.meta.url), 'utf8')));
}

/** A small well-formedness check: declaration, balanced tags, quoted attributes, only known entities, XML 1.0 chars. */
function expectWellFormedXml(xml: string): void {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
  const body = xml.slice(xml.indexOf('\n') + 1);
  const entity = '&(?:amp|lt|gt|quot|apos|#\\d+);';
  const attr = `\\s+[A-Za-z][\\w-]*="(?:[^"<&]|${entity})*"`;
  const token = new RegExp(`<(/?)([A-Za-z][\\w-]*)((?:${attr})*)\\s*(/?)>|((?:[^<&]|${entity})+)`, 'gy');
  const stack: string[] = [];
  let pos = 0;
  for (const m of body.matchAll(token)) {
    pos = m.index + m[0].length;
    if (m[5] !== undefined) continue;
    const [, closing, name, , selfClosing] = m;
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) stack.push(name!);
  }
  expect(pos).toBe(body.length);
  expect(stack).toEqual([]);
}

// ---------------------------------------------------------------------------------------------------------------
// Tests

describe('report renderers', () => {
  describe.each(Object.entries(REPORTS))('%s report', (name, { report: r, manifestPath }) => {
    it.each(FORMATS)('%s matches its golden file', async (format) => {
      const out = renderReport(r, format, { manifestPath });
      await expect(out).toMatchFileSnapshot(`./golden/report/${name}/${format}.${EXT[format]}`);
    });

    it('table with plainStyle has no escape characters, and colour does not change the layout', () => {
      const plain = renderTable(r, plainStyle);
      expect(plain).not.toContain('\u001b');
      expect(plain).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
      const coloured = renderTable(r, ansiStyle);
      if (r.findings.length > 0) expect(coloured).toContain('\u001b[31m');
      expect(stripAnsi(coloured)).toBe(plain);
    });

    it('JSON round-trips and validates against docs/report.schema.json', async () => {
      const out = renderJson(r);
      expect(out.endsWith('}\n')).toBe(true);
      expect(JSON.parse(out)).toEqual(r);
      const validate = await validator('../docs/report.schema.json');
      expect(validate(JSON.parse(out)), JSON.stringify(validate.errors)).toBe(true);
    });

    it('SARIF validates against the SARIF 2.1.0 subset schema, with and without a manifest path', async () => {
      const validate = await validator('./fixtures/schemas/sarif-2.1.0-subset.schema.json');
      for (const opts of [{}, { manifestPath: 'expected-schema/manifest.json' }]) {
        const sarif = JSON.parse(renderSarif(r, opts));
        expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
        const run = sarif.runs[0];
        expect(run.results).toHaveLength(r.findings.length);
        run.results.forEach((res: { ruleId: string; ruleIndex: number; level: string; partialFingerprints: { findingId: string } }, i: number) => {
          expect(run.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
          expect(res.ruleId).toBe(r.findings[i]!.kind);
          expect(res.level).toBe(r.findings[i]!.severity);
          expect(res.partialFingerprints.findingId).toBe(r.findings[i]!.id);
        });
        expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual([...new Set(r.findings.map((f) => f.kind))].sort());
      }
    });

    const problems = r.migrations ? r.migrations.unapplied.length + r.migrations.missingFiles.length + r.migrations.checksumMismatches.length : 0;

    it('JUnit is well-formed XML with one testcase per finding and per migration problem', () => {
      const xml = renderJunit(r);
      expectWellFormedXml(xml);
      const passing = r.findings.length === 0 ? 1 : 0;
      expect(xml.match(/<testcase /g)).toHaveLength(r.findings.length + problems + passing);
      expect(xml.match(/<failure /g) ?? []).toHaveLength(r.findings.length + problems);
      expect(xml).toContain(`failures="${r.findings.length + problems}"`);
    });

    it('github output is one workflow command per finding and per migration problem, plus a notice', () => {
      const lines = renderGithub(r, { manifestPath }).trimEnd().split('\n');
      expect(lines).toHaveLength(r.findings.length + problems + 1);
      for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) [a-z]+=[^,:\r]*(,[a-z]+=[^,:\r]*)*::[^\r]+$/);
      expect(lines.at(-1)).toMatch(/^::notice title=schema-doctor::/);
    });

    it('renderReport dispatches to every format', () => {
      expect(FORMATS).toEqual(['table', 'json', 'markdown', 'github', 'junit', 'sarif']);
      const opts = { manifestPath };
      expect(renderReport(r, 'table', opts)).toBe(renderTable(r, plainStyle));
      expect(renderReport(r, 'json', opts)).toBe(renderJson(r));
      expect(renderReport(r, 'markdown', opts)).toBe(renderMarkdown(r));
      expect(renderReport(r, 'github', opts)).toBe(renderGithub(r, opts));
      expect(renderReport(r, 'junit', opts)).toBe(renderJunit(r));
      expect(renderReport(r, 'sarif', opts)).toBe(renderSarif(r, opts));
    });
  });

  it('the report schema lists every finding kind, and rejects what the types forbid', async () => {
    const schema = JSON.parse(readFileSync(new URL('../docs/report.schema.json', import.meta.url), 'utf8'));
    expect([...schema.definitions.findingKind.enum].sort()).toEqual(Object.keys(KIND_DESCRIPTIONS).sort());
    const validate = await validator('../docs/report.schema.json');
    // biome-ignore lint/suspicious/noExplicitAny: the parsed report is mutated into invalid shapes, which no type describes
    const bad = (mutate: (r: any) => void) => {
      const r = JSON.parse(renderJson(incident));
      mutate(r);
      return validate(r);
    };
    expect(bad(() => undefined)).toBe(true);
    expect(bad((r) => (r.findings[0].kind = 'missing_thing'))).toBe(false);
    expect(bad((r) => (r.findings[0].severity = 'notice'))).toBe(false);
    expect(bad((r) => (r.findings[0].severity = 'info'))).toBe(true);
    const unmodeled = { id: 'unmodeled_objects:operator', kind: 'unmodeled_objects', objectType: 'kind', object: 'operator', severity: 'warning' };
    expect(bad((r) => Object.assign(r.findings[0], unmodeled))).toBe(true);
    expect(bad((r) => Object.assign(r.findings[0], unmodeled, { objectType: 'kinds' }))).toBe(false);
    expect(bad((r) => (r.findings[0].extra = 1))).toBe(false);
    expect(bad((r) => (r.formatVersion = 2))).toBe(false);
    expect(bad((r) => delete r.summary.unknownProbes)).toBe(false);
    expect(bad((r) => (r.findings[0].blockers[0].status = 'unknown'))).toBe(false); // unknown probes carry no count
    expect(bad((r) => delete r.migrations.missingFiles)).toBe(false);
  });

  it('table: groups schema-level objects first, then tables by name; blockers, probes and diffs under the finding', () => {
    const out = renderTable(incident, plainStyle);
    const headings = out.split('\n').filter((l) => /^\S/.test(l));
    expect(headings.slice(1, 4)).toEqual(['Schema-level objects', 'public.book_popularity', BVS]);
    expect(out).toContain('blocked by 3 duplicate groups (4 surplus rows) on (book_id, view_type); sample: (2d788f76-312d-4653-a804-50b23612aa8d, card_view),');
    expect(out).toContain('probe unknown for duplicates on (post_id, user_id, reaction): timeout');
    expect(out).toMatch(/^ +- 0\n +\+ 1$/m);
    expect(out).toContain('@@ -5,6 +5,6 @@');
    expect(out.trimEnd().split('\n').at(-1)).toBe('4 errors, 2 warnings · 1 finding blocked by data · 1 probe unknown · 1 migration not applied');
    expect(renderTable(clean, plainStyle)).toContain('No drift: the database matches the expected schema.');
  });

  it('info findings (stricter than expected) are not drift in any format', async () => {
    const info: Finding = {
      id: 'constraint_stricter_than_expected:public.patients.patients_age_check',
      kind: 'constraint_stricter_than_expected',
      severity: 'info',
      objectType: 'constraint',
      object: 'public.patients.patients_age_check',
      table: 'public.patients',
      expected: 'CHECK ((age >= 0)) NOT VALID',
      actual: 'CHECK ((age >= 0))',
      hint: 'Stricter than expected.',
    };
    const r: DiagnoseReport = { ...report([info]), failed: false };
    r.summary.info = 1;
    expect(renderTable(r, plainStyle)).toContain('No drift: the database matches the expected schema. 1 info finding (not drift).');
    expect(renderTable(r, plainStyle)).toMatch(/^  info +constraint_stricter_than_expected +patients_age_check/m);
    const mixed: DiagnoseReport = { ...incident, findings: [...incident.findings, info], summary: { ...incident.summary, info: 1 } };
    expect(renderTable(mixed, plainStyle).trimEnd().split('\n').at(-1)).toBe('4 errors, 2 warnings, 1 info · 1 finding blocked by data · 1 probe unknown · 1 migration not applied');
    const md = renderMarkdown(r);
    expect(md.split('\n')[0]).toBe('## ✅ No schema drift');
    expect(md).toContain('| Errors | Warnings | Info | Blocked by data | Probes unknown | Ignored |');
    expect(md).toContain('| 🔵 info | `constraint_stricter_than_expected` |');
    expect(renderMarkdown(incident)).not.toContain('| Info |');
    expect(renderGithub(r).split('\n')[0]).toBe('::notice title=constraint_stricter_than_expected::public.patients.patients_age_check: Stricter than expected.');
    const xml = renderJunit(r);
    expectWellFormedXml(xml);
    expect(xml).toContain('failures="0"');
    expect(xml).not.toContain('<failure');
    const sarif = buildSarif(r);
    expect(sarif.runs[0]!.results[0]!.level).toBe('note');
    expect((await validator('./fixtures/schemas/sarif-2.1.0-subset.schema.json'))(sarif)).toBe(true);
    const validate = await validator('../docs/report.schema.json');
    expect(validate(JSON.parse(renderJson(r))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('table: names with control characters are shown escaped, on one line', () => {
    const out = renderTable(special, plainStyle);
    expect(out).toContain('"line1\\nline2\\u001b[31mred"');
    expect(out).toContain('newline\\r\\nand an escape \\u001b[0m');
  });

  it('markdown escapes pipes in table cells and keeps backticks inside code spans', () => {
    const out = renderMarkdown(special);
    expect(out).toContain('`public."Weird|Table <&>"`'); // a heading: no table, no escaping needed
    const rows = out.split('\n').filter((l) => l.startsWith('|'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows.filter((l) => l.includes('Weird') || l.includes('a|b') || l.includes('Pipes'))) {
      expect(row).toContain('\\|');
    }
    // Every row of a table has as many unescaped pipes as its header.
    let columns = 0;
    for (const line of out.split('\n')) {
      if (!line.startsWith('|')) {
        columns = 0;
        continue;
      }
      const pipes = line.match(/(?<!\\)\|/g)!.length;
      if (columns === 0) columns = pipes;
      expect(pipes, line).toBe(columns);
    }
    expect(out).toContain('``"col ""quoted"" `tick`"``');
    expect(out).toContain('\\<b\\>tags\\</b\\> \\& ampersands');
    expect(out).toMatch(/^````diff$/m); // the definition holds ```, so the fence is longer
  });

  it('github escapes %, CR and LF in messages and also , and : in properties', () => {
    const out = renderGithub(special, { manifestPath: 'db/schema, v2: manifest.json' });
    expect(out).toContain('::error file=db/schema%2C v2%3A manifest.json,title=missing_column::');
    expect(out).toContain('100%25 sure, key: value');
    expect(out).toContain('"line1\\nline2\\u001b[31mred"');
    expect(out).toContain('newline\\r\\nand');
    expect(out).not.toContain('\u001b');
    expect(out).toContain('migration: 0009 weird, name: 100%25.sql');
  });

  it('locations: file= and line= of the finding that has one (escaped), the manifest for the others; the same in sarif', () => {
    const id = `missing_constraint:${BVS}.book_view_statistics_book_id_view_type_unique`;
    const locations = { [id]: { file: 'migrations/0007 a, b: c.sql', line: 59 } };
    const lines = renderGithub(incident, { manifestPath: 'expected-schema/manifest.json', locations }).split('\n');
    expect(lines[0]).toMatch(/^::error file=migrations\/0007 a%2C b%3A c\.sql,line=59,title=missing_constraint::/);
    expect(lines[1]).toMatch(/^::error file=expected-schema\/manifest\.json,title=column_default_differs::/);
    const noLine = renderGithub(incident, { locations: { [id]: { file: 'expected-schema/manifest.json' } } }).split('\n');
    expect(noLine[0]).toMatch(/^::error file=expected-schema\/manifest\.json,title=missing_constraint::/);
    expect(renderReport(incident, 'github', { locations })).toBe(renderGithub(incident, { locations }));
    const sarif = buildSarif(incident, { manifestPath: 'expected-schema/manifest.json', locations });
    expect(sarif.runs[0]!.results[0]!.locations[0]).toMatchObject({
      physicalLocation: { artifactLocation: { uri: 'migrations/0007 a, b: c.sql' }, region: { startLine: 59 } },
    });
    expect(sarif.runs[0]!.results[1]!.locations[0]).toMatchObject({
      physicalLocation: { artifactLocation: { uri: 'expected-schema/manifest.json' }, region: { startLine: 1 } },
    });
  });

  it('sarif locations: a logical location always, the manifest file when known', () => {
    const without = buildSarif(incident);
    expect(without.runs[0]!.results[0]!.locations[0]).toEqual({
      logicalLocations: [{ fullyQualifiedName: `${BVS}.book_view_statistics_book_id_view_type_unique`, kind: 'constraint' }],
    });
    const withPath = buildSarif(incident, { manifestPath: 'expected-schema/manifest.json' });
    expect(withPath.runs[0]!.results[0]!.locations[0]).toMatchObject({
      physicalLocation: { artifactLocation: { uri: 'expected-schema/manifest.json' }, region: { startLine: 1 } },
    });
  });
});
