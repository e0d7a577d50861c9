// The import graph of src/ by folder (dependency-cruiser reads the imports), checked for what the
// architecture forbids: a cycle between folders, and an import into cli/ from outside it. Tests and
// test doubles (src/testing/) are left out: they sit beside the code they test. A subfolder is a
// folder of its own (engine/run apart from engine/setup and from engine's own files), so a cycle
// between two subfolders fails too. Imports that carry only types are not counted: they vanish
// from the JavaScript, as dependency-cruiser reads it by default.
// `npm run lint` runs it; `--mermaid` prints the folder graph for docs/architecture.md instead.
import { cruise } from 'dependency-cruiser';

interface Module {
  source: string;
  dependencies: { resolved: string }[];
}

/** src/x.ts: (root); src/engine/x.ts: engine; src/engine/run/x.ts: engine/run. */
const folderOf = (path: string) => {
  const parts = path.split('/').slice(1, -1);
  return parts.length ? parts.slice(0, 2).join('/') : '(root)';
};

const result = await cruise(['src'], {
  exclude: { path: '\\.test\\.ts$|\\.test-helper\\.ts$|^src/testing/|/testdata/' },
  tsConfig: { fileName: 'tsconfig.json' },
});
const modules = (result.output as { modules: Module[] }).modules.filter((m) => m.source.startsWith('src/'));
const edges = new Map<string, Map<string, string>>();
const problems: string[] = [];
for (const m of modules) {
  const from = folderOf(m.source);
  for (const d of m.dependencies) {
    if (!d.resolved.startsWith('src/')) continue;
    const to = folderOf(d.resolved);
    if (to === 'cli' && from !== 'cli') problems.push(`${m.source} imports ${d.resolved}: nothing outside cli/ imports cli/`);
    if (to === from) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    edges.get(from)?.set(to, `${m.source} -> ${d.resolved}`);
  }
}

// Tarjan's strongly connected components over the folders: any with two or more is a cycle.
let next = 0;
const index = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const cycles: string[][] = [];
function visit(v: string): void {
  index.set(v, next);
  low.set(v, next++);
  stack.push(v);
  for (const w of edges.get(v)?.keys() ?? []) {
    if (!index.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
    } else if (stack.includes(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
  }
  if (low.get(v) === index.get(v)) {
    const component: string[] = [];
    for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) component.push(w);
    if (component.length > 1) cycles.push(component.sort());
  }
}
for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);
for (const c of cycles) {
  const examples = c.flatMap((a) => c.flatMap((b) => (edges.get(a)?.get(b) ? [edges.get(a)?.get(b)] : [])));
  problems.push(`folders import each other: ${c.join(', ')} (${examples.slice(0, 4).join('; ')})`);
}

/** A mermaid node id: `root`, `engine`, `engine_run` (an id may not hold a slash; its label does). */
const node = (folder: string) => folder.replace('/', '_').replace(/[()]/g, '');

if (process.argv.includes('--mermaid')) {
  console.log('```mermaid\nflowchart TD');
  const folders = new Set([...edges.keys(), ...[...edges.values()].flatMap((m) => [...m.keys()])]);
  for (const f of [...folders].sort()) if (f.includes('/')) console.log(`  ${node(f)}["${f}"]`);
  for (const [from, tos] of [...edges].sort())
    for (const to of [...tos.keys()].sort()) console.log(`  ${node(from)} --> ${node(to)}`);
  console.log('```');
} else {
  const count = [...edges.values()].reduce((n, m) => n + m.size, 0);
  if (problems.length) {
    for (const p of problems) console.error(`import graph: ${p}`);
    process.exit(1);
  }
  console.error(`import graph: ${edges.size} folders, ${count} folder-to-folder imports, no cycle, nothing imports cli/`);
}
