import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import type { SchemaModel } from '../model/types.js';
import { readManifest } from './read.js';

export interface ExpectedSource {
  model: SchemaModel;
  /** What the report says the expected schema came from. */
  description: string;
  /** The directory holding the ignore file and policies (the manifest's directory, or the SQL directory). */
  configDir: string;
  /** The manifest file, when there is one (for CI annotations). */
  manifestPath?: string;
}

export const MANIFEST_FILE = 'manifest.json';

/**
 * --expected: a JSON manifest; a .sql file; or a directory holding manifest.json, else *.sql files replayed on
 * the embedded PostgreSQL (the replayed model cached in `cacheDir`, when given: replay-cache.ts).
 */
export async function loadExpected(path: string, schemas: string[], cacheDir?: string): Promise<ExpectedSource> {
  if (!existsSync(path)) {
    throw new UsageError(
      'EXPECTED_MISSING',
      `The expected schema ${path} does not exist.`,
      'Pass --expected with a manifest (snapshot --out), a .sql file or a folder of migrations; the default is expected-schema/.',
    );
  }
  const replay = async (p: string, configDir: string) => {
    const { replayedModel } = await import('./replay-cache.js');
    return { model: await replayedModel([p], { schemas, ...(cacheDir !== undefined && { cacheDir }) }), description: `${p} (replayed)`, configDir };
  };
  if (statSync(path).isDirectory()) {
    const manifest = join(path, MANIFEST_FILE);
    if (existsSync(manifest)) return { model: readManifest(manifest), description: manifest, configDir: path, manifestPath: manifest };
    if (readdirSync(path).some((f) => f.endsWith('.sql'))) return replay(path, path);
    throw new UsageError(
      'EXPECTED_EMPTY',
      `${path} holds neither ${MANIFEST_FILE} nor .sql files.`,
      'Write a manifest with `schema-doctor snapshot --from-sql migrations/ --out expected-schema/manifest.json`.',
    );
  }
  if (path.endsWith('.sql')) return replay(path, join(path, '..'));
  return { model: readManifest(path), description: path, configDir: join(path, '..'), manifestPath: path };
}
