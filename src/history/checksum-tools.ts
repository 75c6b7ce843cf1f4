/** Trackers that record a SHA-256 of each file: schema-doctor's own table, drizzle, Prisma. */
import { sha256 } from './files.js';
import { compareKeyed, emptyStatus, hasColumns, selectRows, type Tracker } from './kit.js';

/** schema-doctor's own record of applied migrations: name = file name, checksum = SHA-256 hex of its contents. */
export const SCHEMA_DOCTOR_MIGRATIONS_DDL = `CREATE SCHEMA IF NOT EXISTS schema_doctor;
CREATE TABLE IF NOT EXISTS schema_doctor.applied_migrations (
  name text PRIMARY KEY,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);`;

export const schemaDoctor: Tracker = {
  tool: 'schema-doctor',
  tables: ['applied_migrations'],
  recognises: (t) => t.schema === 'schema_doctor' && t.name === 'applied_migrations' && hasColumns(t, 'name', 'checksum'),
  async evaluate(db, t, dir) {
    const rows = await selectRows<{ name: string; checksum: string | null }>(db, t, ['name', 'checksum'], ['name']);
    const recorded = rows.map((r) => ({
      key: r.name,
      label: r.name,
      ...(r.checksum && { checksumOk: (text: string) => sha256(text) === r.checksum!.toLowerCase() }),
    }));
    return compareKeyed(
      'schema-doctor',
      t,
      dir,
      dir.files.filter((f) => f.endsWith('.sql')),
      (f) => f,
      recorded,
    );
  },
};

/**
 * Prisma: `_prisma_migrations`, one row per attempt; a migration is applied when a row has finished_at set and
 * rolled_back_at null. checksum = SHA-256 hex of `<migration_name>/migration.sql`, accepted as Prisma does: with
 * line endings as they are, CRLF→LF or LF→CRLF, and in the old un-padded hex form.
 */
export const prisma: Tracker = {
  tool: 'prisma',
  tables: ['_prisma_migrations'],
  recognises: (t) => t.name === '_prisma_migrations' && hasColumns(t, 'migration_name', 'checksum', 'finished_at', 'rolled_back_at'),
  async evaluate(db, t, dir) {
    const rows = await selectRows<{ migration_name: string; checksum: string; applied: boolean }>(
      db,
      t,
      ['migration_name', 'checksum', 'finished_at IS NOT NULL AND rolled_back_at IS NULL AS applied'],
      ['started_at'].filter((c) => c in t.columns),
    );
    const applied = rows.filter((r) => r.applied);
    const recorded = applied.map((r) => ({
      key: r.migration_name,
      label: r.migration_name,
      checksumOk: (text: string) => prismaChecksumMatches(text, r.checksum),
    }));
    const keyOf = (f: string) => f.slice(0, -'/migration.sql'.length);
    return compareKeyed('prisma', t, dir, dir.prismaFiles, keyOf, recorded);
  },
};

export function prismaChecksumMatches(script: string, checksum: string): boolean {
  const want = checksum.toLowerCase();
  const variants = [script, script.replace(/\r\n/g, '\n'), script.replace(/\n/g, '\r\n')];
  return variants.some((v) => {
    const hex = sha256(v);
    if (want.length === 64) return hex === want;
    const old = (hex.match(/../g) ?? []).map((b) => parseInt(b, 16).toString(16)).join('');
    return old === want;
  });
}

/**
 * drizzle: `drizzle.__drizzle_migrations (id, hash, created_at)`, hash = SHA-256 hex of the .sql file. A file is
 * applied when its hash is recorded. With `meta/_journal.json` (drizzle-kit's journal), a file whose journal
 * `when` equals a row's created_at but whose hash differs is applied with a checksum mismatch.
 */
export const drizzle: Tracker = {
  tool: 'drizzle',
  tables: ['__drizzle_migrations'],
  recognises: (t) => t.name === '__drizzle_migrations' && hasColumns(t, 'id', 'hash', 'created_at'),
  async evaluate(db, t, dir) {
    const rows = await selectRows<{ id: number; hash: string; created_at: string | null }>(db, t, ['id', 'hash', 'created_at'], ['id']);
    const whenOf = await readJournal(dir);
    const status = emptyStatus('drizzle', t);
    const used = new Set<(typeof rows)[number]>();
    let matched = 0;
    for (const file of dir.files.filter((f) => f.endsWith('.sql'))) {
      const hash = sha256((await dir.read(file)) ?? '');
      const when = whenOf.get(file);
      const byHash = rows.filter((r) => r.hash === hash);
      const byWhen = when === undefined ? [] : rows.filter((r) => r.created_at != null && String(r.created_at) === when);
      if (byHash.length) {
        for (const r of byHash) used.add(r);
      } else if (byWhen.length) {
        for (const r of byWhen) used.add(r);
        status.checksumMismatches.push(file);
      } else {
        status.unapplied.push(file);
        continue;
      }
      matched++;
    }
    const fileOfWhen = new Map([...whenOf].map(([f, w]) => [w, f]));
    for (const r of rows.filter((x) => !used.has(x))) {
      const tagged = r.created_at != null ? fileOfWhen.get(String(r.created_at)) : undefined;
      status.missingFiles.push(tagged ?? `#${r.id} sha256:${r.hash.slice(0, 12)}`);
    }
    return { status, matched, recorded: rows.length };
  },
};

/** `meta/_journal.json` → file name (`<tag>.sql`) → `when` (ms), or an empty map. */
async function readJournal(dir: { read(name: string): Promise<string | undefined> }): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  try {
    const text = await dir.read('meta/_journal.json');
    const journal = text ? (JSON.parse(text) as { entries?: { tag?: unknown; when?: unknown }[] }) : undefined;
    for (const e of journal?.entries ?? []) {
      if (typeof e.tag === 'string' && (typeof e.when === 'number' || typeof e.when === 'string')) {
        out.set(`${e.tag}.sql`, String(e.when));
      }
    }
  } catch {
    // No usable journal: hashes only.
  }
  return out;
}
