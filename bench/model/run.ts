// bench/model: a synthetic cluster (1,000 pods in 20 namespaces, 200 policies) evaluated as a
// full pod-to-pod matrix on two ports. Prints probes per second and peak memory.
// Aim: the whole matrix in under a second on a 2-core machine. Figures, not a pass/fail test.
import { performance } from 'node:perf_hooks';
import { ReachabilityMatrix } from '../../src/model/matrix.js';
import { evaluateProbe } from '../../src/model/probe.js';
import { syntheticWorld } from '../../src/testing/synthetic.js';

const PODS = Number(process.env.BENCH_PODS ?? 1000);
const NAMESPACES = Number(process.env.BENCH_NAMESPACES ?? 20);
const POLICIES = Number(process.env.BENCH_POLICIES ?? 200);
const SAMPLE_PROBES = 20_000;
const ports = [
  { port: 80, protocol: 'TCP' as const },
  { port: 9090, protocol: 'TCP' as const },
];

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
let peakRss = process.memoryUsage().rss;
const sampleMemory = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

const world = syntheticWorld({ pods: PODS, namespaces: NAMESPACES, policies: POLICIES }, 42);
const rssBefore = process.memoryUsage().rss;

const t0 = performance.now();
const matrix = new ReachabilityMatrix(world, ports);
const tBuilt = performance.now();
sampleMemory();
const counts: Record<string, number> = {};
for (let i = 0; i < PODS; i++) {
  for (let j = 0; j < PODS; j++) {
    for (let k = 0; k < ports.length; k++) {
      const o = matrix.outcome(i, j, k);
      counts[o] = (counts[o] ?? 0) + 1;
    }
  }
}
const t1 = performance.now();
sampleMemory();
const probes = PODS * PODS * ports.length;
const seconds = (t1 - t0) / 1000;

// The explaining evaluator, on a sample, for comparison.
const s0 = performance.now();
for (let n = 0; n < SAMPLE_PROBES; n++) {
  const src = world.pods[(n * 7919) % PODS]!;
  const dst = world.pods[(n * 104729) % PODS]!;
  const p = ports[n % ports.length]!;
  evaluateProbe(world, {
    from: { pod: src.name, namespace: src.namespace },
    target: { kind: 'pod', pod: dst.name, namespace: dst.namespace },
    port: p.port,
    protocol: p.protocol,
  });
}
const s1 = performance.now();
sampleMemory();

console.log(
  `bench/model: ${PODS} pods, ${NAMESPACES} namespaces, ${POLICIES} policies, ports ${ports.map((p) => `${p.port}/${p.protocol}`).join(', ')}`,
);
console.log(`  matrix build          ${(tBuilt - t0).toFixed(0)} ms`);
console.log(
  `  full matrix           ${probes.toLocaleString('en-US')} probes in ${(seconds * 1000).toFixed(0)} ms (build + lookups)`,
);
console.log(`  probes per second     ${Math.round(probes / seconds).toLocaleString('en-US')}`);
console.log(
  `  outcomes              ${Object.entries(counts)
    .map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`)
    .join(', ')}`,
);
console.log(
  `  explaining evaluator  ${Math.round(SAMPLE_PROBES / ((s1 - s0) / 1000)).toLocaleString('en-US')} probes per second (sample of ${SAMPLE_PROBES.toLocaleString('en-US')}, with explanations)`,
);
console.log(`  peak RSS              ${mib(peakRss)} (world built: ${mib(rssBefore)})`);
console.log(
  `  aim                   whole matrix under 1 s: ${seconds < 1 ? 'met' : 'NOT met'} (${seconds.toFixed(2)} s)`,
);
