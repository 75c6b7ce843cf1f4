import type { ColumnDef, IndexDef, PolicyDef, TableDef } from '../model/types.js';
import { quoteIdent } from '../model/ident.js';
import { identityOptionsSql } from '../model/identity.js';

/** Text of model objects, for the expected-vs-actual diff in reports. Pure formatting; never executed. */
export function describeColumn(c: ColumnDef): string {
  return [
    `${quoteIdent(c.name)} ${c.type}`,
    c.collation ? ` COLLATE ${c.collation}` : '',
    c.identity ? ` GENERATED ${c.identity.toUpperCase()} AS IDENTITY${c.identityOptions ? ` (${identityOptionsSql(c.identityOptions)})` : ''}` : '',
    c.generated ? ` GENERATED ALWAYS AS (${c.generated}) STORED` : '',
    c.default !== undefined ? ` DEFAULT ${c.default}` : '',
    c.notNull ? ' NOT NULL' : '',
  ].join('');
}

export function describeIndex(tableKey: string, i: IndexDef): string {
  return `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(i.name)} ON ${tableKey} USING ${i.definition}`;
}

export function describePolicy(tableKey: string, p: PolicyDef): string {
  return [
    `CREATE POLICY ${quoteIdent(p.name)} ON ${tableKey}`,
    `  AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command.toUpperCase()} TO ${p.roles.join(', ')}`,
    p.using !== undefined ? `  USING (${p.using})` : '',
    p.withCheck !== undefined ? `  WITH CHECK (${p.withCheck})` : '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

/** Table-level properties other than columns and sub-objects, one per line. */
export function describeTableProps(t: TableDef): string {
  return [
    `kind: ${t.kind}`,
    t.unlogged ? 'unlogged' : 'logged',
    t.partitionBy ? `partition by: ${t.partitionBy}` : '',
    t.partitionOf ? `partition of: ${t.partitionOf} ${t.partitionBound ?? ''}`.trimEnd() : '',
    `row level security: ${t.rowSecurity ? 'enabled' : 'disabled'}${t.forceRowSecurity ? ', forced' : ''}`,
  ]
    .filter((l) => l !== '')
    .join('\n');
}
