import type { RangeDef, SchemaModel } from '../model/types.js';
import type { Finding } from './finding.js';
import { finding } from './findings.js';
import { compareMaps } from './compare-maps.js';

/** Range types: their CREATE TYPE … AS RANGE options compared as text; the comment apart. */
export function diffRanges(expected: SchemaModel, actual: SchemaModel, out: Finding[]): void {
  compareMaps(expected.ranges ?? {}, actual.ranges ?? {}, {
    missing: (key, e) => out.push(finding('missing_range', 'range', key, 'Create the range type.', { expected: rangeOptions(e) })),
    unexpected: (key, a) =>
      out.push(finding('unexpected_range', 'range', key, 'The range type is not in the expected schema; it is left alone (--prune drops it when nothing uses it).', { actual: rangeOptions(a) })),
    both: (key, e, a) => {
      if (rangeOptions(e) !== rangeOptions(a)) {
        out.push(
          finding('range_differs', 'range', key, 'The range type is defined differently (it is dropped and created again when nothing uses it).', {
            expected: rangeOptions(e),
            actual: rangeOptions(a),
          }),
        );
      }
      if (e.comment !== a.comment) out.push(finding('comment_differs', 'range', key, 'The comment differs.', { expected: e.comment ?? '(none)', actual: a.comment ?? '(none)' }));
    },
  });
}

/** The options of CREATE TYPE … AS RANGE: `subtype = integer, multirange_type_name = public.span_multirange`. */
export function rangeOptions(r: RangeDef): string {
  return [
    `subtype = ${r.subtype}`,
    r.subtypeOpclass ? `subtype_opclass = ${r.subtypeOpclass}` : '',
    r.collation ? `collation = ${r.collation}` : '',
    r.canonical ? `canonical = ${r.canonical}` : '',
    r.subtypeDiff ? `subtype_diff = ${r.subtypeDiff}` : '',
    r.multirange ? `multirange_type_name = ${r.multirange}` : '',
  ]
    .filter((s) => s !== '')
    .join(', ');
}
