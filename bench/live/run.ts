// bench/live: the corpus live on the kind cluster, timed. Prints wall time, probes sent and
// probes per second, time per scenario, policy enforcement time (median, max), and a sample of
// probes done the documents' way (a fresh `kubectl run --rm` pod per probe) against exec into
// long-lived clients. Figures, not a test. `node --import tsx bench/live/run.ts`
// (env: BENCH_SCENARIOS=scenarios, BENCH_CONCURRENCY=8, BENCH_SAMPLE=5, NETPOL_HARNESS_CONTEXT).
import { execa } from 'execa';
import { performance } from 'node:perf_hooks';
import { loadImageMap, resolveImage } from '../../src/engine/image-map.js';
import { newRunId } from '../../src/engine/naming.js';
import { cleanUpRun, runCorpusLive, scenarioRunId } from '../../src/engine/run-corpus.js';
import { DEFAULT_LIVE_OPTIONS } from '../../src/engine/run-scenario.js';
import type { LiveRecord, ScenarioRun } from '../../src/engine/types.js';
import type { KubeClient } from '../../src/kube/types.js';
import { createClusterRunner } from '../../src/probe/create-runner.js';
import type { ProbeJob, ProbeResult, ProbeRunner } from '../../src/probe/types.js';
import { median } from '../../src/report/live-summary.js';
import { loadScenarios } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/types.js';
import { HARNESS_CONTEXT, reachCluster } from '../../harness/connect.js';

const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'scenarios').split(',');
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 5);
const KUBECTL_RUN_TIMEOUT_MS = 120_000;
const IMAGE_MAP = loadImageMap(new URL('../../offline/image-map.yaml', import.meta.url).pathname);
const log = (s: string) => process.stderr.write(`${s}\n`);
const s = (ms: number | undefined) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(2)} s`);

/** Counts every exec the runner makes. */
class CountingRunner implements ProbeRunner {
  readonly kind = 'cluster' as const;
  execs = 0;
  durationsMs: number[] = [];
  constructor(private readonly inner: ProbeRunner) {}
  async run(jobs: readonly ProbeJob[]): Promise<ProbeResult[]> {
    const results = await this.inner.run(jobs);
    for (const r of results) {
      this.execs += r.attempts;
      if (r.attempts > 0) this.durationsMs.push(r.durationMs);
    }
    return results;
  }
}

/** The documents' way: `kubectl run --rm -i` a fresh pod with the client's image and labels, per probe. */
async function kubectlRunProbe(r: LiveRecord, run: ScenarioRun, labels: Record<string, string>, n: number): Promise<number> {
  const client = run.scenario.pods.find((p) => p.name === r.expectation.from.name && p.namespace === r.expectation.from.namespace);
  const job = r.live.result;
  if (!client || !job) return NaN;
  const namespace = run.namespaces.find((x) => x.logical === client.namespace)?.real ?? client.namespace;
  const labelArg = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
  const started = performance.now();
  await execa(
    'kubectl',
    ['--context', HARNESS_CONTEXT, 'run', `nph-bench-${n}`, '-n', namespace, '--rm', '-i', '--quiet', '--restart=Never', `--image=${resolveImage(client.image, IMAGE_MAP, true)}`, '--image-pull-policy=IfNotPresent', `--labels=${labelArg}`, '--command', '--', ...job.command],
    { reject: false, timeout: KUBECTL_RUN_TIMEOUT_MS },
  );
  return performance.now() - started;
}

/** One scenario kept after its run, a few of its allowed client probes redone with `kubectl run`, then deleted. */
async function documentsWay(kube: KubeClient, scenario: Scenario, runner: ProbeRunner): Promise<{ podMs: number[]; execMs: number[] }> {
  const runId = newRunId();
  const [run] = await runCorpusLive([scenario], { kube, runner, runId, images: IMAGE_MAP, options: DEFAULT_LIVE_OPTIONS, progress: () => undefined }, { scenarioConcurrency: 1, retain: true });
  const out = { podMs: [] as number[], execMs: [] as number[] };
  try {
    if (!run || run.error) return out;
    const sample = run.records.filter((x) => x.live.sent && x.live.outcome === 'allowed' && run.scenario.pods.some((p) => p.role === 'client' && p.name === x.expectation.from.name)).slice(0, SAMPLE);
    for (const [n, record] of sample.entries()) {
      const pods = await kube.listPods(run.namespaces.find((x) => x.logical === record.expectation.from.namespace)?.real ?? '');
      const labels = pods.find((p) => p.name === record.expectation.from.name)?.labels ?? {};
      out.podMs.push(await kubectlRunProbe(record, run, labels, n));
      out.execMs.push(record.live.result?.durationMs ?? NaN);
    }
  } finally {
    await cleanUpRun(kube, scenarioRunId(runId, 0), false, () => undefined);
  }
  return out;
}

const reached = await reachCluster();
if ('skip' in reached) {
  log(`bench/live: ${reached.skip}`);
  process.exit(0);
}
const { kube } = reached;
const scenarios = loadScenarios(SCENARIOS);
const runId = newRunId();
const inFlight = new Set<string>();
process.once('SIGINT', () => {
  void Promise.all([...inFlight].map((id) => cleanUpRun(kube, id, false, log))).finally(() => process.exit(130));
});
const runner = new CountingRunner(createClusterRunner(kube, 'exec', CONCURRENCY));
const t0 = performance.now();
const runs = await runCorpusLive(scenarios, { kube, runner, runId, images: IMAGE_MAP, options: DEFAULT_LIVE_OPTIONS, progress: () => undefined }, { scenarioConcurrency: CONCURRENCY, retain: false, started: inFlight });
const wallMs = performance.now() - t0;
const enforcement = runs.flatMap((r) => r.steps.flatMap((st) => (st.enforcement ? [st.enforcement.upperMs] : [])));
console.log(`bench/live: ${scenarios.length} scenarios, concurrency ${CONCURRENCY}, run ${runId}`);
console.log(`  wall time            ${s(wallMs)}`);
console.log(`  probes (execs)       ${runner.execs}  (${(runner.execs / (wallMs / 1000)).toFixed(1)} probes/s)`);
console.log(`  exec probe duration  median ${s(median(runner.durationsMs))}, max ${s(Math.max(0, ...runner.durationsMs))}`);
console.log(`  enforcement          ${enforcement.length} changes, median ${s(median(enforcement))}, max ${s(enforcement.length ? Math.max(...enforcement) : undefined)} (upper bounds, one probe round)`);
for (const r of runs) console.log(`  ${r.scenario.name.padEnd(44)} ${s(r.durationMs)}${r.error ? `  (could not run: ${r.error})` : ''}`);

const sampleScenario = scenarios[0];
if (sampleScenario && SAMPLE > 0) {
  const sample = await documentsWay(kube, sampleScenario, runner);
  const perPodMs = sample.podMs.filter((d) => !Number.isNaN(d));
  const execMedian = median(sample.execMs.filter((d) => !Number.isNaN(d) && d > 0));
  const podMedian = median(perPodMs);
  if (podMedian !== undefined && execMedian) {
    console.log(`  documents' way       ${perPodMs.length} allowed probes of ${sampleScenario.name} with \`kubectl run --rm\`: median ${s(podMedian)} per probe vs ${s(execMedian)} for the same probes by exec (${(podMedian / execMedian).toFixed(1)}x)`);
  }
}
