/**
 * sameValue: the structural equality the diff uses on every object of both models. It must agree with comparing
 * the values' JSON with sorted keys (what it replaced): undefined keys absent, undefined array elements null.
 */
import { describe, expect, it } from 'vitest';
import { sameValue } from '../src/diff/compare-maps.js';

const canonical = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(canonical)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v)
            .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
            .sort()
            .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
        )
      : v;
const asJson = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

const pairs: [unknown, unknown][] = [
  [
    { a: 1, b: 'x' },
    { b: 'x', a: 1 },
  ],
  [{ a: 1, b: undefined }, { a: 1 }],
  [{ a: 1 }, { a: 1, b: undefined }],
  [{ a: 1 }, { a: 1, b: null }],
  [{ a: null }, {}],
  [
    [1, undefined],
    [1, null],
  ],
  [
    [1, 2],
    [2, 1],
  ],
  [
    [1, 2],
    [1, 2, 3],
  ],
  [{ a: [] }, { a: {} }],
  [[], {}],
  [{ a: { b: { c: [1, { d: 'e' }] } } }, { a: { b: { c: [1, { d: 'e' }] } } }],
  [{ a: { b: { c: [1, { d: 'e' }] } } }, { a: { b: { c: [1, { d: 'f' }] } } }],
  ['1', 1],
  [0, false],
  [null, {}],
  [true, true],
  [{ k: 'v' }, { k: 'v', extra: 0 }],
];

describe('sameValue', () => {
  it.each(pairs.map((p, i) => [i, ...p] as const))('pair %i agrees with sorted-key JSON', (_i, a, b) => {
    expect(sameValue(a, b)).toBe(asJson(a, b));
    expect(sameValue(b, a)).toBe(asJson(b, a));
  });
  it('is not trivially true or false', () => {
    expect(pairs.filter(([a, b]) => sameValue(a, b)).length).toBeGreaterThan(3);
    expect(pairs.filter(([a, b]) => !sameValue(a, b)).length).toBeGreaterThan(3);
  });
});
