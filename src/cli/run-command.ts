import { Command, InvalidArgumentError, Option } from 'commander';
import { InputError } from '../problems.js';
import type { ClusterDriver } from '../cluster/driver.js';
import { createClusterDriver } from '../cluster/select-driver.js';
import { CNI_NAMES, DEFAULT_CNI, defaultClusterName, type CniName } from '../cluster/cni.js';
import { IP_FAMILIES, type IpFamily } from '../cluster/ip-family.js';
import { createProgress } from '../cluster/progress.js';
import { DEFAULT_PARALLEL_SCENARIOS } from '../engine/run/run-corpus.js';
import { DEFAULT_LIVE_OPTIONS } from '../engine/run/run-scenario.js';
import { connectCluster, type LiveCluster } from '../live/cluster.js';
import { LiveSession, type SessionOptions } from '../live/session.js';
import { EnvironmentError, EXIT } from '../errors.js';
import { DEFAULT_CONCURRENCY, DEFAULT_PROBE_MODE, PROBE_MODES, type ProbeMode } from '../probe/create-runner.js';
import { loadScenarios } from '../scenario/load.js';
import { reportRuns } from '../report/live-reports.js';

export { reportRuns };
import type { Scenario } from '../scenario/types.js';
import { FlagError } from '../errors.js';
import { imagesForScenarios, loadImageMap, PACKAGED_IMAGE_MAP_FILE } from '../engine/setup/image-map.js';
import { mirrorText, type Mirror } from '../cluster/registry-mirror.js';
import { registryMirrorOption } from './cluster-options.js';
import { terminalText } from '../terminal-text.js';
import { WORLD_MODES, type WorldMode } from '../engine/run/shared-world.js';
import type { CommandInstaller, Io } from './program.js';
import { defaultRunSet, runSetOption, selectShard, shardOption, type Shard } from './shard.js';
import { addGateOptions, gateFromFlags } from './gate-options.js';
import { corpusFingerprint } from '../scenario/fingerprint.js';
import type { Gate } from '../report/gate.js';
import type { LiveReportOptions } from '../report/live-reports.js';
import { stdoutReport } from '../report/stdout-report.js';

export interface RunOptions {
  /** Probes in flight at once; default by probe mode. */
  concurrency?: number;
  /** Scenarios set up and run at once (their pods share the nodes). */
  parallel: number;
  /** kind (the default) or current: an existing cluster found as kubectl finds it. */
  cluster?: 'kind' | 'current';
  kubeconfig?: string;
  context?: string;
  /** Without --kubeconfig/--context: the kind cluster with this CNI (its default name). */
  cni?: CniName;
  /** Without --kubeconfig/--context: the kind cluster of this address family (its default name). */
  ipFamily?: IpFamily;
  offline?: boolean;
  retain?: boolean;
  json?: string;
  junit?: string;
  markdown?: string;
  html?: string;
  timeout: number;
  color: boolean;
  probeMode: ProbeMode;
  /** Only this part of the corpus (`--shard i/n`). */
  shard?: Shard;
  /** Run without first proving that the cluster enforces NetworkPolicy. */
  skipPreflight?: boolean;
  /** On an existing cluster with real egress: send probes to the documented outside addresses as written. */
  external?: boolean;
  /** kind only: pull every image through this mirror. */
  registryMirror?: Mirror;
  /** shared: cases declaring the same world run in turn on copies of it, created once. */
  world?: WorldMode;
  /** `--run-set`: what ties this run's shards together. */
  runSet?: string;
  /** `--fail-on`, `--baseline`, `--write-baseline` as given. */
  failOn?: string;
  baseline?: string;
  writeBaseline?: string;
  /** What fails the run, from the flags above (run's default when absent). */
  gate?: Gate;
  /** The run set, shard and corpus the JSON header names. */
  shardSet?: LiveReportOptions['shardSet'];
}

function positiveInt(flag: string): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (Number.isInteger(n) && n > 0) return n;
    throw new InvalidArgumentError(`${flag} must be a whole number above 0, got "${v}"`);
  };
}

/** The cluster to run on: an existing one (--cluster current, --kubeconfig/--context), else the kind cluster (of --cni), created if missing (`up`). */
export function chooseDriver(
  opts: Pick<RunOptions, 'cluster' | 'kubeconfig' | 'context' | 'offline' | 'cni' | 'ipFamily' | 'registryMirror'>,
  mirrorImages?: { images: string[]; what: string },
): ClusterDriver {
  if (opts.registryMirror && (opts.cluster === 'current' || opts.kubeconfig || opts.context))
    throw new FlagError(
      '--registry-mirror',
      mirrorText(opts.registryMirror),
      'configures the kind cluster this command brings up; an existing cluster pulls as its own nodes are configured',
    );
  if (opts.cluster === 'kind' && (opts.kubeconfig || opts.context))
    throw new FlagError(
      '--cluster',
      'kind',
      '--kubeconfig and --context choose an existing cluster: use --cluster current, or drop them',
    );
  if (opts.cni && (opts.cluster === 'current' || opts.kubeconfig || opts.context)) {
    throw new FlagError(
      '--cni',
      opts.cni,
      'names the kind cluster to run on; with --cluster current, --kubeconfig or --context the cluster is already chosen (leave --cni out)',
    );
  }
  if (opts.ipFamily && (opts.cluster === 'current' || opts.kubeconfig || opts.context)) {
    throw new FlagError(
      '--ip-family',
      opts.ipFamily,
      'names the kind cluster to run on; with --cluster current, --kubeconfig or --context the cluster is already chosen (leave --ip-family out)',
    );
  }
  const kindName =
    opts.cni || opts.ipFamily ? defaultClusterName(opts.cni ?? DEFAULT_CNI, opts.ipFamily ?? 'ipv4') : undefined;
  return createClusterDriver({
    engine: opts.cluster === 'current' || opts.kubeconfig || opts.context ? 'kubeconfig' : 'kind',
    ...(opts.cni ? { cni: opts.cni } : {}),
    ...(kindName ? { name: kindName } : {}),
    ...(opts.ipFamily ? { ipFamily: opts.ipFamily } : {}),
    ...(opts.kubeconfig ? { kubeconfigPath: opts.kubeconfig } : {}),
    ...(opts.context ? { context: opts.context } : {}),
    ...(opts.offline === undefined ? {} : { offline: opts.offline }),
    ...(opts.registryMirror ? { registryMirror: opts.registryMirror } : {}),
    ...(opts.registryMirror && mirrorImages ? { mirrorImages } : {}),
  });
}

/** `--cluster kind|current`: run and preflight choose the cluster alike. */
export function clusterOption(): Option {
  return new Option(
    '--cluster <which>',
    'kind: the kind cluster, created when missing (default); current: an existing cluster, from --kubeconfig, else $KUBECONFIG, else ~/.kube/config, as kubectl',
  ).choices(['kind', 'current']);
}

/** Says when KUBECONFIG is set but the kind cluster is used (no --cluster, --kubeconfig or --context). */
export function noteKubeconfigIgnored(
  opts: Pick<RunOptions, 'cluster' | 'kubeconfig' | 'context'>,
  io: Io,
  command: 'run' | 'preflight',
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (!opts.cluster && !opts.kubeconfig && !opts.context && env.KUBECONFIG)
    io.err(
      `note: KUBECONFIG is set, but ${command} uses the kind cluster unless told otherwise: --cluster current ${command === 'run' ? 'runs' : 'checks'} on its current context`,
    );
}

/** Connects to the cluster (bringing kind up when needed). */
export function connect(
  opts: Pick<RunOptions, 'cluster' | 'kubeconfig' | 'context' | 'offline' | 'cni' | 'ipFamily' | 'registryMirror'>,
  io: Io,
  mirrorImages?: { images: string[]; what: string },
): Promise<LiveCluster> {
  return connectCluster(chooseDriver(opts, mirrorImages), createProgress(io.err));
}

/** The live session a run's flags ask for. */
export function sessionOptions(opts: RunOptions, io: Io, cluster?: Pick<LiveCluster, 'imagesOffline'>): SessionOptions {
  return {
    probeMode: opts.probeMode,
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
    probeTimeoutSeconds: opts.timeout,
    // Neither --offline nor --no-offline: the images the kind cluster was brought up with.
    offline: opts.offline ?? cluster?.imagesOffline ?? true,
    retain: Boolean(opts.retain),
    ...(opts.external ? { external: true } : {}),
    preflight: !opts.skipPreflight,
    progress: (line) => io.err(terminalText(line)),
  };
}

/**
 * The run: a live session on the cluster, the preflight alongside its setup (unless skipped), then
 * the reports. Returns the exit code: 3 when the preflight failed (no report is written, and what
 * the scenarios had set up is deleted), else the reports' (reportRuns).
 */
export async function runWithPreflight(
  scenarios: Scenario[],
  cluster: LiveCluster,
  opts: RunOptions,
  io: Io,
  session: Partial<SessionOptions> = {},
): Promise<number> {
  await using live = LiveSession.start(cluster, { ...sessionOptions(opts, io, cluster), ...session });
  const run = await live.run(scenarios, { parallel: opts.parallel, ...(opts.world ? { world: opts.world } : {}) });
  if (run.outcome === 'preflight-failed') return EXIT.environment;
  return reportRuns(run, opts, io);
}

export const installRunCommand: CommandInstaller = (program: Command, io: Io, setExit: (code: number) => void) => {
  const run = program
    .command('run')
    .description(
      'run scenarios live on the kind cluster (created when missing) or an existing one, and compare document, model and cluster per probe',
    )
    .argument('[paths...]', 'scenario files or directories', ['scenarios'])
    .addOption(
      new Option(
        '--concurrency <n>',
        `probes in flight at once, across all scenarios (default: ${DEFAULT_CONCURRENCY.session} with sessions, ${DEFAULT_CONCURRENCY.exec} with exec)`,
      ).argParser(positiveInt('--concurrency')),
    )
    .addOption(
      new Option('--parallel <n>', 'scenarios set up and run at once (their pods share the nodes)')
        .argParser(positiveInt('--parallel'))
        .default(DEFAULT_PARALLEL_SCENARIOS),
    )
    .addOption(clusterOption())
    .option('--kubeconfig <file>', 'run on an existing cluster from this kubeconfig (no kind)')
    .option('--context <name>', 'run on an existing cluster: this kubeconfig context (no kind)')
    .addOption(
      new Option(
        '--cni <name>',
        'without --kubeconfig/--context: the kind cluster with this CNI, under its default name (as `up --cni`)',
      ).choices([...CNI_NAMES]),
    )
    .addOption(
      new Option(
        '--ip-family <family>',
        'without --kubeconfig/--context: the kind cluster of this address family, under its default name (as `up --ip-family`)',
      ).choices([...IP_FAMILIES]),
    )
    .option(
      '--offline',
      'local stand-in images (offline/image-map.yaml) and node image (default: when the kind cluster runs the locally built node image)',
    )
    .option(
      '--no-offline',
      "the documents' images, pulled by the nodes; node image kindest/node of the proven Kubernetes version",
    )
    .addOption(registryMirrorOption())
    .option('--retain', 'keep the namespaces (and everything in them) after the run')
    .option('--json <file>', "write one JSON record per probe (JSON lines; '-': stdout)")
    .option('--junit <file>', "write JUnit XML ('-': stdout)")
    .option('--markdown <file>', "write a Markdown summary (CI job summary; '-': stdout)")
    .option(
      '--html <file>',
      "write a self-contained HTML report (truth tables; click a cell for its detail; '-': stdout)",
    )
    .addOption(
      new Option(
        '--probe-mode <mode>',
        'how probes reach the client containers: session (one long-lived agent per container, many probes per exec) or exec (one container exec per probe, the conservative way)',
      )
        .choices([...PROBE_MODES])
        .default(DEFAULT_PROBE_MODE),
    )
    .addOption(
      new Option('--timeout <seconds>', 'probe timeout per attempt')
        .argParser(positiveInt('--timeout'))
        .default(DEFAULT_LIVE_OPTIONS.probeTimeoutSeconds),
    )
    .addOption(
      new Option(
        '--world <mode>',
        'shared: cases that declare the same world (the conformance corpus) run in turn on copies of it, created once, reset and proven clean between cases; per-case: every scenario in a world of its own',
      )
        .choices([...WORLD_MODES])
        .default('shared'),
    )
    .addOption(shardOption())
    .addOption(runSetOption())
    .option(
      '--skip-preflight',
      'do not first prove that the cluster enforces NetworkPolicy (`netpol-harness preflight`)',
    )
    .addOption(new Option('--no-color', 'no colours').default(io.colorOut))
    .option(
      '--external',
      'on an existing cluster with real egress (--kubeconfig/--context): probe the documented outside addresses (`outside:`) themselves; on kind, stand-ins on the kind network answer for them, and nothing leaves the machine',
    );
  addGateOptions(run, 'run').action(async (paths: string[], opts: RunOptions) => {
    if (opts.external && !(opts.kubeconfig || opts.context || opts.cluster === 'current')) {
      throw new InputError([
        {
          file: '--external',
          line: 0,
          column: 0,
          path: '',
          message:
            'sends probes to addresses outside this machine, so it is for an existing cluster only (--cluster current, --kubeconfig or --context); on kind, stand-ins answer for the outside addresses',
        },
      ]);
    }
    // Bad --fail-on or --baseline, two reports to stdout: exit 2 before anything is set up.
    const gate = gateFromFlags(opts, 'run');
    stdoutReport(opts);
    // A registry mirror is for pulling: the documents' images, unless --offline says otherwise.
    if (opts.registryMirror && opts.offline === undefined) opts.offline = false;
    const corpus = loadScenarios(paths);
    const { scenarios, note } = selectShard(corpus, opts.shard);
    if (note) io.err(note);
    const runSet = opts.runSet ?? defaultRunSet();
    const shardSet = {
      ...(runSet ? { runSet } : {}),
      ...(opts.shard ? { shard: `${opts.shard.index}/${opts.shard.count}` } : {}),
      corpus: corpusFingerprint(corpus),
    };
    noteKubeconfigIgnored(opts, io, 'run');
    let connected;
    try {
      const images = opts.registryMirror
        ? {
            images: imagesForScenarios(scenarios, loadImageMap(PACKAGED_IMAGE_MAP_FILE), opts.offline !== false),
            what: `the ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}`,
          }
        : undefined;
      connected = await connect(opts, io, images);
    } catch (err) {
      if (err instanceof EnvironmentError) throw err;
      throw new EnvironmentError(
        `cannot reach the cluster: ${err instanceof Error ? err.message : String(err)}`,
        'netpol-harness up, or pass --kubeconfig/--context',
        { cause: err },
      );
    }
    io.err(terminalText(`cluster: ${connected.description}`));
    setExit(await runWithPreflight(scenarios, connected, { ...opts, gate, shardSet }, io));
  });
};
