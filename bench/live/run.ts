// bench/live: the same scenarios on the same warm kind cluster, probed through probe sessions and
// through one exec per probe (the way the Kubernetes e2e suite and cyclonus probe), interleaved in
// one run; then a sample done the documents' way (a fresh `kubectl run --rm` pod per probe).
// Prints, per mode: wall time, probes sent, probes per second, the kind nodes' CPU-seconds (cgroup
// accounting of the node containers) per probe, enforcement time, and whether the verdicts agree.
// `worlds` (in the default modes) is the floor under every probe mode: the same scenarios' namespaces,
// services and pods created, made Ready and deleted, 8 at once, with no probe and no policy.
// Figures, not a test. `npm run bench:live` (env: BENCH_SCENARIOS=scenarios, BENCH_MODES=session,exec,worlds,
// BENCH_REPEAT=1, BENCH_CONCURRENCY, BENCH_PARALLEL=8, BENCH_SAMPLE=5, NETPOL_HARNESS_CONTEXT, BENCH_KIND_CLUSTER=netpol-harness).
// BENCH_MODES may include `upstream`: the e2e suite's way (one exec per probe, 3 workers), and
// `per-case`: session probing with every case in a world of its own (the others share the worlds
// a corpus declares, as `run` does); `npm run bench:conformance` runs the conformance corpus in
// session mode, per case and the upstream way.
import { execa } from 'execa';
import { performance } from 'node:perf_hooks';
import { kindNodeCpuMeter, nodeCpuRate, waitForQuietNode, type NodeCpuMeter } from '../../src/cluster/node-cpu.js';
import { runWithExeca } from '../../src/cluster/program-runner.js';
import { loadImageMap, resolveImage } from '../../src/engine/setup/image-map.js';
import { namespaceMapping, newRunId } from '../../src/engine/naming.js';
import {
  cleanUpRun,
  costliestFirstAtOnce,
  DEFAULT_PARALLEL_SCENARIOS,
  scenarioRunId,
} from '../../src/engine/run/run-corpus.js';
import { DEFAULT_LIVE_OPTIONS, setupOptionsOf } from '../../src/engine/run/run-scenario.js';
import { setUpScenario } from '../../src/engine/setup/setup.js';
import { placementNodes } from '../../src/engine/setup/placement.js';
import { realClock } from '../../src/engine/stabilize/stabilize.js';
import type { LiveRecord, ScenarioRun } from '../../src/engine/types.js';
import type { KubeClient } from '../../src/kube/types.js';
import { DEFAULT_CONCURRENCY, type ProbeMode } from '../../src/probe/create-runner.js';
import { ExecTransport } from '../../src/probe/exec-transport.js';
import { SessionTransport } from '../../src/probe/session-transport.js';
import type { ProbeSource } from '../../src/probe/transport.js';
import type { ProbeJob, ProbeResult, ProbeRunner } from '../../src/probe/types.js';
import { median, percentile } from '../../src/report/live-summary.js';
import { loadScenarios } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/types.js';
import { HARNESS_CONTEXT, reachCluster } from '../../harness/connect.js';
import type { LiveCluster } from '../../src/live/cluster.js';
import { LiveSession, type LiveRunResult, type OwnedRunner } from '../../src/live/session.js';

const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'scenarios').split(',');
/**
 * What is measured: a probe mode of ours, or `upstream`, the way the Kubernetes e2e NetworkPolicy
 * suite probes (one exec per probe, 3 probe workers: its probe worker pool), through our exec path.
 */
type BenchMode = ProbeMode | 'upstream' | 'worlds' | 'per-case';
const UPSTREAM_WORKERS = 3;
const MODES = (process.env.BENCH_MODES ?? 'session,exec,worlds').split(',').filter(Boolean) as BenchMode[];
for (const m of MODES)
  if (!['session', 'exec', 'upstream', 'worlds', 'per-case'].includes(m))
    throw new Error(`BENCH_MODES: unknown mode "${m}" (session, exec, upstream, worlds, per-case)`);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 1);
const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 5);
const KIND_CLUSTER = process.env.BENCH_KIND_CLUSTER ?? 'netpol-harness';
const CONCURRENCY: Record<ProbeMode, number> = process.env.BENCH_CONCURRENCY
  ? { session: Number(process.env.BENCH_CONCURRENCY), exec: Number(process.env.BENCH_CONCURRENCY) }
  : DEFAULT_CONCURRENCY;
const SCENARIOS_AT_ONCE = Number(process.env.BENCH_PARALLEL ?? DEFAULT_PARALLEL_SCENARIOS);
const KUBECTL_RUN_TIMEOUT_MS = 120_000;
/** Probes sent through each transport alone, to measure what one costs the node. */
const TRANSPORT_PROBES: Record<ProbeMode, number> = { session: 2000, exec: 200 };
const IDLE_SAMPLE_MS = 10_000;
/**
 * Each mode's run and the transport are measured from a quiet node: after a corpus run the node
 * still tears down its pods (sandboxes, CNI deletes) for a minute or more after their namespaces
 * are gone, at over a CPU-second a second, which would be counted to the next measurement. Waited
 * for in 2 s samples, up to 2 minutes.
 */
const QUIET_NODE_CPU_PER_S = 0.3;
const QUIET_SAMPLE_MS = 2_000;
const QUIET_WAIT_MS = 120_000;
/** The issue's aim for the enforcement time's resolution (the bracket's width). */
const RESOLUTION_AIM_MS = 500;
const IMAGE_MAP = loadImageMap(new URL('../../offline/image-map.yaml', import.meta.url).pathname);
const log = (s: string) => process.stderr.write(`${s}\n`);
const sec = (ms: number | undefined) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(2)} s`);

/** Counts what the runner sends: every attempt is one probe (and, in exec mode, one exec). */
class CountingRunner implements ProbeRunner {
  readonly kind = 'cluster' as const;
  probes = 0;
  durationsMs: number[] = [];
  constructor(private readonly inner: OwnedRunner) {}
  async run(jobs: readonly ProbeJob[], started?: (index: number) => void): Promise<ProbeResult[]> {
    const results = await this.inner.run(jobs, started);
    for (const r of results) {
      this.probes += r.attempts;
      if (r.attempts > 0) this.durationsMs.push(r.durationMs);
    }
    return results;
  }
  release(ns: readonly string[]): Promise<void> {
    return this.inner.release(ns);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

interface Measured {
  mode: BenchMode;
  /** From the end of the run until the last of its namespaces was gone. */
  cleanupMs?: number;
  wallMs: number;
  probes: number;
  nodeCpuSeconds: number;
  probeMs: number[];
  enforcement: { upperMs: number; lowerMs: number }[];
  verdicts: Map<string, string>;
  errors: string[];
}

function recordKey(r: LiveRecord): string {
  return `${r.scenario} / ${r.step} / ${r.from} → ${r.to} ${r.port}/${r.protocol} (${r.tool})`;
}

/**
 * The floor: every scenario's namespaces, services and pods (probe sidecars included) created and
 * made Ready as a run does, then deleted, as many at once and in the same order as a run, with no
 * probe, no policy and no outside stand-in. Any probe mode spends this and more.
 */
async function measureWorlds(
  kube: KubeClient,
  scenarios: Scenario[],
  meter: NodeCpuMeter,
  inFlight: Set<string>,
): Promise<Measured> {
  const runId = newRunId();
  const errors: string[] = [];
  const failed = (scenario: Scenario, what: string, err: unknown) =>
    errors.push(`${scenario.name}: ${what}: ${err instanceof Error ? err.message : String(err)}`);
  // Spread over the nodes as a run spreads them (several nodes only).
  const nodes = placementNodes(await kube.listNodes());
  const placement = nodes.names.length >= 2 ? nodes : undefined;
  const cpu0 = meter.read();
  const t0 = performance.now();
  await costliestFirstAtOnce(scenarios, SCENARIOS_AT_ONCE, async (scenario, i) => {
    const id = scenarioRunId(runId, i);
    const setup = setupOptionsOf(DEFAULT_LIVE_OPTIONS, id, IMAGE_MAP, placement ? { placement } : {});
    inFlight.add(id);
    try {
      await setUpScenario(kube, scenario, namespaceMapping(scenario, id), setup, realClock);
    } catch (err) {
      failed(scenario, 'setup', err);
    }
    try {
      await cleanUpRun(kube, id, false, () => undefined);
      inFlight.delete(id);
    } catch (err) {
      failed(scenario, 'cleanup', err);
    }
  });
  const wallMs = performance.now() - t0;
  const nodeCpuSeconds = meter.read() - cpu0;
  const cleanupMs = await namespacesGoneAfter(runId);
  return {
    mode: 'worlds',
    ...(cleanupMs === undefined ? {} : { cleanupMs }),
    wallMs,
    probes: 0,
    nodeCpuSeconds,
    probeMs: [],
    enforcement: [],
    verdicts: new Map(),
    errors,
  };
}

async function measure(
  cluster: LiveCluster,
  scenarios: Scenario[],
  mode: BenchMode,
  meter: NodeCpuMeter,
  inFlight: Set<string>,
): Promise<Measured> {
  if (mode === 'worlds') return measureWorlds(cluster.kube, scenarios, meter, inFlight);
  // The run as `netpol-harness run` makes it (a LiveSession), less the preflight; its runner counts what it sends.
  let counting: CountingRunner | undefined;
  const cpu0 = meter.read();
  const t0 = performance.now();
  let run: LiveRunResult;
  {
    await using session = LiveSession.start(cluster, {
      probeMode: mode === 'upstream' ? 'exec' : mode === 'per-case' ? 'session' : mode,
      concurrency: mode === 'upstream' ? UPSTREAM_WORKERS : CONCURRENCY[mode === 'per-case' ? 'session' : mode],
      probeTimeoutSeconds: DEFAULT_LIVE_OPTIONS.probeTimeoutSeconds,
      offline: true,
      retain: false,
      preflight: false,
      progress: () => undefined,
      wrapRunner: (inner) => (counting = new CountingRunner(inner)),
    });
    // session, exec and upstream share worlds where the corpus declares them (as `run` does);
    // per-case is session probing with every case in a world of its own.
    run = await session.run(scenarios, {
      parallel: SCENARIOS_AT_ONCE,
      world: mode === 'per-case' ? 'per-case' : 'shared',
    });
  }
  if (run.outcome !== 'ran' || !counting) throw new Error('bench/live: the run did not run');
  const wallMs = performance.now() - t0;
  const nodeCpuSeconds = meter.read() - cpu0;
  const cleanupMs = await namespacesGoneAfter(run.runId);
  const { runs } = run;
  return {
    mode,
    ...(cleanupMs === undefined ? {} : { cleanupMs }),
    wallMs,
    probes: counting.probes,
    nodeCpuSeconds,
    probeMs: counting.durationsMs,
    enforcement: runs.flatMap((r) => r.steps.flatMap((s) => (s.enforcement ? [s.enforcement] : []))),
    verdicts: new Map(runs.flatMap((r) => r.records.map((x) => [recordKey(x), x.verdict.verdict] as const))),
    errors: runs.flatMap((r) => (r.error ? [`${r.scenario.name}: ${r.error}`] : [])),
  };
}

/** How long until no namespace of the run is left (each scenario's are deleted as it ends); undefined after two minutes. */
async function namespacesGoneAfter(runId: string): Promise<number | undefined> {
  const t0 = performance.now();
  while (performance.now() - t0 < 120_000) {
    const r = await execa('kubectl', ['--context', HARNESS_CONTEXT, 'get', 'ns', '-o', 'name', '--no-headers'], {
      reject: false,
    });
    if (!String(r.stdout).includes(`-${runId}-`)) return performance.now() - t0;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return undefined;
}

/** The documents' way: `kubectl run --rm -i` a fresh pod with the client's image and labels, per probe. */
async function kubectlRunProbe(
  r: LiveRecord,
  run: ScenarioRun,
  labels: Record<string, string>,
  n: number,
): Promise<number> {
  const client = run.scenario.pods.find(
    (p) => p.name === r.expectation.from.name && p.namespace === r.expectation.from.namespace,
  );
  const job = r.live.result;
  if (!client || !job) return NaN;
  const namespace = run.namespaces.find((x) => x.logical === client.namespace)?.real ?? client.namespace;
  const labelArg = Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const started = performance.now();
  await execa(
    'kubectl',
    [
      '--context',
      HARNESS_CONTEXT,
      'run',
      `nph-bench-${n}`,
      '-n',
      namespace,
      '--rm',
      '-i',
      '--quiet',
      '--restart=Never',
      `--image=${resolveImage(client.image, IMAGE_MAP, true)}`,
      '--image-pull-policy=IfNotPresent',
      `--labels=${labelArg}`,
      '--command',
      '--',
      ...job.command,
    ],
    { reject: false, timeout: KUBECTL_RUN_TIMEOUT_MS },
  );
  return performance.now() - started;
}

/** The container and command of a record's probe, from its repro line (`kubectl exec -n NS POD -c C -- argv…`). */
function probeOf(r: LiveRecord): { from: ProbeSource; argv: string[] } | undefined {
  const m = /^kubectl exec -n (\S+) (\S+) -c (\S+) -- /.exec(r.live.result?.repro ?? '');
  const argv = r.live.result?.command;
  return m && argv?.length
    ? { from: { namespace: m[1] as string, pod: m[2] as string, container: m[3] as string }, argv }
    : undefined;
}

/**
 * What carrying one probe costs the node, and nothing else: the same connects, sent again and
 * again on a quiet retained scenario through each transport, with the node's CPU read around.
 */
async function transportCost(
  kube: KubeClient,
  probes: { from: ProbeSource; argv: string[] }[],
  meter: NodeCpuMeter,
): Promise<TransportCost> {
  // CPU-seconds per millisecond, as the figures below are timed.
  const idleRate = async (): Promise<number> => (await nodeCpuRate(meter, IDLE_SAMPLE_MS)) / 1000;
  const gross = {} as Record<ProbeMode, { probes: number; cpuSeconds: number; wallMs: number }>;
  await sayWhenQuiet(meter);
  const idleBefore = await idleRate();
  for (const [mode, count, atOnce] of [
    ['session', TRANSPORT_PROBES.session, 16],
    ['exec', TRANSPORT_PROBES.exec, 4],
  ] as const) {
    const transport = mode === 'session' ? new SessionTransport(kube) : new ExecTransport(kube);
    if (mode === 'session') await Promise.all(probes.map((p) => transport.run(p.from, ['true'], 2))); // sessions open before the count starts
    const cpu0 = meter.read();
    const t0 = performance.now();
    for (let sent = 0; sent < count; sent += atOnce) {
      await Promise.all(
        Array.from(
          { length: Math.min(atOnce, count - sent) },
          (_, i) => probes[(sent + i) % probes.length] as { from: ProbeSource; argv: string[] },
        ).map((p) => transport.run(p.from, p.argv, 2)),
      );
    }
    gross[mode] = { probes: count, cpuSeconds: meter.read() - cpu0, wallMs: performance.now() - t0 };
    await transport.close();
  }
  // What the node spends doing nothing (kubelet, Calico, the API server), measured before and after; the lower is taken off.
  const idlePerMs = Math.min(idleBefore, await idleRate());
  return { gross, idlePerMs };
}

/** Until the node's CPU falls to QUIET_NODE_CPU_PER_S, or QUIET_WAIT_MS has passed (then says so). */
async function sayWhenQuiet(meter: NodeCpuMeter): Promise<void> {
  const { quiet, rate, waitedMs } = await waitForQuietNode(meter, {
    maxRate: QUIET_NODE_CPU_PER_S,
    sampleMs: QUIET_SAMPLE_MS,
    waitMs: QUIET_WAIT_MS,
  });
  const waited = `${(waitedMs / 1000).toFixed(0)} s`;
  log(
    quiet
      ? `  node quiet (${rate.toFixed(2)} CPU-s/s) after ${waited}`
      : `  node still busy after ${waited} (${rate.toFixed(2)} CPU-s/s): the transport figures include that`,
  );
}

interface TransportCost {
  gross: Record<ProbeMode, { probes: number; cpuSeconds: number; wallMs: number }>;
  idlePerMs: number;
}

/** One scenario kept after its run, a few of its allowed client probes redone with `kubectl run`, then deleted. */
async function documentsWay(
  cluster: LiveCluster,
  scenario: Scenario,
  meter: NodeCpuMeter,
): Promise<{ podMs: number[]; cpuSeconds: number; transport?: TransportCost }> {
  const { kube } = cluster;
  let run: ScenarioRun | undefined;
  {
    await using session = LiveSession.start(cluster, {
      probeMode: 'session',
      probeTimeoutSeconds: DEFAULT_LIVE_OPTIONS.probeTimeoutSeconds,
      offline: true,
      retain: true,
      preflight: false,
      progress: () => undefined,
    });
    const result = await session.run([scenario], { parallel: 1 });
    if (result.outcome === 'ran') run = result.runs[0];
  }
  const out: { podMs: number[]; cpuSeconds: number; transport?: TransportCost } = { podMs: [], cpuSeconds: 0 };
  try {
    if (!run || run.error) return out;
    // The connects that succeed in the scenario's final state (the retained one): an earlier step's
    // allowed probe may be blocked by now, and would measure a 2 s timeout, not the transport.
    const lastStep = Math.max(...run.records.map((x) => x.stepIndex));
    const connects = run.records
      .filter((x) => x.stepIndex === lastStep && x.live.sent && x.live.outcome === 'allowed')
      .map(probeOf)
      .filter((p): p is { from: ProbeSource; argv: string[] } => p !== undefined);
    if (connects.length) out.transport = await transportCost(kube, connects, meter);
    const sample = run.records
      .filter(
        (x) =>
          x.live.sent &&
          x.live.outcome === 'allowed' &&
          run.scenario.pods.some((p) => p.role === 'client' && p.name === x.expectation.from.name),
      )
      .slice(0, SAMPLE);
    for (const [n, record] of sample.entries()) {
      const pods = await kube.listPods(
        run.namespaces.find((x) => x.logical === record.expectation.from.namespace)?.real ?? '',
      );
      const labels = pods.find((p) => p.name === record.expectation.from.name)?.labels ?? {};
      const cpu0 = meter.read();
      out.podMs.push(await kubectlRunProbe(record, run, labels, n));
      out.cpuSeconds += meter.read() - cpu0;
    }
  } finally {
    if (run) await cleanUpRun(kube, run.runId, false, () => undefined);
  }
  return out;
}

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
}

const reached = await reachCluster();
if ('skip' in reached) {
  log(`bench/live: ${reached.skip}`);
  process.exit(0);
}
const { kube } = reached;
const meter = await kindNodeCpuMeter(runWithExeca, KIND_CLUSTER);
const scenarios = loadScenarios(SCENARIOS);
const inFlight = new Set<string>();
process.once('SIGINT', () => {
  void Promise.all([...inFlight].map((id) => cleanUpRun(kube, id, false, log))).finally(() => process.exit(130));
});

const results: Measured[] = [];
for (let i = 0; i < REPEAT; i++) {
  for (const mode of MODES) {
    log(`bench/live: ${mode} mode, pass ${i + 1}/${REPEAT}, ${scenarios.length} scenarios …`);
    // Every mode starts on a quiet node: the last one's pods are still being torn down for a minute or more.
    await sayWhenQuiet(meter);
    const m = await measure(reached, scenarios, mode, meter, inFlight);
    log(`  ${sec(m.wallMs)}, ${m.probes} probes, ${m.nodeCpuSeconds.toFixed(1)} node CPU-s`);
    results.push(m);
  }
}

console.log(
  `bench/live: ${scenarios.length} scenarios (${SCENARIOS.join(', ')}), kind cluster ${KIND_CLUSTER} (nodes ${meter.nodes.join(', ')}), ${SCENARIOS_AT_ONCE} scenarios at once`,
);
const widths = [9, 9, 8, 9, 14, 18, 12, 12, 12];
console.log(
  row(
    ['mode', 'wall', 'probes', 'probes/s', 'node CPU-s', 'node CPU-s/probe', 'probe p50', 'enforce p50', 'enforce max'],
    widths,
  ),
);
for (const m of results) {
  const up = m.enforcement.map((e) => e.upperMs);
  console.log(
    row(
      [
        `${m.mode}${m.mode === 'session' ? '' : ''}`,
        sec(m.wallMs),
        String(m.probes),
        (m.probes / (m.wallMs / 1000)).toFixed(1),
        m.nodeCpuSeconds.toFixed(1),
        m.probes ? (m.nodeCpuSeconds / m.probes).toFixed(4) : '-',
        sec(median(m.probeMs)),
        sec(median(up)),
        sec(up.length ? Math.max(...up) : undefined),
      ],
      widths,
    ),
  );
}
for (const m of results) {
  const widthsMs = m.enforcement.map((e) => e.upperMs - e.lowerMs);
  const up = m.enforcement.map((e) => e.upperMs);
  if (m.mode !== 'worlds')
    console.log(
      `  ${m.mode}: enforcement over ${up.length} changes: median ${sec(median(up))}, p90 ${sec(percentile(up, 90))}, max ${sec(up.length ? Math.max(...up) : undefined)}; bracket width (resolution) median ${sec(median(widthsMs))}, p90 ${sec(percentile(widthsMs, 90))}, widest ${sec(widthsMs.length ? Math.max(...widthsMs) : undefined)}, ${widthsMs.filter((w) => w <= RESOLUTION_AIM_MS).length} of ${widthsMs.length} to ${sec(RESOLUTION_AIM_MS)} or better`,
    );
  console.log(
    `  ${m.mode}: namespaces gone ${m.cleanupMs === undefined ? 'not within 120 s' : `${sec(m.cleanupMs)}`} after the run's end`,
  );
  for (const e of m.errors) console.log(`  ${m.mode}: could not run ${e}`);
}
/** Where session mode and another mode gave a record different verdicts, if both ran. */
function printVerdictsDiffer(other: BenchMode, between: string, label: string): void {
  const [a, b] = [results.find((m) => m.mode === 'session'), results.find((m) => m.mode === other)];
  if (!a || !b) return;
  const differ = [...a.verdicts].filter(([k, v]) => b.verdicts.has(k) && b.verdicts.get(k) !== v);
  console.log(`  verdicts: ${a.verdicts.size} records; ${differ.length} differ between ${between}`);
  for (const [k, v] of differ) console.log(`    ${k}: session ${v}, ${label} ${b.verdicts.get(k)}`);
}
const perProbe = (mode: BenchMode) => {
  const ms = results.filter((m) => m.mode === mode);
  return (
    ms.reduce((a, m) => a + m.nodeCpuSeconds, 0) /
    Math.max(
      1,
      ms.reduce((a, m) => a + m.probes, 0),
    )
  );
};
/** The mean wall time and node CPU of a mode's passes. */
const meanOf = (mode: BenchMode) => {
  const ms = results.filter((m) => m.mode === mode);
  const mean = (f: (m: Measured) => number) => ms.reduce((a, m) => a + f(m), 0) / Math.max(1, ms.length);
  return { wallMs: mean((m) => m.wallMs), cpu: mean((m) => m.nodeCpuSeconds) };
};
if (MODES.includes('worlds')) {
  const floor = meanOf('worlds');
  console.log(
    `  worlds (the floor: the same namespaces, services and pods created, made Ready and deleted, ${SCENARIOS_AT_ONCE} scenarios at once, no probe, no policy): ${sec(floor.wallMs)}, ${floor.cpu.toFixed(1)} node CPU-s`,
  );
  for (const mode of MODES.filter((m) => m !== 'worlds')) {
    const m = meanOf(mode);
    console.log(
      `    ${mode}: ${sec(m.wallMs - floor.wallMs)} and ${(m.cpu - floor.cpu).toFixed(1)} node CPU-s above the floor (${((100 * m.cpu) / Math.max(1e-9, floor.cpu) - 100).toFixed(0)}% more node CPU)`,
    );
  }
}
if (MODES.includes('session') && MODES.includes('per-case')) {
  const [shared, perCase] = [meanOf('session'), meanOf('per-case')];
  console.log(
    `  shared worlds: wall, per-case / shared: ${(perCase.wallMs / shared.wallMs).toFixed(1)}x; node CPU-s, per-case / shared: ${(perCase.cpu / shared.cpu).toFixed(1)}x`,
  );
  printVerdictsDiffer('per-case', 'shared worlds and a world per case', 'per-case');
}
if (MODES.includes('session') && MODES.includes('exec')) {
  console.log(`  node CPU per probe, exec / session: ${(perProbe('exec') / perProbe('session')).toFixed(1)}x`);
  printVerdictsDiffer('exec', 'session and exec mode', 'exec');
}

if (MODES.includes('session') && MODES.includes('upstream')) {
  const rate = (mode: BenchMode) => {
    const ms = results.filter((m) => m.mode === mode);
    return (
      ms.reduce((a, m) => a + m.probes, 0) /
      Math.max(
        1e-9,
        ms.reduce((a, m) => a + m.wallMs / 1000, 0),
      )
    );
  };
  const wall = (mode: BenchMode) => results.filter((m) => m.mode === mode).reduce((a, m) => a + m.wallMs, 0);
  console.log(
    `  probes per second, session / upstream way (one exec per probe, ${UPSTREAM_WORKERS} workers): ${(rate('session') / rate('upstream')).toFixed(1)}x; wall, upstream / session: ${(wall('upstream') / wall('session')).toFixed(1)}x`,
  );
  console.log(
    `  node CPU per probe, upstream way / session: ${(perProbe('upstream') / perProbe('session')).toFixed(1)}x`,
  );
  printVerdictsDiffer('upstream', 'session mode and the upstream way', 'upstream way');
}

const sampleScenario = scenarios[0];
if (sampleScenario && SAMPLE > 0) {
  const sample = await documentsWay(reached, sampleScenario, meter);
  const podMs = sample.podMs.filter((d) => !Number.isNaN(d));
  const t = sample.transport;
  if (t) {
    const gross = (m: ProbeMode) => t.gross[m].cpuSeconds / t.gross[m].probes;
    const net = (m: ProbeMode) =>
      Math.max(0, t.gross[m].cpuSeconds - t.idlePerMs * t.gross[m].wallMs) / t.gross[m].probes;
    const line = (m: ProbeMode, atOnce: number) =>
      `${m} ${gross(m).toFixed(4)} node CPU-s per probe (${net(m).toFixed(4)} above idle), ${(t.gross[m].wallMs / t.gross[m].probes).toFixed(0)} ms of wall (${t.gross[m].probes} probes, ${atOnce} at once)`;
    console.log(
      `  transport alone (the same connects of ${sampleScenario.name} again and again, nothing else running; node idle ${(t.idlePerMs * 1000).toFixed(3)} CPU-s/s):`,
    );
    console.log(`    ${line('session', 16)}`);
    console.log(`    ${line('exec', 4)}`);
    console.log(
      `    exec / session: ${(gross('exec') / gross('session')).toFixed(1)}x per probe, ${net('session') > 0 ? `${(net('exec') / net('session')).toFixed(1)}x` : 'unbounded'} above idle`,
    );
  }
  if (podMs.length) {
    console.log(
      `  documents' way: ${podMs.length} allowed probes of ${sampleScenario.name} with \`kubectl run --rm\`: median ${sec(median(podMs))} per probe, ${(sample.cpuSeconds / podMs.length).toFixed(2)} node CPU-s per probe`,
    );
  }
}
