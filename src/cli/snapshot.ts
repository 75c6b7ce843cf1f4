import { writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { ExitCode, UsageError } from '../errors.js';
import { renderManifest } from '../manifest/format.js';
import { MANIFEST_SCHEMA_PATH } from '../package-root.js';
import type { SchemaModel } from '../model/types.js';
import { loadLiveModel } from './live-model.js';
import { defaultCacheDir } from '../manifest/cache-dir.js';
import { connectionInput, type ConnectionFlags } from './common.js';
import type { Io } from './io.js';

interface SnapshotFlags extends ConnectionFlags {
  fromSql?: string[];
  out?: string;
  cache?: boolean;
}

export async function snapshotCommand(flags: SnapshotFlags, io: Io): Promise<number> {
  if (flags.fromSql && flags.url) {
    throw new UsageError('BAD_OPTION', '--from-sql and --url cannot be used together.', 'Snapshot either a live database (--url) or SQL files (--from-sql).');
  }
  const schemas = flags.schema ?? [];
  let model: SchemaModel;
  if (flags.fromSql) {
    const { replayedModel } = await import('../manifest/replay-cache.js');
    const cacheDir = flags.cache === false ? undefined : defaultCacheDir(io.env);
    model = await replayedModel(flags.fromSql, { schemas, ...(cacheDir !== undefined && { cacheDir }) });
  } else {
    model = await loadLiveModel(connectionInput(flags, io), { schemas });
  }
  const outDir = flags.out ? dirname(resolve(flags.out)) : process.cwd();
  // The single-file bundle has no schema file to point at: its manifests have no $schema reference.
  const schemaRef = MANIFEST_SCHEMA_PATH === undefined ? undefined : relative(outDir, MANIFEST_SCHEMA_PATH).split('\\').join('/');
  const text = renderManifest(model, schemaRef);
  if (flags.out) {
    try {
      writeFileSync(flags.out, text);
    } catch (err) {
      throw new UsageError('OUT_UNWRITABLE', `Cannot write ${flags.out}: ${(err as Error).message}.`, 'Choose a writable path for --out.');
    }
    io.stderr.write(`wrote ${flags.out}: ${Object.keys(model.tables).length} tables, ${Object.keys(model.views).length} views, ${Object.keys(model.functions).length} functions\n`);
  } else {
    io.stdout.write(text);
  }
  return ExitCode.OK;
}
