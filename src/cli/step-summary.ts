import { appendFileSync } from 'node:fs';
import { redact } from '../db/redact.js';
import type { Io } from './io.js';

/**
 * Appends Markdown to the file `$GITHUB_STEP_SUMMARY` names (GitHub Actions shows it on the run's page), unless
 * `--no-summary`. Never truncates. A file that cannot be written is a warning on stderr, not a failure: the
 * report itself was printed.
 */
export function appendStepSummary(io: Io, flags: { summary?: boolean }, markdown: () => string): void {
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (!file || flags.summary === false) return;
  try {
    appendFileSync(file, redact(markdown()).replace(/\n*$/, '\n\n'));
  } catch (err) {
    io.stderr.write(redact(`warning: cannot append the summary to GITHUB_STEP_SUMMARY (${file}): ${(err as Error).message}\n`));
  }
}
