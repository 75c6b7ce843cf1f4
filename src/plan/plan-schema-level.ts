import type { Finding } from '../diff/finding.js';
import type { PlanContext } from './plan-context.js';
import { draft, PHASE, type StepDraft } from './steps/draft.js';
import { quoteIdent } from '../model/ident.js';
import { sameFunctionSignature } from '../model/types.js';
import {
  addEnumValue,
  alterSequence,
  createDomain,
  createEnum,
  createExtension,
  createFunction,
  createSchema,
  createSequence,
  dropFunction,
  dropView,
  sequenceOwner,
  updateExtension,
} from './steps/schema-steps.js';
import { recreateView } from './graph/recreate.js';
import { swapEnum } from './steps/enum-steps.js';
import { alterDomainSteps } from './steps/domain-steps.js';
import { optionsSql } from './steps/physical-steps.js';
import { node } from './graph/keys.js';
import { movedWithExtension } from './plan-table-level.js';
import { alterCompositeSteps, createComposite } from './steps/composite-steps.js';
import { collationUsers, createCollation, recreateCollation } from './steps/collation-steps.js';
import { createRange, rangeUsers, recreateRange } from './steps/range-steps.js';

/**
 * Whether the server can install the pinned version (pg_available_extension_versions); refuses the finding up front
 * when not, naming what it has. Without facts (not checked), the step runs and PostgreSQL decides.
 */
function versionAvailable(ctx: PlanContext, f: Finding, name: string, version: string): boolean {
  const facts = ctx.extensionVersions?.[f.object];
  if (!facts || facts.available.includes(version)) return true;
  ctx.refuse(
    f,
    'manual',
    `extension ${name}: version ${version} is not available on this server (available: ${list(facts.available)})`,
    `Install the package that ships ${name} ${version} on the server, or pin one of the available versions in the manifest (or remove the pin); --ignore ${f.kind}:${f.object} accepts it as it is.`,
  );
  return false;
}

const list = (versions: string[]) => (versions.length > 0 ? versions.join(', ') : 'none');

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
      if (ctx.actual.extensions[f.object]) {
        const moved = ctx.findings.filter((c) => movedWithExtension(ctx, c) === f.object).map((c) => c.id);
        return [
          draft(PHASE.schema, [f.id, ...moved], `move extension ${x.name} to schema ${x.schema}`, `ALTER EXTENSION ${f.object} SET SCHEMA ${quoteIdent(x.schema)};`, {
            graph: { needs: [node.schema(quoteIdent(x.schema))] },
          }),
        ];
      }
      if (x.version !== undefined && !versionAvailable(ctx, f, x.name, x.version)) return [];
      return [createExtension(f.id, x.name, x.schema, x.version)];
    }
    case 'extension_version_differs': {
      // An info finding, yet repaired: a version in the manifest is always written by hand, on purpose.
      const x = e.extensions[f.object];
      if (x?.version === undefined || !ctx.actual.extensions[f.object]) return [];
      if (!versionAvailable(ctx, f, x.name, x.version)) return [];
      const reachable = ctx.extensionVersions?.[f.object]?.reachable;
      if (reachable && !reachable.includes(x.version)) {
        ctx.refuse(
          f,
          'manual',
          `extension ${x.name}: version ${x.version} is available, but ALTER EXTENSION … UPDATE has no path to it from the installed version ${f.actual ?? '?'} (reachable from there: ${list(reachable)})`,
          `A downgrade needs an update script that extensions rarely ship: pin a version reachable from ${f.actual ?? 'the installed one'}, or drop and re-create the extension by hand (DROP EXTENSION also drops what uses it); or accept it with --ignore extension_version_differs.`,
        );
        return [];
      }
      return [updateExtension(f.id, x.name, x.version)];
    }
    case 'missing_enum':
      return e.enums[f.object] ? [createEnum(f.id, f.object, e.enums[f.object]!)] : [];
    case 'missing_enum_value': {
      const key = Object.keys(e.enums).find((k) => f.object.startsWith(`${k}.'`));
      if (!key) return [];
      if (enumNeedsSwap(ctx, key)) return enumSwapSteps(ctx, f, key);
      const value = f.expected ?? '';
      return [addEnumValue(f.id, key, e.enums[key]!, value)];
    }
    case 'missing_domain':
      return e.domains[f.object] ? [createDomain(f.id, f.object, e.domains[f.object]!)] : [];
    case 'missing_collation':
      return e.collations?.[f.object] ? createCollation(f.id, f.object, e.collations[f.object]!) : [];
    case 'collation_differs': {
      const want = e.collations?.[f.object];
      if (!want) return [];
      const users = collationUsers(ctx.actual, f.object);
      if (users.length > 0) {
        ctx.refuse(
          f,
          'manual',
          `collation ${f.object} is defined differently, but ${users.join(', ')} ${users.length === 1 ? 'uses' : 'use'} it: a collation cannot be altered, and dropping it would take them with it`,
          'Create a collation with the expected options under another name, move the columns to it (ALTER COLUMN … TYPE … COLLATE) and drop the old one by hand; or accept it with an --ignore rule.',
        );
        return [];
      }
      return recreateCollation(f.id, f.object, want);
    }
    case 'missing_range':
      return e.ranges?.[f.object] ? createRange(f.id, f.object, e.ranges[f.object]!) : [];
    case 'range_differs': {
      const want = e.ranges?.[f.object];
      if (!want) return [];
      const users = rangeUsers(ctx.actual, f.object);
      if (users.length > 0) {
        ctx.refuse(
          f,
          'manual',
          `range type ${f.object} is defined differently, but ${users.join(', ')} ${users.length === 1 ? 'uses' : 'use'} it: a range type cannot be altered, and dropping it would take them with it`,
          'Create a range type with the expected options under another name, convert the columns to it and drop the old one by hand; or accept it with an --ignore rule.',
        );
        return [];
      }
      return recreateRange(f.id, f.object, want);
    }
    case 'missing_composite':
      return e.composites?.[f.object] ? createComposite(f.id, f.object, e.composites[f.object]!) : [];
    case 'composite_differs': {
      const want = e.composites?.[f.object];
      const have = ctx.actual.composites?.[f.object];
      if (!want || !have) return [];
      const planned = alterCompositeSteps(f.id, f.object, want, have, ctx.actual);
      if ('refusal' in planned) {
        ctx.refuse(
          f,
          'manual',
          planned.detail,
          planned.refusal === 'order'
            ? 'Re-create the type by hand (or list the new attributes last in the expected schema), or accept it with an --ignore rule.'
            : 'Add a new attribute (or a new type), copy the values over with UPDATE, then drop the old one, by hand; or accept it with an --ignore rule.',
        );
        return [];
      }
      const lossy = planned.steps.filter((s) => s.hazards.includes('DELETES_DATA'));
      if (lossy.length > 0 && !ctx.options.allowHazards.includes('DELETES_DATA')) {
        ctx.refuse(f, 'needs_hazard', `${lossy.map((s) => s.summary).join('; ')}`, 'Keep the attribute in the expected schema, or pass --allow-hazard DELETES_DATA to drop it and its stored values.');
        return [];
      }
      return planned.steps;
    }
    case 'missing_sequence': {
      const s = e.sequences[f.object];
      if (!s) return [];
      const owner = sequenceOwner(f.id, f.object, s);
      return owner ? [createSequence(f.id, f.object, s), owner] : [createSequence(f.id, f.object, s)];
    }
    case 'sequence_differs':
      return e.sequences[f.object] && ctx.actual.sequences[f.object] ? alterSequence(f.id, f.object, e.sequences[f.object]!, ctx.actual.sequences[f.object]!) : [];
    case 'missing_function':
    case 'function_differs': {
      const want = e.functions[f.object];
      if (!want) return [];
      // The live function under another key when only its parameter names differ (diff-schemas.ts).
      const liveKey = f.object in ctx.actual.functions ? f.object : Object.keys(ctx.actual.functions).find((k) => sameFunctionSignature(want, ctx.actual.functions[k]!));
      const have = liveKey === undefined ? undefined : ctx.actual.functions[liveKey];
      // CREATE OR REPLACE cannot change the result type, parameter names or defaults, or OUT parameters: then the
      // function is dropped (its dependents before it, re-created after) and created.
      if (have && signatureOf(have.definition) !== signatureOf(want.definition)) {
        return [dropFunction(f.id, liveKey!, have, PHASE.dependentDrops), createFunction(f.id, f.object, want)];
      }
      return [createFunction(f.id, f.object, want)];
    }
    case 'missing_view':
    case 'view_differs': {
      const v = e.views[f.object];
      if (!v) return [];
      const live = ctx.actual.views[f.object];
      // Only the options differ: changed in place, nothing that depends on the view is touched.
      if (live && live.definition === v.definition && !!live.materialized === !!v.materialized) {
        const sql = optionsSql(v.materialized ? 'MATERIALIZED VIEW' : 'VIEW', f.object, v.options, live.options);
        return sql.length > 0 ? [draft(PHASE.views, [f.id], `set options of view ${f.object}`, sql.join('\n'), { lock: 'ACCESS EXCLUSIVE', graph: { needs: [node.rel(f.object)] } })] : [];
      }
      // CREATE OR REPLACE VIEW cannot drop, rename or retype columns: a changed view is dropped and created, with
      // whatever depends on it dropped before and re-created after (plan/graph/expand.ts).
      const out = live ? [dropView(f.id, f.object, !!live.materialized, !!live.materialized !== !!v.materialized ? 'its kind changes' : 'its definition changes')] : [];
      out.push(...recreateView(f.id, f.object, v));
      return out;
    }
    case 'enum_value_order_differs':
      return enumSwapSteps(ctx, f, f.object);
    case 'domain_differs': {
      const want = e.domains[f.object];
      const have = ctx.actual.domains[f.object];
      if (!want || !have) return [];
      if (want.type !== have.type || want.collation !== have.collation) {
        ctx.refuse(
          f,
          'manual',
          `the base type or collation of domain ${f.object} differs: that needs the domain re-created and every column using it converted`,
          'Create the new domain, convert the columns (ALTER COLUMN … TYPE … USING) and drop the old one by hand, or accept it with an --ignore rule.',
        );
        return [];
      }
      return alterDomainSteps(f.id, f.object, want, have);
    }
    default:
      return [];
  }
}

/** What CREATE OR REPLACE must keep: the header line (name, parameters with names, modes and defaults) and RETURNS. */
function signatureOf(definition: string): string {
  const lines = definition.split('\n');
  return [lines[0], ...lines.filter((l) => /^ RETURNS /.test(l))].join('\n');
}

/** The enum's findings, keyed by enum: its missing values, unexpected values and order. */
function enumFindings(ctx: PlanContext, key: string): Finding[] {
  return ctx.findings.filter(
    (x) => (x.kind === 'enum_value_order_differs' && x.object === key) || ((x.kind === 'missing_enum_value' || x.kind === 'unexpected_enum_value') && x.object.startsWith(`${key}.'`)),
  );
}

/** Reordered values, or values to remove (--prune), need the type swapped; added values alone do not. */
export function enumNeedsSwap(ctx: PlanContext, key: string): boolean {
  return enumFindings(ctx, key).some((x) => x.kind === 'enum_value_order_differs' || (x.kind === 'unexpected_enum_value' && ctx.options.prune));
}

/**
 * One swap repairs every finding of the enum; the first of them carries the steps. Values to remove must not be in
 * use (a probe checked); without --prune the unexpected values are kept, after the expected ones.
 */
export function enumSwapSteps(ctx: PlanContext, f: Finding, key: string): StepDraft[] {
  // Without --prune the unexpected values stay (after the expected ones) and their findings with them.
  const all = enumFindings(ctx, key).filter((x) => ctx.options.prune || x.kind !== 'unexpected_enum_value');
  if (all[0]?.id !== f.id) return [];
  const e = ctx.expected.enums[key];
  const a = ctx.actual.enums[key];
  if (!e || !a) return [];
  const extra = a.values.filter((v) => !e.values.includes(v));
  if (ctx.options.prune) {
    const inUse = all.filter((x) => x.kind === 'unexpected_enum_value' && ctx.enumValueInUse?.[x.id] !== false);
    if (inUse.length > 0) {
      for (const x of all) {
        ctx.refuse(
          x,
          'manual',
          `enum ${key} must be re-created without ${inUse.map((x) => x.actual).join(', ')}, but rows still hold ${inUse.length === 1 ? 'that value' : 'those values'} (or it could not be checked)`,
          'Change those rows to another value first, or keep the value in the expected schema.',
        );
      }
      return [];
    }
  }
  const labels = ctx.options.prune ? e.values : [...e.values, ...extra];
  return swapEnum(
    all.map((x) => x.id),
    key,
    labels,
    ctx.actual,
    ctx.busy,
  );
}
