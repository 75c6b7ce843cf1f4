/**
 * Convergence pairs: schema pairs written for the structural repair (test/corpus/pairs/NNN-name/{a,b}.sql), each
 * repaired a → b and b → a (test/support/convergence.ts says what is checked). case.json, optional, gives the spec
 * of a direction that does not converge (`ab`, `ba`) with its reason.
 */
import { describe, expect, it } from 'vitest';
import { checkConvergence, checkSpec } from './support/convergence.js';
import { pairCases, pairRun } from './support/drift-case.js';

const runs = pairCases().flatMap((name) => (['ab', 'ba'] as const).map((d) => ({ name, d })));

describe('convergence pairs, both directions', () => {
  it('every case.json says why a direction does not converge', () => {
    expect(runs.length).toBeGreaterThan(0);
    for (const { name, d } of runs) checkSpec(`${name}/case.json: ${d}`, pairRun(name, d).spec);
  });

  it.concurrent.for(runs.map(({ name, d }) => [`${name} ${d}`, name, d] as const))('%s', async ([, name, d], { expect }) => {
    await checkConvergence(pairRun(name, d), expect);
  });
});
