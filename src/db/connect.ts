import pg from 'pg';
import { connectionError, resolveConnection, type ConnectionInput, type ResolvedConnection } from './connection.js';

export interface Connected {
  client: pg.Client;
  connection: ResolvedConnection;
}

/** Opens one client. With sslmode allow/prefer, falls back to a plain connection when the server has no TLS. */
export async function connect(input: ConnectionInput): Promise<Connected> {
  const connection = await resolveConnection(input);
  try {
    return { client: await open(connection.config), connection };
  } catch (err) {
    if ((connection.sslmode === 'prefer' || connection.sslmode === 'allow') && /does not support SSL/i.test(String((err as Error).message))) {
      try {
        return { client: await open({ ...connection.config, ssl: false }), connection };
      } catch (err2) {
        throw connectionError(err2, connection.display);
      }
    }
    throw connectionError(err, connection.display);
  }
}

async function open(config: pg.ClientConfig): Promise<pg.Client> {
  const client = new pg.Client(config);
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** More clients with the same settings (for reading the catalog over several connections); failures give none. */
export async function connectMore(connection: ResolvedConnection, n: number): Promise<pg.Client[]> {
  const out: pg.Client[] = [];
  for (let i = 0; i < n; i++) {
    try {
      out.push(await open(connection.config));
    } catch {
      break;
    }
  }
  return out;
}
