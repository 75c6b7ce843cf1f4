import { introspect, type IntrospectOptions } from '../catalog/introspect.js';
import { connect, connectMore } from '../db/connect.js';
import type pg from 'pg';
import type { ConnectionInput, ResolvedConnection } from '../db/connection.js';
import { DatabaseError } from '../errors.js';
import type { SchemaModel } from '../model/types.js';

/** Extra connections that share the catalog read (see introspect's `helpers`). */
export const CATALOG_HELPERS = 2;

/**
 * Reads the live schema over `client` plus CATALOG_HELPERS extra connections sharing its snapshot. A database
 * error while reading is exit 6 with the server's message.
 */
export async function readLiveCatalog(client: pg.Client, connection: ResolvedConnection, options: IntrospectOptions): Promise<SchemaModel> {
  const helpers = await connectMore(connection, CATALOG_HELPERS);
  try {
    return await introspect(client, { ...options, helpers });
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (e.code) {
      throw new DatabaseError(
        'CATALOG_READ_FAILED',
        `Reading the catalog of ${connection.display} failed: ${e.message} (SQLSTATE ${e.code}).`,
        'Check that the role may read pg_catalog; see docs/connection.md.',
      );
    }
    throw err;
  } finally {
    await Promise.all(helpers.map((h) => h.end().catch(() => undefined)));
  }
}

/** Connects, reads the live schema, disconnects. */
export async function loadLiveModel(input: ConnectionInput, options: IntrospectOptions): Promise<SchemaModel> {
  const { client, connection } = await connect(input);
  try {
    return await readLiveCatalog(client, connection, options);
  } finally {
    await client.end().catch(() => undefined);
  }
}
