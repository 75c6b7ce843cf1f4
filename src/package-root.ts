import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed package's root directory (this file is dist/package-root.js). */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const MANIFEST_SCHEMA_PATH = join(PACKAGE_ROOT, 'schema', 'manifest.schema.json');
