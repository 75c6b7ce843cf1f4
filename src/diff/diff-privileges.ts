import type { AclDelta, SchemaModel } from '../model/types.js';
import { atomsOf, entriesOf, splitPrivilegeKey, type AclAtom } from '../model/privileges.js';
import type { Finding, FindingKind, ObjectType } from './finding.js';
import { finding } from './findings.js';

/**
 * Owners, grants and default privileges. An absent owner means "the database owner" on both sides. Each grantee's
 * privileges are compared one by one: a privilege the manifest has and the database lacks (granted beyond the
 * default, or a default one revoked) is `missing_privilege`; one the database has beyond the manifest is
 * `unexpected_privilege`. One finding per object and grantee; its id is `${kind}:${object}:${grantee}`.
 */
export function diffPrivileges(expected: SchemaModel, actual: SchemaModel, out: Finding[]): void {
  const ep = expected.privileges ?? {};
  const ap = actual.privileges ?? {};
  for (const key of [...new Set([...Object.keys(ep), ...Object.keys(ap)])].sort()) {
    const { kind, name } = splitPrivilegeKey(key);
    const e = ep[key] ?? {};
    const a = ap[key] ?? {};
    // Privileges of an object that is missing or unexpected come with that object's own finding.
    if (!exists(expected, kind, name) || !exists(actual, kind, name)) continue;
    if (e.owner !== a.owner) {
      out.push(
        finding('owner_differs', objectTypeOf(kind), name, `The ${kind} is owned by ${a.owner ?? 'the database owner'}, not ${e.owner ?? 'the database owner'}: ALTER … OWNER TO.`, {
          expected: e.owner ?? '(database owner)',
          actual: a.owner ?? '(database owner)',
        }),
      );
    }
    aclFindings(key, objectTypeOf(kind), name, e, a, out, 'missing_privilege', 'unexpected_privilege');
  }
  const ed = expected.defaultPrivileges ?? {};
  const ad = actual.defaultPrivileges ?? {};
  for (const key of [...new Set([...Object.keys(ed), ...Object.keys(ad)])].sort()) {
    aclFindings(key, 'default_privileges', key, ed[key] ?? {}, ad[key] ?? {}, out, 'default_privileges_differ', 'default_privileges_differ');
  }
}

/** The privileges an object's grantees hold, as atoms `role\tPRIV` (revoked defaults as `-role\tPRIV`). */
function held(d: AclDelta): Set<string> {
  return new Set([...atomsOf(d.grants).map((x) => `${x.role}\t${x.privilege}`), ...atomsOf(d.revoked).map((x) => `-${x.role}\t${x.privilege}`)]);
}

function aclFindings(key: string, objectType: ObjectType, name: string, e: AclDelta, a: AclDelta, out: Finding[], missingKind: FindingKind, unexpectedKind: FindingKind): void {
  const want = held(e);
  const have = held(a);
  // A grant the manifest has and the DB lacks, or a default the DB revoked and the manifest keeps: missing.
  const missing = new Map<string, AclAtom[]>();
  const extra = new Map<string, AclAtom[]>();
  const add = (m: Map<string, AclAtom[]>, atom: string) => {
    const [role, privilege] = atom.replace(/^-/, '').split('\t') as [string, string];
    m.set(role, [...(m.get(role) ?? []), { role, privilege }]);
  };
  for (const x of want) if (!have.has(x)) add(x.startsWith('-') ? extra : missing, x);
  for (const x of have) if (!want.has(x)) add(x.startsWith('-') ? missing : extra, x);
  const roles = [...new Set([...missing.keys(), ...extra.keys()])].sort();
  for (const role of roles) {
    const m = entriesOf(missing.get(role) ?? []);
    const x = entriesOf(extra.get(role) ?? []);
    const held = (d: AclDelta) =>
      entriesOf([...atomsOf(d.grants), ...atomsOf(d.revoked).map((r) => ({ ...r, privilege: `-${r.privilege}` }))].filter((r) => r.role === role)).join('') || `${role}: (default)`;
    const text = { expected: held(e), actual: held(a) };
    if (missingKind === unexpectedKind) {
      out.push(
        withId(
          finding(
            missingKind,
            objectType,
            name,
            `Default privileges for new objects differ (${[...m.map((s) => `missing ${s}`), ...x.map((s) => `unexpected ${s}`)].join('; ')}): ALTER DEFAULT PRIVILEGES.`,
            text,
          ),
          role,
        ),
      );
      continue;
    }
    if (m.length > 0) out.push(withId(finding(missingKind, objectType, name, `${m.join('; ')} is expected on ${key} and missing: GRANT it.`, text), role));
    if (x.length > 0)
      out.push(withId(finding(unexpectedKind, objectType, name, `${x.join('; ')} on ${key} is not in the expected schema; it is left alone unless apply --prune (REVOKE).`, text), role));
  }
}

function withId(f: Finding, role: string): Finding {
  return { ...f, id: `${f.id}:${role}` };
}

function objectTypeOf(kind: string): ObjectType {
  switch (kind) {
    case 'materialized view':
      return 'view';
    case 'procedure':
      return 'function';
    case 'type':
      return 'enum';
    case 'table':
    case 'view':
    case 'sequence':
    case 'column':
    case 'schema':
    case 'function':
    case 'domain':
      return kind;
    default:
      return 'table';
  }
}

function exists(m: SchemaModel, kind: string, name: string): boolean {
  switch (kind) {
    case 'table':
      return !!m.tables[name];
    case 'view':
    case 'materialized view':
      return !!m.views[name];
    case 'sequence':
      return !!m.sequences[name];
    case 'schema':
      return !!m.schemas[name] || name === 'public';
    case 'function':
    case 'procedure':
      return !!m.functions[name];
    case 'type':
      return !!m.enums[name];
    case 'domain':
      return !!m.domains[name];
    case 'column': {
      const i = name.lastIndexOf('.');
      const t = m.tables[name.slice(0, i)] ?? m.views[name.slice(0, i)];
      return !!t; // a missing column comes with its own finding; its grant is then reported too (harmless)
    }
    default:
      return true;
  }
}
