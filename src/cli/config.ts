/**
 * `schema-doctor.config.json` (or `--config FILE`): defaults for any long option, in camelCase, at the top level or
 * in a section per command (`"diagnose": { "format": "github" }`), the section winning. Flags on the command line
 * override both. Validated with docs/config.schema.json; a mistake is CONFIG_INVALID (exit 5) with its JSON path.
 * A `url` with a password in it is refused: a file in a repository is no place for one.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { toJsonPath } from '../manifest/read.js';
import compiled from './config-validator.js';

export const CONFIG_FILE = 'schema-doctor.config.json';
const COMMANDS = ['snapshot', 'diagnose', 'plan', 'apply'];
/** Options whose values are paths: relative ones are taken relative to the config file's directory. */
const PATH_OPTIONS = new Set(['expected', 'migrations', 'policies', 'plan', 'out', 'fromSql', 'targets']);

type Values = Record<string, unknown>;

export interface Config {
  file: string;
  top: Values;
  sections: Record<string, Values>;
}

/** The config file named by --config, else ./schema-doctor.config.json when it exists, else none. */
export function loadConfig(explicit: string | undefined, cwd: string): Config | undefined {
  const file = explicit ?? (existsSync(join(cwd, CONFIG_FILE)) ? join(cwd, CONFIG_FILE) : undefined);
  if (file === undefined) return undefined;
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : 'cannot be read';
    throw new UsageError('CONFIG_UNREADABLE', `Config file ${file} ${why}.`, `Pass --config the path of a JSON file, or put ${CONFIG_FILE} in the working directory (docs/config.md).`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError('CONFIG_INVALID', `Config file ${file} is not valid JSON: ${(err as Error).message}.`, 'Fix the JSON syntax (docs/config.md).');
  }
  validate(file, data);
  const values = data as Values;
  const top: Values = {};
  const sections: Record<string, Values> = {};
  for (const [k, v] of Object.entries(values)) {
    if (k === '$schema') continue;
    if (COMMANDS.includes(k)) sections[k] = v as Values;
    else top[k] = v;
  }
  for (const [where, vals] of [['', top], ...Object.entries(sections).map(([k, v]) => [`${k}.`, v] as const)] as [string, Values][]) {
    if (typeof vals.url === 'string' && hasPassword(vals.url)) {
      throw new UsageError(
        'CONFIG_INVALID',
        `Config file ${file} has a password in $.${where}url; schema-doctor does not read passwords from a config file.`,
        'Remove the password from the URL and give it through PGPASSWORD, ~/.pgpass, or a DATABASE_URL secret (docs/connection.md).',
      );
    }
  }
  const base = dirname(resolve(file));
  const rebase = (vals: Values) => {
    for (const key of Object.keys(vals)) {
      if (!PATH_OPTIONS.has(key)) continue;
      const fix = (p: string) => (isAbsolute(p) || (key === 'targets' && p === '-') ? p : relative(cwd, resolve(base, p)) || '.');
      vals[key] = Array.isArray(vals[key]) ? (vals[key] as string[]).map(fix) : fix(vals[key] as string);
    }
  };
  rebase(top);
  Object.values(sections).forEach(rebase);
  return { file, top, sections };
}

/**
 * Sets every option of `cmd` that the command line left at its default (or unset) from the config. The config's
 * `url` gives way to DATABASE_URL as well as to --url: a CI secret beats a checked-in default.
 */
export function applyConfig(cmd: Command, config: Config, env: NodeJS.ProcessEnv): void {
  const section = config.sections[cmd.name()] ?? {};
  for (const option of cmd.options) {
    const key = option.attributeName();
    if (key === 'config') continue;
    const value = key in section ? section[key] : config.top[key];
    if (value === undefined) continue;
    // A checked-in url gives way to DATABASE_URL, and is not for `snapshot --from-sql`, which connects to nothing,
    // nor for `diagnose --targets`, whose databases are in the targets file.
    const targets = cmd.getOptionValue('targets') ?? ('targets' in section ? section.targets : config.top.targets);
    if (key === 'url' && (env.DATABASE_URL || cmd.getOptionValue('fromSql') !== undefined || (cmd.name() === 'diagnose' && targets !== undefined))) continue;
    const source = cmd.getOptionValueSource(key);
    if (source === 'cli' || source === 'env') continue;
    cmd.setOptionValueWithSource(key, typeof value === 'number' ? String(value) : value, 'config');
  }
}

function hasPassword(url: string): boolean {
  try {
    const u = new URL(url);
    return u.password !== '' || u.searchParams.has('password');
  } catch {
    return /:\/\/[^/@]*:[^/@]*@/.test(url) || /[?&]password=/.test(url);
  }
}

function validate(file: string, data: unknown): void {
  if (compiled(data)) return;
  const e = compiled.errors![0]!;
  let path = toJsonPath(e.instancePath);
  let what: string;
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String(e.params.additionalProperty);
      path = toJsonPath(`${e.instancePath}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      what =
        name === 'yes' || name === 'degraded'
          ? `"${name}" cannot be set in a config file (give --${name} on the command line, where it is a decision for this run)`
          : `unknown option "${name}" (long options in camelCase, e.g. failOn for --fail-on)`;
      break;
    }
    case 'type':
      what = `expected ${String(e.params.type).replace(',', ' or ')}`;
      break;
    case 'enum':
      what = `expected one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    case 'pattern':
      what = 'expected a duration such as 500ms, 30s, 5min, 1h';
      break;
    default:
      what = e.message ?? e.keyword;
  }
  throw new UsageError(
    'CONFIG_INVALID',
    `Config file ${file} does not match the config format at ${path}: ${what}.`,
    'See docs/config.md for the options it takes (docs/config.schema.json is the JSON Schema).',
  );
}
