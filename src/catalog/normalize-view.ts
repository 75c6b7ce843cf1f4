/**
 * View bodies as PostgreSQL prints them differ between majors in layout only; this keeps the text PostgreSQL
 * printed and removes what varies: trailing whitespace and the final semicolon.
 */
export function normalizeViewDefinition(def: string): string {
  return def
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim()
    .replace(/;$/, '');
}
