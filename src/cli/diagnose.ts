import { ExitCode } from '../errors.js';
import { connectionInput } from './common.js';
import type { Io } from './io.js';
import { loadExpectedFor } from './analyse.js';
import { colourOn } from './spinner.js';
import { appendStepSummary } from './step-summary.js';
import { chalkStyle, diagnoseOptions, diagnoseTarget, type DiagnoseFlags } from './diagnose-target.js';

export type { DiagnoseFlags } from './diagnose-target.js';

export async function diagnoseCommand(flags: DiagnoseFlags, io: Io): Promise<number> {
  const { format, failOn, probeTimeoutMs } = diagnoseOptions(flags);
  if (flags.targets !== undefined || flags.tenantSchemas !== undefined || flags.shard !== undefined || flags.concurrency !== undefined) {
    const { fleetCommand } = await import('./fleet.js');
    return fleetCommand(flags, io, { format, failOn, probeTimeoutMs });
  }
  const input = connectionInput(flags, io);
  const loaded = await loadExpectedFor(flags, io.env);
  const { report, locations, manifestPath } = await diagnoseTarget(input, loaded, flags, io, { format, failOn, probeTimeoutMs });
  const { renderReport } = await import('../report/render.js');
  const style = format === 'table' && colourOn(io) ? await chalkStyle() : undefined;
  io.stdout.write(renderReport(report, format, { ...(style && { style }), ...(manifestPath && { manifestPath }), ...(locations && { locations }) }));
  appendStepSummary(io, flags, () => renderReport(report, 'markdown'));
  return report.failed ? ExitCode.DRIFT : ExitCode.OK;
}
