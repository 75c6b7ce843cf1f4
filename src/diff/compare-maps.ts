/** Walks two keyed maps: keys only in `expected`, only in `actual`, and in both (in sorted key order). */
export function compareMaps<T>(
  expected: Record<string, T> | undefined,
  actual: Record<string, T> | undefined,
  on: { missing(key: string, e: T): void; unexpected(key: string, a: T): void; both(key: string, e: T, a: T): void },
): void {
  const e = expected ?? {};
  const a = actual ?? {};
  const keys = [...new Set([...Object.keys(e), ...Object.keys(a)])].sort();
  for (const k of keys) {
    if (!(k in a)) on.missing(k, e[k]!);
    else if (!(k in e)) on.unexpected(k, a[k]!);
    else on.both(k, e[k]!, a[k]!);
  }
}

/** Structural equality of plain JSON-like values (model objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as object)
        .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}
