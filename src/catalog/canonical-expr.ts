/**
 * PostgreSQL does not always print an expression the way it prints it again after re-reading its own output.
 * The common case: `v IN ('a', 'b')` on a varchar column prints as
 *   ((v)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))
 * and that text, executed, prints as
 *   ((v)::text = ANY (ARRAY[('a'::character varying)::text, ('b'::character varying)::text]))
 * (the cast is pushed into the elements). Both sides of a comparison are put in the second, stable form, so a
 * constraint schema-doctor re-created from a manifest compares equal to the expected one.
 */
export function canonicalExpr(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('(ARRAY[', i);
    if (start < 0) break;
    const rewritten = rewriteAt(text, start);
    if (rewritten) {
      out += text.slice(i, start) + rewritten.text;
      i = rewritten.end;
    } else {
      out += text.slice(i, start + 1);
      i = start + 1;
    }
  }
  return out + text.slice(i);
}

const TYPED_LITERAL = /^'(?:[^']|'')*'::[a-z_][\w .]*(?:\(\d+(?:,\d+)?\))?$/;

/** At `(ARRAY[e1, e2])::T[]` with typed-literal elements: `ARRAY[(e1)::T, (e2)::T]`. */
function rewriteAt(text: string, start: number): { text: string; end: number } | undefined {
  let i = start + '(ARRAY['.length;
  const elements: string[] = [];
  let elemStart = i;
  let depth = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "'") {
      i++;
      while (i < text.length && !(text[i] === "'" && text[i + 1] !== "'")) i += text[i] === "'" ? 2 : 1;
      i++;
      continue;
    }
    if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    else if (ch === ']' && depth === 0) break;
    else if (ch === ',' && depth === 0) {
      elements.push(text.slice(elemStart, i).trim());
      elemStart = i + 1;
    }
    i++;
  }
  if (i >= text.length) return undefined;
  elements.push(text.slice(elemStart, i).trim());
  const cast = /^\]\)::([a-z_][\w .]*(?:\(\d+(?:,\d+)?\))?)\[\]/.exec(text.slice(i));
  if (!cast || !elements.every((e) => TYPED_LITERAL.test(e))) return undefined;
  const type = cast[1]!;
  return { text: `ARRAY[${elements.map((e) => `(${e})::${type}`).join(', ')}]`, end: i + cast[0].length };
}
