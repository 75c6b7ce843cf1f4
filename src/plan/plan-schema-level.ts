import type { Finding } from '../diff/finding.js';
import type { PlanContext } from './plan-repairs.js';
import { draft, PHASE, type StepDraft } from './steps/draft.js';
import { createIndex } from './steps/table-steps.js';
import { quoteIdent } from '../model/ident.js';
import { addEnumValue, alterSequence, createDomain, createEnum, createExtension, createFunction, createSchema, createSequence, createView, sequenceOwner } from './steps/schema-steps.js';

/** Schemas, extensions, types, sequences, views and functions. */
export function schemaLevelSteps(ctx: PlanContext, f: Finding): StepDraft[] {
  const e = ctx.expected;
  switch (f.kind) {
    case 'missing_schema':
      return [createSchema(f.id, f.object)];
    case 'missing_extension': {
      const x = e.extensions[f.object];
      if (!x) return [];
      // Installed, but in another schema: move it.
      if (ctx.actual.extensions[f.object]) return [draft(PHASE.schema, [f.id], `move extension ${x.name} to schema ${x.schema}`, `ALTER EXTENSION ${f.object} SET SCHEMA ${quoteIdent(x.schema)};`)];
      return [createExtension(f.id, x.name, x.schema)];
    }
    case 'missing_enum':
      return e.enums[f.object] ? [createEnum(f.id, f.object, e.enums[f.object]!)] : [];
    case 'missing_enum_value': {
      const key = Object.keys(e.enums).find((k) => f.object.startsWith(`${k}.'`));
      if (!key) return [];
      const value = f.expected ?? '';
      return [addEnumValue(f.id, key, e.enums[key]!, value)];
    }
    case 'missing_domain':
      return e.domains[f.object] ? [createDomain(f.id, f.object, e.domains[f.object]!)] : [];
    case 'missing_sequence': {
      const s = e.sequences[f.object];
      if (!s) return [];
      const owner = sequenceOwner(f.id, f.object, s);
      return owner ? [createSequence(f.id, f.object, s), owner] : [createSequence(f.id, f.object, s)];
    }
    case 'sequence_differs':
      return e.sequences[f.object] ? [alterSequence(f.id, f.object, e.sequences[f.object]!)] : [];
    case 'missing_function':
    case 'function_differs':
      return e.functions[f.object] ? [createFunction(f.id, f.object, e.functions[f.object]!)] : [];
    case 'missing_view':
    case 'view_differs': {
      const v = e.views[f.object];
      if (!v) return [];
      const live = ctx.actual.views[f.object];
      const kindChanges = live !== undefined && !!live.materialized !== !!v.materialized;
      const out = [createView(f.id, f.object, v, f.kind === 'view_differs' && !kindChanges)];
      if (kindChanges) out.unshift(draft(PHASE.views, [f.id], `drop ${live.materialized ? 'materialized ' : ''}view ${f.object} (its kind changes)`,
        `DROP ${live.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} IF EXISTS ${f.object};`, { lock: 'ACCESS EXCLUSIVE' }));
      // A (re-)created materialized view gets its indexes too.
      if (v.materialized && (f.kind === 'missing_view' || kindChanges || f.kind === 'view_differs')) {
        for (const i of Object.values(v.indexes ?? {})) out.push({ ...createIndex(f.id, f.object, i, false, false), phase: PHASE.views + 0.5 });
      }
      return out;
    }
    case 'enum_value_order_differs':
    case 'domain_differs':
      ctx.leaveAlone(f, `${f.kind.replace(/_/g, ' ')}: PostgreSQL cannot change this in place without re-creating the type and every column using it`);
      return [];
    default:
      return [];
  }
}
