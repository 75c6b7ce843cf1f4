import type { RuleDef } from '../model/types.js';
import { quoteIdent } from '../model/ident.js';
import type { Finding } from './finding.js';
import { finding } from './findings.js';
import { compareMaps } from './compare-maps.js';

/** The rule as text for the readable diff: its definition, and its enabled state when not the default. */
export function ruleText(r: RuleDef): string {
  return `${r.definition}${r.enabled ? `\n-- ${r.enabled}` : ''}`;
}

/** Rules of one table or view (missing, unexpected, differing definition or enabled state, comment). */
export function diffRules(key: string, e: Record<string, RuleDef> | undefined, a: Record<string, RuleDef> | undefined, out: Finding[]): void {
  compareMaps(e, a, {
    missing: (name, r) => out.push(finding('missing_rule', 'rule', `${key}.${quoteIdent(name)}`, 'Create the rule.', { table: key, expected: ruleText(r) })),
    unexpected: (name, r) =>
      out.push(finding('unexpected_rule', 'rule', `${key}.${quoteIdent(name)}`, 'The rule is not in the expected schema; it is left alone unless apply --prune.', { table: key, actual: ruleText(r) })),
    both: (name, er, ar) => {
      if (er.definition !== ar.definition || er.enabled !== ar.enabled) {
        out.push(
          finding('rule_differs', 'rule', `${key}.${quoteIdent(name)}`, er.definition === ar.definition ? 'The rule is enabled differently.' : 'The rule definition differs: CREATE OR REPLACE it.', {
            table: key,
            expected: ruleText(er),
            actual: ruleText(ar),
          }),
        );
      }
      if (er.comment !== ar.comment)
        out.push(finding('comment_differs', 'rule', `${key}.${quoteIdent(name)}`, 'The rule comment differs.', { table: key, expected: er.comment ?? '(none)', actual: ar.comment ?? '(none)' }));
    },
  });
}
