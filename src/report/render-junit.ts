/**
 * `diagnose --format junit`: JUnit XML for CI systems that show test reports. One `<testsuite name="schema-doctor">`
 * with one `<testcase>` per finding (classname: the table, or the object type for schema-level objects; name: the
 * finding id) holding a `<failure>` whose type is the severity, except info findings (not drift), which pass and
 * carry their text in `<system-out>`; a passing `no drift` testcase when there are no findings. Blockers, the migration and the definition diff go in the failure body. Each migration file that is not
 * applied, has no file or a changed checksum is a failing testcase of classname `migrations` (failure type
 * `migration`), as it makes `diagnose` fail under `--fail-on drift`.
 *
 * XML 1.0 cannot carry most control characters even as references, so they are made visible (`\u001b`) first;
 * attribute values keep tabs and line breaks as character references.
 */
import type { Finding } from '../diff/finding.js';
import type { DiagnoseReport } from './report.js';
import { definitionDiff, describeBlocker, describeMigration, migrationProblems, type MigrationProblem } from './render-table.js';

/** Characters XML 1.0 does not allow: C0 controls except TAB/LF/CR, lone surrogates, U+FFFE and U+FFFF. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function xmlSafe(s: string): string {
  return s.replace(NOT_XML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function xmlText(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

function attrs(pairs: [string, string | number][]): string {
  return pairs.map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`).join('');
}

function failureBody(f: Finding, report: DiagnoseReport): string {
  const lines = [f.hint];
  for (const b of f.blockers ?? []) lines.push(describeBlocker(b));
  const migration = describeMigration(f, report.migrations);
  if (migration !== undefined) lines.push(migration);
  if (f.expected !== undefined && f.actual !== undefined) {
    lines.push('--- expected', '+++ actual');
    for (const l of definitionDiff(f.expected, f.actual)) lines.push(l.op === '@' ? l.text : `${l.op} ${l.text}`);
  } else if (f.expected !== undefined) {
    lines.push('expected:', ...f.expected.split('\n').map((l) => `  ${l}`));
  } else if (f.actual !== undefined) {
    lines.push('actual:', ...f.actual.split('\n').map((l) => `  ${l}`));
  }
  return lines.join('\n');
}

function testcase(f: Finding, report: DiagnoseReport): string[] {
  // Info is not drift: a passing testcase that carries the details as its output.
  if (f.severity === 'info') {
    return [
      `    <testcase${attrs([
        ['classname', f.table ?? f.objectType],
        ['name', f.id],
      ])}>`,
      `      <system-out>${xmlText(`info: ${f.object}: ${failureBody(f, report)}`)}</system-out>`,
      '    </testcase>',
    ];
  }
  return [
    `    <testcase${attrs([
      ['classname', f.table ?? f.objectType],
      ['name', f.id],
    ])}>`,
    `      <failure${attrs([
      ['message', `${f.object}: ${f.hint}`],
      ['type', f.severity],
    ])}>${xmlText(failureBody(f, report))}</failure>`,
    '    </testcase>',
  ];
}

function migrationTestcase(p: MigrationProblem): string[] {
  return [
    `    <testcase${attrs([
      ['classname', 'migrations'],
      ['name', `${p.status}: ${p.file}`],
    ])}>`,
    `      <failure${attrs([
      ['message', p.text],
      ['type', 'migration'],
    ])}/>`,
    '    </testcase>',
  ];
}

/** One `<testsuite>` (indented for `<testsuites>`) and its counts: `renderJunit` has one, a fleet report one per target. */
export function junitSuite(report: DiagnoseReport, name: string, extraProperties: [string, string][] = []): { lines: string[]; tests: number; failures: number } {
  const problems = report.migrations ? migrationProblems(report.migrations) : [];
  const info = report.findings.filter((f) => f.severity === 'info').length;
  const failures = report.findings.length - info + problems.length;
  const tests = failures + info + (report.findings.length === 0 ? 1 : 0);
  const counts: [string, number][] = [
    ['tests', tests],
    ['failures', failures],
    ['errors', 0],
    ['skipped', 0],
  ];
  const out = [
    `  <testsuite${attrs([['name', name], ...counts])}>`,
    '    <properties>',
    ...extraProperties.map(
      ([k, v]) =>
        `      <property${attrs([
          ['name', k],
          ['value', v],
        ])}/>`,
    ),
    `      <property${attrs([
      ['name', 'version'],
      ['value', report.tool.version],
    ])}/>`,
    `      <property${attrs([
      ['name', 'database'],
      ['value', report.database],
    ])}/>`,
    `      <property${attrs([
      ['name', 'expected'],
      ['value', report.expected],
    ])}/>`,
    `      <property${attrs([
      ['name', 'ignored'],
      ['value', report.ignored],
    ])}/>`,
    '    </properties>',
  ];
  if (report.findings.length === 0)
    out.push(
      `    <testcase${attrs([
        ['classname', 'schema-doctor'],
        ['name', 'no drift'],
      ])}/>`,
    );
  for (const f of report.findings) out.push(...testcase(f, report));
  for (const p of problems) out.push(...migrationTestcase(p));
  out.push('  </testsuite>');
  return { lines: out, tests, failures };
}

export function junitAttrs(pairs: [string, string | number][]): string {
  return attrs(pairs);
}

export function renderJunit(report: DiagnoseReport): string {
  const suite = junitSuite(report, 'schema-doctor');
  const counts: [string, number][] = [
    ['tests', suite.tests],
    ['failures', suite.failures],
    ['errors', 0],
    ['skipped', 0],
  ];
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attrs([['name', 'schema-doctor'], ...counts])}>`, ...suite.lines, '</testsuites>'];
  return `${out.join('\n')}\n`;
}
