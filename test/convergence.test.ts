/**
 * Convergence corpus, forward: every case of the drift corpus (test/corpus/drift/NN-*) is repaired from its live.sql
 * to its expected schema, end to end (test/support/convergence.ts says what is checked). Per-case files, optional:
 * policies.json (what to do with the data that blocks the repair, src/plan/policies.ts) and apply.json (the spec:
 * extra allowed hazards, or how a case that does not converge ends, and why; its `reverse` key is the spec of
 * convergence-reverse.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { checkConvergence, checkSpec } from './support/convergence.js';
import { driftCases, driftRun } from './support/drift-case.js';

const cases = driftCases();

describe('convergence corpus, live → expected', () => {
  it('has at least 60 converging cases; every apply.json says why a case does not converge', () => {
    expect(cases.filter((c) => driftRun(c, 'forward').spec.converges).length).toBeGreaterThanOrEqual(60);
    for (const name of cases) {
      checkSpec(`${name}/apply.json`, driftRun(name, 'forward').spec);
      checkSpec(`${name}/apply.json: reverse`, driftRun(name, 'reverse').spec);
    }
  });

  it.concurrent.for(cases)('%s', async (name, { expect }) => {
    await checkConvergence(driftRun(name, 'forward'), expect);
  });
});
