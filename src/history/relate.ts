/**
 * Which unapplied migration would create (or fix) the object of a finding. Pure: the caller reads the files.
 *
 * Each finding gets strict patterns (a statement that creates the object: `CREATE INDEX name`, `CONSTRAINT name`,
 * `ALTER TABLE t … ADD COLUMN c`, …) tried on every file in order, then, for constraints, indexes, triggers,
 * policies and columns only, a looser test (the name anywhere outside comments, e.g. in dynamic SQL; for columns
 * `ADD COLUMN c` in a file that names the table). Tables, views, functions, types, schemas and extensions need a
 * creating statement: a file that merely uses them is not taken for the one that creates them.
 */
import type { Finding } from '../diff/finding.js';
import { DATABASE_OWNER_ROLE, OWNER_TOKEN } from '../model/privileges.js';
import { ident, literal, normalizeSql, qualified, splitDisplayName } from './sql-text.js';

const B = '(?<![a-z0-9_$])';
/** `CONSTRAINT name` as in ADD CONSTRAINT / inline constraints, not DROP CONSTRAINT. */
const constraintNamed = (name: string) => `(?<!drop\\s+)${B}constraint\\s+${ident(name)}`;
const IFNE = '(?:if\\s+not\\s+exists\\s+)?';
const DIFFS = new Set(['constraint_differs', 'column_nullability_differs', 'column_default_differs']);

interface Matcher {
  strict: RegExp[];
  /** The offset of a looser match in normalised SQL, or undefined. */
  loose?: (sql: string) => number | undefined;
}

export function relateFindings(findings: Finding[], unappliedFiles: { name: string; sql: string }[]): void {
  if (unappliedFiles.length === 0) return;
  const files = unappliedFiles.map((f) => ({ name: f.name, sql: normalizeSql(f.sql) }));
  for (const finding of findings) {
    if (!finding.kind.startsWith('missing_') && !DIFFS.has(finding.kind) && finding.kind !== 'default_privileges_differ') continue;
    const m = matcherFor(finding);
    if (!m) continue;
    const hit = files.find((f) => m.strict.some((re) => re.test(f.sql))) ?? (m.loose && files.find((f) => m.loose!(f.sql) !== undefined));
    if (hit) finding.migration = hit.name;
  }
}

/**
 * Where in the migration files the object of a finding is created: the file (`finding.migration` when it is set,
 * else the first file, in the order given, with a creating statement, else the first with a looser match) and the
 * 1-based line where the CREATE/ALTER statement that names it starts. Names inside string literals do not count
 * unless nothing else matches. Undefined for findings that no statement creates (extra objects, types of change
 * that have no matcher) and when no file matches.
 */
export function locateFinding(finding: Finding, files: { name: string; sql: string }[]): { name: string; line: number } | undefined {
  return findingLocator(files)(finding);
}

/** `locateFinding` for many findings over the same files: each file is normalised once. */
export function findingLocator(files: { name: string; sql: string }[]): (finding: Finding) => { name: string; line: number } | undefined {
  const texts = files.map((f) => ({ name: f.name, raw: f.sql, bare: normalizeSql(f.sql, { blankLiterals: true }), full: normalizeSql(f.sql) }));
  type Text = (typeof texts)[number];
  return (finding) => {
    if (
      !finding.kind.startsWith('missing_') &&
      !finding.kind.endsWith('_differs') &&
      finding.kind !== 'default_privileges_differ' &&
      finding.kind !== 'constraint_not_valid' &&
      finding.kind !== 'index_invalid'
    )
      return undefined;
    const m = matcherFor(finding);
    if (!m) return undefined;
    const candidates = finding.migration !== undefined ? texts.filter((t) => t.name === finding.migration) : texts;
    const strictAt = (sql: string) => {
      let best: number | undefined;
      for (const r of m.strict) {
        const hit = r.exec(sql);
        if (hit && (best === undefined || hit.index < best)) best = hit.index;
      }
      return best;
    };
    const passes: ((t: Text) => number | undefined)[] = [(t) => strictAt(t.bare), (t) => strictAt(t.full), (t) => m.loose?.(t.bare), (t) => m.loose?.(t.full)];
    for (const pass of passes) {
      for (const t of candidates) {
        const at = pass(t);
        if (at !== undefined) return { name: t.name, line: lineAt(t.raw, statementStart(t.bare, at)) };
      }
    }
    return undefined;
  };
}

/** The offset of the CREATE/ALTER/GRANT that starts the statement around `at` (after the previous `;`), else `at`. */
function statementStart(sql: string, at: number): number {
  const from = sql.lastIndexOf(';', at - 1) + 1;
  const head = sql.slice(from, at);
  let start: number | undefined;
  for (const hit of head.matchAll(/(?<![a-z0-9_$])(?:create|alter|grant|comment)\s/g)) start = from + hit.index;
  return /^(?:create|alter|grant|comment)\s/.test(sql.slice(at)) ? at : (start ?? at);
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

const re = (...alternatives: string[]) => alternatives.map((s) => new RegExp(s));
const renameTo = (name: string) => `${B}rename\\s+to\\s+${ident(name)}`;
const anywhere = (name: string) => {
  const r = new RegExp(ident(name));
  return (sql: string) => r.exec(sql)?.index;
};

function matcherFor(f: Finding): Matcher | undefined {
  if (f.kind === 'missing_privilege' || f.kind === 'default_privileges_differ') return privilegeMatcher(f);
  const parts = splitDisplayName(f.object);
  if (parts.length === 0) return undefined;
  const last = parts[parts.length - 1]!;
  const [schema, name] = parts.length >= 2 ? [parts[0], parts[1]!] : [undefined, parts[0]!];
  const owner = f.table ? splitDisplayName(f.table) : parts.slice(0, 2);
  const table = owner.length >= 2 ? qualified(owner[0], owner[1]!) : undefined;
  const alterTable = table && `${B}alter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?${table}\\s*\\*?[^;]*?`;

  if (f.kind === 'missing_primary_key') {
    const strict = alterTable ? re(`${alterTable}${B}add\\s+primary\\s+key`) : [];
    if (parts.length >= 3) strict.unshift(...re(constraintNamed(last)));
    return { strict, ...(parts.length >= 3 && { loose: anywhere(last) }) };
  }
  if (f.kind === 'missing_enum_value') {
    if (parts.length < 3) return undefined;
    const value = parts
      .slice(2)
      .join('.')
      .replace(/^'(.*)'$/s, '$1')
      .replace(/''/g, "'");
    return { strict: re(`${B}alter\\s+type\\s+${qualified(schema, name)}\\s+add\\s+value\\s+${IFNE}${literal(value)}`) };
  }
  switch (f.objectType) {
    case 'schema':
      return { strict: re(`${B}create\\s+schema\\s+${IFNE}${ident(last)}`, renameTo(last)) };
    case 'extension':
      return { strict: re(`${B}create\\s+extension\\s+${IFNE}${ident(last)}`) };
    case 'table':
      return {
        strict: re(`${B}create\\s+(?:(?:global|local)\\s+)?(?:(?:temp|temporary|unlogged)\\s+)?table\\s+${IFNE}${qualified(schema, name)}`, renameTo(name)),
      };
    case 'view':
      return {
        strict: re(`${B}create\\s+(?:or\\s+replace\\s+)?(?:(?:temp|temporary)\\s+)?(?:recursive\\s+)?(?:materialized\\s+)?view\\s+${IFNE}${qualified(schema, name)}`, renameTo(name)),
      };
    case 'function':
      return {
        strict: re(`${B}create\\s+(?:or\\s+replace\\s+)?(?:function|procedure)\\s+${qualified(schema, name)}\\s*\\(`, renameTo(name)),
      };
    case 'enum':
      return { strict: re(`${B}create\\s+type\\s+${qualified(schema, name)}`, renameTo(name)) };
    case 'domain':
      return { strict: re(`${B}create\\s+domain\\s+${qualified(schema, name)}`, renameTo(name)) };
    case 'sequence':
      return {
        strict: re(`${B}create\\s+(?:(?:temp|temporary|unlogged)\\s+)?sequence\\s+${IFNE}${qualified(schema, name)}`, renameTo(name)),
      };
    case 'constraint':
      return {
        strict: re(constraintNamed(last), `${B}rename\\s+constraint\\s+\\S+\\s+to\\s+${ident(last)}`),
        loose: anywhere(last),
      };
    case 'index':
      return {
        strict: re(`${B}create\\s+(?:unique\\s+)?index\\s+(?:concurrently\\s+)?${IFNE}${ident(last)}`, constraintNamed(last), renameTo(last)),
        loose: anywhere(last),
      };
    case 'trigger':
      return {
        strict: re(`${B}create\\s+(?:or\\s+replace\\s+)?(?:constraint\\s+)?trigger\\s+${ident(last)}`, renameTo(last)),
        loose: anywhere(last),
      };
    case 'policy':
      return { strict: re(`${B}create\\s+policy\\s+${ident(last)}`, renameTo(last)), loose: anywhere(last) };
    case 'column':
      return columnMatcher(f, owner, last, alterTable);
  }
  return undefined;
}

function columnMatcher(f: Finding, owner: string[], column: string, alterTable: string | undefined): Matcher | undefined {
  if (!alterTable || owner.length < 2) return undefined;
  const col = ident(column);
  const add = `${B}add\\s+(?:column\\s+)?${IFNE}${col}`;
  const action =
    f.kind === 'missing_column'
      ? add
      : f.kind === 'column_nullability_differs'
        ? `${B}alter\\s+(?:column\\s+)?${col}\\s+(?:set|drop)\\s+not\\s+null`
        : f.kind === 'column_default_differs'
          ? `${B}alter\\s+(?:column\\s+)?${col}\\s+(?:set\\s+default|drop\\s+default)`
          : undefined;
  if (!action) return undefined;
  const mentionsTable = new RegExp(ident(owner[1]!));
  const loose = new RegExp(action === add ? add : `${action}|${add}`);
  return { strict: re(alterTable + action), loose: (sql) => (mentionsTable.test(sql) ? loose.exec(sql)?.index : undefined) };
}

/**
 * A privilege finding comes from the file with a statement that grants on its object to its grantee: `GRANT … ON
 * [TABLE] a, b … TO r` or `GRANT … ON ALL TABLES IN SCHEMA s TO r` (sequences, functions alike), `GRANT … ON SCHEMA
 * s TO r`; a default-privileges finding from `ALTER DEFAULT PRIVILEGES [FOR ROLE r] [IN SCHEMA s] GRANT … ON
 * TABLES TO r` (no FOR ROLE for the database owner's entries, which are whoever runs the migrations'). The grantee
 * is the last part of the finding's id; `OWNER` (the object's owner) is never granted by name and is not related.
 */
function privilegeMatcher(f: Finding): Matcher | undefined {
  const grantee = f.id.slice(`${f.kind}:${f.object}:`.length);
  if (grantee === '' || grantee === OWNER_TOKEN) return undefined;
  const toGrantee = new RegExp(grantee === 'PUBLIC' ? `${B}public(?![a-z0-9_$])` : ident(grantee));
  /** The offset of the first statement (split at `;`) that passes `test`. */
  const firstStatement = (sql: string, test: (st: string) => boolean) => {
    let offset = 0;
    for (const st of sql.split(';')) {
      if (test(st)) return offset + (/^\s*/.exec(st)?.[0].length ?? 0);
      offset += st.length + 1;
    }
    return undefined;
  };
  if (f.kind === 'default_privileges_differ') {
    const [role, schema, objects] = f.object.split(' / ');
    if (role === undefined || schema === undefined || objects === undefined) return undefined;
    const roleName = splitDisplayName(role)[0];
    const on = objects === 'functions' ? '(?:functions|routines)' : objects;
    const adp = new RegExp(`^\\s*alter\\s+default\\s+privileges\\s+([\\s\\S]*?)${B}grant\\s[\\s\\S]*?${B}on\\s+${on}\\s+to\\s+([\\s\\S]*)$`);
    const inSchema = schema === '*' ? undefined : new RegExp(`${B}in\\s+schema\\s+[\\s\\S]*${ident(splitDisplayName(schema)[0] ?? schema)}`);
    const forRole = /(?<![a-z0-9_$])for\s+(?:role|user)\s/;
    const test = (st: string) => {
      const m = adp.exec(st);
      if (!m || !toGrantee.test(m[2]!)) return false;
      const head = m[1]!;
      if (inSchema ? !inSchema.test(head) : /(?<![a-z0-9_$])in\s+schema\s/.test(head)) return false;
      if (roleName === undefined || roleName === DATABASE_OWNER_ROLE) return !forRole.test(head) || new RegExp(ident(DATABASE_OWNER_ROLE)).test(head);
      return forRole.test(head) && new RegExp(ident(roleName)).test(head);
    };
    return { strict: [], loose: (sql) => firstStatement(sql, test) };
  }
  const parts = splitDisplayName(f.object);
  if (parts.length === 0) return undefined;
  const grant = /^\s*grant\s([\s\S]*?)(?<![a-z0-9_$])on\s+([\s\S]*?)(?<![a-z0-9_$])to\s+([\s\S]*)$/;
  const onObject = objectTarget(f, parts);
  if (!onObject) return undefined;
  const test = (st: string) => {
    const m = grant.exec(st);
    return !!m && onObject(m[1]!, m[2]!) && toGrantee.test(m[3]!);
  };
  return { strict: [], loose: (sql) => firstStatement(sql, test) };
}

/** Whether a GRANT's privileges and ON part name the finding's object (or all objects of its kind in its schema). */
function objectTarget(f: Finding, parts: string[]): ((privileges: string, on: string) => boolean) | undefined {
  const all = (kinds: string, schema: string | undefined) => (schema === undefined ? undefined : new RegExp(`^all\\s+${kinds}\\s+in\\s+schema\\s+[\\s\\S]*${ident(schema)}`));
  const named = (keywords: string, schema: string | undefined, name: string) => new RegExp(`^(?:${keywords}\\s+)?[\\s\\S]*${qualified(schema, name)}`);
  const either = (a: RegExp, b: RegExp | undefined) => (_: string, on: string) => a.test(on) || (!!b && b.test(on));
  const [schema, name] = parts.length >= 2 ? [parts[0], parts[1]!] : [undefined, parts[0]!];
  switch (f.objectType) {
    case 'schema':
      return (_, on) => new RegExp(`^schema\\s+[\\s\\S]*${ident(parts[parts.length - 1]!)}`).test(on);
    case 'table':
    case 'view':
      return either(named('table', schema, name), all('tables', schema));
    case 'sequence':
      return either(named('sequence', schema, name), all('sequences', schema));
    case 'function':
      return either(new RegExp(`^(?:function|procedure|routine)\\s+[\\s\\S]*${qualified(schema, name)}`), all('(?:functions|procedures|routines)', schema));
    case 'enum':
    case 'domain':
      return (_, on) => new RegExp(`^(?:type|domain)\\s+[\\s\\S]*${qualified(schema, name)}`).test(on);
    case 'column': {
      if (parts.length < 3) return undefined;
      const column = new RegExp(`\\([^)]*${ident(parts[2]!)}[^)]*\\)`);
      const table = named('table', parts[0], parts[1]!);
      return (privileges, on) => column.test(privileges) && table.test(on);
    }
  }
  return undefined;
}
