import type { CompositeDef, SchemaModel } from '../model/types.js';
import { quoteIdent } from '../model/ident.js';
import type { Finding } from './finding.js';
import { finding } from './findings.js';
import { compareMaps } from './compare-maps.js';

/**
 * Composite types: one finding per type. Its attributes (in order, with type and collation) are compared as text,
 * so the readable diff shows the whole type; the comment is its own finding, as for enums.
 */
export function diffComposites(expected: SchemaModel, actual: SchemaModel, out: Finding[]): void {
  compareMaps(expected.composites ?? {}, actual.composites ?? {}, {
    missing: (key, e) => out.push(finding('missing_composite', 'composite', key, 'Create the composite type.', { expected: compositeText(e) })),
    unexpected: (key, a) =>
      out.push(
        finding('unexpected_composite', 'composite', key, 'The composite type is not in the expected schema; it is left alone (--prune drops it when nothing uses it).', { actual: compositeText(a) }),
      ),
    both: (key, e, a) => {
      if (compositeText(e) !== compositeText(a)) {
        out.push(
          finding('composite_differs', 'composite', key, 'The attributes of the composite type differ (ALTER TYPE … ADD / DROP / ALTER ATTRIBUTE).', {
            expected: compositeText(e),
            actual: compositeText(a),
          }),
        );
      }
      if (e.comment !== a.comment) out.push(finding('comment_differs', 'composite', key, 'The comment differs.', { expected: e.comment ?? '(none)', actual: a.comment ?? '(none)' }));
    },
  });
}

/** `(street text, city text COLLATE "C")`, one attribute a line. */
export function compositeText(c: CompositeDef): string {
  return c.attributes.map((a) => `${quoteIdent(a.name)} ${a.type}${a.collation ? ` COLLATE ${a.collation}` : ''}`).join(',\n');
}
