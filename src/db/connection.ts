import type { ClientConfig } from 'pg';
import { DatabaseError, UsageError } from '../errors.js';
import { registerSecret } from './redact.js';

export interface ConnectionInput {
  /** --url */
  url?: string;
  /** Seconds to wait for a connection (default 10). */
  connectTimeoutSec?: number;
  env?: NodeJS.ProcessEnv;
}

export interface ResolvedConnection {
  config: ClientConfig;
  /** `user@host:port/db`: safe to print, never contains the password. */
  display: string;
  sslmode: string;
}

/**
 * Where the connection comes from, in libpq's order of precedence: --url, else DATABASE_URL, else the libpq
 * environment variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE) and ~/.pgpass.
 */
export async function resolveConnection(input: ConnectionInput): Promise<ResolvedConnection> {
  const env = input.env ?? process.env;
  const url = input.url ?? (env.DATABASE_URL || undefined);
  let config: ClientConfig;
  let sslmode = env.PGSSLMODE ?? 'prefer';
  if (url !== undefined) {
    const parsed = parseUrl(url, input.url !== undefined ? '--url' : 'DATABASE_URL');
    config = parsed.config;
    sslmode = parsed.sslmode ?? sslmode;
  } else {
    config = {
      host: env.PGHOST || 'localhost',
      port: env.PGPORT ? Number(env.PGPORT) : 5432,
      user: env.PGUSER || userName(env),
      database: env.PGDATABASE || env.PGUSER || userName(env),
      password: env.PGPASSWORD || undefined,
    };
  }
  config.ssl = sslFor(sslmode);
  config.application_name = 'schema-doctor';
  config.connectionTimeoutMillis = Math.round((input.connectTimeoutSec ?? 10) * 1000);
  registerSecret(typeof config.password === 'string' ? config.password : undefined);
  if (config.password === undefined || config.password === '') {
    config.password = await passwordFromPgpass(config);
  }
  const display = `${config.user ?? ''}@${config.host ?? 'localhost'}:${config.port ?? 5432}/${config.database ?? ''}`;
  return { config, display, sslmode };
}

function userName(env: NodeJS.ProcessEnv): string {
  return env.USER || env.LOGNAME || 'postgres';
}

function parseUrl(url: string, source: string): { config: ClientConfig; sslmode?: string } {
  let u: URL;
  try {
    if (!/^postgres(ql)?:\/\//i.test(url)) throw new Error('scheme');
    u = new URL(url);
  } catch {
    throw new UsageError(
      'BAD_URL',
      `The connection URL given by ${source} is not a valid PostgreSQL URL.`,
      'Use the form postgres://USER@HOST:5432/DATABASE?sslmode=require, with :PASSWORD after USER when needed (percent-encode special characters).',
    );
  }
  registerSecret(u.password);
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      throw new UsageError(
        'BAD_URL',
        `The connection URL given by ${source} has a malformed percent-escape.`,
        'Percent-encode special characters in the user, password and database name (e.g. %40 for @).',
      );
    }
  };
  const password = decode(u.password);
  registerSecret(password);
  const params = u.searchParams;
  const host = params.get('host') ?? (u.hostname ? decode(u.hostname).replace(/^\[(.*)\]$/, '$1') : undefined);
  const config: ClientConfig = {
    host: host || 'localhost',
    port: params.get('port') ? Number(params.get('port')) : u.port ? Number(u.port) : 5432,
    user: decode(u.username) || undefined,
    password: password || undefined,
    database: decode(u.pathname.replace(/^\//, '')) || undefined,
  };
  const sslmode = params.get('sslmode') ?? undefined;
  if (sslmode !== undefined && !['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify'].includes(sslmode)) {
    throw new UsageError('BAD_URL', `Unknown sslmode "${sslmode}" in the connection URL given by ${source}.`, 'Use one of disable, allow, prefer, require, verify-ca, verify-full.');
  }
  return { config, ...(sslmode !== undefined && { sslmode }) };
}

/**
 * libpq semantics: `require` encrypts without verifying the certificate, `verify-*` verify it; `allow` and
 * `prefer` start without TLS when the server does not offer it (see `connect`).
 */
function sslFor(mode: string): ClientConfig['ssl'] {
  switch (mode) {
    case 'require':
    case 'no-verify':
      return { rejectUnauthorized: false };
    case 'verify-ca':
    case 'verify-full':
      return { rejectUnauthorized: true };
    case 'prefer':
      return { rejectUnauthorized: false };
    default:
      return false;
  }
}

async function passwordFromPgpass(config: ClientConfig): Promise<string | undefined> {
  const { default: pgpass } = await import('pgpass');
  return new Promise((resolve) => {
    pgpass({ host: config.host, port: config.port, database: config.database, user: config.user }, (pass: string | undefined) => {
      registerSecret(pass);
      resolve(pass);
    });
  });
}

/** Turns a driver error into a DatabaseError with a hint; the password is never part of the message. */
export function connectionError(err: unknown, display: string): DatabaseError {
  const e = err as { code?: string; message?: string };
  const reason = e.message ?? String(err);
  switch (e.code) {
    case '28P01':
    case '28000':
      return new DatabaseError(
        'AUTH_FAILED',
        `Cannot connect to ${display}: authentication failed (${reason}).`,
        'Check the user and password (URL, PGPASSWORD or ~/.pgpass) and pg_hba.conf on the server.',
      );
    case '3D000':
      return new DatabaseError('NO_DATABASE', `Cannot connect to ${display}: ${reason}.`, 'Check the database name in the URL or PGDATABASE; list databases with `psql -l`.');
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
      return new DatabaseError(
        'CONNECT_FAILED',
        `Cannot connect to ${display}: ${reason}.`,
        'Check that the server is running and reachable from here (host, port, firewall), e.g. with `pg_isready`.',
      );
    default:
      if (/timeout/i.test(reason)) {
        return new DatabaseError('CONNECT_TIMEOUT', `Cannot connect to ${display}: no answer within the connect timeout.`, 'Check the host and port, or raise --connect-timeout.');
      }
      return new DatabaseError('CONNECT_FAILED', `Cannot connect to ${display}: ${reason}.`, 'Check the connection settings (see docs/connection.md).');
  }
}
