import type { SchemaModel, TableDef } from '../../model/types.js';
import { quoteIdent } from '../../model/ident.js';
import { node } from './keys.js';

/** dependent node → the nodes it depends on. */
export type Dependencies = Map<string, Set<string>>;

const IDENT = '(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)';
/** `schema.name`, not preceded by an identifier character, a quote or a dot (so never the tail of `a.b.c`). */
const QUALIFIED = new RegExp(String.raw`(?<![A-Za-z0-9_$".])(${IDENT}\.${IDENT})`, 'g');
const TOKEN = new RegExp(IDENT, 'g');

/**
 * The dependency graph of one model, derived from the model alone, so that the expected side (a manifest, with no
 * database behind it) and the live side get their edges the same way. Expressions are read as PostgreSQL prints
 * them with `search_path = pg_catalog`: every user relation, type and function in them is schema-qualified, so a
 * scan for qualified names finds what a view, default, check, index, trigger or policy reads or calls. Edges may be
 * a little wider than pg_depend's (a name inside a string literal counts); an extra edge only re-creates a
 * dependent that did not strictly need it. Plain function bodies are opaque, as they are to PostgreSQL: only the
 * signature, and SQL-standard bodies (BEGIN ATOMIC), create edges.
 */
export function dependenciesOf(m: SchemaModel): Dependencies {
  const deps: Dependencies = new Map();
  const add = (from: string, to: string | undefined) => {
    if (to === undefined || from === to) return;
    let s = deps.get(from);
    if (!s) deps.set(from, (s = new Set()));
    s.add(to);
  };
  const refs = referenceFinder(m);
  const addRefs = (from: string, text: string | undefined) => {
    if (text) for (const r of refs(text)) add(from, r);
  };
  /** Columns of a table named in an expression (by token: a little wide, never narrow). */
  const columnsIn = (from: string, tableKey: string, t: TableDef | undefined, text: string | undefined) => {
    if (!t || !text) return;
    const tokens = tokensOf(text);
    for (const c of t.columns) if (tokens.has(c.name)) add(from, node.column(tableKey, c.name));
  };

  /**
   * A rule depends on its relation, and on what its actions read or write: the relations, types and functions
   * named, and their columns (a column's type cannot change under a rule that reads it: 0A000).
   */
  const ruleEdges = (key: string, definition: string) => {
    const name = /^CREATE RULE ((?:"(?:[^"]|"")+"|\S+)) AS/.exec(definition)?.[1];
    if (name === undefined) return;
    const rule = node.rule(key, name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name);
    add(rule, node.rel(key));
    columnsIn(rule, key, m.tables[key], definition);
    for (const r of refs(definition)) {
      add(rule, r);
      if (r.startsWith('rel:')) columnsIn(rule, r.slice(4), m.tables[r.slice(4)], definition);
    }
  };
  for (const [key, e] of Object.entries(m.enums)) add(node.type(key), node.schema(quoteIdent(e.schema)));
  for (const [key, d] of Object.entries(m.domains)) {
    const n = node.type(key);
    add(n, node.schema(quoteIdent(d.schema)));
    addRefs(n, [d.type, d.collation ?? '', d.default ?? '', ...Object.values(d.checks ?? {}).map((c) => c.expression)].join(' '));
  }
  for (const [key, r] of Object.entries(m.ranges ?? {})) {
    const n = node.type(key);
    add(n, node.schema(quoteIdent(r.schema)));
    addRefs(n, `${r.subtype} ${r.collation ?? ''} ${r.canonical ?? ''} ${r.subtypeDiff ?? ''}`);
  }
  for (const [key, c] of Object.entries(m.collations ?? {})) add(node.collation(key), node.schema(quoteIdent(c.schema)));
  for (const [key, c] of Object.entries(m.composites ?? {})) {
    const n = node.type(key);
    add(n, node.schema(quoteIdent(c.schema)));
    addRefs(n, c.attributes.map((a) => `${a.type} ${a.collation ?? ''}`).join(' '));
  }
  for (const [key, s] of Object.entries(m.sequences)) add(node.rel(key), node.schema(quoteIdent(s.schema)));

  for (const [key, t] of Object.entries(m.tables)) {
    const rel = node.rel(key);
    add(rel, node.schema(quoteIdent(t.schema)));
    if (t.partitionOf) add(rel, node.rel(t.partitionOf));
    for (const c of t.columns) {
      const col = node.column(key, c.name);
      add(col, rel);
      addRefs(col, `${c.type} ${c.collation ?? ''}`);
      if (c.generated !== undefined) {
        addRefs(col, c.generated);
        columnsIn(col, key, t, c.generated);
      }
      if (c.default !== undefined) {
        const def = node.default(key, c.name);
        add(def, col);
        addRefs(def, c.default);
      }
      if (c.notNull) add(node.notNull(key, c.name), col);
      if (c.identity) {
        add(node.identity(key, c.name), col);
        add(node.identity(key, c.name), node.notNull(key, c.name));
      }
    }
    for (const c of Object.values(t.constraints)) {
      const con = node.constraint(key, c.name);
      add(con, rel);
      for (const col of c.columns) add(con, node.column(key, col));
      if (c.type === 'primary_key') for (const col of c.columns) add(con, node.notNull(key, col));
      if (c.references) {
        const ref = c.references;
        add(con, node.rel(ref.table));
        for (const col of ref.columns) add(con, node.column(ref.table, col));
        add(con, referencedKey(m, ref.table, ref.columns));
      } else {
        addRefs(con, c.definition);
        columnsIn(con, key, t, c.definition);
      }
    }
    for (const i of Object.values(t.indexes)) {
      const idx = node.index(key, i.name);
      add(idx, rel);
      addRefs(idx, i.definition);
      columnsIn(idx, key, t, i.definition);
    }
    for (const tr of Object.values(t.triggers)) {
      const trg = node.trigger(key, tr.name);
      add(trg, rel);
      addRefs(trg, tr.definition.replace(/^CREATE .*? ON \S+/, ''));
      columnsIn(trg, key, t, tr.definition.replace(/ EXECUTE (FUNCTION|PROCEDURE) .*$/, ''));
    }
    for (const r of Object.values(t.rules ?? {})) ruleEdges(key, r.definition);
    for (const p of Object.values(t.policies)) {
      const pol = node.policy(key, p.name);
      add(pol, rel);
      const text = `${p.using ?? ''} ${p.withCheck ?? ''}`;
      addRefs(pol, text);
      columnsIn(pol, key, t, text);
    }
  }

  for (const [key, v] of Object.entries(m.views)) {
    const rel = node.rel(key);
    add(rel, node.schema(quoteIdent(v.schema)));
    for (const r of refs(v.definition)) {
      add(rel, r);
      if (r.startsWith('rel:')) columnsIn(rel, r.slice(4), m.tables[r.slice(4)], v.definition);
    }
    for (const i of Object.values(v.indexes ?? {})) {
      const idx = node.index(key, i.name);
      add(idx, rel);
      addRefs(idx, i.definition);
    }
    for (const tr of Object.values(v.triggers ?? {})) {
      const trg = node.trigger(key, tr.name);
      add(trg, rel);
      addRefs(trg, tr.definition.replace(/^CREATE .*? ON \S+/, ''));
    }
    for (const r of Object.values(v.rules ?? {})) ruleEdges(key, r.definition);
  }

  for (const [key, f] of Object.entries(m.functions)) {
    const fn = node.function(key);
    add(fn, node.schema(quoteIdent(f.schema)));
    const atomic = /\nBEGIN ATOMIC\b/.test(f.definition);
    const header = atomic ? f.definition : f.definition.split(/\nAS /)[0]!;
    // The function's own name is in its header; a recursive SQL body names it too.
    for (const r of refs(header.replace(/^CREATE OR REPLACE \w+ \S+?\(/, '('))) if (r !== fn) add(fn, r);
  }
  return deps;
}

/** The unique constraint (or unique index) of `table` whose columns are exactly `columns`: what a foreign key uses. */
function referencedKey(m: SchemaModel, table: string, columns: string[]): string | undefined {
  const t = m.tables[table];
  if (!t) return undefined;
  const same = (cols: string[]) => cols.length === columns.length && [...cols].sort().join('\0') === [...columns].sort().join('\0');
  const c = Object.values(t.constraints).find((x) => (x.type === 'primary_key' || x.type === 'unique') && same(x.columns));
  if (c) return node.constraint(table, c.name);
  const i = Object.values(t.indexes).find((x) => x.unique && x.predicate === undefined && same(x.columns.map(unquoteIdent)));
  return i ? node.index(table, i.name) : undefined;
}

function unquoteIdent(s: string): string {
  return s.startsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s;
}

/** Identifier tokens of an expression, unquoted. */
function tokensOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(TOKEN)) out.add(unquoteIdent(m[0]));
  return out;
}

/** Finds the relations, types and functions of the model that an expression names. */
function referenceFinder(m: SchemaModel): (text: string) => Set<string> {
  const byName = new Map<string, string[]>();
  const put = (name: string, key: string) => byName.set(name, [...(byName.get(name) ?? []), key]);
  for (const k of [...Object.keys(m.tables), ...Object.keys(m.views), ...Object.keys(m.sequences)]) put(k, node.rel(k));
  for (const k of [...Object.keys(m.enums), ...Object.keys(m.domains), ...Object.keys(m.composites ?? {})]) put(k, node.type(k));
  for (const k of Object.keys(m.collations ?? {})) put(k, node.collation(k));
  for (const [k, r] of Object.entries(m.ranges ?? {})) {
    put(k, node.type(k));
    if (r.multirange) put(r.multirange, node.type(k));
  }
  for (const [k, f] of Object.entries(m.functions)) put(`${quoteIdent(f.schema)}.${quoteIdent(f.name)}`, node.function(k));
  return (text) => {
    const out = new Set<string>();
    for (const match of text.matchAll(QUALIFIED)) {
      for (const k of byName.get(match[1]!) ?? []) out.add(k);
    }
    return out;
  };
}

/** Reverse edges: node → the nodes that depend on it. */
export function dependentsOf(deps: Dependencies): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [from, tos] of deps) {
    for (const to of tos) {
      let s = out.get(to);
      if (!s) out.set(to, (s = new Set()));
      s.add(from);
    }
  }
  return out;
}
