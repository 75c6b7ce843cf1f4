/**
 * Where an object is written in a JSON manifest: the line of its key (or, for a column, of its `"name"`), for
 * annotations that point a reviewer at it. Pure: text in, line out. Not a validating parser: the manifest was
 * already read and validated; this only walks its text for keys.
 */
import type { Finding } from '../diff/finding.js';
import { splitDisplayName } from '../history/sql-text.js';

export interface KeyLine {
  /** Keys (and array indexes, as strings) from the root to this member. */
  path: string[];
  line: number;
  /** The member's value when it is a string. */
  value?: string;
}

/** Every member of every object in the JSON text, with the line of its key. */
export function jsonKeyLines(text: string): KeyLine[] {
  const out: KeyLine[] = [];
  let i = 0;
  let line = 1;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) {
      if (text[i] === '\n') line++;
      i++;
    }
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string[]): string | undefined => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return (i++, undefined);
      for (;;) {
        ws();
        const keyLine = line;
        const key = str();
        ws();
        i++; // :
        const entry: KeyLine = { path: [...path, key], line: keyLine };
        out.push(entry);
        const v = value(entry.path);
        if (v !== undefined) entry.value = v;
        ws();
        if (text[i++] !== ',') return undefined;
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return (i++, undefined);
      for (let n = 0; ; n++) {
        value([...path, String(n)]);
        ws();
        if (text[i++] !== ',') return undefined;
      }
    }
    if (c === '"') return str();
    while (i < text.length && !/[\s,}\]]/.test(text[i]!)) i++;
    return undefined;
  };
  try {
    value([]);
  } catch {
    /* a manifest that does not parse has no lines to give */
  }
  return out;
}

const PRIVILEGE_KINDS = new Set(['missing_privilege', 'unexpected_privilege', 'owner_differs']);

/**
 * The line in the manifest that describes the finding's object: its own key (`"public.books"` under `tables`,
 * `"books_pkey"` under the table's `constraints`, the `"name"` of a column), for privileges the `"table public.x"`
 * key under `privileges`; else the line of the table it belongs to. Undefined when the manifest does not name it
 * (an extra object on a schema-level kind).
 */
export function locateInManifest(finding: Finding, keys: KeyLine[]): number | undefined {
  const parts = splitDisplayName(finding.object);
  const last = parts[parts.length - 1];
  const top = (section: string | undefined, key: string) => keys.find((k) => k.path.length === 2 && (section === undefined || k.path[0] === section) && k.path[1] === key)?.line;
  if (finding.kind === 'default_privileges_differ') return top('defaultPrivileges', finding.object);
  if (PRIVILEGE_KINDS.has(finding.kind)) {
    const line = top('privileges', `${finding.objectType} ${finding.object}`);
    if (line !== undefined) return line;
  }
  if (finding.table !== undefined && last !== undefined) {
    const table = finding.table;
    const member =
      keys.find((k) => k.path.length === 4 && k.path[1] === table && k.path[3] === last) ?? keys.find((k) => k.path.length === 5 && k.path[1] === table && k.path[4] === 'name' && k.value === last);
    if (member) return member.line;
  }
  return (
    top(undefined, finding.object) ??
    (finding.table !== undefined ? top('tables', finding.table) : undefined) ??
    // An enum value and the like: the line of the type it belongs to.
    (parts.length >= 3 ? top(undefined, parts.slice(0, 2).join('.')) : undefined)
  );
}
