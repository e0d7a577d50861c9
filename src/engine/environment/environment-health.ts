// The environment's health as a pure state machine: snapshots in (one per poll), unhealthy
// intervals out. No I/O; the poller (environment-watch.ts) feeds it.
import type { NodeInfo, PodInfo, WorkloadInfo } from '../../kube/types.js';
import { selects, type Dependency } from './environment-deps.js';

/** One poll's view of the cluster: every node, the dependencies' workloads, and the pods of their namespaces. */
export interface EnvironmentSnapshot {
  nodes: NodeInfo[];
  workloads: WorkloadInfo[];
  pods: PodInfo[];
}

/** When a poll ran: its reads happened somewhere between these two instants. */
export interface PollTime {
  startedMs: number;
  endedMs: number;
}

/** Something enforcement depends on that is unhealthy now. */
export interface Problem {
  /** Stable across polls: the same problem keeps one interval open. */
  key: string;
  /** `calico-node on node kind-control-plane`. */
  subject: string;
  /** `not ready`. */
  state: string;
  /** What exactly was seen first (`no calico-node pod on the node`). */
  detail?: string;
}

/**
 * An unhealthy interval [fromMs, toMs). `state`: a condition that lasted (from the last healthy
 * poll until the first healthy one again; toMs undefined when it was still so at the end);
 * `event`: something that happened between two polls (a restart).
 */
export interface Fault {
  kind: 'state' | 'event';
  key: string;
  subject: string;
  state: string;
  detail?: string;
  fromMs: number;
  toMs?: number;
}

/** Poll failures in a row before the environment counts as unknown (one slow answer is not a fault). */
export const FAILED_POLLS_BEFORE_FAULT = 3;

function agentPodsOn(dep: Dependency, node: string, pods: readonly PodInfo[]): PodInfo[] {
  return pods.filter((p) => p.namespace === dep.namespace && p.node === node && selects(dep.podSelector, p.labels));
}

function podsOf(dep: Dependency, pods: readonly PodInfo[]): PodInfo[] {
  return pods.filter((p) => p.namespace === dep.namespace && selects(dep.podSelector, p.labels));
}

function healthy(p: PodInfo): boolean {
  return p.ready && !p.terminating;
}

function whyNotReady(dep: Dependency, pods: PodInfo[], found: boolean): string {
  if (!found) return `${dep.kind} ${dep.namespace}/${dep.name} not found`;
  if (pods.length === 0) return `no ${dep.name} pod on the node`;
  return pods
    .map(
      (p) =>
        `pod ${p.name} ${p.terminating ? 'terminating' : `${p.phase ?? 'unknown phase'}, not ready`}${p.containerStates ? ` (${p.containerStates})` : ''}`,
    )
    .join('; ');
}

/**
 * Pure: what is unhealthy in this snapshot. Nodes must be Ready; a DaemonSet dependency (a CNI
 * agent, kube-proxy) must have a Ready pod, not being deleted, on every node; a Deployment
 * dependency must have all its replicas Ready, and at least one unless it had none at the start.
 */
export function problemsIn(deps: readonly Dependency[], s: EnvironmentSnapshot): Problem[] {
  const out: Problem[] = [];
  for (const n of s.nodes) {
    if (!n.ready)
      out.push({
        key: `node/${n.name}`,
        subject: `node ${n.name}`,
        state: 'not Ready',
        ...(n.detail ? { detail: n.detail } : {}),
      });
  }
  for (const dep of deps) {
    const workload = s.workloads.find(
      (w) => w.kind === dep.kind && w.namespace === dep.namespace && w.name === dep.name,
    );
    if (dep.kind === 'DaemonSet') {
      for (const n of s.nodes) {
        const pods = agentPodsOn(dep, n.name, s.pods);
        if (workload && pods.some(healthy)) continue;
        out.push({
          key: `${dep.namespace}/${dep.name}@${n.name}`,
          subject: `${dep.name} on node ${n.name}`,
          state: 'not ready',
          detail: whyNotReady(dep, pods, workload !== undefined),
        });
      }
    } else {
      const ready = podsOf(dep, s.pods).filter(healthy).length;
      if (workload && workload.desired === 0 && dep.replicasAtStart === 0) continue;
      if (workload && workload.desired > 0 && workload.ready >= workload.desired && ready >= workload.desired) continue;
      const detail = workload
        ? `${Math.min(ready, workload.ready)}/${workload.desired} replicas ready`
        : whyNotReady(dep, [], false);
      out.push({ key: `${dep.namespace}/${dep.name}`, subject: dep.name, state: 'not ready', detail });
    }
  }
  return out;
}

/** What a dependency's pod is called in a restart event: by node for an agent, by name otherwise. */
function podSubject(dep: Dependency, p: PodInfo): string {
  return dep.kind === 'DaemonSet' && p.node ? `${dep.name} on node ${p.node}` : `${dep.name} pod ${p.name}`;
}

/**
 * Records unhealthy intervals from successive snapshots. A condition first seen at poll k started
 * after the last healthy poll began (k-1's start); it ended before the first healthy poll ended.
 * A restart (restart count up, or a DaemonSet's pod on a node replaced while it looked healthy)
 * is an event between the two polls that show it.
 */
export class FaultRecorder {
  private readonly open = new Map<string, Fault>();
  private readonly closed: Fault[] = [];
  private readonly restarts = new Map<string, number>();
  /** DaemonSet dependency + node -> the healthy pod seen there at the last poll. */
  private readonly agentOnNode = new Map<string, string>();
  private lastGoodPoll?: PollTime;
  private failedPolls = 0;

  constructor(private readonly deps: readonly Dependency[]) {}

  observe(poll: PollTime, snapshot: EnvironmentSnapshot): void {
    const since = this.lastGoodPoll?.startedMs ?? poll.startedMs;
    const now = problemsIn(this.deps, snapshot);
    const nowKeys = new Set(now.map((p) => p.key));
    for (const [key, fault] of this.open) {
      if (nowKeys.has(key)) continue;
      this.closed.push({ ...fault, toMs: poll.endedMs });
      this.open.delete(key);
    }
    for (const p of now) if (!this.open.has(p.key)) this.open.set(p.key, { kind: 'state', ...p, fromMs: since });
    this.recordRestarts(snapshot, poll, since);
    this.lastGoodPoll = poll;
    this.failedPolls = 0;
  }

  /** A poll that could not read the cluster; enough of them in a row are a fault of their own. */
  pollFailed(poll: PollTime, message: string): void {
    this.failedPolls++;
    if (this.failedPolls < FAILED_POLLS_BEFORE_FAULT || this.open.has(UNREADABLE_KEY)) return;
    this.open.set(UNREADABLE_KEY, {
      kind: 'state',
      key: UNREADABLE_KEY,
      subject: 'the cluster state',
      state: 'unreadable',
      detail: message,
      fromMs: this.lastGoodPoll?.startedMs ?? poll.startedMs,
    });
  }

  /** The environment cannot be watched at all (its dependencies could not be listed): a fault from now on. */
  unwatchable(poll: PollTime, message: string): void {
    this.open.set(UNWATCHABLE_KEY, {
      kind: 'state',
      key: UNWATCHABLE_KEY,
      subject: 'the environment',
      state: 'could not be watched',
      detail: message,
      fromMs: poll.startedMs,
    });
  }

  /** Every fault so far, oldest first; the ones still open have no toMs. */
  faults(): Fault[] {
    return [...this.closed, ...this.open.values()].sort((a, b) => a.fromMs - b.fromMs || a.key.localeCompare(b.key));
  }

  private recordRestarts(snapshot: EnvironmentSnapshot, poll: PollTime, since: number): void {
    for (const dep of this.deps) {
      for (const p of podsOf(dep, snapshot.pods)) {
        const key = `${p.namespace}/${p.name}`;
        const before = this.restarts.get(key);
        const count = p.restarts ?? 0;
        if (before !== undefined && count > before) {
          this.closed.push({
            kind: 'event',
            key: `restart/${key}/${count}`,
            subject: podSubject(dep, p),
            state: 'restarted',
            detail: `pod ${p.name}: restart count ${before} → ${count}`,
            fromMs: since,
            toMs: poll.endedMs,
          });
        }
        this.restarts.set(key, count);
      }
      if (dep.kind !== 'DaemonSet') continue;
      for (const n of snapshot.nodes) {
        const slot = `${dep.namespace}/${dep.name}@${n.name}`;
        const pod = agentPodsOn(dep, n.name, snapshot.pods).find(healthy);
        const before = this.agentOnNode.get(slot);
        if (pod && before !== undefined && before !== pod.name) {
          this.closed.push({
            kind: 'event',
            key: `replaced/${slot}/${pod.name}`,
            subject: `${dep.name} on node ${n.name}`,
            state: 'replaced',
            detail: `pod ${before} → ${pod.name}`,
            fromMs: since,
            toMs: poll.endedMs,
          });
        }
        if (pod) this.agentOnNode.set(slot, pod.name);
        else this.agentOnNode.delete(slot);
      }
    }
  }
}

const UNREADABLE_KEY = 'cluster-state';
const UNWATCHABLE_KEY = 'unwatchable';

/** `12:01:07` (UTC): the time of day a report shows. */
export function timeOfDay(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/**
 * `calico-node on node kind-control-plane not ready from 12:01:07 to 12:01:40`, or `… from
 * 12:01:07, still not ready at the end`, or `… restarted between 12:01:07 and 12:01:08`.
 */
export function describeFault(f: Fault, time: (ms: number) => string = timeOfDay): string {
  const head = `${f.subject} ${f.state}`;
  if (f.kind === 'event') return `${head} between ${time(f.fromMs)} and ${time(f.toMs ?? f.fromMs)}`;
  return f.toMs === undefined
    ? `${head} from ${time(f.fromMs)}, still ${f.state} at the end`
    : `${head} from ${time(f.fromMs)} to ${time(f.toMs)}`;
}
