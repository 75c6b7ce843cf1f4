/**
 * Convergence corpus, reverse: every case of the drift corpus with its two sides swapped. The expected schema is
 * the live database, repaired back to the case's live.sql, so what the forward run creates is dropped here (with
 * --prune): this exercises the drops and their order. The spec is apply.json's `reverse` key (converges when absent).
 */
import { describe, it } from 'vitest';
import { checkConvergence } from './support/convergence.js';
import { driftCases, driftRun } from './support/drift-case.js';

describe('convergence corpus, expected → live', () => {
  it.concurrent.for(driftCases())('%s', async (name, { expect }) => {
    await checkConvergence(driftRun(name, 'reverse'), expect);
  });
});
