/** One statement of a SQL script and the 1-based line it starts on. */
export interface SqlStatement {
  text: string;
  line: number;
}

/**
 * Splits a script at top-level semicolons, skipping those inside quotes, dollar quotes and comments. Used only to
 * find which statement of a failed file is at fault (the file itself is sent whole), so it need not understand SQL.
 */
export function splitSql(script: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  let start = 0;
  let i = 0;
  const n = script.length;
  const push = (end: number) => {
    const raw = script.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text !== '' && !onlyComments(text)) {
      out.push({ text, line: script.slice(0, start + lead).split('\n').length });
    }
  };
  while (i < n) {
    const c = script[i]!;
    const next = script[i + 1];
    if (c === '-' && next === '-') {
      const e = script.indexOf('\n', i);
      i = e === -1 ? n : e + 1;
    } else if (c === '/' && next === '*') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (script.startsWith('/*', i)) depth++, (i += 2);
        else if (script.startsWith('*/', i)) depth--, (i += 2);
        else i++;
      }
    } else if (c === "'" || c === '"') {
      i++;
      while (i < n) {
        if (script[i] === c && script[i + 1] === c) i += 2;
        else if (script[i] === c) break;
        else i++;
      }
      i++;
    } else if (c === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(script.slice(i, i + 64));
      if (m) {
        const close = script.indexOf(m[0], i + m[0].length);
        i = close === -1 ? n : close + m[0].length;
      } else i++;
    } else if (c === ';') {
      push(i);
      i++;
      start = i;
    } else i++;
  }
  push(n);
  return out;
}

/** True when the text is nothing but whitespace and comments (linear scan; no backtracking regex). */
function onlyComments(text: string): boolean {
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) i++;
    else if (text.startsWith('--', i)) {
      const e = text.indexOf('\n', i);
      i = e === -1 ? text.length : e + 1;
    } else if (text.startsWith('/*', i)) {
      const e = text.indexOf('*/', i + 2);
      i = e === -1 ? text.length : e + 2;
    } else return false;
  }
  return true;
}
