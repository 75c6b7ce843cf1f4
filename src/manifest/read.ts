import { readFileSync, statSync } from 'node:fs';
import { UsageError } from '../errors.js';
import type { SchemaModel } from '../model/types.js';
import { modelOf, type Manifest } from './format.js';
import validate, { type ManifestValidationError as AjvError } from './manifest-validator.js';

/**
 * Reads and validates a manifest file. Any problem is a UsageError (exit 5) that names the file, the JSON path
 * and what was expected.
 */
export function readManifest(file: string): SchemaModel {
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)' : code === 'EISDIR' ? 'is a directory' : 'cannot be read';
    throw new UsageError('MANIFEST_UNREADABLE', `Manifest ${file} ${why}.`, 'Pass the path of a manifest written by `schema-doctor snapshot --out FILE`.');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const where = jsonErrorLocation(text, (err as Error).message);
    throw new UsageError(
      'MANIFEST_INVALID',
      `Manifest ${file} is not valid JSON${where}: ${(err as Error).message}.`,
      'Fix the JSON syntax (a missing comma or quote is the usual cause), or regenerate it with `schema-doctor snapshot`.',
    );
  }
  validateManifest(file, data);
  return modelOf(data as Manifest);
}

export function validateManifest(file: string, data: unknown): void {
  if (validate(data)) return;
  const first = validate.errors![0]!;
  const path = toJsonPath(first.instancePath);
  const expected = describeAjvError(first);
  throw new UsageError(
    'MANIFEST_INVALID',
    `Manifest ${file} does not match the manifest format at ${path}: ${expected}.`,
    'See docs/manifest.md for the format, or regenerate the file with `schema-doctor snapshot`.',
  );
}

function describeAjvError(e: AjvError): string {
  switch (e.keyword) {
    case 'required':
      return `missing required property "${String(e.params.missingProperty)}"`;
    case 'additionalProperties':
      return `unknown property "${String(e.params.additionalProperty)}"`;
    case 'type':
      return `expected ${String(e.params.type)}`;
    case 'enum':
      return `expected one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `expected ${JSON.stringify(e.params.allowedValue)}`;
    default:
      return e.message ?? e.keyword;
  }
}

/** `/tables/public.books/columns/2/type` → `$.tables["public.books"].columns[2].type` */
export function toJsonPath(pointer: string): string {
  if (pointer === '') return '$';
  return (
    '$' +
    pointer
      .split('/')
      .slice(1)
      .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((seg) => (/^\d+$/.test(seg) ? `[${seg}]` : /^[A-Za-z_$][\w$]*$/.test(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`))
      .join('')
  );
}

function jsonErrorLocation(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return '';
  const pos = Number(m[1]);
  const before = text.slice(0, pos).split('\n');
  return ` (line ${before.length}, column ${before[before.length - 1]!.length + 1})`;
}
