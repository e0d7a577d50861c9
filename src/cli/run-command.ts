import { Command, InvalidArgumentError, Option } from 'commander';
import type { ClusterDriver } from '../cluster/driver.js';
import { createClusterDriver } from '../cluster/select-driver.js';
import { CNI_NAMES, defaultClusterName, type CniName } from '../cluster/cni.js';
import { createProgress } from '../cluster/progress.js';
import { loadImageMap } from '../engine/image-map.js';
import { newRunId } from '../engine/naming.js';
import { cleanUpRun, DEFAULT_PARALLEL_SCENARIOS, runCorpusLive } from '../engine/run-corpus.js';
import { DEFAULT_LIVE_OPTIONS, EXEC_STABILIZE, SESSION_STABILIZE, type LiveOptions } from '../engine/run-scenario.js';
import type { ScenarioRun } from '../engine/types.js';
import { EnvironmentError, EXIT } from '../errors.js';
import { ClusterKubeClient } from '../kube/client.js';
import type { KubeClient } from '../kube/types.js';
import { createClusterRunner, DEFAULT_CONCURRENCY, DEFAULT_PROBE_MODE, PROBE_MODES, type ProbeMode } from '../probe/create-runner.js';
import { renderJunit } from '../report/junit.js';
import { renderLiveScenario, renderLiveSummary, explainRecord } from '../report/live-console.js';
import { liveProbeJson } from '../report/live-json.js';
import { renderLiveMarkdown } from '../report/live-markdown.js';
import { isFailure, summarizeLive } from '../report/live-summary.js';
import { colors } from '../report/table.js';
import { loadScenarios } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';
import { writeOutput } from './check-command.js';
import { FlagError, type CommandInstaller, type Io } from './program.js';
import { handleInterrupt } from './interrupt.js';

export interface RunOptions {
  /** Probes in flight at once; default by probe mode. */
  concurrency?: number;
  /** Scenarios set up and run at once (their pods share the nodes). */
  parallel: number;
  kubeconfig?: string;
  context?: string;
  /** Without --kubeconfig/--context: the kind cluster with this CNI (its default name). */
  cni?: CniName;
  offline?: boolean;
  retain?: boolean;
  json?: string;
  junit?: string;
  markdown?: string;
  timeout: number;
  color: boolean;
  probeMode: ProbeMode;
}

const IMAGE_MAP_FILE = new URL('../../offline/image-map.yaml', import.meta.url).pathname;

function positiveInt(flag: string): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (Number.isInteger(n) && n > 0) return n;
    throw new InvalidArgumentError(`${flag} must be a whole number above 0, got "${v}"`);
  };
}

/** The cluster to run on: an existing one (--kubeconfig/--context), else the kind cluster, created if missing (`up`). */
export function chooseDriver(opts: Pick<RunOptions, 'kubeconfig' | 'context' | 'offline' | 'cni'>): ClusterDriver {
  if (opts.cni && (opts.kubeconfig || opts.context)) {
    throw new FlagError('--cni', opts.cni, 'names the kind cluster to run on; with --kubeconfig or --context the cluster is already chosen (leave --cni out)');
  }
  return createClusterDriver({
    engine: opts.kubeconfig || opts.context ? 'kubeconfig' : 'kind',
    ...(opts.cni ? { cni: opts.cni, name: defaultClusterName(opts.cni) } : {}),
    ...(opts.kubeconfig ? { kubeconfigPath: opts.kubeconfig } : {}),
    ...(opts.context ? { context: opts.context } : {}),
    ...(opts.offline === undefined ? {} : { offline: opts.offline }),
  });
}

/** Connects to the cluster (bringing kind up when needed) and returns a client for it. */
export async function connect(opts: Pick<RunOptions, 'kubeconfig' | 'context' | 'offline' | 'cni'>, io: Io): Promise<{ kube: KubeClient; description: string }> {
  const driver = chooseDriver(opts);
  await driver.ensureUp(createProgress(io.err));
  return { kube: new ClusterKubeClient(await driver.kubeconfig()), description: driver.describe() };
}

/** Runs scenarios live on a connected cluster; cleans up by run id unless retained, also on Ctrl-C. */
export async function runLive(scenarios: Scenario[], kube: KubeClient, opts: RunOptions, io: Io, overrides: Partial<LiveOptions> = {}): Promise<{ runs: ScenarioRun[]; runId: string; durationMs: number }> {
  const runId = newRunId();
  const started = Date.now();
  const inFlight = new Set<string>();
  const concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY[opts.probeMode];
  io.err(
    `run ${runId}: ${scenarios.length} scenarios, ${opts.parallel} at once, ${concurrency} probes in flight, probe timeout ${opts.timeout} s, probes by ${opts.probeMode === 'session' ? 'a probe session per container' : 'one exec per probe'}`,
  );
  const runner = createClusterRunner(kube, opts.probeMode, concurrency, io.err);
  const interrupt = handleInterrupt(async () => {
    io.err(`interrupted: ${opts.retain ? 'keeping' : 'deleting'} the namespaces of run ${runId}`);
    await runner.close();
    try {
      await Promise.all([...inFlight].map((id) => cleanUpRun(kube, id, Boolean(opts.retain), io.err)));
    } catch (err) {
      throw new Error(`${err instanceof Error ? err.message : String(err)}; run \`netpol-harness clean\``, { cause: err });
    }
  }, io.err);
  try {
    const runs = await runCorpusLive(
      scenarios,
      {
        kube,
        runner,
        runId,
        images: loadImageMap(IMAGE_MAP_FILE),
        options: { ...DEFAULT_LIVE_OPTIONS, stabilize: opts.probeMode === 'exec' ? EXEC_STABILIZE : SESSION_STABILIZE, probeTimeoutSeconds: opts.timeout, offline: opts.offline !== false, ...overrides },
        progress: io.err,
      },
      { scenarioConcurrency: opts.parallel, retain: Boolean(opts.retain), started: inFlight },
    );
    return { runs, runId, durationMs: Date.now() - started };
  } finally {
    await runner.close();
    interrupt.dispose();
  }
}

/** Prints and writes the reports; returns the exit code (DESIGN.md: 0 pass, 1 failed or disagreed, 3 environment). */
export function reportRuns(runs: ScenarioRun[], runId: string, durationMs: number, opts: RunOptions, io: Io): number {
  const c = colors(opts.color);
  for (const run of runs) io.out(renderLiveScenario(run, c) + '\n');
  const summary = summarizeLive(runs, durationMs);
  const records = runs.flatMap((r) => r.records);
  const failed = records.filter((r) => isFailure(r.verdict.verdict));
  if (failed.length) {
    io.out(c.bold(`not passing (${failed.length}):`));
    for (const r of failed) io.out(`  ${r.scenario} / ${r.step}\n${explainRecord(r, c).join('\n')}`);
    io.out('');
  }
  io.out(renderLiveSummary(summary, c));
  if (opts.json) writeOutput(opts.json, records.map((r) => JSON.stringify(liveProbeJson(r, runs.find((x) => x.scenario.name === r.scenario)?.runId ?? runId))).join('\n') + (records.length ? '\n' : ''));
  if (opts.junit) {
    const cases = records.map((record) => ({
      record,
      details: [`live: ${record.live.outcome}${record.live.reason ? ` (${record.live.reason})` : ''}`, ...(record.live.result?.repro ? [`repro: ${record.live.result.repro}`] : [])],
      ...(record.live.result ? { seconds: record.live.result.durationMs / 1000 } : {}),
    }));
    writeOutput(opts.junit, renderJunit(`netpol-harness run ${runId}`, cases));
  }
  if (opts.markdown) writeOutput(opts.markdown, renderLiveMarkdown(runs, summary));
  if (runs.some((r) => r.error !== undefined)) return EXIT.environment;
  return failed.length ? EXIT.failed : EXIT.ok;
}

export const installRunCommand: CommandInstaller = (program: Command, io: Io, setExit: (code: number) => void) => {
  program
    .command('run')
    .description('run scenarios live on the kind cluster (created when missing) or an existing one, and compare document, model and cluster per probe')
    .argument('[paths...]', 'scenario files or directories', ['scenarios'])
    .addOption(new Option('--concurrency <n>', `probes in flight at once, across all scenarios (default: ${DEFAULT_CONCURRENCY.session} with sessions, ${DEFAULT_CONCURRENCY.exec} with exec)`).argParser(positiveInt('--concurrency')))
    .addOption(new Option('--parallel <n>', 'scenarios set up and run at once (their pods share the nodes)').argParser(positiveInt('--parallel')).default(DEFAULT_PARALLEL_SCENARIOS))
    .option('--kubeconfig <file>', 'run on an existing cluster from this kubeconfig (no kind)')
    .option('--context <name>', 'run on an existing cluster: this kubeconfig context (no kind)')
    .addOption(new Option('--cni <name>', 'without --kubeconfig/--context: the kind cluster with this CNI, under its default name (as `up --cni`)').choices([...CNI_NAMES]))
    .option('--offline', 'local stand-in images (offline/image-map.yaml) and node image (default)')
    .option('--no-offline', "the documents' images, pulled by the nodes; kind's default node image")
    .option('--retain', 'keep the namespaces (and everything in them) after the run')
    .option('--json <file>', 'write one JSON record per probe (JSON lines)')
    .option('--junit <file>', 'write JUnit XML')
    .option('--markdown <file>', 'write a Markdown summary (CI job summary)')
    .addOption(
      new Option('--probe-mode <mode>', 'how probes reach the client containers: session (one long-lived agent per container, many probes per exec) or exec (one container exec per probe, the conservative way)')
        .choices([...PROBE_MODES])
        .default(DEFAULT_PROBE_MODE),
    )
    .addOption(new Option('--timeout <seconds>', 'probe timeout per attempt').argParser(positiveInt('--timeout')).default(DEFAULT_LIVE_OPTIONS.probeTimeoutSeconds))
    .addOption(new Option('--no-color', 'no colours').default(io.colorOut))
    .action(async (paths: string[], opts: RunOptions) => {
      const scenarios = loadScenarios(paths);
      let connected;
      try {
        connected = await connect(opts, io);
      } catch (err) {
        if (err instanceof EnvironmentError) throw err;
        throw new EnvironmentError(`cannot reach the cluster: ${err instanceof Error ? err.message : String(err)}`, 'netpol-harness up, or pass --kubeconfig/--context', { cause: err });
      }
      io.err(`cluster: ${connected.description}`);
      const { runs, runId, durationMs } = await runLive(scenarios, connected.kube, opts, io);
      setExit(reportRuns(runs, runId, durationMs, opts, io));
    });
};
