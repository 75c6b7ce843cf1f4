/**
 * Trackers keyed on the numeric version prefix of the file name, all in a table called `schema_migrations`:
 * - golang-migrate: `(version bigint, dirty boolean)`, one row = the latest version. Every `<n>_*.up.sql` with
 *   n <= version is applied, except the version itself when dirty (it failed part-way: reported unapplied).
 * - dbmate: `(version varchar(128))`, one row per applied `<n>_*.sql`.
 * - Rails (Active Record): `(version varchar)` next to `ar_internal_metadata`, one row per `<n>_*.rb` (or .sql).
 */
import { compareNumbers, stripZeros } from './files.js';
import { compareKeyed, emptyStatus, hasColumns, selectRows, type Tracker, type TrackerTable } from './kit.js';

export const golangMigrate: Tracker = {
  tool: 'golang-migrate',
  tables: ['schema_migrations'],
  recognises: (t) => t.name === 'schema_migrations' && hasColumns(t, 'version', 'dirty'),
  async evaluate(db, t, dir) {
    const rows = await selectRows<{ version: string; dirty: boolean }>(db, t, ['version', 'dirty'], ['version']);
    const status = emptyStatus('golang-migrate', t);
    const row = rows[rows.length - 1];
    const current = row ? String(row.version) : undefined;
    let matched = 0;
    let found = false;
    for (const file of dir.files) {
      const m = /^(\d+)_.*\.up\.sql$/.exec(file);
      if (!m) continue;
      const cmp = current === undefined ? 1 : compareNumbers(m[1]!, current);
      if (cmp === 0) found = true;
      if (cmp < 0 || (cmp === 0 && !row!.dirty)) matched++;
      else status.unapplied.push(file);
    }
    if (current !== undefined && !found && !current.startsWith('-')) status.missingFiles.push(current);
    return { status, matched, recorded: rows.length };
  },
};

function schemaMigrations(tool: 'dbmate' | 'rails', files: RegExp, isRails: boolean): Tracker {
  const railsNextTo = (t: TrackerTable, all: TrackerTable[]) => all.some((o) => o.schema === t.schema && o.name === 'ar_internal_metadata');
  return {
    tool,
    tables: ['schema_migrations', 'ar_internal_metadata'],
    recognises: (t, all) => t.name === 'schema_migrations' && hasColumns(t, 'version') && !('dirty' in t.columns) && railsNextTo(t, all) === isRails,
    async evaluate(db, t, dir) {
      const rows = await selectRows<{ version: string }>(db, t, ['version'], ['version']);
      const recorded = rows.map((r) => ({ key: stripZeros(String(r.version)), label: String(r.version) }));
      const keyOf = (f: string) => {
        const m = files.exec(f);
        return m ? stripZeros(m[1]!) : undefined;
      };
      return compareKeyed(tool, t, dir, dir.files, keyOf, recorded);
    },
  };
}

export const dbmate = schemaMigrations('dbmate', /^(\d+).*\.sql$/, false);
export const rails = schemaMigrations('rails', /^(\d+)_.*\.(?:rb|sql)$/, true);
