import { UsageError } from '../errors.js';

/** `30s`, `500ms`, `5min`, `2m`, `1h`, or a bare number of seconds → milliseconds. */
export function parseDuration(text: string, option: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h)?$/.exec(text.trim());
  if (!m) throw new UsageError('BAD_OPTION', `${option} "${text}" is not a duration.`, 'Use a number with a unit: 500ms, 30s, 5min, 1h.');
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  const factor = unit === 'ms' ? 1 : unit === 's' || unit === 'sec' ? 1000 : unit === 'm' || unit === 'min' ? 60_000 : 3_600_000;
  return n * factor;
}
