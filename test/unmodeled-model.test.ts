/**
 * The census in the pure core: `unmodeled_objects` findings from two models, the schema filter over census names,
 * and manifests that stay byte-identical when there is nothing to name.
 */
import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../dist/diff/diff-schemas.js';
import { strictSeverities } from '../dist/diff/findings.js';
import { renderManifest } from '../dist/manifest/format.js';
import { filterModel } from '../dist/model/filter.js';
import { emptyModel, type SchemaModel } from '../dist/model/types.js';

const withCensus = (unmodeled: Record<string, string[]>): SchemaModel => ({ ...emptyModel(), unmodeled });

describe('unmodeled objects', () => {
  it('one warning per kind present on either side, even when both sides name the same objects', () => {
    const ops = Array.from({ length: 12 }, (_, i) => `public.op${String(i).padStart(2, '0')}(integer, integer)`);
    const expected = withCensus({ 'statistics object': ['public.s'], 'text search configuration': ['public.b', 'public.x'] });
    const actual = withCensus({ operator: ops, 'statistics object': ['public.s'], 'large object': ['3'] });
    const findings = diffSchemas(expected, actual);
    expect(findings.map((f) => f.id)).toEqual(['unmodeled_objects:large object', 'unmodeled_objects:operator', 'unmodeled_objects:statistics object', 'unmodeled_objects:text search configuration']);
    const [lo, op, stats, ts] = findings;
    expect(op).toMatchObject({ severity: 'warning', objectType: 'kind', object: 'operator', expected: '(none)', actual: ops.join('\n') });
    expect(op!.hint).toMatch(/^12 operators not compared: public\.op00\(integer, integer\), .*public\.op09\(integer, integer\) and 2 more\. /);
    expect(stats).toMatchObject({ expected: 'public.s', actual: 'public.s' });
    expect(stats!.hint).toMatch(/^1 statistics object not compared: public\.s\. Check it by hand/);
    expect(ts).toMatchObject({ expected: 'public.b\npublic.x', actual: '(none)' });
    expect(ts!.hint).toMatch(/^2 text search configurations not compared: public\.b, public\.x\. Check them/);
    expect(lo!.hint).toMatch(/^3 large objects not compared/);
    expect(strictSeverities(findings).map((f) => f.severity)).toEqual(['error', 'error', 'error', 'error']);
    expect(diffSchemas(emptyModel(), emptyModel())).toEqual([]);
  });

  it('the schema filter applies to schema-scoped kinds only, quoted schemas included', () => {
    const model = withCensus({
      operator: ['"App Schema".===(integer, integer)', 'public.===(integer, integer)'],
      rule: ['public.books.keep'],
      publication: ['pub'],
    });
    expect(filterModel(model, ['^App Schema$']).unmodeled).toEqual({ operator: ['"App Schema".===(integer, integer)'], publication: ['pub'] });
    expect(filterModel(model, ['^public$']).unmodeled).toEqual({ operator: ['public.===(integer, integer)'], rule: ['public.books.keep'], publication: ['pub'] });
    expect(filterModel(withCensus({ rule: ['public.books.keep'] }), ['^other$']).unmodeled).toBeUndefined();
  });

  it('a manifest without census objects has no unmodeled key; with them, kinds are sorted', () => {
    expect(renderManifest(emptyModel(), undefined)).not.toContain('unmodeled');
    const text = renderManifest(withCensus({ rule: ['public.t.r'], aggregate: ['public.a(integer)'] }), undefined);
    expect(text.indexOf('"aggregate"')).toBeLessThan(text.indexOf('"rule"'));
    expect(text.indexOf('"tables"')).toBeLessThan(text.indexOf('"unmodeled"'));
  });
});
