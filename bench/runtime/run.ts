// bench/runtime: what creating, starting and deleting a pod costs the kind node with its container
// runtime as shipped by kind (runc) and as our node image sets it (crun, offline/stages/25-crun.sh),
// alternating on the same warm cluster. Each measurement: a namespace with BENCH_PODS client pods
// (the image probes run in, `sleep`), created, waited for until Ready, and deleted until the
// namespace is gone. The node's CPU (cgroup accounting of its container) above its idle rate is the
// cost; the switch rewrites the node's containerd config and restarts containerd (running pods keep
// running), and the config the node had is put back at the end, on error and on Ctrl-C too.
// Figures, not a test. `npm run bench:runtime` (env: BENCH_PODS=16, BENCH_ROUNDS=3, BENCH_KIND_CLUSTER).
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api } from '@kubernetes/client-node';
import { execa } from 'execa';
import { kindNodeCpuMeter, nodeCpuRate, waitForQuietNode, type NodeCpuMeter } from '../../src/cluster/node-cpu.js';
import { runWithExeca } from '../../src/cluster/program-runner.js';
import { withKeptAliveConnections } from '../../src/kube/keep-alive.js';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, RUN_ID_LABEL } from '../../src/kube/types.js';
import { reachCluster } from '../../harness/connect.js';

const PODS = Number(process.env.BENCH_PODS ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const KIND_CLUSTER = process.env.BENCH_KIND_CLUSTER ?? 'netpol-harness';
const IMAGE = 'netpol-harness/alpine:v1';
const CONFIG = '/etc/containerd/config.toml';
/** The line of our containerd config that makes the runc shim drive crun (deleting it goes back to runc). */
const CRUN_LINE = /^[ \t]*BinaryName[ \t]*=[ \t]*"\/usr\/local\/bin\/crun"[ \t]*\n/m;

function fail(message: string): never {
  console.error(`bench/runtime: ${message}`);
  process.exit(3);
}

const reached = await reachCluster();
if ('skip' in reached) fail(reached.skip);
const { kube } = reached;
const core = withKeptAliveConnections(reached.kubeConfig).makeApiClient(CoreV1Api);
// The bench's namespaces carry the harness's labels, so `netpol-harness clean` also finds a leftover one.
const runId = `bench-runtime-${process.pid}`;
const namespaceLabels = { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [RUN_ID_LABEL]: runId };
const meter: NodeCpuMeter = await kindNodeCpuMeter(runWithExeca, KIND_CLUSTER);

const inNode = async (node: string, script: string, input?: string) =>
  execa('docker', ['exec', ...(input === undefined ? [] : ['-i']), node, 'sh', '-c', script], {
    reject: false,
    ...(input === undefined ? {} : { input }),
  });

// The config each node has now; the runc variant is the same without the crun line.
const shipped = new Map<string, string>();
for (const node of meter.nodes) {
  const r = await inNode(node, `test -x /usr/local/bin/crun && test -x /usr/local/bin/runc && cat ${CONFIG}`);
  if (r.exitCode !== 0 || !CRUN_LINE.test(r.stdout))
    fail(
      `node ${node} has no crun set in ${CONFIG}: its node image predates offline/stages/25-crun.sh (rebuild with bash offline/build.sh, then netpol-harness down and up)`,
    );
  shipped.set(node, r.stdout.endsWith('\n') ? r.stdout : `${r.stdout}\n`);
}

async function useRuntime(runtime: 'runc' | 'crun'): Promise<void> {
  for (const [node, config] of shipped) {
    const text = runtime === 'crun' ? config : config.replace(CRUN_LINE, '');
    const r = await inNode(node, `cat > ${CONFIG} && systemctl restart containerd`, text);
    if (r.exitCode !== 0) throw new Error(`switching ${node} to ${runtime}: ${r.stderr.trim()}`);
  }
  // containerd answers again; then wait for a quiet node.
  for (const node of meter.nodes)
    for (let i = 0; (await inNode(node, 'ctr version >/dev/null')).exitCode !== 0; i++) {
      if (i > 60) throw new Error(`containerd on ${node} did not come back after the restart`);
      await sleep(500);
    }
  await quiet('after the restart');
}

/** Waits for the node to idle (0.3 CPU-s/s or less, up to 2 minutes); says so when it does not. */
async function quiet(when: string): Promise<void> {
  const q = await waitForQuietNode(meter);
  if (!q.quiet)
    console.log(`  node still busy ${when} (${q.rate.toFixed(2)} CPU-s/s after ${(q.waitedMs / 1000).toFixed(0)} s)`);
}

let restored = false;
async function restore(): Promise<void> {
  if (restored) return;
  restored = true;
  for (const [node, config] of shipped) await inNode(node, `cat > ${CONFIG} && systemctl restart containerd`, config);
  // A measurement cut short (an error, Ctrl-C) leaves its namespace: delete it too.
  await kube.deleteManagedNamespaces(runId).catch(() => undefined);
}
process.once('SIGINT', () => {
  console.error('bench/runtime: interrupted; putting the nodes’ containerd config back');
  void restore().finally(() => process.exit(130));
});

/**
 * Node CPU-seconds above idle for PODS pods created, made Ready and deleted: from the first request
 * until the node is quiet again after their namespace is gone (it tears sandboxes down after that),
 * less the node's idle rate (the lower of before and after) over that time.
 */
async function podLifecycle(runtime: string, round: number): Promise<{ cpuS: number; readyS: number; idle: number }> {
  const namespace = `${runId}-${runtime}-${round}`;
  const idleBefore = await nodeCpuRate(meter, 5000);
  const cpu0 = meter.read();
  const t0 = Date.now();
  await kube.createNamespace(namespace, namespaceLabels);
  for (let i = 0; !(await kube.hasServiceAccount({ namespace, name: 'default' })); i++) {
    if (i > 100) throw new Error(`namespace ${namespace} got no service account`);
    await sleep(200);
  }
  await Promise.all(
    Array.from({ length: PODS }, (_, i) =>
      kube.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `p${i}`, namespace, labels: { app: `p${i}` } },
        spec: {
          terminationGracePeriodSeconds: 1,
          containers: [{ name: 'c', image: IMAGE, imagePullPolicy: 'IfNotPresent', command: ['sleep', '86400'] }],
        },
      }),
    ),
  );
  for (let i = 0; ; i++) {
    const pods = await kube.listPods(namespace);
    if (pods.length === PODS && pods.every((p) => p.ready)) break;
    if (i > 600) throw new Error(`${namespace}: pods not Ready after 2 minutes`);
    await sleep(200);
  }
  const readyS = (Date.now() - t0) / 1000;
  await kube.deleteManagedNamespaces(runId);
  for (let i = 0; ; i++) {
    const left = (await core.listNamespace()).items.some((n) => n.metadata?.name === namespace);
    if (!left) break;
    if (i > 600) throw new Error(`namespace ${namespace} still there after 2 minutes`);
    await sleep(200);
  }
  await quiet(`after deleting ${namespace}`);
  const cpu = meter.read() - cpu0;
  const wallS = (Date.now() - t0) / 1000;
  const idle = Math.min(idleBefore, await nodeCpuRate(meter, 5000));
  return { cpuS: cpu - idle * wallS, readyS, idle };
}

console.log(
  `bench/runtime: ${PODS} pods per measurement, ${ROUNDS} rounds of runc then crun, kind cluster ${KIND_CLUSTER} (nodes ${meter.nodes.join(', ')}), image ${IMAGE}`,
);
const results: Record<'runc' | 'crun', { cpuS: number; readyS: number }[]> = { runc: [], crun: [] };
try {
  for (let round = 1; round <= ROUNDS; round++)
    for (const runtime of ['runc', 'crun'] as const) {
      await useRuntime(runtime);
      const r = await podLifecycle(runtime, round);
      results[runtime].push(r);
      console.log(
        `  round ${round} ${runtime}: ${r.cpuS.toFixed(1)} node CPU-s above idle (${r.idle.toFixed(2)}/s), ${(r.cpuS / PODS).toFixed(3)} per pod; all Ready after ${r.readyS.toFixed(1)} s`,
      );
    }
} finally {
  await restore();
}
const mean = (rs: { cpuS: number; readyS: number }[], f: 'cpuS' | 'readyS') =>
  rs.reduce((sum, r) => sum + r[f], 0) / rs.length;
console.log(`${'runtime'.padEnd(8)} ${'node CPU-s per pod'.padStart(19)} ${'all Ready after'.padStart(16)}`);
for (const runtime of ['runc', 'crun'] as const)
  console.log(
    `${runtime.padEnd(8)} ${(mean(results[runtime], 'cpuS') / PODS).toFixed(3).padStart(19)} ${`${mean(results[runtime], 'readyS').toFixed(1)} s`.padStart(16)}`,
  );
const saved = 1 - mean(results.crun, 'cpuS') / mean(results.runc, 'cpuS');
console.log(`crun: ${(100 * saved).toFixed(0)}% less node CPU per pod than runc (means of ${ROUNDS} rounds)`);
