/**
 * Roles on the throwaway replay server. Migrations name roles that exist in production but not on a fresh server:
 * `CREATE POLICY … TO app_user`, `GRANT … TO reader`, `ALTER … OWNER TO owner`, `ALTER DEFAULT PRIVILEGES FOR ROLE r`,
 * `SET ROLE r`, `CREATE SCHEMA … AUTHORIZATION r`. Replay creates each one when the server says it is missing, and
 * runs the work again.
 *
 * Why react to the server's error rather than scan the SQL for role names: the server names exactly the role it
 * could not find, quoted and cased as it resolved it, wherever the name appears (dynamic SQL in DO blocks,
 * functions run during the migration, syntax a scanner would not know). A scan would guess, and miss or invent
 * names (`RENAME … TO x`, `SET search_path TO x`). The cost is one more run of the failing file per missing role.
 *
 * A role is created NOLOGIN SUPERUSER: nobody can connect as it, and a migration that does `SET ROLE r` and then
 * creates objects works as it does in production, where r has the privileges it needs. Owners and grants are
 * compared (docs/manifest.md#privileges), and the role the replay creates carries them as the SQL says; being a
 * superuser does not show in an ACL.
 */
import type pg from 'pg';
import { quoteIdent } from '../model/ident.js';
import { splitSql } from './split-sql.js';

/** Beyond this many created roles the replay gives up (a loop, not a migration). */
export const MAX_CREATED_ROLES = 100;

/**
 * The role a failed statement could not find: SQLSTATE 42704 (undefined_object: GRANT, OWNER TO, policies,
 * default privileges) or 22023 (invalid_parameter_value: SET ROLE, SET SESSION AUTHORIZATION), with the server's
 * message `role "x" does not exist` (the replay server runs with lc_messages C).
 */
export function missingRoleOf(err: { code?: string; message?: string }): string | undefined {
  if (err.code !== '42704' && err.code !== '22023') return undefined;
  return /^role "(.+)" does not exist$/s.exec(err.message ?? '')?.[1];
}

const TRANSACTION_CONTROL = /^(?:BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT|PREPARE\s+TRANSACTION)\b/i;
const MAY_COMMIT = /^(?:CALL|DO)\b/i;

/**
 * Whether a file sent as one query string runs as one transaction, so that a failure leaves nothing behind and the
 * file can simply run again. PostgreSQL runs a multi-statement string as one implicit transaction unless it holds
 * transaction control; a file wrapped in one BEGIN … COMMIT (the usual migration file) is one transaction too. A
 * file that is a single CALL or DO may COMMIT inside it.
 */
export function runsAsOneTransaction(sql: string): boolean {
  const statements = splitSql(sql).map((s) => withoutLeadingComments(s.text));
  const control = statements.flatMap((s, i) => (TRANSACTION_CONTROL.test(s) ? [i] : []));
  if (control.length === 0) return !(statements.length === 1 && MAY_COMMIT.test(statements[0]!));
  const last = statements.length - 1;
  return control.length === 2 && control[0] === 0 && control[1] === last && /^(?:BEGIN|START\s+TRANSACTION)\b/i.test(statements[0]!) && /^(?:COMMIT|END)\b/i.test(statements[last]!);
}

/** Creates missing roles through its own superuser connection (the replay session may have done SET ROLE). */
export class ReplayRoles {
  readonly created = new Set<string>();

  constructor(private readonly admin: pg.Client) {}

  /** Creates the role; false when it cannot (created before and still missing, too many, or refused). */
  async create(role: string): Promise<boolean> {
    if (this.created.has(role) || this.created.size >= MAX_CREATED_ROLES) return false;
    try {
      await this.admin.query(`CREATE ROLE ${quoteIdent(role)} NOLOGIN SUPERUSER`);
    } catch {
      return false; // e.g. a reserved name (pg_…): the original error is the one to report
    }
    this.created.add(role);
    return true;
  }
}

/** The statement without the comments before its first word (splitSql keeps them). */
function withoutLeadingComments(text: string): string {
  let t = text;
  for (;;) {
    const [open, close] = t.startsWith('--') ? ['--', '\n'] : t.startsWith('/*') ? ['/*', '*/'] : [];
    if (open === undefined) return t;
    const end = t.indexOf(close!, open.length);
    if (end < 0) return '';
    t = t.slice(end + close!.length).trimStart();
  }
}
