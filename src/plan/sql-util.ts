import { quoteIdent, quoteLiteral } from '../model/ident.js';

/** A DO block with a dollar-quote tag that does not occur in the body. */
export function doBlock(body: string, declare?: string): string {
  let tag = 'sd';
  let n = 0;
  while (body.includes(`$${tag}$`) || (declare ?? '').includes(`$${tag}$`)) tag = `sd${++n}`;
  return `DO $${tag}$\n${declare ? `DECLARE ${declare}\n` : ''}BEGIN\n${body}\nEND\n$${tag}$;`;
}

/** `IF NOT EXISTS (constraint) THEN stmt END IF`, for statements that have no IF NOT EXISTS form. */
export function ifNoConstraint(table: string, name: string, stmt: string): string {
  return doBlock(`  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = ${quoteLiteral(table)}::regclass AND conname = ${quoteLiteral(name)}) THEN
    ${stmt};
  END IF;`);
}

export function constraintExists(table: string, name: string): string {
  return `EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = ${quoteLiteral(table)}::regclass AND conname = ${quoteLiteral(name)})`;
}

/** `schema.table.column` display → the column name as the model holds it. */
export function unquote(ident: string): string {
  return ident.startsWith('"') ? ident.slice(1, -1).replace(/""/g, '"') : ident;
}

export const q = quoteIdent;
export const lit = quoteLiteral;
