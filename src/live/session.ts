import { DockerOutsideHosts, type OutsideHostDriver } from '../cluster/outside-hosts.js';
import { runWithExeca } from '../cluster/program-runner.js';
import { EnvironmentError } from '../errors.js';
import { awaitHealthyEnvironment, DEFAULT_GATE, type GateOptions } from '../engine/environment/environment-gate.js';
import { DEFAULT_WATCH_INTERVAL_MS, type EnvironmentReport } from '../engine/environment/environment-watch.js';
import { realClock, type Clock } from '../engine/stabilize/stabilize.js';
import {
  clientImage,
  DEFAULT_SERVER_KEY,
  loadImageMap,
  PACKAGED_IMAGE_MAP_FILE,
  resolveImage,
  type ImageMap,
} from '../engine/setup/image-map.js';
import { newRunId } from '../engine/naming.js';
import { PreflightGate } from '../engine/preflight/preflight-gate.js';
import { placementNodes } from '../engine/setup/placement.js';
import { cleanUpRun } from '../engine/run/run-corpus.js';
import {
  DEFAULT_LIVE_OPTIONS,
  EXEC_STABILIZE,
  SESSION_STABILIZE,
  type LiveOptions,
} from '../engine/run/run-scenario.js';
import { runCorpusWatched } from '../engine/run/run-watched.js';
import type { WorldMode } from '../engine/run/shared-world.js';
import type { ScenarioRun } from '../engine/types.js';
import { createClusterRunner, DEFAULT_CONCURRENCY, type ProbeMode } from '../probe/create-runner.js';
import type { ProbeRunner } from '../probe/types.js';
import type { Scenario } from '../scenario/types.js';
import type { LiveCluster } from './cluster.js';
import { describeShape, readClusterShape, type ClusterShape } from '../cluster/shape.js';
import { handleInterrupt, type InterruptHandler, type Interrupts } from './interrupt.js';
import { preflightPasses } from './preflight.js';

function concurrencyOf(options: Pick<SessionOptions, 'concurrency' | 'probeMode'>): number {
  return options.concurrency ?? DEFAULT_CONCURRENCY[options.probeMode];
}

/** A probe runner the session owns: it frees a scenario's sessions when the scenario ends, and all of them at close. */
export type OwnedRunner = ProbeRunner & { release(ns: readonly string[]): Promise<void>; close(): Promise<void> };

export interface SessionOptions {
  probeMode: ProbeMode;
  /** Probes in flight at once, across all scenarios; default by probe mode. */
  concurrency?: number;
  probeTimeoutSeconds: number;
  /** Local stand-in images (offline/image-map.yaml) rather than the documents' own. */
  offline: boolean;
  /** Keep each scenario's namespaces (and, on interrupt, everything) instead of deleting them. */
  retain: boolean;
  /** On an existing cluster with real egress: probe the documented outside addresses as written. */
  external?: boolean;
  /** Prove that the cluster enforces NetworkPolicy alongside the first run's setup; no probe is sent before it passed. */
  preflight: boolean;
  /** How long the preflight's deny policy may take to be enforced (default: the preflight's own). */
  preflightDeadlineSeconds?: number;
  /** Progress lines (stderr). */
  progress: (line: string) => void;
  /** Changes to the live options (tests shorten the timings). */
  overrides?: Partial<LiveOptions>;
  /** Where Ctrl-C cleanups are registered (default: the process's SIGINT). */
  interrupts?: Interrupts;
  /** Wraps the probe runner (bench:live counts what it sends). */
  wrapRunner?: (runner: OwnedRunner) => OwnedRunner;
  /** How often the environment watcher looks at the CNI agents, DNS and nodes. */
  watchIntervalMs?: number;
  /**
   * Before the first run: wait this long for an unhealthy environment (a CNI agent restarting) to
   * be healthy and settled, else fail with EnvironmentError (default DEFAULT_GATE; false: start at once).
   */
  environmentGate?: Partial<Omit<GateOptions, 'progress'>> | false;
  /** The gate's clock (tests inject one). */
  clock?: Clock;
}

export interface CompletedRun {
  outcome: 'ran';
  runs: ScenarioRun[];
  runId: string;
  durationMs: number;
  environment: EnvironmentReport;
  /** What the verdicts came from: CNI, Kubernetes, nodes, IP family, probe mode, images, harness. */
  shape: ClusterShape;
}

/** The preflight failed: nothing was probed, what the scenarios had set up is deleted, and no report is due. */
export interface PreflightFailedRun {
  outcome: 'preflight-failed';
}

export type LiveRunResult = CompletedRun | PreflightFailedRun;

export interface RunSettings {
  /** Scenarios set up and run at once (their pods share the nodes). */
  parallel: number;
  /** shared (default): cases declaring the same world run in turn on copies of it; per-case: each in its own. */
  world?: WorldMode;
}

/**
 * A started live session on a connected cluster: one probe runner (probe sessions or execs), the
 * stand-ins' driver on kind, and the Ctrl-C cleanup. It runs corpora (`run`, as often as wanted)
 * and is closed once (`close`, or `await using`). The one way anything in this project runs
 * scenarios live: the CLI's `run`, the live mocha suites, capture's round trip and bench:live.
 */
export class LiveSession implements AsyncDisposable {
  private readonly inFlight = new Set<string>();
  private readonly interrupt: InterruptHandler;
  private preflightDone: boolean;
  private gatePassed: boolean;
  private closed = false;

  private constructor(
    readonly cluster: LiveCluster,
    private readonly options: SessionOptions,
    readonly runner: OwnedRunner,
    private readonly outside: OutsideHostDriver | undefined,
    private readonly images: ImageMap,
  ) {
    this.preflightDone = !options.preflight;
    this.gatePassed = options.environmentGate === false;
    this.interrupt = (options.interrupts ?? handleInterrupt)(() => this.onInterrupt(), options.progress);
  }

  /** Starts a session: the runner and the stand-ins' driver are created, Ctrl-C now cleans up. */
  static start(cluster: LiveCluster, options: SessionOptions): LiveSession {
    const images = loadImageMap(PACKAGED_IMAGE_MAP_FILE);
    // On kind, documented outside addresses get stand-ins on the kind network; any other cluster sends nothing outside.
    const onKind = cluster.kindName !== undefined && !options.external;
    const outside = onKind
      ? new DockerOutsideHosts(runWithExeca, resolveImage(DEFAULT_SERVER_KEY, images, true), clientImage(images, true))
      : undefined;
    const created = createClusterRunner(
      cluster.kube,
      options.probeMode,
      concurrencyOf(options),
      options.progress,
      onKind ? runWithExeca : undefined,
    );
    const runner = options.wrapRunner ? options.wrapRunner(created) : created;
    return new LiveSession(cluster, options, runner, outside, images);
  }

  /** The probes in flight at once. */
  get concurrency(): number {
    return concurrencyOf(this.options);
  }

  /**
   * Runs the scenarios, `parallel` at once, while the environment is watched; the first run of a
   * session with the preflight has it alongside its setup. Each scenario's namespaces are deleted
   * when it ends unless retained.
   */
  async run(scenarios: readonly Scenario[], settings: RunSettings): Promise<LiveRunResult> {
    if (this.closed) throw new Error('this live session is closed');
    const { progress, probeMode } = this.options;
    const runId = newRunId();
    const started = Date.now();
    progress(
      `run ${runId}: ${scenarios.length} scenarios, ${settings.parallel} at once, ${this.concurrency} probes in flight, probe timeout ${this.options.probeTimeoutSeconds} s, probes by ${probeMode === 'session' ? 'a probe session per container' : 'one exec per probe'}`,
    );
    const { shape, nodes } = await readClusterShape(this.cluster.kube, {
      probeMode,
      offline: this.options.offline,
    });
    progress(`cluster shape: ${describeShape(shape)}`);
    const placement = placementNodes(nodes);
    if (placement.names.length >= 2)
      progress(
        `${placement.names.length} nodes: each scenario's pods go round ${placement.names.join(', ')} in the order they are declared (unless a pod says node:)${placement.tolerateControlPlane ? ', the control plane tolerated' : ''}`,
      );
    if (!this.gatePassed) await this.passGate();
    const preflight = this.preflightDone
      ? undefined
      : preflightPasses(
          this.cluster.kube,
          {
            offline: this.options.offline,
            retain: this.options.retain,
            timeout: this.options.probeTimeoutSeconds,
            probeMode,
            ...(this.options.preflightDeadlineSeconds ? { deadline: this.options.preflightDeadlineSeconds } : {}),
          },
          progress,
          this.options.interrupts,
        );
    let watched;
    try {
      watched = await runCorpusWatched(
        scenarios,
        {
          kube: this.cluster.kube,
          runner: this.runner,
          runId,
          images: this.images,
          options: {
            ...DEFAULT_LIVE_OPTIONS,
            stabilize: probeMode === 'exec' ? EXEC_STABILIZE : SESSION_STABILIZE,
            probeTimeoutSeconds: this.options.probeTimeoutSeconds,
            offline: this.options.offline,
            ...this.options.overrides,
          },
          progress,
          ...(this.outside ? { outside: this.outside } : {}),
          ...(this.options.external ? { externalAsWritten: true } : {}),
          ...(preflight ? { preflight: new PreflightGate(preflight) } : {}),
          clusterPolicyPreflight: this.options.preflight,
          ...(placement.names.length >= 2 ? { placement } : {}),
          ...(shape.ipFamily === 'dual' ? { dualStack: true } : {}),
        },
        {
          scenarioConcurrency: settings.parallel,
          retain: this.options.retain,
          started: this.inFlight,
          ...(settings.world ? { world: settings.world } : {}),
        },
        { pollIntervalMs: this.options.watchIntervalMs ?? DEFAULT_WATCH_INTERVAL_MS },
      );
    } finally {
      // Never left running: the preflight deletes its own namespace when it ends.
      await preflight?.catch(() => false);
    }
    if (preflight) {
      if (!(await preflight)) return { outcome: 'preflight-failed' };
      this.preflightDone = true;
    }
    return {
      outcome: 'ran',
      runs: watched.runs,
      runId,
      durationMs: Date.now() - started,
      environment: watched.environment,
      shape,
    };
  }

  /** Waits for a healthy, settled environment; throws EnvironmentError when it does not come. */
  private async passGate(): Promise<void> {
    const settings = { ...DEFAULT_GATE, ...(this.options.environmentGate || {}) };
    const result = await awaitHealthyEnvironment(this.cluster.kube, this.options.clock ?? realClock, {
      ...settings,
      progress: this.options.progress,
    });
    if (!result.healthy)
      throw new EnvironmentError(
        `what enforcement depends on was not healthy within ${settings.deadlineSeconds} s, so nothing was run: ${result.problems.join('; ')}${result.history.length ? `\nseen while waiting:\n  ${result.history.join('\n  ')}` : ''}`,
        'kubectl get pods -A shows the CNI agents; on kind, `netpol-harness up` waits for them',
      );
    this.gatePassed = true;
  }

  /**
   * Closes the probe sessions and stops listening for Ctrl-C. Each scenario's namespaces were
   * deleted as it ended; those of scenarios a failure cut short are deleted here (unless retained).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.runner.close();
      for (const id of this.inFlight) {
        await cleanUpRun(this.cluster.kube, id, this.options.retain, this.options.progress);
        await this.outside?.stop(id);
      }
    } finally {
      this.interrupt.dispose();
    }
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  private async onInterrupt(): Promise<void> {
    const { progress, retain } = this.options;
    progress(`interrupted: ${retain ? 'keeping' : 'deleting'} the namespaces of the scenarios in flight`);
    await this.runner.close();
    const ids = [...this.inFlight];
    try {
      await Promise.all(ids.map((id) => cleanUpRun(this.cluster.kube, id, retain, progress)));
      if (this.outside) await Promise.all(ids.map((id) => this.outside?.stop(id)));
    } catch (err) {
      throw new Error(`${err instanceof Error ? err.message : String(err)}; run \`netpol-harness clean\``, {
        cause: err,
      });
    }
  }
}
