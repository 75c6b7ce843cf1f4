/**
 * A fleet's targets file (docs/fleet.md): one target per line, `NAME URL` or just `URL`, `#` comments and blank
 * lines ignored; and `--shard I/N`, a deterministic share of the targets by a stable hash of their names. Pure.
 */
import { UsageError } from '../errors.js';

export interface Target {
  name: string;
  url: string;
}

/** `host/database` of a URL, the name of a target given without one; undefined when the URL does not parse. */
export function nameFromUrl(url: string): string | undefined {
  try {
    const u = new URL(url);
    const host = u.searchParams.get('host') ?? decodeURIComponent(u.hostname).replace(/^\[(.*)\]$/, '$1');
    const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
    return `${host || 'localhost'}/${database}`;
  } catch {
    return undefined;
  }
}

/** Parses a targets file. `source` names it in messages (a path, or standard input). Targets come back sorted by name. */
export function parseTargets(text: string, source: string): Target[] {
  const out: Target[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') return;
    const parts = line.split(/\s+/);
    const lineNo = i + 1;
    if (parts.length > 2) {
      throw new UsageError(
        'TARGETS_INVALID',
        `${source}:${lineNo}: a target line has ${parts.length} fields; expected NAME URL or URL.`,
        'Write one target per line: a name without spaces, then the postgres:// URL (or the URL alone); # starts a comment.',
      );
    }
    const url = parts[parts.length - 1]!;
    if (!/^postgres(ql)?:\/\//i.test(url)) {
      throw new UsageError(
        'TARGETS_INVALID',
        `${source}:${lineNo}: the target's URL is not a postgres:// or postgresql:// URL.`,
        'Write one target per line: a name without spaces, then the postgres:// URL (or the URL alone).',
      );
    }
    const name = parts.length === 2 ? parts[0]! : nameFromUrl(url);
    if (name === undefined) {
      throw new UsageError('TARGETS_INVALID', `${source}:${lineNo}: the target's URL does not parse.`, 'Use the form postgres://USER@HOST:5432/DATABASE; percent-encode special characters.');
    }
    const before = seen.get(name);
    if (before !== undefined) {
      throw new UsageError('TARGETS_INVALID', `${source}:${lineNo}: the target name "${name}" is already used on line ${before}.`, 'Give each target a name of its own: NAME URL.');
    }
    seen.set(name, lineNo);
    out.push({ name, url });
  });
  if (out.length === 0) {
    throw new UsageError('TARGETS_INVALID', `${source} lists no targets.`, 'Write one target per line: NAME URL, or URL.');
  }
  return sortByName(out);
}

/** Sorted by name, by code point: the order of every fleet report, sharded, merged or not. */
export function sortByName<T extends { name: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export interface Shard {
  index: number;
  count: number;
}

/** `--shard I/N`, 1 ≤ I ≤ N. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new UsageError('BAD_OPTION', `--shard "${text}" is not of the form I/N with 1 ≤ I ≤ N.`, 'For example --shard 2/3; in a Kubernetes Indexed Job, --shard $((JOB_COMPLETION_INDEX+1))/N.');
  }
  return { index, count };
}

/** FNV-1a (32 bits) of the name's UTF-8 bytes. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The shard a target belongs to (1-based): FNV-1a of its name mod N, plus one. */
export function shardOf(name: string, count: number): number {
  return (fnv1a(name) % count) + 1;
}

export function inShard<T extends { name: string }>(targets: T[], shard: Shard): T[] {
  return targets.filter((t) => shardOf(t.name, shard.count) === shard.index);
}
