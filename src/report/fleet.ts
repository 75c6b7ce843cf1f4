/**
 * Fleet reports (`diagnose --targets`, `report merge`): one report for many databases, in every format. Pure:
 * the fleet report in, text out. Each target's part is what the single-target renderer prints for it.
 */
import { PACKAGE_VERSION } from '../package-root.js';
import type { DiagnoseReport } from './report.js';
import { command, renderGithub } from './render-github.js';
import { junitAttrs, junitSuite, xmlText } from './render-junit.js';
import { mdCode, mdText, renderMarkdown } from './render-markdown.js';
import { buildSarif, SARIF_SCHEMA } from './render-sarif.js';
import { plainStyle, printable, renderTable, summaryText, type Style } from './render-table.js';
import type { Format, Locations } from './render.js';

export type TargetStatus = 'ok' | 'drift' | 'error';

export interface FleetTarget {
  name: string;
  status: TargetStatus;
  /** The single-target report (`database` is the target's name); absent when the target could not be checked. */
  report?: DiagnoseReport;
  /** Why the target could not be checked: the error's code and message (passwords redacted). */
  error?: { code: string; message: string };
}

/** `diagnose --targets … --format json` (docs/fleet-report.schema.json). */
export interface FleetReport {
  formatVersion: 1;
  tool: { name: 'schema-doctor'; version: string };
  /** The --fail-on level the statuses were decided by. */
  failOn: string;
  /** `I/N` when the report is one shard's; absent for a whole fleet (and a merged one). */
  shard?: string;
  /** Sorted by name. */
  targets: FleetTarget[];
  summary: { targets: number; ok: number; drift: number; error: number };
}

export function targetStatus(report: DiagnoseReport): TargetStatus {
  return report.failed ? 'drift' : 'ok';
}

export function buildFleetReport(targets: FleetTarget[], failOn: string, shard?: string): FleetReport {
  const sorted = [...targets].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    formatVersion: 1,
    tool: { name: 'schema-doctor', version: PACKAGE_VERSION },
    failOn,
    ...(shard !== undefined && { shard }),
    targets: sorted,
    summary: {
      targets: sorted.length,
      ok: sorted.filter((t) => t.status === 'ok').length,
      drift: sorted.filter((t) => t.status === 'drift').length,
      error: sorted.filter((t) => t.status === 'error').length,
    },
  };
}

/** 6 when a target could not be checked, else 2 when one drifted (as --fail-on decided), else 0. */
export function fleetExitCode(fleet: FleetReport): number {
  if (fleet.targets.some((t) => t.status === 'error')) return 6;
  if (fleet.targets.some((t) => t.status === 'drift')) return 2;
  return 0;
}

export interface FleetRenderOptions {
  style?: Style;
  manifestPath?: string;
  /** Per target name, where its findings can be acted on (github, sarif). */
  locations?: Record<string, Locations>;
}

function targetLine(t: FleetTarget): string {
  if (t.status === 'error') return `error [${t.error?.code ?? 'UNKNOWN'}]: ${t.error?.message ?? ''}`;
  return summaryText(t.report!);
}

function fleetSummaryText(fleet: FleetReport): string {
  const s = fleet.summary;
  return `${s.targets} target${s.targets === 1 ? '' : 's'}: ${s.ok} ok · ${s.drift} drifted · ${s.error} not checked`;
}

function renderFleetTable(fleet: FleetReport, style: Style): string {
  const width = Math.max(0, ...fleet.targets.map((t) => printable(t.name).length));
  const word = (t: FleetTarget) => (t.status === 'ok' ? style.ok('ok   ') : t.status === 'drift' ? style.error('drift') : style.error('error'));
  const out = fleet.targets.map((t) => `${style.bold(printable(t.name).padEnd(width))}  ${word(t)}  ${printable(targetLine(t))}`);
  out.push('', fleetSummaryText(fleet));
  for (const t of fleet.targets.filter((x) => x.status === 'drift')) {
    out.push('', style.bold(`== ${printable(t.name)} ==`), renderTable(t.report!, style).replace(/\n$/, ''));
  }
  return `${out.join('\n')}\n`;
}

function renderFleetMarkdown(fleet: FleetReport): string {
  const icon = (t: FleetTarget) => (t.status === 'ok' ? '✅ ok' : t.status === 'drift' ? '❌ drift' : '⛔ error');
  const cell = (s: string) => mdText(s).replace(/\|/g, '\\|');
  const verdict = fleet.summary.error > 0 ? '⛔ Some targets could not be checked' : fleet.summary.drift > 0 ? '❌ Schema drift found' : '✅ No schema drift';
  const out = [
    `# ${verdict}`,
    '',
    mdText(fleetSummaryText(fleet)),
    '',
    '| Target | Status | Result |',
    '| --- | --- | --- |',
    ...fleet.targets.map((t) => `| ${mdCode(t.name)} | ${icon(t)} | ${cell(targetLine(t))} |`),
  ];
  for (const t of fleet.targets.filter((x) => x.status === 'drift')) {
    out.push('', `# ${mdCode(t.name)}`, '', renderMarkdown(t.report!).replace(/\n$/, ''));
  }
  return `${out.join('\n')}\n`;
}

function renderFleetGithub(fleet: FleetReport, options: FleetRenderOptions): string {
  const out: string[] = [];
  for (const t of fleet.targets) {
    if (t.status === 'error') {
      out.push(command('error', [['title', `${t.name}: ${t.error?.code ?? 'error'}`]], printable(targetLine(t))));
      continue;
    }
    // Clean targets add nothing but their summary notice.
    out.push(renderGithub(t.report!, { titlePrefix: `${t.name}: `, manifestPath: options.manifestPath, locations: options.locations?.[t.name] }).replace(/\n$/, ''));
  }
  out.push(command('notice', [['title', 'schema-doctor fleet']], fleetSummaryText(fleet)));
  return `${out.join('\n')}\n`;
}

function renderFleetJunit(fleet: FleetReport): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const t of fleet.targets) {
    if (t.status === 'error') {
      tests += 1;
      errors += 1;
      suites.push(
        `  <testsuite${junitAttrs([
          ['name', t.name],
          ['tests', 1],
          ['failures', 0],
          ['errors', 1],
          ['skipped', 0],
        ])}>`,
        `    <testcase${junitAttrs([
          ['classname', 'schema-doctor'],
          ['name', 'connect and check'],
        ])}>`,
        `      <error${junitAttrs([
          ['message', t.error?.message ?? ''],
          ['type', t.error?.code ?? 'error'],
        ])}>${xmlText(targetLine(t))}</error>`,
        '    </testcase>',
        '  </testsuite>',
      );
      continue;
    }
    const suite = junitSuite(t.report!, t.name);
    tests += suite.tests;
    failures += suite.failures;
    suites.push(...suite.lines);
  }
  const head = `<testsuites${junitAttrs([
    ['name', 'schema-doctor'],
    ['tests', tests],
    ['failures', failures],
    ['errors', errors],
    ['skipped', 0],
  ])}>`;
  return `${['<?xml version="1.0" encoding="UTF-8"?>', head, ...suites, '</testsuites>'].join('\n')}\n`;
}

function renderFleetSarif(fleet: FleetReport, options: FleetRenderOptions): string {
  const runs = fleet.targets.map((t) => {
    const automationDetails = { id: `schema-doctor/${t.name}` };
    if (t.status === 'error') {
      return {
        tool: { driver: { name: fleet.tool.name, version: fleet.tool.version, informationUri: 'https://www.npmjs.com/package/schema-doctor', rules: [] } },
        automationDetails,
        invocations: [{ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: targetLine(t) }, descriptor: { id: t.error?.code ?? 'error' } }] }],
        results: [],
      };
    }
    const run = buildSarif(t.report!, { manifestPath: options.manifestPath, locations: options.locations?.[t.name] }).runs[0]!;
    return { tool: run.tool, automationDetails, results: run.results };
  });
  return `${JSON.stringify({ $schema: SARIF_SCHEMA, version: '2.1.0', runs }, null, 2)}\n`;
}

export function renderFleetReport(fleet: FleetReport, format: Format, options: FleetRenderOptions = {}): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(fleet, null, 2)}\n`;
    case 'table':
      return renderFleetTable(fleet, options.style ?? plainStyle);
    case 'markdown':
      return renderFleetMarkdown(fleet);
    case 'github':
      return renderFleetGithub(fleet, options);
    case 'junit':
      return renderFleetJunit(fleet);
    case 'sarif':
      return renderFleetSarif(fleet, options);
  }
}
