import type { SchemaModel } from '../model/types.js';
import { COUNTED_KINDS, pluralOf } from '../model/unmodeled.js';
import type { Finding } from './finding.js';
import { finding } from './findings.js';

/** How many names a hint lists before "and N more". */
const LISTED = 10;

/**
 * One `unmodeled_objects` finding per kind present on either side (id `unmodeled_objects:<kind>`): schema-doctor
 * does not compare these objects, so it names them instead of passing over them. `expected` and `actual` hold the
 * names on each side, one a line, for the readable diff.
 */
export function diffUnmodeled(expected: SchemaModel, actual: SchemaModel, out: Finding[]): void {
  const e = expected.unmodeled ?? {};
  const a = actual.unmodeled ?? {};
  for (const kind of [...new Set([...Object.keys(e), ...Object.keys(a)])].sort()) {
    const side = (names: string[] | undefined) => (names && names.length > 0 ? names.join('\n') : '(none)');
    out.push(finding('unmodeled_objects', 'kind', kind, hintOf(kind, e[kind] ?? [], a[kind] ?? []), { expected: side(e[kind]), actual: side(a[kind]) }));
  }
}

function hintOf(kind: string, expected: string[], actual: string[]): string {
  if (COUNTED_KINDS.includes(kind)) {
    const n = Number(actual[0] ?? expected[0] ?? 0);
    return `${n} ${n === 1 ? kind : pluralOf(kind)} not compared (contents are data, not schema).`;
  }
  const names = [...new Set([...expected, ...actual])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const listed = names.slice(0, LISTED).join(', ') + (names.length > LISTED ? ` and ${names.length - LISTED} more` : '');
  const one = names.length === 1;
  return `${names.length} ${one ? kind : pluralOf(kind)} not compared: ${listed}. Check ${one ? 'it' : 'them'} by hand (docs/coverage.md lists what schema-doctor compares).`;
}
