/**
 * Flyway: `flyway_schema_history (installed_rank, version, description, type, script, checksum, …, success)`.
 * Versioned files `V<version>__<description>.sql` are matched on version (`V1_2__x.sql` = 1.2 = 1.2.0);
 * repeatable files `R__<description>.sql` on description. Unapplied files are listed in the order Flyway runs them
 * (versions, then repeatables), not by file name. A changed repeatable is reported unapplied (Flyway re-runs it). Checksums are Flyway's: CRC32 over the file's lines
 * without their terminators, a leading BOM removed, as a signed 32-bit integer.
 */
import { compareNumbers, stripZeros } from './files.js';
import { emptyStatus, hasColumns, selectRows, type Tracker } from './kit.js';

interface Row {
  installed_rank: number;
  version: string | null;
  description: string;
  type: string;
  script: string;
  checksum: number | null;
  success: boolean;
}

const NOT_FILES = new Set(['SCHEMA', 'BASELINE', 'DELETE']);

export const flyway: Tracker = {
  tool: 'flyway',
  tables: ['flyway_schema_history'],
  recognises: (t) => t.name === 'flyway_schema_history' && hasColumns(t, 'version', 'description', 'type', 'script', 'checksum', 'success'),
  async evaluate(db, t, dir) {
    const rows = await selectRows<Row>(db, t, ['installed_rank', 'version', 'description', 'type', 'script', 'checksum', 'success'], ['installed_rank']);
    const deleted = new Set(rows.filter((r) => r.type === 'DELETE' && r.version).map((r) => normVersion(r.version!)));
    const live = rows.filter((r) => r.success && !NOT_FILES.has(r.type) && !r.type.startsWith('UNDO'));
    const versioned = new Map<string, Row>();
    const repeatable = new Map<string, Row>();
    for (const r of live) {
      if (r.version != null && !deleted.has(normVersion(r.version))) versioned.set(normVersion(r.version), r);
      else if (r.version == null) repeatable.set(r.description, r); // the latest run wins (rows are in rank order)
    }
    const baseline = rows
      .filter((r) => r.type === 'BASELINE' && r.success && r.version)
      .map((r) => normVersion(r.version!))
      .sort(compareVersions)
      .pop();

    const status = emptyStatus('flyway', t);
    const seenV = new Set<string>();
    const seenR = new Set<string>();
    let matched = 0;
    for (const { file, parsed } of flywayOrder(dir.files)) {
      const row = parsed.version !== undefined ? versioned.get(parsed.version) : repeatable.get(parsed.description);
      if (parsed.version !== undefined) seenV.add(parsed.version);
      else seenR.add(parsed.description);
      if (!row) {
        if (parsed.version !== undefined && baseline && compareVersions(parsed.version, baseline) <= 0) matched++;
        else status.unapplied.push(file);
        continue;
      }
      matched++;
      if (row.checksum == null || !row.type.startsWith('SQL')) continue;
      const same = flywayChecksum((await dir.read(file)) ?? '') === row.checksum;
      if (same) continue;
      // A changed repeatable migration is re-run by the next `flyway migrate`: it is pending, not corrupt.
      if (parsed.version === undefined) status.unapplied.push(file);
      else status.checksumMismatches.push(file);
    }
    for (const r of live) {
      if (!r.type.startsWith('SQL')) continue; // Java/script migrations have no .sql file
      const known = r.version != null ? seenV.has(normVersion(r.version)) || deleted.has(normVersion(r.version)) : seenR.has(r.description);
      if (!known && !status.missingFiles.includes(r.script)) status.missingFiles.push(r.script);
    }
    return { status, matched, recorded: live.length };
  },
};

/** Versioned files by version, then repeatable ones by description: the order Flyway applies them in. */
function flywayOrder(files: string[]): { file: string; parsed: { version?: string; description: string } }[] {
  const out = files.flatMap((file) => {
    const parsed = parseFlywayName(file);
    return parsed ? [{ file, parsed }] : [];
  });
  return out.sort((a, b) => {
    const va = a.parsed.version;
    const vb = b.parsed.version;
    if (va !== undefined && vb !== undefined) return compareVersions(va, vb);
    if (va !== undefined || vb !== undefined) return va !== undefined ? -1 : 1;
    return a.parsed.description < b.parsed.description ? -1 : a.parsed.description > b.parsed.description ? 1 : 0;
  });
}

/** `V1_2__Add_users.sql` → version `1.2`, description `Add users`; `R__views.sql` → description `views`. */
export function parseFlywayName(file: string): { version?: string; description: string } | undefined {
  const v = /^V([0-9][0-9._]*?)__(.*)\.sql$/.exec(file);
  if (v) return { version: normVersion(v[1]!), description: v[2]!.replace(/_/g, ' ') };
  const r = /^R__(.*)\.sql$/.exec(file);
  return r ? { description: r[1]!.replace(/_/g, ' ') } : undefined;
}

/** `1_02.0` → `1.2`: parts as numbers, trailing zero parts dropped (Flyway's MigrationVersion equality). */
export function normVersion(v: string): string {
  const parts = v
    .split(/[._]/)
    .filter((p) => p !== '')
    .map((p) => (/^\d+$/.test(p) ? stripZeros(p) : p));
  while (parts.length > 1 && parts[parts.length - 1] === '0') parts.pop();
  return parts.join('.');
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const c = compareNumbers(pa[i] ?? '0', pb[i] ?? '0');
    if (c !== 0) return c;
  }
  return 0;
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 (IEEE, as java.util.zip.CRC32 and zlib), unsigned. */
export function crc32(bytes: Uint8Array): number {
  let c = -1;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/**
 * Flyway's checksum: BufferedReader.readLine() over the file (terminators \n, \r, \r\n removed), a BOM removed
 * from the first line, CRC32 of each line's UTF-8 bytes in turn, cast to int. Equivalent to CRC32 of the text
 * with every \r and \n removed.
 */
export function flywayChecksum(text: string): number {
  const body = (text.startsWith('\uFEFF') ? text.slice(1) : text).replace(/[\r\n]/g, '');
  return crc32(Buffer.from(body, 'utf8')) | 0;
}
