import { spawnSync } from 'node:child_process';
import type pg from 'pg';
import { SchemaDoctorError, ExitCode } from '../errors.js';

/** The advisory lock key of `apply` (one apply per database at a time): 'sdoc' 'appl' as two int4. */
const LOCK_A = 0x73646f63;
const LOCK_B = 0x6170706c;

export class GuardRefusal extends SchemaDoctorError {
  constructor(code: string, message: string, hint: string) {
    super(code, message, hint, ExitCode.GUARD_REFUSED);
  }
}

export async function requirePrimary(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
  if (rows[0]?.standby) {
    throw new GuardRefusal('NOT_PRIMARY', 'The server is a standby (pg_is_in_recovery() is true): repairs can only run on the primary.', 'Connect to the primary (check the host in the URL).');
  }
}

/** Session-level advisory lock; a second apply is refused at once, naming who holds the lock. */
export async function acquireApplyLock(client: pg.Client): Promise<() => Promise<void>> {
  const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [LOCK_A, LOCK_B]);
  if (!rows[0]?.ok) {
    const holder = await client.query<{ who: string }>(
      `SELECT format('pid %s, user %s, application %s, from %s, since %s', a.pid, a.usename, coalesce(nullif(a.application_name, ''), '-'),
                     coalesce(a.client_addr::text, 'local socket'), to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS TZ')) AS who
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.classid = $1 AND l.objid = $2 AND l.objsubid = 2 AND l.granted`,
      [LOCK_A, LOCK_B],
    );
    throw new GuardRefusal(
      'APPLY_LOCKED',
      `Another schema-doctor apply is running on this database (${holder.rows[0]?.who ?? 'holder unknown'}).`,
      'Wait for it to finish; only one apply runs at a time.',
    );
  }
  return async () => {
    await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_A, LOCK_B]).catch(() => undefined);
  };
}

export interface DegradedSource {
  confirmed: boolean;
  how: string;
}

/** Degraded mode is confirmed by --degraded, by DEGRADED_MODE=1/true, or by a check command that exits 0. */
export function degradedMode(flag: boolean | undefined, env: NodeJS.ProcessEnv): DegradedSource {
  if (flag) return { confirmed: true, how: '--degraded' };
  const v = (env.DEGRADED_MODE ?? '').toLowerCase();
  if (v === '1' || v === 'true' || v === 'yes' || v === 'on') return { confirmed: true, how: 'DEGRADED_MODE' };
  const check = env.SCHEMA_DOCTOR_DEGRADED_CHECK;
  if (check) {
    const r = spawnSync('/bin/sh', ['-c', check], { stdio: 'ignore', timeout: 30_000 });
    if (r.status === 0) return { confirmed: true, how: `check command (${check})` };
    return { confirmed: false, how: `check command exited ${r.status ?? 'with a signal'}` };
  }
  return { confirmed: false, how: 'not confirmed' };
}
