import type { ColumnDef, IdentityOptions } from './types.js';

/** The bounds of the integer types an identity column may have. */
const BOUNDS: Record<string, [string, string]> = {
  smallint: ['-32768', '32767'],
  integer: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
};

export interface SequenceValues {
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
}

/**
 * The options of an identity column's sequence that differ from what `GENERATED … AS IDENTITY` gives by itself
 * (increment 1, cache 1, no cycle, min and max the type's for the direction, start at min, or at max going down),
 * so that identity columns created without options have none in the model.
 */
export function identityOptionsOf(type: string, s: SequenceValues): IdentityOptions | undefined {
  const d = defaultsOf(type, s.increment);
  const o: IdentityOptions = {};
  if (s.increment !== '1') o.increment = s.increment;
  if (s.min !== d.min) o.min = s.min;
  if (s.max !== d.max) o.max = s.max;
  if (s.start !== (s.increment.startsWith('-') ? s.max : s.min)) o.start = s.start;
  if (s.cache !== '1') o.cache = s.cache;
  if (s.cycle) o.cycle = true;
  return Object.keys(o).length > 0 ? o : undefined;
}

function defaultsOf(type: string, increment: string): { min: string; max: string } {
  const [lo, hi] = BOUNDS[type] ?? BOUNDS.bigint!;
  return increment.startsWith('-') ? { min: lo, max: '-1' } : { min: '1', max: hi };
}

/** `START WITH 100 INCREMENT BY 10 CACHE 5`, for CREATE TABLE / ADD GENERATED … AS IDENTITY (…); '' without options. */
export function identityOptionsSql(o: IdentityOptions | undefined): string {
  if (!o) return '';
  return [
    o.increment !== undefined ? `INCREMENT BY ${o.increment}` : '',
    o.min !== undefined ? `MINVALUE ${o.min}` : '',
    o.max !== undefined ? `MAXVALUE ${o.max}` : '',
    o.start !== undefined ? `START WITH ${o.start}` : '',
    o.cache !== undefined ? `CACHE ${o.cache}` : '',
    o.cycle ? 'CYCLE' : '',
  ]
    .filter((x) => x !== '')
    .join(' ');
}

/**
 * Every option of the expected identity, spelled out for `ALTER COLUMN … SET …` (what is absent goes back to its
 * default), so that one statement brings any identity sequence to the expected options. The current value is kept:
 * only RESTART would move it.
 */
export function identityAlterations(c: ColumnDef): string[] {
  const o = c.identityOptions ?? {};
  const increment = o.increment ?? '1';
  const d = defaultsOf(c.type, increment);
  const min = o.min ?? d.min;
  const max = o.max ?? d.max;
  return [
    `SET INCREMENT BY ${increment}`,
    o.min !== undefined ? `SET MINVALUE ${o.min}` : 'SET NO MINVALUE',
    o.max !== undefined ? `SET MAXVALUE ${o.max}` : 'SET NO MAXVALUE',
    `SET START WITH ${o.start ?? (increment.startsWith('-') ? max : min)}`,
    `SET CACHE ${o.cache ?? '1'}`,
    o.cycle ? 'SET CYCLE' : 'SET NO CYCLE',
  ];
}
