import { quoteIdent } from '../../model/ident.js';
import type { SchemaModel } from '../../model/types.js';
import { lit } from '../sql-util.js';
import { draft, PHASE, type StepDraft } from '../steps/draft.js';
import { node } from './keys.js';

/**
 * An object the plan creates or re-creates (a missing index, a constraint dropped and added back, an enum swapped,
 * a column added) carries its expected comment: a re-created object starts without one. One COMMENT step per such
 * object, after it. Tables and views bring their own comments (their create steps write them).
 */
export function commentsOfCreated(steps: StepDraft[], expected: SchemaModel): StepDraft[][] {
  const comments = commentsByNode(expected);
  const out: StepDraft[][] = [];
  const done = new Set<string>();
  // The columns of a table created whole get their comments with it.
  const wholeTables = new Set(
    steps
      .flatMap((s) => s.graph?.creates ?? [])
      .filter((k) => k.startsWith('rel:'))
      .map((k) => k.slice(4)),
  );
  const inWholeTable = (key: string) => key.startsWith('column:') && [...wholeTables].some((t) => key.startsWith(`column:${t}.`));
  for (const s of steps) {
    for (const created of s.graph?.creates ?? []) {
      const sql = comments.get(created);
      if (sql === undefined || done.has(created) || inWholeTable(created)) continue;
      done.add(created);
      out.push([draft(PHASE.comments, s.findingIds, `comment on ${created.slice(created.indexOf(':') + 1)} (re-created)`, sql, { graph: { needs: [created] } })]);
    }
  }
  return out;
}

function commentsByNode(m: SchemaModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, t] of Object.entries(m.tables)) {
    for (const c of t.columns) if (c.comment !== undefined) out.set(node.column(key, c.name), `COMMENT ON COLUMN ${key}.${quoteIdent(c.name)} IS ${lit(c.comment)};`);
    for (const c of Object.values(t.constraints)) {
      if (c.comment !== undefined) out.set(node.constraint(key, c.name), `COMMENT ON CONSTRAINT ${quoteIdent(c.name)} ON ${key} IS ${lit(c.comment)};`);
    }
    for (const i of Object.values(t.indexes)) {
      if (i.comment !== undefined) out.set(node.index(key, i.name), `COMMENT ON INDEX ${quoteIdent(t.schema)}.${quoteIdent(i.name)} IS ${lit(i.comment)};`);
    }
    for (const tr of Object.values(t.triggers)) {
      if (tr.comment !== undefined) out.set(node.trigger(key, tr.name), `COMMENT ON TRIGGER ${quoteIdent(tr.name)} ON ${key} IS ${lit(tr.comment)};`);
    }
  }
  for (const [key, v] of Object.entries(m.views)) {
    for (const i of Object.values(v.indexes ?? {})) {
      if (i.comment !== undefined) out.set(node.index(key, i.name), `COMMENT ON INDEX ${quoteIdent(v.schema)}.${quoteIdent(i.name)} IS ${lit(i.comment)};`);
    }
    for (const tr of Object.values(v.triggers ?? {})) {
      if (tr.comment !== undefined) out.set(node.trigger(key, tr.name), `COMMENT ON TRIGGER ${quoteIdent(tr.name)} ON ${key} IS ${lit(tr.comment)};`);
    }
  }
  for (const [key, f] of Object.entries(m.functions)) {
    if (f.comment !== undefined) out.set(node.function(key), `COMMENT ON ${f.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION'} ${key} IS ${lit(f.comment)};`);
  }
  for (const [key, s] of Object.entries(m.sequences)) if (s.comment !== undefined) out.set(node.rel(key), `COMMENT ON SEQUENCE ${key} IS ${lit(s.comment)};`);
  for (const [key, e] of Object.entries(m.enums)) if (e.comment !== undefined) out.set(node.type(key), `COMMENT ON TYPE ${key} IS ${lit(e.comment)};`);
  for (const [key, d] of Object.entries(m.domains)) if (d.comment !== undefined) out.set(node.type(key), `COMMENT ON DOMAIN ${key} IS ${lit(d.comment)};`);
  return out;
}
