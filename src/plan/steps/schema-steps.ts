import type { DomainDef, EnumDef, FunctionDef, SequenceDef, ViewDef } from '../../model/types.js';
import { doBlock, lit, q } from '../sql-util.js';
import { draft, PHASE, type StepDraft } from './draft.js';
import { node } from '../graph/keys.js';
import { continueAfterMax } from './column-steps.js';

export function createSchema(id: string, name: string): StepDraft {
  return draft(PHASE.schema, [id], `create schema ${name}`, `CREATE SCHEMA IF NOT EXISTS ${name};`, { graph: { creates: [node.schema(name)] } });
}

/** With a version pinned in the manifest, that version (else the control file's default_version). */
export function createExtension(id: string, name: string, schema: string, version?: string): StepDraft {
  return draft(
    PHASE.schema,
    [id],
    `install extension ${name}${version !== undefined ? ` version ${version}` : ''}`,
    `CREATE EXTENSION IF NOT EXISTS ${q(name)} SCHEMA ${q(schema)}${version !== undefined ? ` VERSION ${lit(version)}` : ''};`,
  );
}

/**
 * The extension's own update scripts, to the version the manifest pins. ALTER EXTENSION … UPDATE TO has no
 * "if needed" form: the DO block compares pg_extension.extversion first, so a second run does nothing.
 */
export function updateExtension(id: string, name: string, version: string): StepDraft {
  return draft(
    PHASE.schema,
    [id],
    `update extension ${name} to version ${version}`,
    doBlock(`  IF (SELECT extversion FROM pg_catalog.pg_extension WHERE extname = ${lit(name)}) IS DISTINCT FROM ${lit(version)} THEN
    ALTER EXTENSION ${q(name)} UPDATE TO ${lit(version)};
  END IF;`),
  );
}

export function createEnum(id: string, key: string, e: EnumDef): StepDraft {
  return draft(
    PHASE.types,
    [id],
    `create enum ${key}`,
    doBlock(`  IF to_regtype(${lit(key)}) IS NULL THEN
    CREATE TYPE ${key} AS ENUM (${e.values.map(lit).join(', ')});
  END IF;`),
    { graph: { creates: [node.type(key)] } },
  );
}

/** ALTER TYPE … ADD VALUE keeps the expected order by naming its neighbour. */
export function addEnumValue(id: string, key: string, e: EnumDef, value: string): StepDraft {
  const i = e.values.indexOf(value);
  const pos = i > 0 ? ` AFTER ${lit(e.values[i - 1]!)}` : e.values.length > 1 ? ` BEFORE ${lit(e.values[1]!)}` : '';
  // A new value cannot be used before the transaction that added it commits (SQLSTATE 55P04).
  return draft(PHASE.types, [id], `add value ${lit(value)} to enum ${key}`, `ALTER TYPE ${key} ADD VALUE IF NOT EXISTS ${lit(value)}${pos};`, {
    commitAfter: true,
    graph: { creates: [node.type(key)] },
  });
}

export function createDomain(id: string, key: string, d: DomainDef): StepDraft {
  const checks = Object.entries(d.checks ?? {})
    .map(([n, c]) => ` CONSTRAINT ${q(n)} CHECK ${c.expression.startsWith('(') ? c.expression : `(${c.expression})`}`)
    .join('');
  const stmt = `CREATE DOMAIN ${key} AS ${d.type}${d.collation ? ` COLLATE ${d.collation}` : ''}${d.default !== undefined ? ` DEFAULT ${d.default}` : ''}${d.notNull ? ' NOT NULL' : ''}${checks}`;
  return draft(PHASE.types, [id], `create domain ${key}`, doBlock(`  IF to_regtype(${lit(key)}) IS NULL THEN\n    ${stmt};\n  END IF;`), { graph: { creates: [node.type(key)] } });
}

export function sequenceOptions(s: SequenceDef): string {
  return `AS ${s.type} INCREMENT BY ${s.increment} MINVALUE ${s.min} MAXVALUE ${s.max} START WITH ${s.start} CACHE ${s.cache}${s.cycle ? ' CYCLE' : ' NO CYCLE'}`;
}

export function createSequence(id: string, key: string, s: SequenceDef): StepDraft {
  return draft(PHASE.types, [id], `create sequence ${key}`, `CREATE SEQUENCE IF NOT EXISTS ${key} ${sequenceOptions(s)};`, { graph: { creates: [node.rel(key)] } });
}

/**
 * OWNED BY needs the table: it runs with the columns. A new sequence for a column that already holds values (a
 * serial re-created, an identity replaced by a serial) continues after the largest of them, or the next insert
 * would collide.
 */
export function sequenceOwner(id: string, key: string, s: SequenceDef): StepDraft | undefined {
  if (!s.ownedBy) return undefined;
  return draft(PHASE.columns, [id], `sequence ${key} owned by ${s.ownedBy}, continuing after the column's largest value`, `ALTER SEQUENCE ${key} OWNED BY ${s.ownedBy};\n${continueAfterMax(key, s)}`, {
    graph: { needs: [`column:${s.ownedBy}`, node.rel(key)] },
  });
}

/** Options in place (the current value does not move), then OWNED BY, which needs the column: with the columns. */
export function alterSequence(id: string, key: string, s: SequenceDef, live: SequenceDef): StepDraft[] {
  const out = [draft(PHASE.types, [id], `set options of sequence ${key}`, `ALTER SEQUENCE ${key} ${sequenceOptions(s)};`, { graph: { creates: [node.rel(key)] } })];
  if (s.ownedBy !== live.ownedBy) {
    out.push(s.ownedBy ? sequenceOwner(id, key, s)! : draft(PHASE.columns, [id], `sequence ${key} owned by no column`, `ALTER SEQUENCE ${key} OWNED BY NONE;`, { graph: { needs: [node.rel(key)] } }));
  }
  return out;
}

/** pg_get_functiondef prints a complete CREATE OR REPLACE statement: re-running it is idempotent. */
export function createFunction(id: string, key: string, f: FunctionDef): StepDraft {
  return draft(PHASE.functions, [id], `create or replace ${f.kind} ${key}`, `${f.definition};`, { graph: { creates: [node.function(key)] } });
}

export function dropFunction(id: string, key: string, f: { kind: string; schema: string; name: string; identityArgs: string }, phase: number = PHASE.functions - 0.5): StepDraft {
  return draft(phase, [id], `drop ${f.kind} ${key}`, `DROP ${f.kind.toUpperCase()} IF EXISTS ${q(f.schema)}.${q(f.name)}(${f.identityArgs});`, { graph: { drops: [node.function(key)] } });
}

/** `check_option=local` → `check_option = 'local'`: names quoted as needed, values as literals. */
function viewOptionsSql(options: string[]): string {
  return options
    .map((o) => {
      const i = o.indexOf('=');
      return i < 0 ? q(o) : `${q(o.slice(0, i))} = ${lit(o.slice(i + 1))}`;
    })
    .join(', ');
}

/** Creates a view (CREATE OR REPLACE) or a materialized view (IF NOT EXISTS); a changed one is dropped first (dropView). */
export function createView(id: string, key: string, v: ViewDef): StepDraft {
  const opts = v.options?.length ? ` WITH (${viewOptionsSql(v.options)})` : '';
  const graph = { creates: [node.rel(key)] };
  if (v.materialized) {
    return draft(PHASE.views, [id], `create materialized view ${key}`, `CREATE MATERIALIZED VIEW IF NOT EXISTS ${key}${opts} AS\n${v.definition};`, { graph });
  }
  return draft(PHASE.views, [id], `create view ${key}`, `CREATE OR REPLACE VIEW ${key}${opts} AS\n${v.definition};`, { graph });
}

/** Drops a view so it can be re-created (its dependents are dropped before it and re-created after). */
export function dropView(id: string, key: string, materialized: boolean, why: string): StepDraft {
  return draft(PHASE.dependentDrops, [id], `drop ${materialized ? 'materialized ' : ''}view ${key} (${why})`, `DROP ${materialized ? 'MATERIALIZED VIEW' : 'VIEW'} IF EXISTS ${key};`, {
    lock: 'ACCESS EXCLUSIVE',
    graph: { drops: [node.rel(key)] },
  });
}
