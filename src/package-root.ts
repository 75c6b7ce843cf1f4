import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The single-file bundle (`npm run bundle`, scripts/bundle.mjs) replaces this module with one that has the version
// and the manifest JSON Schema built in, and no package root: keep the two in step when adding an export.

/** False here; true in the single-file bundle, which has no package directory (no sample files, no schema file). */
export const BUNDLED: boolean = false;

/** The installed package's root directory (this file is dist/package-root.js). */
export const PACKAGE_ROOT: string = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The manifest JSON Schema file, for the `$schema` reference `snapshot --out` writes (none in the bundle). */
export const MANIFEST_SCHEMA_PATH: string | undefined = join(PACKAGE_ROOT, 'schema', 'manifest.schema.json');

/** This package's version, from its package.json (one small file read when the CLI starts). */
export const PACKAGE_VERSION: string = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The manifest JSON Schema, parsed. */
export function manifestSchema(): object {
  return JSON.parse(readFileSync(join(PACKAGE_ROOT, 'schema', 'manifest.schema.json'), 'utf8')) as object;
}
