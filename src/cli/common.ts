import { UsageError } from '../errors.js';
import type { ConnectionInput } from '../db/connection.js';
import type { Io } from './io.js';

export interface ConnectionFlags {
  url?: string;
  connectTimeout?: string;
  schema?: string[];
}

export function connectionInput(flags: ConnectionFlags, io: Io): ConnectionInput {
  const t = flags.connectTimeout === undefined ? 10 : Number(flags.connectTimeout);
  if (!Number.isFinite(t) || t <= 0) {
    throw new UsageError('BAD_OPTION', `--connect-timeout must be a positive number of seconds, got "${flags.connectTimeout}".`, 'For example --connect-timeout 10.');
  }
  return { ...(flags.url !== undefined && { url: flags.url }), connectTimeoutSec: t, env: io.env };
}
