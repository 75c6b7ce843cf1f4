// Finds import cycles between the modules under src/ (or under the folder given as the first argument, e.g. dist/).
// Every relative specifier counts: `import … from`, `import type … from`, `export … from`, bare `import '…'` and
// lazy `import('…')`, since a type-only or lazy edge still ties the two files together. Prints each cycle and exits
// 1 when there is one, else prints a one-line summary and exits 0. No dependencies: a regular expression per form,
// on the text with its comments removed.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const base = resolve(root, process.argv[2] ?? 'src');

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else if (/\.(ts|mts|js|mjs)$/.test(name)) out.push(path);
  }
  return out;
}

/** Block comments and whole-line comments out, so that an example in a comment is not an edge. */
const withoutComments = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

const staticForm = /(?:^|[;}\n])\s*(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"\n]+)['"]/g;
const lazyForm = /\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g;

function specifiers(text) {
  const clean = withoutComments(text);
  return [...clean.matchAll(staticForm), ...clean.matchAll(lazyForm)].map((m) => m[1]);
}

/** A relative specifier to the file it names: `./x.js` is `./x.ts` in src/ (or its `.d.ts`), `./x.js` in dist/. */
function target(from, spec, files) {
  if (!spec.startsWith('.')) return undefined;
  const path = resolve(dirname(from), spec);
  const stem = path.replace(/\.(js|mjs|ts|mts)$/, '');
  for (const candidate of [path, `${stem}.ts`, `${stem}.mts`, `${stem}.d.ts`, `${stem}.js`, `${stem}.mjs`, join(path, 'index.ts'), join(path, 'index.js')]) {
    if (files.has(candidate)) return candidate;
  }
  return undefined;
}

if (!existsSync(base)) {
  console.error(`check-cycles: ${relative(root, base) || base} does not exist (build first for dist/)`);
  process.exit(5);
}
const files = new Set(walk(base));
const graph = new Map();
for (const file of files) {
  const edges = new Set();
  for (const spec of specifiers(readFileSync(file, 'utf8'))) {
    const to = target(file, spec, files);
    if (to) edges.add(to);
  }
  graph.set(file, [...edges].sort());
}

// Tarjan's strongly connected components: every component of more than one file (or a file importing itself) holds a cycle.
let index = 0;
const indexOf = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const components = [];
function connect(v) {
  indexOf.set(v, index);
  low.set(v, index++);
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v)) {
    if (!indexOf.has(w)) {
      connect(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), indexOf.get(w)));
  }
  if (low.get(v) === indexOf.get(v)) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v).includes(v)) components.push(component.sort());
  }
}
for (const v of [...files].sort()) if (!indexOf.has(v)) connect(v);

/** One shortest cycle through `start` inside its component, by breadth-first search. */
function cycleThrough(start, members) {
  const previous = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift();
    for (const w of graph.get(v)) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (previous.get(path[0]) !== undefined) path.unshift(previous.get(path[0]));
        return [...path, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start];
}

const name = (file) => relative(root, file);
if (components.length === 0) {
  console.log(`check-cycles: no import cycle among ${files.size} files under ${name(base)}/`);
  process.exit(0);
}
for (const component of components) {
  const members = new Set(component);
  console.log(`cycle among ${component.length} files: ${component.map(name).join(', ')}`);
  console.log(`  for example: ${cycleThrough(component[0], members).map(name).join(' -> ')}`);
}
console.log(`check-cycles: ${components.length} import cycle(s) among ${files.size} files under ${name(base)}/`);
process.exit(1);
