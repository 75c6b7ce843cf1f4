/**
 * Alembic: `alembic_version (version_num)` holds the head revision(s) only. Each `.py` file of `versions/` (or of
 * the directory) declares `revision = '…'` and `down_revision = '…' | None | ('a', 'b')`; everything reachable
 * from a head through down_revision is applied. No checksums.
 */
import { emptyStatus, hasColumns, selectRows, type Tracker } from './kit.js';

export const alembic: Tracker = {
  tool: 'alembic',
  tables: ['alembic_version'],
  recognises: (t) => t.name === 'alembic_version' && hasColumns(t, 'version_num'),
  async evaluate(db, t, dir) {
    const rows = await selectRows<{ version_num: string }>(db, t, ['version_num'], ['version_num']);
    const byRevision = new Map<string, { file: string; down: string[] }>();
    const files: string[] = [];
    for (const file of dir.alembicFiles) {
      const parsed = parseAlembicRevision((await dir.read(file)) ?? '');
      if (!parsed) continue;
      files.push(file);
      byRevision.set(parsed.revision, { file, down: parsed.down });
    }
    const status = emptyStatus('alembic', t);
    const applied = new Set<string>();
    const stack = rows.map((r) => r.version_num);
    const visited = new Set<string>();
    while (stack.length) {
      const rev = stack.pop()!;
      if (visited.has(rev)) continue;
      visited.add(rev);
      const node = byRevision.get(rev);
      if (!node) {
        status.missingFiles.push(rev);
        continue;
      }
      applied.add(node.file);
      stack.push(...node.down);
    }
    status.unapplied = files.filter((f) => !applied.has(f));
    return { status, matched: applied.size, recorded: rows.length };
  },
};

/** `revision` and `down_revision` of an Alembic revision file (typed or untyped assignments). */
export function parseAlembicRevision(source: string): { revision: string; down: string[] } | undefined {
  const rev = /^revision\s*(?::[^=\n]*)?=\s*(['"])([^'"\n]+)\1/m.exec(source);
  if (!rev) return undefined;
  const downAt = /^down_revision\s*(?::[^=\n]*)?=/m.exec(source);
  let value = '';
  if (downAt) {
    const rest = source.slice(downAt.index + downAt[0].length);
    const open = /^\s*[([]/.test(rest);
    value = open ? rest.slice(0, rest.search(/[)\]]/) + 1 || undefined) : rest.split('\n')[0]!;
  }
  const down = [...value.matchAll(/(['"])([^'"\n]+)\1/g)].map((m) => m[2]!);
  return { revision: rev[2]!, down };
}
