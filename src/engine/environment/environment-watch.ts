// Watches what enforcement depends on while a run is in progress: polls the cluster every
// second and feeds the pure FaultRecorder. Read-only; never throws once started.
import type { KubeClient } from '../../kube/types.js';
import { DEPENDENCY_NAMESPACES, dependenciesOf, type Dependency } from './environment-deps.js';
import {
  describeFault,
  FaultRecorder,
  type EnvironmentSnapshot,
  type Fault,
  type PollTime,
} from './environment-health.js';
import type { Clock } from '../stabilize/stabilize.js';

export const DEFAULT_WATCH_INTERVAL_MS = 1000;

export interface WatchOptions {
  pollIntervalMs: number;
  /** Where to look for the CNI's agents and DNS (default: DEPENDENCY_NAMESPACES). */
  namespaces?: readonly string[];
  /** A line when a fault starts or ends (stderr progress). */
  progress?: (line: string) => void;
}

/** What the watch saw: what it watched, and every unhealthy interval. */
export interface EnvironmentReport {
  dependencies: Dependency[];
  nodes: string[];
  faults: Fault[];
  startedMs: number;
  endedMs: number;
}

export async function identifyDependencies(kube: KubeClient, namespaces: readonly string[]): Promise<Dependency[]> {
  const lists = await Promise.all(namespaces.map((ns) => kube.listWorkloads(ns)));
  return dependenciesOf(lists.flat());
}

/** One poll: the nodes, and the workloads and pods of the namespaces the dependencies live in. */
export async function readEnvironment(kube: KubeClient, deps: readonly Dependency[]): Promise<EnvironmentSnapshot> {
  const namespaces = [...new Set(deps.map((d) => d.namespace))];
  const [nodes, workloads, pods] = await Promise.all([
    kube.listNodes(),
    Promise.all(namespaces.map((ns) => kube.listWorkloads(ns))),
    Promise.all(namespaces.map((ns) => kube.listPods(ns))),
  ]);
  return { nodes, workloads: workloads.flat(), pods: pods.flat() };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class EnvironmentWatcher {
  private readonly recorder: FaultRecorder;
  private stopping = false;
  private wake: () => void = () => undefined;
  private readonly stopped = new Promise<void>((resolve) => (this.wake = resolve));
  private loop: Promise<void> = Promise.resolve();
  private readonly announced = new Set<string>();
  private nodes: string[] = [];

  private constructor(
    private readonly kube: KubeClient,
    readonly dependencies: Dependency[],
    private readonly opts: WatchOptions,
    private readonly clock: Clock,
    private readonly startedMs: number,
  ) {
    this.recorder = new FaultRecorder(dependencies);
  }

  /**
   * Finds the dependencies, takes the first snapshot and keeps polling until stop(). When the
   * dependencies cannot even be listed, the whole run is a fault: nothing can vouch for it.
   */
  static async start(kube: KubeClient, opts: WatchOptions, clock: Clock): Promise<EnvironmentWatcher> {
    const startedMs = clock.nowMs();
    let deps: Dependency[] = [];
    let problem: string | undefined;
    try {
      deps = await identifyDependencies(kube, opts.namespaces ?? DEPENDENCY_NAMESPACES);
    } catch (err) {
      problem = message(err);
    }
    const watcher = new EnvironmentWatcher(kube, deps, opts, clock, startedMs);
    if (problem !== undefined) watcher.recorder.unwatchable({ startedMs, endedMs: clock.nowMs() }, problem);
    else await watcher.pollOnce();
    watcher.announce();
    watcher.loop = watcher.run();
    return watcher;
  }

  /** Reads the cluster once and records what it shows. */
  async pollOnce(): Promise<void> {
    const startedMs = this.clock.nowMs();
    try {
      const snapshot = await readEnvironment(this.kube, this.dependencies);
      this.nodes = snapshot.nodes.map((n) => n.name);
      this.recorder.observe({ startedMs, endedMs: this.clock.nowMs() }, snapshot);
    } catch (err) {
      const poll: PollTime = { startedMs, endedMs: this.clock.nowMs() };
      this.recorder.pollFailed(poll, message(err));
    }
  }

  /** Ends the watch with one last poll (a fault in the last second still counts). */
  async stop(): Promise<EnvironmentReport> {
    this.stopping = true;
    this.wake();
    await this.loop;
    if (this.dependencies.length > 0 || this.nodes.length > 0) await this.pollOnce();
    this.announce();
    return {
      dependencies: this.dependencies,
      nodes: this.nodes,
      faults: this.recorder.faults(),
      startedMs: this.startedMs,
      endedMs: this.clock.nowMs(),
    };
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      await Promise.race([this.clock.waitMs(this.opts.pollIntervalMs), this.stopped]);
      if (this.stopping) return;
      await this.pollOnce();
      this.announce();
    }
  }

  /** Progress lines: a fault as soon as it is seen, and again when it ends. */
  private announce(): void {
    const say = this.opts.progress;
    if (!say) return;
    for (const f of this.recorder.faults()) {
      const id = `${f.key}@${f.fromMs}`;
      if (!this.announced.has(id)) {
        this.announced.add(id);
        say(
          `environment: ${f.subject} ${f.state}${f.detail ? ` (${f.detail})` : ''}: probes observed from now on are inconclusive`,
        );
      }
      if (f.kind === 'state' && f.toMs !== undefined && !this.announced.has(`${id}:end`)) {
        this.announced.add(`${id}:end`);
        say(`environment: ${describeFault(f)}`);
      }
    }
  }
}
