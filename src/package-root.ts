import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed package's root directory (this file is dist/package-root.js). */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const MANIFEST_SCHEMA_PATH = join(PACKAGE_ROOT, 'schema', 'manifest.schema.json');
export const CONFIG_SCHEMA_PATH = join(PACKAGE_ROOT, 'docs', 'config.schema.json');

/** This package's version, from its package.json. */
export const PACKAGE_VERSION: string = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
