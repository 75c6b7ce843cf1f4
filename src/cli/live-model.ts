import { introspect, type IntrospectOptions } from '../catalog/introspect.js';
import { connect, connectMore } from '../db/connect.js';
import type { ConnectionInput } from '../db/connection.js';
import { DatabaseError } from '../errors.js';
import type { SchemaModel } from '../model/types.js';

/** Extra connections that share the catalog read (see introspect's `helpers`). */
export const CATALOG_HELPERS = 2;

/** Connects, reads the live schema, disconnects. A database error while reading is exit 6 with the server's message. */
export async function loadLiveModel(input: ConnectionInput, options: IntrospectOptions): Promise<SchemaModel> {
  const { client, connection } = await connect(input);
  const helpers = await connectMore(connection, CATALOG_HELPERS);
  try {
    return await introspect(client, { ...options, helpers });
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (e.code) {
      throw new DatabaseError('CATALOG_READ_FAILED', `Reading the catalog of ${connection.display} failed: ${e.message} (SQLSTATE ${e.code}).`,
        'Check that the role may read pg_catalog; see docs/connection.md.');
    }
    throw err;
  } finally {
    await Promise.all([client, ...helpers].map((c) => c.end().catch(() => undefined)));
  }
}
