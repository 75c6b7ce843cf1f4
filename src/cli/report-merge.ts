/**
 * `schema-doctor report merge FILE…`: the JSON fleet reports of the shards of one fleet (`diagnose --targets …
 * --shard I/N --format json`) as one report, sorted by name as the unsharded run sorts it, rendered in any
 * --format, with the exit code the unsharded run would have had (docs/fleet.md).
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { redact } from '../db/redact.js';
import { buildFleetReport, fleetExitCode, renderFleetReport, targetStatus, type FleetReport, type FleetTarget } from '../report/fleet.js';
import { FORMATS, type Format } from '../report/render.js';
import { chalkStyle, checkFailOn, failsOn } from './diagnose-target.js';
import type { Io } from './io.js';
import { colourOn } from './spinner.js';
import { appendStepSummary } from './step-summary.js';

export interface MergeFlags {
  format?: string;
  failOn?: string;
  summary?: boolean;
}

function invalid(file: string, what: string): UsageError {
  return new UsageError('REPORT_INVALID', `${file} is not a fleet report: ${what}.`, 'Give report merge the JSON output of `diagnose --targets … --format json` (docs/fleet-report.schema.json).');
}

export function readFleetReport(file: string): FleetReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError('REPORT_UNREADABLE', `Cannot read the report ${file}: ${(err as Error).message}.`, 'Check the path of each shard report.');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw invalid(file, `not JSON (${(err as Error).message})`);
  }
  const r = data as Partial<FleetReport>;
  if (typeof r !== 'object' || r === null || r.formatVersion !== 1) throw invalid(file, 'no formatVersion 1');
  if (!Array.isArray(r.targets)) throw invalid(file, 'no targets array (a single-target report cannot be merged)');
  for (const [i, t] of r.targets.entries()) {
    if (typeof t?.name !== 'string' || !['ok', 'drift', 'error'].includes(t.status as string)) throw invalid(file, `targets[${i}] has no name or status`);
    if (t.status === 'error' ? typeof t.error?.code !== 'string' : typeof t.report !== 'object' || !Array.isArray(t.report?.findings)) {
      throw invalid(file, `targets[${i}] (${t.name}) has neither a report nor an error`);
    }
  }
  if (typeof r.failOn !== 'string') throw invalid(file, 'no failOn');
  return r as FleetReport;
}

export async function reportMergeCommand(files: string[], flags: MergeFlags, io: Io): Promise<number> {
  const format = flags.format ?? 'table';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError('BAD_OPTION', `--format "${format}" is not one of ${FORMATS.join(', ')}.`, 'For CI use json, github, junit, sarif or markdown.');
  }
  const given = flags.failOn !== undefined ? checkFailOn(flags.failOn) : undefined;
  const reports = files.map((f) => ({ file: f, report: readFleetReport(f) }));
  const recorded = [...new Set(reports.map((r) => r.report.failOn))];
  if (given === undefined && recorded.length > 1) {
    throw new UsageError('BAD_OPTION', `The reports were made with different --fail-on levels (${recorded.join(', ')}).`, 'Give report merge --fail-on to decide them all by one level.');
  }
  const failOn = given ?? recorded[0] ?? 'drift';
  const seen = new Map<string, string>();
  const targets: FleetTarget[] = [];
  for (const { file, report } of reports) {
    for (const t of report.targets) {
      const before = seen.get(t.name);
      if (before !== undefined) {
        throw new UsageError('REPORT_INVALID', `The target "${t.name}" is in both ${before} and ${file}.`, 'Merge the reports of the shards of one run, all made with the same --shard I/N count.');
      }
      seen.set(t.name, file);
      if (t.status === 'error' || given === undefined || t.report === undefined) {
        targets.push(t);
        continue;
      }
      const failed = failsOn(t.report.findings, t.report.migrations, t.report.summary.blockers, given);
      const r = { ...t.report, failed };
      targets.push({ ...t, status: targetStatus(r), report: r });
    }
  }
  // Shards of one run: say when one is missing (the merged report would silently lack its targets).
  const shards = reports.map((r) => r.report.shard).filter((s): s is string => s !== undefined);
  const counts = [...new Set(shards.map((s) => s.split('/')[1]))];
  if (shards.length === reports.length && counts.length === 1) {
    const n = Number(counts[0]);
    const missing = Array.from({ length: n }, (_, i) => `${i + 1}/${n}`).filter((s) => !shards.includes(s));
    if (missing.length > 0) io.stderr.write(`warning: no report for shard ${missing.join(', ')}: its targets are not in the merged report.\n`);
  }
  const fleet = buildFleetReport(targets, failOn);
  const style = format === 'table' && colourOn(io) ? await chalkStyle() : undefined;
  io.stdout.write(redact(renderFleetReport(fleet, format as Format, { ...(style && { style }) })));
  appendStepSummary(io, flags, () => renderFleetReport(fleet, 'markdown'));
  return fleetExitCode(fleet);
}
