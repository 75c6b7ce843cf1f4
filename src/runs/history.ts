import type pg from 'pg';

/** One row of schema_doctor.runs as history shows it; columns an older schema-doctor did not write are absent. */
export interface RunRecord {
  run_id: string;
  started_at: string;
  finished_at: string | null;
  operator: string;
  host: string;
  outcome: string;
  dry_run: boolean;
  steps: { id: string; summary: string; status: string; rows?: number; ms?: number; error?: string; table?: string }[];
  rows_affected: number | null;
  rows_archived: number;
  detail: string | null;
  plan_hash?: string;
  tables?: string[] | null;
  before_state?: Record<string, { rows: number; pk: string[]; columns: { name: string; type: string; notNull: boolean; default: string | null }[] }> | null;
  added_objects?: { kind: 'constraint' | 'index' | 'not_null'; table: string; name: string; type?: string }[] | null;
  restores?: string | null;
  restored_by?: string | null;
}

export interface ArchiveGroup {
  table_name: string;
  reason: string;
  rows: number;
}

/** False when there is no schema_doctor.runs (nothing was ever applied here). */
export async function hasRuns(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ ok: boolean }>(`SELECT to_regclass('schema_doctor.runs') IS NOT NULL AS ok`);
  return !!rows[0]?.ok;
}

async function hasArchive(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ ok: boolean }>(`SELECT to_regclass('schema_doctor.archive') IS NOT NULL AS ok`);
  return !!rows[0]?.ok;
}

/** Every run (or one), oldest first, with the number of rows each archived. Read through to_jsonb so old tables work. */
export async function readRuns(client: pg.Client, runId?: string): Promise<RunRecord[]> {
  const archived = (await hasArchive(client)) ? `(SELECT count(*) FROM schema_doctor.archive a WHERE a.run_id = r.run_id)` : '0';
  const { rows } = await client.query<{ j: Record<string, unknown>; archived: string }>(
    `SELECT to_jsonb(r) AS j, ${archived}::text AS archived FROM schema_doctor.runs r
     WHERE $1::text IS NULL OR r.run_id = $1 ORDER BY r.started_at, r.run_id`,
    [runId ?? null],
  );
  return rows.map(({ j, archived: n }) => ({ ...(j as unknown as RunRecord), rows_archived: Number(n) }));
}

export async function readArchiveGroups(client: pg.Client, runId: string): Promise<ArchiveGroup[]> {
  if (!(await hasArchive(client))) return [];
  const { rows } = await client.query<{ table_name: string; reason: string; rows: string }>(
    `SELECT table_name, reason, count(*)::text AS rows FROM schema_doctor.archive WHERE run_id = $1 GROUP BY 1, 2 ORDER BY min(id)`,
    [runId],
  );
  return rows.map((r) => ({ ...r, rows: Number(r.rows) }));
}

/** Pure: the list of runs as a table. */
export function renderRunsTable(runs: RunRecord[]): string {
  const head = ['run', 'started', 'operator', 'host', 'outcome', 'steps', 'rows affected', 'rows archived'];
  const body = runs.map((r) => [
    r.run_id,
    r.started_at.replace(/\.\d+/, ''),
    r.operator,
    r.host,
    r.outcome + (r.dry_run ? ' (dry run)' : '') + (r.restored_by ? ` (restored by ${r.restored_by})` : '') + (r.restores ? ` (restore of ${r.restores})` : ''),
    String(r.steps?.length ?? 0),
    String(r.rows_affected ?? 0),
    String(r.rows_archived),
  ]);
  return grid([head, ...body]);
}

/** Pure: one run, its steps and results, and what it archived. */
export function renderRunDetail(r: RunRecord, archive: ArchiveGroup[]): string {
  const lines = [
    `run ${r.run_id}`,
    `started:       ${r.started_at}`,
    `finished:      ${r.finished_at ?? '-'}`,
    `operator:      ${r.operator} on ${r.host}`,
    `outcome:       ${r.outcome}${r.dry_run ? ' (dry run)' : ''}`,
    ...(r.detail ? [`detail:        ${r.detail}`] : []),
    ...(r.restores ? [`restores:      ${r.restores}`] : []),
    ...(r.restored_by ? [`restored by:   ${r.restored_by}`] : []),
    `rows affected: ${r.rows_affected ?? 0}`,
    `rows archived: ${r.rows_archived}`,
    '',
    'steps:',
    grid([['step', 'status', 'rows', 'ms', 'summary'], ...(r.steps ?? []).map((s) => [s.id, s.status, String(s.rows ?? ''), String(s.ms ?? ''), s.summary + (s.error ? ` (${s.error})` : '')])]),
  ];
  if (archive.length > 0) {
    lines.push('', 'archived:', grid([['table', 'rows', 'reason'], ...archive.map((a) => [a.table_name, String(a.rows), a.reason])]));
  }
  if (r.added_objects && r.added_objects.length > 0) {
    lines.push('', 'added:', ...r.added_objects.map((o) => `  ${o.kind === 'not_null' ? `NOT NULL on ${o.table}.${o.name}` : `${o.kind} ${o.name} on ${o.table}`}`));
  }
  return lines.join('\n') + '\n';
}

function grid(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
