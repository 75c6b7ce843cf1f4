/**
 * `npm start` runs `schema-doctor demo`: the sample application's production database on an embedded PostgreSQL,
 * taken through the whole story (diagnose → plan → apply --dry-run → apply with expected-schema/policies.json →
 * diagnose), narrated on stderr, readable over a pipe. `demo --step diagnose` only diagnoses, as the demo used to.
 * Both run as processes over pipes (no TTY), like `npm start | less` would.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './support/db.js';

const MISSING = 'missing_constraint:public.book_view_statistics.book_view_statistics_book_id_view_type_unique';
const ESC = '\u001b';

describe('demo', () => {
  it('tells the whole story over a pipe with TERM=dumb: narrated steps in order, no escape codes, ending with no drift (exit 0)', async () => {
    const r = await runCli(['demo'], { TERM: 'dumb' });
    const transcript = `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
    expect(r.code, transcript).toBe(0);
    expect(r.stdout, 'no ANSI escapes on stdout').not.toContain(ESC);
    expect(r.stderr, 'no ANSI escapes on stderr').not.toContain(ESC);

    // The narration: every stderr line the demo writes starts with `demo:`, and the steps come in this order.
    const steps = [
      'demo:   schema-doctor diagnose --expected expected-schema --migrations migrations\n',
      'demo:   schema-doctor plan --expected expected-schema --policies expected-schema/policies.json\n',
      'demo:   schema-doctor apply --dry-run --expected expected-schema --policies expected-schema/policies.json\n',
      'demo:   schema-doctor apply --yes --degraded --expected expected-schema --policies expected-schema/policies.json\n',
      'demo:   schema-doctor diagnose --expected expected-schema\n',
    ];
    const at = steps.map((s) => r.stderr.indexOf(s));
    expect(
      at.every((i) => i >= 0),
      transcript,
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(r.stderr).toContain('demo: the embedded server is stopped.');
    expect(
      r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('demo: ')),
      'stderr holds only the narration',
    ).toEqual([]);

    // What the steps printed, in order on stdout: the drift, the plan, the rehearsal, the run, and no drift at last.
    const out = [
      `${MISSING.split(':')[0]}`,
      'not applied  0009_app_role_grants.sql',
      'rekey 1 duplicate groups on public.post_reactions (id)',
      'Rehearsal: every repaired finding would be gone. Rolled back: nothing was changed.',
      'applied      001  merge 3 duplicate groups on public.book_view_statistics (book_id, view_type) (4 rows, ',
      'applied      002  rekey 1 duplicate groups on public.post_reactions (id) (1 rows, ',
      'Applied and verified (run ',
    ].map((s) => r.stdout.indexOf(s));
    expect(
      out.every((i) => i >= 0),
      transcript,
    ).toBe(true);
    expect([...out].sort((a, b) => a - b)).toEqual(out);
    expect(r.stdout.trimEnd().endsWith('No drift: the database matches the expected schema.'), transcript).toBe(true);
  });

  it('--step diagnose only diagnoses, as before: the report of the production database, exit 0', async () => {
    const r = await runCli(['demo', '--step', 'diagnose', '--format', 'json'], { TERM: 'dumb' });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    const ids = report.findings.map((f: { id: string }) => f.id);
    expect(ids).toContain(MISSING);
    expect(ids).toContain('missing_primary_key:public.post_reactions.post_reactions_pkey');
    expect(ids).toContain('constraint_differs:public.post_reactions.post_reactions_post_id_fkey');
    // app_rw was set up by hand: no grants on scores, no default privileges; migration 0009 would have done both.
    const privileges = report.findings.filter((f: { kind: string }) => f.kind === 'missing_privilege' || f.kind === 'default_privileges_differ');
    expect(privileges.map((f: { id: string; migration?: string }) => [f.id, f.migration])).toEqual([
      ['missing_privilege:public.scores:app_rw', '0009_app_role_grants.sql'],
      ['default_privileges_differ:pg_database_owner / public / sequences:app_rw', '0009_app_role_grants.sql'],
      ['default_privileges_differ:pg_database_owner / public / tables:app_rw', '0009_app_role_grants.sql'],
    ]);
    expect(report.migrations.unapplied).toEqual(['0007_add_unique_constraint_book_view_statistics.sql', '0008_community_schema_fixes.sql', '0009_app_role_grants.sql']);
    expect(r.stderr).toContain('the embedded server is stopped');
    expect(r.stderr).not.toContain('schema-doctor plan');
    expect(r.stderr).not.toContain('\u001b');
  });
});
