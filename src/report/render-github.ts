/**
 * `diagnose --format github`: GitHub Actions workflow commands, so that findings show as annotations on the run
 * (and on the manifest file in a pull request when `manifestPath` is given; at the migration file and line that
 * creates the object, or at its line in the manifest, when `locations` has one). One `::error`, `::warning` or (for an
 * info finding) `::notice` line per finding, one `::warning` per migration file that is not applied, has no file or a changed checksum, then a
 * `::notice` with the summary.
 *
 * Escaping follows the runner's rules (actions/toolkit `command.ts`): in the message `%`, CR and LF become `%25`,
 * `%0D`, `%0A`; in property values `:` and `,` also become `%3A`, `%2C`. Since every line break in the data is
 * escaped, a name from the database cannot start a workflow command of its own.
 */
import type { Finding } from '../diff/finding.js';
import type { DiagnoseReport } from './report.js';
import { describeBlocker, describeMigration, migrationProblems, printable, summaryText } from './render-table.js';

export interface GithubOptions {
  /** Repository-relative path of the expected-schema manifest, for `file=`. */
  manifestPath?: string;
  /** Per finding id: `file=` and `line=` (the migration that creates the object, or its line in the manifest). */
  locations?: Record<string, { file: string; line?: number }>;
  /** Put before every `title=` (a fleet report: the target's name). */
  titlePrefix?: string;
}

/** Escapes a workflow command's message. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function command(name: string, properties: [string, string | undefined][], message: string): string {
  const props = properties
    .filter((p): p is [string, string] => p[1] !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(v)}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

/** The annotation text: the finding, then one line per blocker and the migration. Control characters inside names
 * are shown as `\n`, `\u001b`, so that line breaks are only those between the parts. */
function message(f: Finding, report: DiagnoseReport): string {
  const lines = [`${f.object}: ${f.hint}`];
  for (const b of f.blockers ?? []) lines.push(describeBlocker(b));
  const migration = describeMigration(f, report.migrations);
  if (migration !== undefined) lines.push(migration);
  return lines.map(printable).join('\n');
}

export function renderGithub(report: DiagnoseReport, options: GithubOptions = {}): string {
  const t = (title: string) => `${options.titlePrefix ?? ''}${title}`;
  const lines = report.findings.map((f) => {
    const at = options.locations?.[f.id];
    const where: [string, string | undefined][] = at
      ? [
          ['file', at.file],
          ['line', at.line?.toString()],
        ]
      : [['file', options.manifestPath]];
    return command(f.severity === 'info' ? 'notice' : f.severity, [...where, ['title', t(f.kind)]], message(f, report));
  });
  for (const p of report.migrations ? migrationProblems(report.migrations) : []) {
    lines.push(command('warning', [['title', t(`migration ${p.status}`)]], printable(p.text)));
  }
  lines.push(command('notice', [['title', t('schema-doctor')]], summaryText(report)));
  return `${lines.join('\n')}\n`;
}
