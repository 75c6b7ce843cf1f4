import { execFile, execFileSync } from 'node:child_process';
import { accessSync, chmodSync, chownSync, constants, cpSync, existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createHash } from 'node:crypto';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ServerBinaries } from './binaries.js';

const run = promisify(execFile);

export interface ClusterOptions {
  /** When set, TCP connections need this password (scram); local socket connections are trusted. */
  password?: string;
  /** Listen on 127.0.0.1 (default true). Without it only the socket in the cluster directory is used. */
  tcp?: boolean;
  /** Make this cluster a streaming standby of that one (pg_basebackup -R; needs the binaries' pg_basebackup). */
  standbyOf?: Cluster;
}

export interface Cluster {
  /** Connection URL for the superuser `postgres`, database `postgres`. */
  url: string;
  host: string;
  port: number;
  dir: string;
  binaries: ServerBinaries;
  stop(): Promise<void>;
}

/**
 * Starts a throwaway PostgreSQL cluster in a fresh directory under the system temp dir. PostgreSQL refuses to run
 * as root, so as root each server binary runs through `runuser -u postgres` (the user is created if missing),
 * and the binaries are copied where that user can reach them when the install path is not traversable.
 * The cluster is stopped when this process exits, even without a call to `stop()`.
 */
export async function startCluster(binaries: ServerBinaries, options: ClusterOptions = {}): Promise<Cluster> {
  const asRoot = userInfo().uid === 0;
  if (asRoot) ensurePostgresUser();
  const binDir = asRoot ? reachableBinDir(binaries.binDir) : binaries.binDir;
  const dir = mkdtempSync(join(tmpdir(), 'schema-doctor-pg-'));
  chmodSync(dir, 0o755);
  if (asRoot) chownSync(dir, ...postgresIds());
  const exec = (cmd: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(binDir, cmd), ...args]) : run(join(binDir, cmd), args));

  const data = join(dir, 'data');
  if (options.standbyOf) {
    const p = options.standbyOf;
    await exec('pg_basebackup', ['-D', data, '-R', '-X', 'stream', '-h', p.dir, '-p', String(p.port), '-U', 'postgres', '--no-sync']);
  } else {
    await initdbFromTemplate(binDir, data, options.password, exec, asRoot);
  }
  const port = await freePort();
  const tcp = options.tcp ?? true;
  const serverOpts = [
    `-p ${port}`,
    `-k ${dir}`,
    `-c listen_addresses=${tcp ? '127.0.0.1' : "''"}`,
    '-c fsync=off -c synchronous_commit=off -c full_page_writes=off',
    '-c max_connections=200 -c shared_buffers=128MB',
  ].join(' ');
  await exec('pg_ctl', ['-D', data, '-w', '-t', '60', '-l', join(dir, 'server.log'), '-o', serverOpts, 'start']);

  let stopped = false;
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    try {
      const args = ['-D', data, '-m', 'immediate', 'stop'];
      if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', join(binDir, 'pg_ctl'), ...args], { stdio: 'ignore' });
      else execFileSync(join(binDir, 'pg_ctl'), args, { stdio: 'ignore' });
    } catch {
      /* already stopped */
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopSync);
  // Ctrl-C or a kill must not leave a server behind either.
  const onSignal = (signal: NodeJS.Signals) => {
    stopSync();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const host = tcp ? '127.0.0.1' : dir;
  const auth = options.password ? `postgres:${encodeURIComponent(options.password)}` : 'postgres';
  const url = tcp ? `postgres://${auth}@127.0.0.1:${port}/postgres?sslmode=disable` : `postgres://${auth}@localhost/postgres?host=${encodeURIComponent(dir)}&port=${port}&sslmode=disable`;
  return {
    url,
    host,
    port,
    dir,
    binaries,
    async stop() {
      process.removeListener('exit', stopSync);
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      stopSync();
    },
  };
}

/**
 * initdb takes about a second; a freshly initialised data directory is kept per binary directory and password
 * setting under the temp dir and copied for each new cluster (a copy takes a fraction of that).
 */
async function initdbFromTemplate(binDir: string, data: string, password: string | undefined, exec: (cmd: string, args: string[]) => Promise<unknown>, asRoot: boolean): Promise<void> {
  const tag = createHash('sha256')
    .update(`${binDir}|${password ?? ''}`)
    .digest('hex')
    .slice(0, 16);
  const template = join(tmpdir(), `schema-doctor-initdb-${userInfo().uid}-${tag}`);
  if (!existsSync(join(template, 'PG_VERSION'))) {
    const staging = mkdtempSync(join(tmpdir(), 'schema-doctor-initdb-staging-'));
    chmodSync(staging, 0o755);
    if (asRoot) chownSync(staging, ...postgresIds());
    const target = join(staging, 'data');
    const args = ['-D', target, '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync', '--auth-local=trust'];
    if (password) {
      const pwfile = join(staging, 'pw');
      writeFileSync(pwfile, password + '\n', { mode: 0o600 });
      if (asRoot) chownSync(pwfile, ...postgresIds());
      args.push('--auth-host=scram-sha-256', `--pwfile=${pwfile}`);
    } else {
      args.push('--auth-host=trust');
    }
    await exec('initdb', args);
    rmSync(join(staging, 'pw'), { force: true });
    try {
      renameSync(target, template);
    } catch {
      /* another process won the race: its template is as good */
    }
    rmSync(staging, { recursive: true, force: true });
  }
  cpSync(template, data, { recursive: true, preserveTimestamps: true });
  if (asRoot) execFileSync('chown', ['-R', 'postgres:', data]);
  chmodSync(data, 0o700);
}

function ensurePostgresUser(): void {
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
  }
}

function postgresIds(): [number, number] {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return [uid, gid];
}

/** The postgres user must be able to run the binaries: when it cannot (e.g. under /root), use a copy in /tmp. */
function reachableBinDir(binDir: string): string {
  try {
    execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-x', join(binDir, 'postgres')], { stdio: 'ignore' });
    return binDir;
  } catch {
    const root = join(binDir, '..');
    const copy = join(tmpdir(), `schema-doctor-pgbin-${createHash('sha256').update(root).digest('hex').slice(0, 16)}`);
    if (!existsSync(join(copy, 'bin', 'postgres'))) {
      const staging = mkdtempSync(join(tmpdir(), 'schema-doctor-pgbin-staging-'));
      cpSync(root, staging, { recursive: true, verbatimSymlinks: true });
      execFileSync('chmod', ['-R', 'a+rX', staging]);
      chmodSync(staging, 0o755);
      try {
        renameSync(staging, copy);
      } catch {
        rmSync(staging, { recursive: true, force: true });
      }
    }
    accessSync(join(copy, 'bin', 'postgres'), constants.X_OK);
    return join(copy, 'bin');
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
