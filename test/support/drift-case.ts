import { readFileSync } from 'node:fs';

const repo = new URL('../../', import.meta.url).pathname;

/**
 * The live SQL of a drift case: its own live.sql, or, with `"liveFrom": "<repo path>"` in expect.json, a fixture
 * shared with other tests (the incident fixtures), so that no copy of it has to be kept in step.
 */
export function liveSqlOf(caseDir: string, spec: { liveFrom?: string }): string {
  return readFileSync(spec.liveFrom !== undefined ? `${repo}${spec.liveFrom}` : `${caseDir}live.sql`, 'utf8');
}
