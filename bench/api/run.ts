// bench/api: what the harness's API requests cost, sent the client library's way (a new https.Agent,
// so a new TLS connection, per request) and ours (kept-alive connections, src/kube/keep-alive.ts),
// interleaved in rounds on the same warm kind cluster. The request is the one the harness sends most
// (a pod LIST by label, as setup's readiness polling does), 8 in flight as in a run.
// Prints per way: wall time, requests per second, our process's CPU and the kind nodes' CPU
// (cgroup accounting of the node containers) per request. Figures, not a test.
// `npm run bench:api` (env: BENCH_REQUESTS=1000 per way and round, BENCH_ROUNDS=2, BENCH_KIND_CLUSTER).
import { performance } from 'node:perf_hooks';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import pLimit from 'p-limit';
import { kindNodeCpuMeter, nodeCpuRate } from '../../src/cluster/node-cpu.js';
import { runWithExeca } from '../../src/cluster/program-runner.js';
import { withKeptAliveConnections } from '../../src/kube/keep-alive.js';
import { reachCluster } from '../../harness/connect.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const IN_FLIGHT = 8;
const KIND_CLUSTER = process.env.BENCH_KIND_CLUSTER ?? 'netpol-harness';

const reached = await reachCluster();
if ('skip' in reached) {
  console.error(`bench/api: ${reached.skip}`);
  process.exit(3);
}
const meter = await kindNodeCpuMeter(runWithExeca, KIND_CLUSTER);

interface Way {
  name: string;
  kubeConfig: KubeConfig;
  wallS: number;
  ownCpuS: number;
  nodeCpuS: number;
  requests: number;
}
const ways: Way[] = [
  { name: 'client-node as shipped (agent per request)', kubeConfig: reached.kubeConfig },
  { name: 'kept-alive connections (ours)', kubeConfig: withKeptAliveConnections(reached.kubeConfig) },
].map((w) => ({ ...w, wallS: 0, ownCpuS: 0, nodeCpuS: 0, requests: 0 }));

async function measure(way: Way): Promise<void> {
  const core = way.kubeConfig.makeApiClient(CoreV1Api);
  const limit = pLimit(IN_FLIGHT);
  const node0 = meter.read();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: REQUESTS }, () =>
      limit(() =>
        core.listNamespacedPod({ namespace: 'kube-system', labelSelector: 'netpol-harness.io/run-id=bench-api' }),
      ),
    ),
  );
  way.wallS += (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  way.ownCpuS += (cpu.user + cpu.system) / 1e6;
  way.nodeCpuS += meter.read() - node0;
  way.requests += REQUESTS;
}

console.log(
  `bench/api: ${REQUESTS} pod LISTs per way and round, ${ROUNDS} rounds, ${IN_FLIGHT} in flight, kind cluster ${KIND_CLUSTER} (nodes ${meter.nodes.join(', ')})`,
);
// The node's idle CPU per second, measured first, is taken off each way's figure.
const idle = await nodeCpuRate(meter, 5000);
for (let round = 0; round < ROUNDS; round++) for (const way of ways) await measure(way);

const ms = (s: number, n: number) => ((s / n) * 1000).toFixed(2);
console.log(`node idle: ${idle.toFixed(3)} CPU-s per second (taken off the node figures)`);
console.log(
  `${'way'.padEnd(44)} ${'wall s'.padStart(7)} ${'req/s'.padStart(7)} ${'ours ms/req'.padStart(12)} ${'node ms/req'.padStart(12)} ${'both ms/req'.padStart(12)}`,
);
for (const w of ways) {
  const node = Math.max(0, w.nodeCpuS - idle * w.wallS);
  console.log(
    `${w.name.padEnd(44)} ${w.wallS.toFixed(1).padStart(7)} ${(w.requests / w.wallS).toFixed(0).padStart(7)} ${ms(w.ownCpuS, w.requests).padStart(12)} ${ms(node, w.requests).padStart(12)} ${ms(w.ownCpuS + node, w.requests).padStart(12)}`,
  );
}
const [plain, kept] = ways as [Way, Way];
const cost = (w: Way) => w.ownCpuS + Math.max(0, w.nodeCpuS - idle * w.wallS);
console.log(
  `kept-alive: ${(cost(plain) / cost(kept)).toFixed(1)}x less CPU per request (ours and the node's), ${(plain.wallS / kept.wallS).toFixed(1)}x the requests per second`,
);
