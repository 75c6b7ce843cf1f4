import type { ConstraintDef, IndexDef, TableDef } from '../model/types.js';
import { quoteIdent } from '../model/ident.js';
import type { Finding } from './finding.js';
import { finding, STRICTER_HINT } from './findings.js';
import { compareMaps, sameValue } from './compare-maps.js';
import { describeIndex } from './describe.js';

/**
 * Everything that makes a constraint what it is, except its name. Validity is part of it: a NOT VALID twin is not
 * the same constraint (its rows were never checked), so it is reported as missing plus unexpected.
 */
export function constraintSignature(c: ConstraintDef): string {
  return JSON.stringify([c.type, c.definition, c.deferrable ?? false, c.initiallyDeferred ?? false]);
}

/** Everything that makes an index what it is, except its name. */
export function indexSignature(i: IndexDef): string {
  return JSON.stringify([i.unique ?? false, i.definition]);
}

/**
 * A unique index that does the work of a unique constraint on the same columns: unique, btree, valid, no predicate
 * and no expression keys. `INSERT … ON CONFLICT (cols)` accepts either.
 */
export function uniqueIndexFor(c: ConstraintDef, indexes: Record<string, IndexDef>): IndexDef | undefined {
  return Object.values(indexes).find(
    (i) =>
      i.unique &&
      i.method === 'btree' &&
      i.valid !== false &&
      i.predicate === undefined &&
      i.columns.length === c.columns.length &&
      i.columns.every((col, k) => col === quoteIdent(c.columns[k]!)) &&
      !!c.nullsNotDistinct === / NULLS NOT DISTINCT/.test(i.definition),
  );
}

/** Returns the names of actual indexes that stand in for a missing unique constraint (not reported again as unexpected). */
export function diffConstraints(tableKey: string, expected: TableDef, actual: TableDef, out: Finding[]): Set<string> {
  const renamedActual = new Set<string>();
  const standIns = new Set<string>();
  const obj = (name: string) => `${tableKey}.${quoteIdent(name)}`;
  compareMaps(expected.constraints, actual.constraints, {
    missing(name, e) {
      const twin = Object.values(actual.constraints).find((a) => !(a.name in expected.constraints) && constraintSignature(a) === constraintSignature(e));
      if (twin) {
        renamedActual.add(twin.name);
        out.push(
          finding('constraint_renamed', 'constraint', obj(name), `The same constraint exists as ${quoteIdent(twin.name)}; only the name differs.`, {
            table: tableKey,
            expected: `${name}: ${e.definition}`,
            actual: `${twin.name}: ${twin.definition}`,
          }),
        );
        return;
      }
      const index = e.type === 'unique' ? uniqueIndexFor(e, actual.indexes) : undefined;
      if (index) {
        standIns.add(index.name);
        out.push(
          finding(
            'unique_index_instead_of_constraint',
            'constraint',
            obj(name),
            `Unique index ${quoteIdent(index.name)} covers the same columns, so ON CONFLICT works; the constraint itself is missing.`,
            {
              table: tableKey,
              expected: e.definition,
              actual: describeIndex(tableKey, index),
            },
          ),
        );
        return;
      }
      const kind = e.type === 'primary_key' ? 'missing_primary_key' : 'missing_constraint';
      out.push(
        finding(kind, 'constraint', obj(name), `Add it: ALTER TABLE ${tableKey} ADD CONSTRAINT ${quoteIdent(name)} ${e.definition}.`, {
          table: tableKey,
          expected: e.definition,
        }),
      );
    },
    unexpected() {
      /* reported after the walk, once renamed twins are known */
    },
    both(name, e, a) {
      const { validated: ev, ...eRest } = e;
      const { validated: av, ...aRest } = a;
      const eDef = { ...eRest, definition: e.definition.replace(/ NOT VALID$/, '') };
      const aDef = { ...aRest, definition: a.definition.replace(/ NOT VALID$/, '') };
      const { comment: ec, ...eCore } = eDef;
      const { comment: ac, ...aCore } = aDef;
      if (!sameValue(eCore, aCore)) {
        const text = (c: ConstraintDef) => `${c.definition}${c.indexOptions ? ` -- index WITH (${c.indexOptions.join(', ')})` : ''}`;
        out.push(
          finding(
            'constraint_differs',
            'constraint',
            obj(name),
            sameValue({ ...eCore, indexOptions: [] }, { ...aCore, indexOptions: [] }) ? "The storage parameters of the constraint's index differ (ALTER INDEX … SET)." : hintForDifference(e, a),
            {
              table: tableKey,
              expected: text(e),
              actual: text(a),
            },
          ),
        );
      } else if (av === false && ev !== false) {
        out.push(
          finding(
            'constraint_not_valid',
            'constraint',
            obj(name),
            'The constraint exists but is NOT VALID: existing rows were never checked. VALIDATE CONSTRAINT repairs it once no row violates it.',
            {
              table: tableKey,
              expected: e.definition,
              actual: a.definition,
            },
          ),
        );
      } else if (ev === false && av !== false) {
        out.push(
          finding('constraint_stricter_than_expected', 'constraint', obj(name), STRICTER_HINT, {
            table: tableKey,
            expected: e.definition,
            actual: a.definition,
          }),
        );
      }
      if (ec !== ac) {
        out.push(finding('comment_differs', 'constraint', obj(name), 'The constraint comment differs.', { table: tableKey, expected: ec ?? '(none)', actual: ac ?? '(none)' }));
      }
    },
  });
  for (const a of Object.values(actual.constraints)) {
    if (a.name in expected.constraints || renamedActual.has(a.name)) continue;
    out.push(
      finding('unexpected_constraint', 'constraint', obj(a.name), 'The constraint is not in the expected schema; it is left alone unless apply --prune.', {
        table: tableKey,
        actual: a.definition,
      }),
    );
  }
  return standIns;
}

function hintForDifference(e: ConstraintDef, a: ConstraintDef): string {
  if (e.references && a.references) {
    const parts: string[] = [];
    if (e.references.onDelete !== a.references.onDelete) parts.push(`ON DELETE ${a.references.onDelete.toUpperCase()}, expected ${e.references.onDelete.toUpperCase()}`);
    if (e.references.onUpdate !== a.references.onUpdate) parts.push(`ON UPDATE ${a.references.onUpdate.toUpperCase()}, expected ${e.references.onUpdate.toUpperCase()}`);
    if (e.references.table !== a.references.table || !sameValue(e.references.columns, a.references.columns)) parts.push('references other columns');
    if (e.references.match !== a.references.match) parts.push(`MATCH ${a.references.match.toUpperCase()}, expected ${e.references.match.toUpperCase()}`);
    if (!!e.deferrable !== !!a.deferrable || !!e.initiallyDeferred !== !!a.initiallyDeferred) parts.push('deferrability differs');
    if (parts.length > 0) return `Foreign key ${parts.join('; ')}: drop and re-create it in one transaction.`;
  }
  if (!!e.deferrable !== !!a.deferrable || !!e.initiallyDeferred !== !!a.initiallyDeferred) return 'Deferrability differs: drop and re-create the constraint.';
  return 'The constraint definition differs: drop and re-create it (existing rows must satisfy the expected one).';
}

export function diffIndexes(tableKey: string, expected: Record<string, IndexDef> | undefined, actual: Record<string, IndexDef> | undefined, out: Finding[], standIns: Set<string> = new Set()): void {
  const e = expected ?? {};
  const a = actual ?? {};
  const renamedActual = new Set<string>();
  const obj = (name: string) => `${tableKey}.${quoteIdent(name)}`;
  compareMaps(e, a, {
    missing(name, ei) {
      const twin = Object.values(a).find((ai) => !(ai.name in e) && ai.valid !== false && indexSignature(ai) === indexSignature(ei));
      if (twin) {
        renamedActual.add(twin.name);
        out.push(
          finding('index_renamed', 'index', obj(name), `The same index exists as ${quoteIdent(twin.name)}; only the name differs.`, {
            table: tableKey,
            expected: describeIndex(tableKey, ei),
            actual: describeIndex(tableKey, twin),
          }),
        );
        return;
      }
      out.push(finding('missing_index', 'index', obj(name), `Create it: ${describeIndex(tableKey, ei)}.`, { table: tableKey, expected: describeIndex(tableKey, ei) }));
    },
    unexpected() {
      /* after the walk */
    },
    both(name, ei, ai) {
      if (indexSignature(ei) !== indexSignature(ai)) {
        out.push(
          finding('index_differs', 'index', obj(name), 'The index definition differs: re-create it (CONCURRENTLY on a busy table).', {
            table: tableKey,
            expected: describeIndex(tableKey, ei),
            actual: describeIndex(tableKey, ai),
          }),
        );
      } else if (ai.valid === false && ei.valid !== false) {
        out.push(
          finding('index_invalid', 'index', obj(name), 'The index exists but is INVALID (an interrupted CREATE INDEX CONCURRENTLY): it is not used and must be rebuilt.', {
            table: tableKey,
            expected: describeIndex(tableKey, ei),
            actual: `${describeIndex(tableKey, ai)} -- INVALID`,
          }),
        );
      } else if (ei.valid === false && ai.valid !== false) {
        out.push(
          finding('index_stricter_than_expected', 'index', obj(name), 'The index is valid in the database where the expected schema has it INVALID: nothing to repair (apply never breaks an index).', {
            table: tableKey,
            expected: `${describeIndex(tableKey, ei)} -- INVALID`,
            actual: describeIndex(tableKey, ai),
          }),
        );
      }
      if (ei.comment !== ai.comment) {
        out.push(finding('comment_differs', 'index', obj(name), 'The index comment differs.', { table: tableKey, expected: ei.comment ?? '(none)', actual: ai.comment ?? '(none)' }));
      }
    },
  });
  for (const ai of Object.values(a)) {
    if (ai.name in e || renamedActual.has(ai.name) || standIns.has(ai.name)) continue;
    out.push(
      finding('unexpected_index', 'index', obj(ai.name), 'The index is not in the expected schema; it is left alone unless apply --prune.', {
        table: tableKey,
        actual: describeIndex(tableKey, ai),
      }),
    );
  }
}
