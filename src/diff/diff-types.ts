import type { DomainDef, SchemaModel, SequenceDef } from '../model/types.js';
import { quoteIdent, quoteLiteral } from '../model/ident.js';
import type { Finding } from './finding.js';
import { finding, STRICTER_HINT } from './findings.js';
import { compareMaps, sameValue } from './compare-maps.js';

/** Schemas, extensions, enums, domains and sequences. */
export function diffTypes(expected: SchemaModel, actual: SchemaModel, out: Finding[]): void {
  compareMaps(expected.schemas, actual.schemas, {
    missing: (key) => out.push(finding('missing_schema', 'schema', key, `Create it: CREATE SCHEMA ${key}.`)),
    unexpected: (key) => out.push(finding('unexpected_schema', 'schema', key, 'The schema is not in the expected schema; it is left alone.')),
    both: (key, e, a) => {
      if (e.comment !== a.comment) out.push(finding('comment_differs', 'schema', key, 'The schema comment differs.', { expected: e.comment ?? '(none)', actual: a.comment ?? '(none)' }));
    },
  });
  compareMaps(expected.extensions, actual.extensions, {
    missing: (key, e) =>
      out.push(
        finding(
          'missing_extension',
          'extension',
          key,
          `Install it: CREATE EXTENSION IF NOT EXISTS ${key} SCHEMA ${e.schema}${e.version !== undefined ? ` VERSION ${quoteLiteral(e.version)}` : ''} (the server must ship it).`,
        ),
      ),
    unexpected: (key) => out.push(finding('unexpected_extension', 'extension', key, 'The extension is not in the expected schema; it is left alone.')),
    both: (key, e, a) => {
      if (e.schema !== a.schema)
        out.push(
          finding('missing_extension', 'extension', key, `The extension is installed in schema ${a.schema}, expected ${e.schema}: ALTER EXTENSION … SET SCHEMA.`, {
            expected: e.schema,
            actual: a.schema,
          }),
        );
      if (e.comment !== a.comment)
        out.push(
          finding('comment_differs', 'extension', key, 'The extension comment differs from the expected one.', { expected: e.comment ?? '(as installed)', actual: a.comment ?? '(as installed)' }),
        );
      // Only a version pinned by hand in the manifest is compared; the live one is read for the live side alone.
      if (e.version !== undefined && e.version !== a.version) {
        out.push(
          finding(
            'extension_version_differs',
            'extension',
            key,
            `The manifest pins version ${e.version}; the database has ${a.version ?? '(not read)'}. Not drift: apply runs ALTER EXTENSION ${key} UPDATE TO ${quoteLiteral(e.version)} (the server must ship that version).`,
            { expected: e.version, actual: a.version ?? '(not read)' },
          ),
        );
      }
    },
  });
  compareMaps(expected.enums, actual.enums, {
    missing: (key, e) => out.push(finding('missing_enum', 'enum', key, 'Create the enum type.', { expected: e.values.map(quoteLiteral).join(', ') })),
    unexpected: (key, a) => out.push(finding('unexpected_enum', 'enum', key, 'The enum is not in the expected schema; it is left alone.', { actual: a.values.map(quoteLiteral).join(', ') })),
    both: (key, e, a) => {
      const have = new Set(a.values);
      const want = new Set(e.values);
      for (const v of e.values)
        if (!have.has(v)) out.push(finding('missing_enum_value', 'enum', `${key}.${quoteLiteral(v)}`, `Add it: ALTER TYPE ${key} ADD VALUE IF NOT EXISTS ${quoteLiteral(v)}.`, { expected: v }));
      for (const v of a.values)
        if (!want.has(v))
          out.push(finding('unexpected_enum_value', 'enum', `${key}.${quoteLiteral(v)}`, 'The enum value is not expected; PostgreSQL cannot drop enum values, so it is left alone.', { actual: v }));
      const common = (vs: string[], other: Set<string>) => vs.filter((v) => other.has(v));
      if (!sameValue(common(e.values, have), common(a.values, want))) {
        out.push(
          finding('enum_value_order_differs', 'enum', key, 'The enum values are in another order (sorting by the enum follows it).', { expected: e.values.join(', '), actual: a.values.join(', ') }),
        );
      }
      if (e.comment !== a.comment) out.push(finding('comment_differs', 'enum', key, 'The comment differs.', { expected: e.comment ?? '(none)', actual: a.comment ?? '(none)' }));
    },
  });
  compareMaps(expected.domains, actual.domains, {
    missing: (key, e) => out.push(finding('missing_domain', 'domain', key, 'Create the domain.', { expected: domainText(e) })),
    unexpected: (key, a) => out.push(finding('unexpected_domain', 'domain', key, 'The domain is not in the expected schema; it is left alone.', { actual: domainText(a) })),
    both: (key, e, a) => {
      // A check validated live but NOT VALID in the manifest is stricter, not different: info, when it is the only
      // difference. Otherwise the domain differs, and the texts show everything, validity included.
      const stricter = Object.entries(e.checks ?? {})
        .filter(([n, c]) => c.validated === false && a.checks?.[n] !== undefined && a.checks[n]!.validated !== false && a.checks[n]!.expression === c.expression)
        .map(([n]) => n);
      const asLive: DomainDef =
        stricter.length === 0
          ? e
          : {
              ...e,
              checks: Object.fromEntries(Object.entries(e.checks ?? {}).map(([n, c]) => [n, stricter.includes(n) ? { expression: c.expression } : c])),
            };
      if (domainText(asLive) !== domainText(a)) {
        out.push(finding('domain_differs', 'domain', key, 'The domain differs.', { expected: domainText(e), actual: domainText(a) }));
        return;
      }
      for (const [n, c] of Object.entries(e.checks ?? {})) {
        const ac = a.checks?.[n]?.comment;
        if (c.comment !== ac)
          out.push(finding('comment_differs', 'constraint', `${key}.${quoteIdent(n)}`, 'The domain constraint comment differs.', { expected: c.comment ?? '(none)', actual: ac ?? '(none)' }));
      }
      for (const n of stricter) {
        const c = e.checks![n]!;
        out.push(
          finding('constraint_stricter_than_expected', 'constraint', `${key}.${quoteIdent(n)}`, STRICTER_HINT, {
            expected: `CONSTRAINT ${quoteIdent(n)} CHECK ${c.expression} NOT VALID`,
            actual: `CONSTRAINT ${quoteIdent(n)} CHECK ${c.expression}`,
          }),
        );
      }
    },
  });
  compareMaps(expected.sequences, actual.sequences, {
    missing: (key, e) => out.push(finding('missing_sequence', 'sequence', key, 'Create the sequence.', { expected: sequenceText(e) })),
    unexpected: (key, a) => out.push(finding('unexpected_sequence', 'sequence', key, 'The sequence is not in the expected schema; it is left alone.', { actual: sequenceText(a) })),
    both: (key, e, a) => {
      if (sequenceText(e) !== sequenceText(a))
        out.push(finding('sequence_differs', 'sequence', key, 'The sequence options differ (ALTER SEQUENCE).', { expected: sequenceText(e), actual: sequenceText(a) }));
      if (e.comment !== a.comment) out.push(finding('comment_differs', 'sequence', key, 'The sequence comment differs.', { expected: e.comment ?? '(none)', actual: a.comment ?? '(none)' }));
    },
  });
}

function domainText(d: DomainDef): string {
  const checks = Object.entries(d.checks ?? {}).map(([n, c]) => `CONSTRAINT ${n} ${c.expression}${c.validated === false ? ' NOT VALID' : ''}`);
  return [`${d.type}`, d.collation ? `COLLATE ${d.collation}` : '', d.default !== undefined ? `DEFAULT ${d.default}` : '', d.notNull ? 'NOT NULL' : '', ...checks, d.comment ? `-- ${d.comment}` : '']
    .filter((s) => s !== '')
    .join('\n');
}

function sequenceText(s: SequenceDef): string {
  return `AS ${s.type} START ${s.start} INCREMENT ${s.increment} MINVALUE ${s.min} MAXVALUE ${s.max} CACHE ${s.cache}${s.cycle ? ' CYCLE' : ''}${s.ownedBy ? ` OWNED BY ${s.ownedBy}` : ''}`;
}
