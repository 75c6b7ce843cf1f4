import { readdirSync, type Stats, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';

/** Expands files and directories (a directory's *.sql files in file-name order) into the list to replay. */
export function sqlFilesOf(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let st: Stats;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError('SQL_PATH_MISSING', `SQL path ${p} does not exist.`, 'Pass a .sql file or a directory of .sql files.');
    }
    if (st.isDirectory()) {
      const names = readdirSync(p)
        .filter((n) => n.endsWith('.sql'))
        .sort();
      if (names.length === 0) throw new UsageError('SQL_PATH_EMPTY', `Directory ${p} has no .sql files.`, 'Point at the folder that holds your migrations.');
      files.push(...names.map((n) => join(p, n)));
    } else files.push(p);
  }
  return files;
}
