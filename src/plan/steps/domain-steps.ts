import type { DomainDef } from '../../model/types.js';
import { doBlock, lit, q } from '../sql-util.js';
import { draft, PHASE, type StepDraft } from './draft.js';
import { node } from '../graph/keys.js';

const paren = (e: string) => (e.startsWith('(') ? e : `(${e})`);

/** Whether the domain has a constraint of that name: the guard of the steps that have no IF [NOT] EXISTS form. */
const domainConstraint = (key: string, name: string, extra = '') => `EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE contypid = ${lit(key)}::regtype AND conname = ${lit(name)}${extra})`;

/**
 * A domain changed in place, as ALTER DOMAIN allows: its default, NOT NULL, and CHECK constraints (dropped, added
 * NOT VALID then validated, or only validated). Every column of the domain keeps its values; a NOT NULL or CHECK that
 * some stored value breaks makes the step fail and the run roll back. The base type and the collation cannot change
 * in place (the caller refuses those).
 */
export function alterDomainSteps(id: string, key: string, e: DomainDef, a: DomainDef): StepDraft[] {
  const out: StepDraft[] = [];
  const step = (summary: string, sql: string) => out.push(draft(PHASE.types + 0.5, [id], summary, sql, { lock: 'SHARE', graph: { creates: [node.type(key)] } }));
  const ec = e.checks ?? {};
  const ac = a.checks ?? {};
  for (const [name, c] of Object.entries(ac)) {
    if (ec[name]?.expression === c.expression) continue;
    step(`drop constraint ${q(name)} of domain ${key}`, `ALTER DOMAIN ${key} DROP CONSTRAINT IF EXISTS ${q(name)};`);
  }
  if (e.default !== a.default) {
    step(`${e.default === undefined ? 'drop' : 'set'} default of domain ${key}`, `ALTER DOMAIN ${key} ${e.default === undefined ? 'DROP DEFAULT' : `SET DEFAULT ${e.default}`};`);
  }
  if (!!e.notNull !== !!a.notNull) step(`${e.notNull ? 'set' : 'drop'} NOT NULL on domain ${key}`, `ALTER DOMAIN ${key} ${e.notNull ? 'SET' : 'DROP'} NOT NULL;`);
  for (const [name, c] of Object.entries(ec)) {
    const live = ac[name];
    const validate = c.validated === false ? '' : `\n  IF ${domainConstraint(key, name, ' AND NOT convalidated')} THEN\n    ALTER DOMAIN ${key} VALIDATE CONSTRAINT ${q(name)};\n  END IF;`;
    if (live?.expression === c.expression) {
      if (live.validated === false && c.validated !== false) step(`validate constraint ${q(name)} of domain ${key}`, doBlock(validate.slice(1)));
      continue;
    }
    step(
      `add constraint ${q(name)} to domain ${key}${c.validated === false ? ' (NOT VALID)' : ''}`,
      doBlock(`  IF NOT ${domainConstraint(key, name)} THEN
    ALTER DOMAIN ${key} ADD CONSTRAINT ${q(name)} CHECK ${paren(c.expression)} NOT VALID;
  END IF;${validate}`),
    );
  }
  if (e.comment !== a.comment) step(`comment on domain ${key}`, `COMMENT ON DOMAIN ${key} IS ${e.comment === undefined ? 'NULL' : lit(e.comment)};`);
  return out;
}
