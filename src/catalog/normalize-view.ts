/**
 * View bodies as PostgreSQL prints them (pg_get_viewdef), made comparable across majors.
 *
 * Up to PostgreSQL 15 a view's query kept two placeholder range-table entries (OLD and NEW), so ruleutils always
 * qualified column references (`SELECT staff.id FROM public.staff`). From 16 on they are gone, and a query level
 * with a single FROM item prints its columns bare (`SELECT id FROM public.staff`). For text read from a server
 * older than 16, the same rule is applied here to the view's top query level: when its FROM clause is a single item,
 * the qualifier naming that item is removed outside subqueries. Views this does not cover (correlated references
 * inside subqueries) keep PostgreSQL's text; docs/manifest.md lists the limits.
 */
import { canonicalExpr } from './canonical-expr.js';

export function normalizeViewDefinition(def: string, serverVersionNum: number): string {
  const text = def
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim()
    .replace(/;$/, '');
  return canonicalExpr(serverVersionNum < 160000 ? unqualifySingleRelation(text) : text);
}

interface Token {
  kind: 'ws' | 'ident' | 'qident' | 'string' | 'number' | 'punct' | 'op';
  text: string;
}

const CLAUSE_END = new Set(['WHERE', 'GROUP', 'HAVING', 'WINDOW', 'ORDER', 'LIMIT', 'OFFSET', 'FETCH', 'FOR']);
const SUBQUERY_START = new Set(['SELECT', 'WITH', 'VALUES']);

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  const re =
    /(\s+)|("(?:[^"]|"")*")|('(?:[^'\\]|''|\\.)*')|([A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*)|(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([(),.;[\]])|([^\sA-Za-z0-9_"'(),.;[\]\u0080-\uffff]+)/gy;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(s)) !== null) {
    last = re.lastIndex;
    if (m[1]) out.push({ kind: 'ws', text: m[1] });
    else if (m[2]) out.push({ kind: 'qident', text: m[2] });
    else if (m[3]) out.push({ kind: 'string', text: m[3] });
    else if (m[4]) out.push({ kind: 'ident', text: m[4] });
    else if (m[5]) out.push({ kind: 'number', text: m[5] });
    else if (m[6]) out.push({ kind: 'punct', text: m[6] });
    else out.push({ kind: 'op', text: m[7]! });
  }
  if (last !== s.length) out.push({ kind: 'op', text: s.slice(last) });
  return out;
}

const isName = (t: Token | undefined) => t !== undefined && (t.kind === 'ident' || t.kind === 'qident');
const isWord = (t: Token | undefined, w: string) => t !== undefined && t.kind === 'ident' && t.text === w;

function unqualifySingleRelation(def: string): string {
  const all = tokenize(def);
  const idx = all.map((t, i) => (t.kind === 'ws' ? -1 : i)).filter((i) => i >= 0);
  const tok = (k: number) => all[idx[k]!];
  // Paren depth of every significant token.
  const depth: number[] = [];
  let d = 0;
  for (let k = 0; k < idx.length; k++) {
    const t = tok(k)!;
    if (t.text === ')') d--;
    depth.push(d);
    if (t.text === '(') d++;
  }
  const top = (k: number, w: string) => depth[k] === 0 && isWord(tok(k), w);
  for (let k = 0; k < idx.length; k++) if (top(k, 'UNION') || top(k, 'INTERSECT') || top(k, 'EXCEPT')) return def;
  const select = idx.findIndex((_, k) => top(k, 'SELECT'));
  if (select < 0) return def;
  let from = -1;
  for (let k = select + 1; k < idx.length; k++) if (top(k, 'FROM')) (from = k), (k = idx.length);
  if (from < 0) return def;
  let end = idx.length;
  for (let k = from + 1; k < idx.length; k++) {
    if (depth[k] === 0 && tok(k)!.kind === 'ident' && CLAUSE_END.has(tok(k)!.text)) {
      end = k;
      break;
    }
  }
  for (let k = from + 1; k < end; k++) if (depth[k] === 0 && tok(k)!.text === ',') return def;

  // The single FROM item: ONLY? name(.name)* [(args)] [alias [(cols)]], or ( SELECT … ) alias.
  let k = from + 1;
  if (isWord(tok(k), 'ONLY')) k++;
  let refname: string | undefined;
  if (tok(k)?.text === '(') {
    if (!SUBQUERY_START.has(tok(k + 1)?.text ?? '')) return def; // a join tree
    while (k < end && !(tok(k)!.text === ')' && depth[k] === 0)) k++;
    k++;
  } else if (isName(tok(k))) {
    refname = tok(k)!.text;
    k++;
    while (tok(k)?.text === '.' && isName(tok(k + 1))) (refname = tok(k + 1)!.text), (k += 2);
    if (tok(k)?.text === '(') {
      while (k < end && !(tok(k)!.text === ')' && depth[k] === 0)) k++;
      k++;
    }
  } else return def;
  if (k < end && isName(tok(k)) && !isWord(tok(k), 'JOIN')) (refname = tok(k)!.text), k++;
  if (tok(k)?.text === '(') {
    while (k < end && !(tok(k)!.text === ')' && depth[k] === 0)) k++;
    k++;
  }
  if (k !== end || refname === undefined) return def; // anything else (a join) is left as printed

  // Remove `refname.` before a column, outside subqueries and outside the FROM clause itself.
  const drop = new Set<number>();
  const stack: boolean[] = [];
  for (let j = 0; j < idx.length; j++) {
    const t = tok(j)!;
    if (t.text === '(') {
      stack.push(SUBQUERY_START.has(tok(j + 1)?.text ?? ''));
      continue;
    }
    if (t.text === ')') {
      stack.pop();
      continue;
    }
    if (stack.includes(true) || (j >= from && j < end)) continue;
    if (t.text === refname && isName(t) && tok(j + 1)?.text === '.' && isName(tok(j + 2)) && tok(j - 1)?.text !== '.' && tok(j + 3)?.text !== '(' && tok(j + 3)?.text !== '.') {
      drop.add(idx[j]!);
      drop.add(idx[j + 1]!);
    }
  }
  return all
    .filter((_, i) => !drop.has(i))
    .map((t) => t.text)
    .join('');
}
