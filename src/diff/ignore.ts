import type { Finding } from './finding.js';

/**
 * Ignore rules, for drift a team has accepted. A rule is one of:
 *   - a finding id (`missing_index:public.books.books_title_idx`),
 *   - a kind (`unexpected_table`),
 *   - `kind:objectGlob` (`unexpected_table:public.tmp_*`),
 *   - an object glob (`audit.*`),
 *   - `privileges` (grants and default privileges) or `owners` (ownership): a whole part of the comparison off.
 * Globs: `*` any run of characters, `?` one character.
 */
export function isIgnored(f: Finding, rules: string[]): boolean {
  return rules.some((rule) => matches(f, rule));
}

/** Rules that switch off a part of the comparison: the finding kinds they cover. */
export const IGNORE_GROUPS: Record<string, string[]> = {
  privileges: ['missing_privilege', 'unexpected_privilege', 'default_privileges_differ'],
  owners: ['owner_differs'],
};

function matches(f: Finding, rule: string): boolean {
  if (rule === f.id || rule === f.kind) return true;
  if (IGNORE_GROUPS[rule]) return IGNORE_GROUPS[rule]!.includes(f.kind);
  const colon = rule.indexOf(':');
  if (colon > 0 && /^[a-z_]+$/.test(rule.slice(0, colon))) {
    return rule.slice(0, colon) === f.kind && glob(rule.slice(colon + 1)).test(f.object);
  }
  return glob(rule).test(f.object);
}

function glob(pattern: string): RegExp {
  return new RegExp(
    '^' +
      pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.') +
      '$',
  );
}

/** Parses an ignore file: one rule per line, `#` starts a comment. */
export function parseIgnoreFile(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/(^|\s)#.*$/, '').trim())
    .filter((l) => l !== '');
}
