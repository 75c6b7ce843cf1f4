import type { ExclusionElement } from './probe-sql.js';

/**
 * An exclusion constraint as pg_get_constraintdef prints it, taken apart for the conflicts probe:
 *   EXCLUDE USING gist (room WITH =, during WITH &&) INCLUDE (id) WHERE ((NOT cancelled)) DEFERRABLE
 *   EXCLUDE USING gist (tstzrange(a, b) WITH &&)
 *   EXCLUDE USING btree (name COLLATE "C" text_pattern_ops DESC WITH =)
 * Each element keeps its key expression (a column, a function call, or a parenthesised expression) and its
 * COLLATE clause; the operator class and ordering only tell the index how to work and are dropped. Returns
 * undefined for text it does not recognise, so that the probe reports "unknown" rather than guessing.
 */
export function parseExclusion(definition: string): { elements: ExclusionElement[]; predicate?: string } | undefined {
  const head = /^EXCLUDE USING [a-z_][a-z0-9_]* \(/.exec(definition);
  if (!head) return undefined;
  const open = head[0].length - 1;
  const close = matchingParen(definition, open);
  if (close < 0) return undefined;
  const elements: ExclusionElement[] = [];
  for (const part of splitTopLevel(definition.slice(open + 1, close))) {
    const element = parseElement(part.trim());
    if (!element) return undefined;
    elements.push(element);
  }
  if (elements.length === 0) return undefined;
  const tail = definition.slice(close + 1);
  const where = indexAtTopLevel(tail, ' WHERE (');
  if (where < 0) return { elements };
  const start = where + ' WHERE '.length;
  const end = matchingParen(tail, start);
  if (end < 0) return undefined;
  return { elements, predicate: tail.slice(start, end + 1) };
}

const IDENT = '(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)';
const QUALIFIED = new RegExp(String.raw`^${IDENT}(?:\.${IDENT})*`);
const COLLATE = new RegExp(String.raw`^\s*COLLATE (${IDENT}(?:\.${IDENT})?)`);
const OPERATOR = /^(?:OPERATOR\([^()]+\)|[-+*/<>=~!@#%^&|`?]+)$/;

function parseElement(text: string): ExclusionElement | undefined {
  const at = lastIndexAtTopLevel(text, ' WITH ');
  if (at < 0) return undefined;
  const operator = text.slice(at + ' WITH '.length).trim();
  if (!OPERATOR.test(operator)) return undefined;
  const left = text.slice(0, at);
  let end: number;
  if (left.startsWith('(')) {
    end = matchingParen(left, 0) + 1;
    if (end <= 0) return undefined;
  } else {
    const name = QUALIFIED.exec(left);
    if (!name) return undefined;
    end = name[0].length;
    if (left[end] === '(') {
      const close = matchingParen(left, end);
      if (close < 0) return undefined;
      end = close + 1;
    }
  }
  const collate = COLLATE.exec(left.slice(end));
  return { expression: left.slice(0, end) + (collate ? ` COLLATE ${collate[1]}` : ''), operator };
}

/** Index of the `)` closing the `(` at `open`, skipping quoted text; -1 when unbalanced. */
function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      i = skipQuoted(text, i);
      if (i < 0) return -1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Index of the closing quote of the quoted text starting at `i` (a doubled quote is part of the text). */
function skipQuoted(text: string, i: number): number {
  const q = text[i]!;
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] !== q) continue;
    if (text[j + 1] === q) j++;
    else return j;
  }
  return -1;
}

/** Positions at depth 0, outside quotes, where `needle` starts. */
function topLevelMatches(text: string, needle: string): number[] {
  const out: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const j = skipQuoted(text, i);
      if (j < 0) break;
      i = j;
      continue;
    }
    if (depth === 0 && text.startsWith(needle, i)) out.push(i);
    if (c === '(') depth++;
    else if (c === ')') depth--;
  }
  return out;
}

function indexAtTopLevel(text: string, needle: string): number {
  return topLevelMatches(text, needle)[0] ?? -1;
}

function lastIndexAtTopLevel(text: string, needle: string): number {
  return topLevelMatches(text, needle).at(-1) ?? -1;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (const i of topLevelMatches(text, ',')) {
    parts.push(text.slice(start, i));
    start = i + 1;
  }
  parts.push(text.slice(start));
  return parts;
}
