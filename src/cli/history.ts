import { UsageError } from '../errors.js';
import { connect } from '../db/connect.js';
import { hasRuns, readArchiveGroups, readRuns, renderRunDetail, renderRunsTable } from '../runs/history.js';
import { connectionInput, type ConnectionFlags } from './common.js';
import type { Io } from './io.js';

export interface HistoryFlags extends ConnectionFlags {
  run?: string;
  format?: string;
}

/** `history`: the runs recorded in schema_doctor.runs, or one run's steps and results. Read-only. */
export async function historyCommand(flags: HistoryFlags, io: Io): Promise<number> {
  const format = flags.format ?? 'table';
  if (format !== 'table' && format !== 'json') {
    throw new UsageError('BAD_OPTION', `--format must be table or json, got "${format}".`, 'Use --format table or --format json.');
  }
  const { client } = await connect(connectionInput(flags, io));
  try {
    if (!(await hasRuns(client))) {
      if (flags.run !== undefined) throw unknownRun(flags.run);
      io.stdout.write(format === 'json' ? '[]\n' : 'no runs recorded (there is no schema_doctor.runs in this database)\n');
      return 0;
    }
    const runs = await readRuns(client, flags.run);
    if (flags.run !== undefined) {
      const run = runs[0];
      if (!run) throw unknownRun(flags.run);
      const archive = await readArchiveGroups(client, run.run_id);
      io.stdout.write(format === 'json' ? JSON.stringify({ ...run, archive }, null, 2) + '\n' : renderRunDetail(run, archive));
      return 0;
    }
    if (format === 'json') io.stdout.write(JSON.stringify(runs, null, 2) + '\n');
    else io.stdout.write(runs.length === 0 ? 'no runs recorded\n' : renderRunsTable(runs) + '\n');
    return 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function unknownRun(id: string): UsageError {
  return new UsageError('UNKNOWN_RUN', `There is no run ${id} in schema_doctor.runs.`, 'List the recorded runs with schema-doctor history.');
}
