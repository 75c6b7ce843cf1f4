/**
 * `diagnose --format markdown`: GitHub-flavoured Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`.
 * A verdict heading (info findings are not drift), a counts table, one section per table with a findings table, the details that do not fit a
 * table row (blockers, migration, definitions as ```diff blocks), and the migration status.
 *
 * Escaping: names go in code spans whose fence is longer than any backtick run inside; inside table cells every
 * `|` is written `\|` (GFM splits cells before parsing inline code, so this holds inside code spans too); plain text
 * has Markdown punctuation backslash-escaped. Control characters are made visible (`\n`) first.
 */
import type { Finding } from '../diff/finding.js';
import type { DiagnoseReport, MigrationStatus } from './report.js';
import {
  definitionDiff,
  describeBlocker,
  describeMigration,
  driftFindings,
  groupFindings,
  isBlocking,
  migrationProblems,
  objectInGroup,
  printable,
  summaryText,
  type FindingGroup,
} from './render-table.js';

function longestRun(s: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of s) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

/** An inline code span that shows `s` literally, whatever backticks it holds. */
export function mdCode(s: string): string {
  const text = printable(s);
  if (text === '') return '*(empty)*';
  const fence = '`'.repeat(longestRun(text, '`') + 1);
  const pad = /^[` ]|[` ]$/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Plain text with the characters that Markdown or HTML could interpret backslash-escaped. `|` is left to `cell`:
 * outside a table it means nothing.
 */
export function mdText(s: string): string {
  return printable(s).replace(/[\\`*_[\]<>~&]/g, (c) => `\\${c}`);
}

/**
 * A table cell: every `|` becomes `\|`. GFM splits rows at unescaped pipes before any inline parsing and then turns
 * `\|` back into `|`, so this is right inside code spans and after a backslash as well.
 */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

function row(cells: string[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

function fenced(info: string, lines: string[]): string[] {
  const body = lines.join('\n');
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return [`${fence}${info}`, ...lines, fence];
}

/** A line inside a fenced block: tabs expanded, control characters visible. */
function blockLine(s: string): string {
  return printable(s.replace(/\t/g, '    '));
}

function severityCell(f: Finding): string {
  if (f.severity === 'info') return '🔵 info';
  return f.severity === 'error' ? '🔴 error' : '🟡 warning';
}

function details(f: Finding, report: DiagnoseReport): string[] {
  const bullets: string[] = [];
  for (const b of f.blockers ?? []) {
    const mark = b.status === 'unknown' ? '❔' : isBlocking(b) ? '⛔' : '✅';
    bullets.push(`- ${mark} ${mdText(describeBlocker(b))}`);
  }
  const migration = describeMigration(f, report.migrations);
  if (migration !== undefined && f.migration !== undefined) {
    bullets.push(`- migration: ${mdCode(f.migration)}${migration.endsWith('(not applied)') ? ' (not applied)' : ''}`);
  }
  let block: string[] = [];
  if (f.expected !== undefined && f.actual !== undefined) {
    const lines = definitionDiff(f.expected, f.actual).map((l) => {
      const text = blockLine(l.text);
      return l.op === '@' ? text : `${l.op} ${text}`;
    });
    if (lines.length > 0) block = fenced('diff', ['--- expected', '+++ actual', ...lines]);
  } else {
    const [label, definition] = f.expected !== undefined ? ['expected', f.expected] : ['actual', f.actual];
    if (definition !== undefined) {
      const lines = definition.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
      if (lines.length === 1) bullets.push(`- ${label}: ${mdCode(lines[0]!)}`);
      else block = [`${label}:`, '', ...fenced('sql', lines.map(blockLine))];
    }
  }
  if (bullets.length === 0 && block.length === 0) return [];
  const out = [`**${mdCode(objectInGroup(f))}** · ${mdCode(f.kind)}`, ''];
  if (bullets.length > 0) out.push(...bullets, '');
  if (block.length > 0) out.push(...block, '');
  return out;
}

function group(g: FindingGroup, report: DiagnoseReport): string[] {
  const out = [g.table === undefined ? '### Schema-level objects' : `### ${mdCode(g.table)}`, ''];
  out.push(row(['Severity', 'Kind', 'Object', 'Hint']), row(['---', '---', '---', '---']));
  for (const f of g.findings) out.push(row([severityCell(f), mdCode(f.kind), mdCode(objectInGroup(f)), mdText(f.hint)]));
  out.push('');
  for (const f of g.findings) out.push(...details(f, report));
  return out;
}

function migrations(m: MigrationStatus): string[] {
  const source = m.tool === 'none' ? 'no tracking table found' : m.table ? `${mdText(m.tool)} · ${mdCode(m.table)}` : mdText(m.tool);
  const out = [`### Migrations (${source})`, ''];
  const rows = migrationProblems(m).map((p) => row([`${p.status === 'not applied' ? '❌' : '⚠️'} ${p.status}`, mdCode(p.file)]));
  if (rows.length === 0) {
    if (m.tool !== 'none') out.push('In sync with the migration files.', '');
    return out;
  }
  out.push(row(['Status', 'File']), row(['---', '---']), ...rows, '');
  return out;
}

export function renderMarkdown(report: DiagnoseReport): string {
  const verdict =
    driftFindings(report.findings).length > 0
      ? report.failed
        ? '❌ Schema drift found'
        : '⚠️ Schema drift found'
      : !report.failed
        ? '✅ No schema drift'
        : // Without drift, the run fails on the migration history, or (--fail-on info) on info findings.
          report.migrations && migrationProblems(report.migrations).length > 0
          ? '❌ No schema drift, but the migration history differs'
          : '❌ No schema drift, but info findings fail the run (--fail-on info)';
  const { errors, warnings, blockers, unknownProbes } = report.summary;
  const info = report.summary.info ?? report.findings.filter((f) => f.severity === 'info').length;
  const out = [
    `## ${verdict}`,
    '',
    mdText(summaryText(report)),
    '',
    `${mdCode(report.database)} compared with ${mdCode(report.expected)} by ${mdText(report.tool.name)} ${mdText(report.tool.version)}.`,
    '',
  ];
  if (report.findings.length > 0) {
    // The Info column appears only when there are info findings, so that reports without any keep their shape.
    const withInfo = info > 0;
    out.push(
      row(['Errors', 'Warnings', ...(withInfo ? ['Info'] : []), 'Blocked by data', 'Probes unknown', 'Ignored']),
      row(['---:', '---:', ...(withInfo ? ['---:'] : []), '---:', '---:', '---:']),
      row([errors, warnings, ...(withInfo ? [info] : []), blockers, unknownProbes, report.ignored].map(String)),
      '',
    );
    for (const g of groupFindings(report.findings)) out.push(...group(g, report));
  }
  if (report.migrations) out.push(...migrations(report.migrations));
  while (out.at(-1) === '') out.pop();
  return `${out.join('\n')}\n`;
}
