// The import graph of src/ by folder (dependency-cruiser reads the imports), checked for what the
// architecture forbids: a cycle between folders, and an import into cli/ from outside it. Tests and
// test doubles (src/testing/) are left out: they sit beside the code they test.
// `npm run lint` runs it; `--mermaid` prints the folder graph for docs/architecture.md instead.
import { cruise } from 'dependency-cruiser';

interface Module {
  source: string;
  dependencies: { resolved: string }[];
}

const folderOf = (path: string) => {
  const parts = path.split('/');
  return parts.length > 2 ? (parts[1] as string) : '(root)';
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

if (process.argv.includes('--mermaid')) {
  console.log('```mermaid\nflowchart TD');
  for (const [from, tos] of [...edges].sort())
    for (const to of [...tos.keys()].sort()) console.log(`  ${from.replace(/[()]/g, '')} --> ${to.replace(/[()]/g, '')}`);
  console.log('```');
} else {
  const count = [...edges.values()].reduce((n, m) => n + m.size, 0);
  if (problems.length) {
    for (const p of problems) console.error(`import graph: ${p}`);
    process.exit(1);
  }
  console.error(`import graph: ${edges.size} folders, ${count} folder-to-folder imports, no cycle, nothing imports cli/`);
}
