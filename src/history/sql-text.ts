/**
 * Text helpers for finding which migration file touches an object. Not a SQL parser: the script is normalised
 * (comments removed, everything outside quoted identifiers and string literals lower-cased, so bare identifiers
 * and keywords compare as PostgreSQL folds them) and searched with regular expressions.
 */

/** Blanks a span of text, keeping its line breaks, so that offsets (and so line numbers) stay where they were. */
function blank(s: string): string {
  return s.replace(/[^\n]/g, ' ');
}

/** Lower-cases without changing the length (a character whose lower case is longer stays as it is). */
function lower(s: string): string {
  const l = s.toLowerCase();
  return l.length === s.length ? l : s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * Comments blanked; lower-cased outside "…" and '…' (E'…' escapes honoured). The result has the length and the
 * line breaks of the input, so an offset in it is an offset in the file. With `blankLiterals`, the contents of
 * string literals are blanked too (a name in a message is not a statement).
 */
export function normalizeSql(sql: string, options: { blankLiterals?: boolean } = {}): string {
  const out: string[] = [];
  let i = 0;
  const n = sql.length;
  let plain = 0; // start of the pending run to lower-case
  const flush = (end: number) => {
    if (end > plain) out.push(lower(sql.slice(plain, end)));
  };
  while (i < n) {
    const c = sql[i]!;
    if (c === '-' && sql[i + 1] === '-') {
      flush(i);
      const e = sql.indexOf('\n', i);
      const end = e < 0 ? n : e;
      out.push(blank(sql.slice(i, end)));
      i = end;
      plain = i;
    } else if (c === '/' && sql[i + 1] === '*') {
      flush(i);
      const start = i;
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql.startsWith('/*', i)) depth++, (i += 2);
        else if (sql.startsWith('*/', i)) depth--, (i += 2);
        else i++;
      }
      out.push(blank(sql.slice(start, i)));
      plain = i;
    } else if (c === "'" || c === '"') {
      flush(i);
      const escapes = c === "'" && /[eE]/.test(sql[i - 1] ?? '') && !/[A-Za-z0-9_$]/.test(sql[i - 2] ?? '');
      let j = i + 1;
      while (j < n) {
        if (escapes && sql[j] === '\\') j += 2;
        else if (sql[j] === c) {
          if (sql[j + 1] === c) j += 2;
          else break;
        } else j++;
      }
      const text = sql.slice(i, j + 1);
      const closed = j < n;
      out.push(options.blankLiterals && c === "'" ? `'${blank(text.slice(1, closed ? -1 : undefined))}${closed ? "'" : ''}` : text);
      i = j + 1;
      plain = i;
    } else {
      i++;
    }
  }
  flush(n);
  return out.join('');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A regex source matching `name` as an identifier in normalised SQL: always `"name"` (quoted, exact); also bare
 * when the name is one PostgreSQL would fold to (lower-case letters, digits, _ and $).
 */
export function ident(name: string): string {
  const quoted = escapeRe('"' + name.replace(/"/g, '""') + '"');
  if (!/^[a-z_][a-z0-9_$]*$/.test(name)) return `(?:${quoted})`;
  return `(?:${quoted}|(?<![a-z0-9_$"])${escapeRe(name)}(?![a-z0-9_$]))`;
}

/** `name` optionally qualified by `schema` (a different qualifier does not match). */
export function qualified(schema: string | undefined, name: string): string {
  return schema === undefined ? `(?:[a-z0-9_$"]+\\s*\\.\\s*)?${ident(name)}` : `(?:${ident(schema)}\\s*\\.\\s*)?${ident(name)}`;
}

/** A string literal with the given value, as written in SQL. */
export function literal(value: string): string {
  return escapeRe("'" + value.replace(/'/g, "''") + "'");
}

/**
 * Splits a display name (`public."Mixed".col`, `public.f(integer)`) into its identifiers, unquoted. Function
 * argument lists are dropped. Returns [] when it cannot be read.
 */
export function splitDisplayName(s: string): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === '"') {
      let v = '';
      let j = i + 1;
      for (; j < s.length; j++) {
        if (s[j] === '"') {
          if (s[j + 1] !== '"') break;
          j++;
        }
        v += s[j];
      }
      if (j >= s.length) return [];
      parts.push(v);
      i = j + 1;
    } else {
      const m = /^[^."(]+/.exec(s.slice(i));
      if (!m) return [];
      parts.push(m[0].trim());
      i += m[0].length;
    }
    if (i >= s.length || s[i] === '(') break;
    if (s[i] !== '.') return [];
    i++;
  }
  return parts;
}
