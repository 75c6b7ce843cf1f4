import type { CollationDef, SchemaModel } from '../model/types.js';
import { quoteLiteral } from '../model/ident.js';
import type { Finding } from './finding.js';
import { finding } from './findings.js';
import { compareMaps } from './compare-maps.js';

/** Collations made by CREATE COLLATION: their options compared as the text of the statement; the comment apart. */
export function diffCollations(expected: SchemaModel, actual: SchemaModel, out: Finding[]): void {
  compareMaps(expected.collations ?? {}, actual.collations ?? {}, {
    missing: (key, e) => out.push(finding('missing_collation', 'collation', key, 'Create the collation.', { expected: collationOptions(e) })),
    unexpected: (key, a) =>
      out.push(
        finding('unexpected_collation', 'collation', key, 'The collation is not in the expected schema; it is left alone (--prune drops it when nothing uses it).', { actual: collationOptions(a) }),
      ),
    both: (key, e, a) => {
      if (collationOptions(e) !== collationOptions(a)) {
        out.push(
          finding('collation_differs', 'collation', key, 'The collation is defined differently (it is dropped and created again when nothing uses it).', {
            expected: collationOptions(e),
            actual: collationOptions(a),
          }),
        );
      }
      if (e.comment !== a.comment) out.push(finding('comment_differs', 'collation', key, 'The comment differs.', { expected: e.comment ?? '(none)', actual: a.comment ?? '(none)' }));
    },
  });
}

/** The options of CREATE COLLATION: `provider = libc, locale = 'C'`. */
export function collationOptions(c: CollationDef): string {
  return [
    `provider = ${c.provider}`,
    c.locale !== undefined ? `locale = ${quoteLiteral(c.locale)}` : '',
    c.lcCollate !== undefined ? `lc_collate = ${quoteLiteral(c.lcCollate)}` : '',
    c.lcCtype !== undefined ? `lc_ctype = ${quoteLiteral(c.lcCtype)}` : '',
    c.deterministic === false ? 'deterministic = false' : '',
  ]
    .filter((s) => s !== '')
    .join(', ');
}
