/**
 * Terminal output for `diagnose --format table`: findings grouped by table (schema-level objects first), aligned
 * columns, blockers and definition diffs under each finding, the migration status, and a one-line summary.
 *
 * Colour comes only through the injected `Style` (the CLI passes chalk-based functions when colour is on), so this
 * file stays pure and `plainStyle` output contains no escape sequences. Every name printed is passed through
 * `printable` first: object names come from the database and may hold newlines or escape characters.
 *
 * The small text helpers that the other renderers share (blocker sentences, the summary, the line diff) live here
 * too and are exported.
 */
import Table from 'cli-table3';
import { structuredPatch } from 'diff';
import type { Blocker, Finding } from '../diff/finding.js';
import type { DiagnoseReport, MigrationStatus } from './report.js';

/** How the table renderer colours text. Identity functions give plain text. */
export interface Style {
  error(s: string): string;
  warning(s: string): string;
  ok(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const identity = (s: string): string => s;

export const plainStyle: Style = { error: identity, warning: identity, ok: identity, dim: identity, bold: identity };

// ---------------------------------------------------------------------------------------------------------------
// Shared text helpers

/** `1 error`, `2 errors`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes a string safe to print on one terminal line: control characters (newlines, ESC, …), line separators and
 * bidirectional overrides become visible escapes (`\n`, `\u001b`), so a hostile or odd object name can neither break
 * the layout nor send terminal escape sequences.
 */
export function printable(s: string): string {
  return s.replace(CONTROL, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** A finding group: one table (or view), or the schema-level objects (`table` undefined). */
export interface FindingGroup {
  table?: string;
  findings: Finding[];
}

/** Schema-level objects first, then tables in name order; findings keep their order inside a group. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const schemaLevel: Finding[] = [];
  const byTable = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.table === undefined) schemaLevel.push(f);
    else {
      const list = byTable.get(f.table);
      if (list) list.push(f);
      else byTable.set(f.table, [f]);
    }
  }
  const groups: FindingGroup[] = [];
  if (schemaLevel.length > 0) groups.push({ findings: schemaLevel });
  const tables = [...byTable.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const table of tables) groups.push({ table, findings: byTable.get(table)! });
  return groups;
}

/** The object's name inside its table group: `view_count` for `public.book_view_statistics.view_count`. */
export function objectInGroup(f: Finding): string {
  if (f.table !== undefined && f.object !== f.table && f.object.startsWith(`${f.table}.`)) {
    return f.object.slice(f.table.length + 1);
  }
  return f.object;
}

function formatValue(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v) ?? String(v);
}

/** One sample key: `(a, b)` for a composite key (array or object of column values), the bare value otherwise. */
export function formatKey(key: unknown): string {
  if (Array.isArray(key)) return `(${key.map(formatValue).join(', ')})`;
  if (key !== null && typeof key === 'object' && !(key instanceof Date)) {
    return `(${Object.values(key).map(formatValue).join(', ')})`;
  }
  return formatValue(key);
}

/** `UNIQUE (a, b)` → `(a, b)`: for duplicates the columns say it all. */
function keyColumns(target: string): string {
  return target.replace(/^\s*(?:UNIQUE|PRIMARY\s+KEY)\s+(?=\()/i, '');
}

function probed(b: Blocker): string {
  switch (b.kind) {
    case 'duplicates':
      return `duplicates on ${keyColumns(b.target)}`;
    case 'nulls':
      return `rows where ${b.target}`;
    case 'orphans':
      return `orphan rows for ${b.target}`;
    case 'check_violations':
      return `rows violating ${b.target}`;
    case 'exclusion_conflicts':
      return `rows conflicting under ${b.target}`;
  }
}

/** Whether a blocker actually blocks: a probe that answered and found offending data. */
export function isBlocking(b: Blocker): boolean {
  return b.status === 'ok' && (b.count ?? 0) > 0;
}

/**
 * One sentence per blocker, e.g. `blocked by 3 duplicate groups (4 surplus rows) on (book_id, view_type); sample: …`,
 * `probe unknown for rows where post_id IS NULL: timeout`, `probe ok: no duplicates on (id)`.
 */
export function describeBlocker(b: Blocker): string {
  if (b.status === 'unknown') return `probe unknown for ${probed(b)}: ${b.reason ?? 'no reason given'}`;
  const count = b.count ?? 0;
  if (count === 0) return `probe ok: no ${probed(b)}`;
  let text: string;
  switch (b.kind) {
    case 'duplicates':
      text = `blocked by ${plural(count, 'duplicate group')}`;
      if (b.surplusRows !== undefined) text += ` (${plural(b.surplusRows, 'surplus row')})`;
      text += ` on ${keyColumns(b.target)}`;
      break;
    case 'nulls':
      text = `blocked by ${plural(count, 'row')} where ${b.target}`;
      break;
    case 'orphans':
      text = `blocked by ${plural(count, 'orphan row')} for ${b.target}`;
      break;
    case 'check_violations':
      text = `blocked by ${plural(count, 'row')} violating ${b.target}`;
      break;
    case 'exclusion_conflicts':
      text = `blocked by ${plural(count, 'row')} conflicting under ${b.target}`;
      break;
  }
  if (b.sample && b.sample.length > 0) {
    text += `; sample: ${b.sample.map(formatKey).join(', ')}${count > b.sample.length ? ', …' : ''}`;
  }
  return text;
}

/** `migration: 0007_x.sql (not applied)` when the finding names the migration that creates the object. */
export function describeMigration(f: Finding, migrations: MigrationStatus | undefined): string | undefined {
  if (f.migration === undefined) return undefined;
  const unapplied = migrations?.unapplied.includes(f.migration) ? ' (not applied)' : '';
  return `migration: ${f.migration}${unapplied}`;
}

/** Findings that are drift: every severity but info (the database stricter than expected). */
export function driftFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity !== 'info');
}

/**
 * The last line of every human format: `2 errors, 1 warning · 1 finding blocked by data · 0 probes unknown`, or
 * `No drift: the database matches the expected schema.`; info findings (`, 1 info`), ignored findings and
 * migration problems are appended.
 */
export function summaryText(report: DiagnoseReport): string {
  const { errors, warnings, blockers, unknownProbes } = report.summary;
  const info = report.summary.info ?? report.findings.filter((f) => f.severity === 'info').length;
  const extra: string[] = [];
  if (report.ignored > 0) extra.push(`${plural(report.ignored, 'finding')} ignored`);
  const m = report.migrations;
  if (m) {
    if (m.unapplied.length > 0) extra.push(`${plural(m.unapplied.length, 'migration')} not applied`);
    if (m.missingFiles.length > 0) extra.push(`${plural(m.missingFiles.length, 'applied migration')} without a file`);
    if (m.checksumMismatches.length > 0) extra.push(plural(m.checksumMismatches.length, 'checksum mismatch', 'checksum mismatches'));
  }
  if (driftFindings(report.findings).length === 0) {
    if (info > 0) extra.unshift(`${plural(info, 'info finding')} (not drift)`);
    const base = 'No drift: the database matches the expected schema.';
    return extra.length > 0 ? `${base} ${extra.join(' · ')}.` : base;
  }
  return [
    `${plural(errors, 'error')}, ${plural(warnings, 'warning')}${info > 0 ? `, ${info} info` : ''}`,
    `${plural(blockers, 'finding')} blocked by data`,
    plural(unknownProbes, 'probe unknown', 'probes unknown'),
    ...extra,
  ].join(' · ');
}

/** One migration file whose record and file disagree. */
export interface MigrationProblem {
  status: 'not applied' | 'file missing' | 'checksum differs';
  file: string;
  /** A sentence for CI annotations and test reports. */
  text: string;
}

/** The migration status as a list of problems: unapplied files, then missing files, then checksum mismatches. */
export function migrationProblems(m: MigrationStatus): MigrationProblem[] {
  const where = m.table ? ` in ${m.table}` : '';
  return [
    ...m.unapplied.map((file) => ({
      status: 'not applied' as const,
      file,
      text: `${file} has no record${where}: the migration was not applied.`,
    })),
    ...m.missingFiles.map((file) => ({
      status: 'file missing' as const,
      file,
      text: `${file} is recorded as applied${where}, but no migration file has that name.`,
    })),
    ...m.checksumMismatches.map((file) => ({
      status: 'checksum differs' as const,
      file,
      text: `${file} was changed after it was applied: its checksum differs from the one recorded${where}.`,
    })),
  ];
}

/** `knex · public.knex_migrations`, or `no tracking table found`. */
export function migrationSource(m: MigrationStatus): string {
  return m.tool === 'none' ? 'no tracking table found' : [m.tool, m.table].filter(Boolean).join(' · ');
}

/** One line of a definition diff. `@` is a hunk header (`@@ -3,7 +3,7 @@`), shown only when lines were elided. */
export interface DiffLine {
  op: '-' | '+' | ' ' | '@';
  text: string;
}

/**
 * A unified-style line diff of two definitions with `context` lines around each change. Short definitions come out
 * as plain `-`/`+` lines; hunk headers appear only when unchanged lines were left out.
 */
export function definitionDiff(expected: string, actual: string, context = 3): DiffLine[] {
  const withEol = (s: string) => (s.endsWith('\n') ? s : `${s}\n`);
  const oldText = withEol(expected);
  const newText = withEol(actual);
  const patch = structuredPatch('expected', 'actual', oldText, newText, undefined, undefined, {
    context,
    stripTrailingCr: true,
  });
  const oldCount = oldText.split('\n').length - 1;
  const newCount = newText.split('\n').length - 1;
  const whole = patch.hunks.length === 1 && patch.hunks[0]!.oldLines === oldCount && patch.hunks[0]!.newLines === newCount;
  const lines: DiffLine[] = [];
  for (const h of patch.hunks) {
    if (!whole) lines.push({ op: '@', text: `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@` });
    for (const l of h.lines) {
      const op = l[0];
      if (op === '-' || op === '+' || op === ' ') lines.push({ op, text: l.slice(1) });
      // `\ No newline at end of file` cannot occur: both sides end with a newline.
    }
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------------------------
// The table renderer

const INDENT = '  ';
const GUTTER = '  ';
const NO_BORDERS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: INDENT,
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: GUTTER,
};

/**
 * Renders rows of single-line cells as aligned columns. Returns one string per row, trailing spaces removed.
 * Cells must already be printable (no newlines), so that rendered lines and rows correspond one to one.
 */
function alignRows(rows: string[][]): string[] {
  if (rows.length === 0) return [];
  const table = new Table({
    chars: NO_BORDERS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  table.push(...rows);
  return table
    .toString()
    .split('\n')
    .map((l) => l.trimEnd());
}

function detailLines(f: Finding, report: DiagnoseReport, style: Style): string[] {
  const out: string[] = [];
  for (const b of f.blockers ?? []) {
    const text = printable(describeBlocker(b));
    out.push(b.status === 'unknown' ? style.warning(text) : isBlocking(b) ? style.error(text) : style.dim(text));
  }
  const migration = describeMigration(f, report.migrations);
  if (migration !== undefined) out.push(printable(migration));
  if (f.expected !== undefined && f.actual !== undefined) {
    for (const l of definitionDiff(f.expected, f.actual)) {
      const text = printable(l.text.replace(/\t/g, '    '));
      if (l.op === '-') out.push(style.error(`- ${text}`));
      else if (l.op === '+') out.push(style.ok(`+ ${text}`));
      else if (l.op === '@') out.push(style.dim(text));
      else out.push(style.dim(`  ${text}`));
    }
  } else if (f.expected !== undefined) {
    out.push(...definitionBlock('expected', f.expected).map((l) => style.dim(l)));
  } else if (f.actual !== undefined) {
    out.push(...definitionBlock('actual', f.actual).map((l) => style.dim(l)));
  }
  return out;
}

const MAX_DEFINITION_LINES = 12;

/** `expected: UNIQUE (a, b)` on one line, or the label and up to 12 indented lines of a longer definition. */
function definitionBlock(label: string, definition: string): string[] {
  const lines = definition.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
  const show = (l: string) => printable(l.replace(/\t/g, '    '));
  if (lines.length === 1) return [`${label}: ${show(lines[0]!)}`];
  const out = [`${label}:`, ...lines.slice(0, MAX_DEFINITION_LINES).map((l) => `  ${show(l)}`)];
  if (lines.length > MAX_DEFINITION_LINES) out.push(`  … (${plural(lines.length - MAX_DEFINITION_LINES, 'more line')})`);
  return out;
}

function severityWord(f: Finding, style: Style): string {
  if (f.severity === 'info') return style.dim('info');
  return f.severity === 'error' ? style.error('error') : style.warning('warning');
}

/** All findings in one aligned table, cut into groups under their headings, details under each finding. */
function renderFindings(report: DiagnoseReport, style: Style): string[] {
  const groups = groupFindings(report.findings);
  const rendered = alignRows(groups.flatMap((g) => g.findings.map((f) => [severityWord(f, style), f.kind, style.bold(printable(objectInGroup(f))), printable(f.hint)])));
  // Detail lines start under the kind column.
  const severityWidth = Math.max(...report.findings.map((f) => f.severity.length));
  const pad = ' '.repeat(INDENT.length + severityWidth + GUTTER.length);
  const out: string[] = [];
  let i = 0;
  for (const g of groups) {
    out.push(style.bold(g.table === undefined ? 'Schema-level objects' : printable(g.table)));
    for (const f of g.findings) {
      out.push(rendered[i++]!);
      for (const d of detailLines(f, report, style)) out.push(pad + d);
    }
    out.push('');
  }
  return out;
}

function renderMigrations(m: MigrationStatus, style: Style): string[] {
  const heading = style.bold(`Migrations (${printable(migrationSource(m))})`);
  const rows = migrationProblems(m).map((p) => [p.status === 'not applied' ? style.error(p.status) : style.warning(p.status), printable(p.file)]);
  if (rows.length === 0) return m.tool === 'none' ? [heading] : [`${heading}: ${style.ok('in sync with the migration files')}`];
  return [heading, ...alignRows(rows)];
}

function renderSummary(report: DiagnoseReport, style: Style): string {
  const text = summaryText(report);
  if (report.failed) return style.error(text);
  return driftFindings(report.findings).length === 0 ? style.ok(text) : style.warning(text);
}

export function renderTable(report: DiagnoseReport, style: Style): string {
  const out: string[] = [style.dim(`${printable(report.database)} compared with ${printable(report.expected)}`), ''];
  if (report.findings.length > 0) out.push(...renderFindings(report, style));
  if (report.migrations) out.push(...renderMigrations(report.migrations, style), '');
  out.push(renderSummary(report, style));
  return `${out.join('\n')}\n`;
}
