import type { ColumnDef, TableDef } from '../model/types.js';
import { quoteIdent } from '../model/ident.js';
import { identityOptionsSql } from '../model/identity.js';
import type { Finding } from './finding.js';
import { finding } from './findings.js';
import { describeColumn } from './describe.js';

export function diffColumns(tableKey: string, expected: TableDef, actual: TableDef, out: Finding[]): void {
  const actualByName = new Map(actual.columns.map((c) => [c.name, c]));
  const expectedNames = new Set(expected.columns.map((c) => c.name));
  for (const e of expected.columns) {
    const object = `${tableKey}.${quoteIdent(e.name)}`;
    const a = actualByName.get(e.name);
    if (!a) {
      out.push(
        finding('missing_column', 'column', object, `Add the column: ALTER TABLE ${tableKey} ADD COLUMN ${describeColumn(e)}.`, {
          table: tableKey,
          expected: describeColumn(e),
        }),
      );
      continue;
    }
    diffColumn(tableKey, object, e, a, out);
  }
  for (const a of actual.columns) {
    if (expectedNames.has(a.name)) continue;
    const object = `${tableKey}.${quoteIdent(a.name)}`;
    out.push(
      finding('unexpected_column', 'column', object, 'The column is not in the expected schema; it is left alone (only apply --prune archives and drops it).', {
        table: tableKey,
        actual: describeColumn(a),
      }),
    );
  }
}

function diffColumn(tableKey: string, object: string, e: ColumnDef, a: ColumnDef, out: Finding[]): void {
  const extra = (ev: string | undefined, av: string | undefined) => ({ table: tableKey, ...(ev !== undefined && { expected: ev }), ...(av !== undefined && { actual: av }) });
  if (e.type !== a.type) {
    out.push(finding('column_type_differs', 'column', object, `Type is ${a.type}, expected ${e.type}; a change is safe only when every value converts unchanged.`, extra(e.type, a.type)));
  }
  if (!!e.notNull !== !!a.notNull) {
    out.push(
      finding(
        'column_nullability_differs',
        'column',
        object,
        e.notNull ? 'Expected NOT NULL, but the column accepts NULLs; rows with NULL block the repair.' : 'Expected nullable, but the column is NOT NULL.',
        extra(e.notNull ? 'NOT NULL' : 'NULL', a.notNull ? 'NOT NULL' : 'NULL'),
      ),
    );
  }
  if (e.default !== a.default) {
    out.push(
      finding(
        'column_default_differs',
        'column',
        object,
        e.default === undefined ? 'The column has a default that is not expected.' : a.default === undefined ? 'The expected default is missing.' : 'The default differs.',
        extra(e.default ?? '(no default)', a.default ?? '(no default)'),
      ),
    );
  }
  const identity = (c: ColumnDef) => (c.identity ? `GENERATED ${c.identity.toUpperCase()} AS IDENTITY${c.identityOptions ? ` (${identityOptionsSql(c.identityOptions)})` : ''}` : '(not identity)');
  if (identity(e) !== identity(a)) {
    out.push(
      finding(
        'column_identity_differs',
        'column',
        object,
        e.identity === a.identity ? 'The identity sequence options differ.' : 'Identity (GENERATED … AS IDENTITY) differs.',
        extra(identity(e), identity(a)),
      ),
    );
  }
  if (e.generated !== a.generated) {
    out.push(finding('column_generated_differs', 'column', object, 'The generated-column expression differs.', extra(e.generated ?? '(not generated)', a.generated ?? '(not generated)')));
  }
  if (e.collation !== a.collation) {
    out.push(finding('column_collation_differs', 'column', object, 'The column collation differs.', extra(e.collation ?? '(default)', a.collation ?? '(default)')));
  }
  if (e.storage !== a.storage) {
    out.push(
      finding(
        'column_storage_differs',
        'column',
        object,
        'The column STORAGE differs (in place: ALTER COLUMN … SET STORAGE, no rewrite; existing values keep their form until rewritten).',
        extra(e.storage ?? '(type default)', a.storage ?? '(type default)'),
      ),
    );
  }
  if (e.compression !== a.compression) {
    out.push(
      finding(
        'column_compression_differs',
        'column',
        object,
        'The column COMPRESSION differs (in place: ALTER COLUMN … SET COMPRESSION; existing values keep their compression).',
        extra(e.compression ?? '(default)', a.compression ?? '(default)'),
      ),
    );
  }
  if (e.statistics !== a.statistics) {
    out.push(
      finding(
        'column_statistics_differs',
        'column',
        object,
        'The column statistics target differs (ALTER COLUMN … SET STATISTICS; ANALYZE uses it next time).',
        extra(String(e.statistics ?? '(default)'), String(a.statistics ?? '(default)')),
      ),
    );
  }
  if (e.comment !== a.comment) {
    out.push(finding('comment_differs', 'column', object, 'The column comment differs.', extra(e.comment ?? '(none)', a.comment ?? '(none)')));
  }
}
