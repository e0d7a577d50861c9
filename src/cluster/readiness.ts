// What "ready" means for a cluster, as pure functions over a snapshot of its state.

export interface NodeState {
  name: string;
  ready: boolean;
  /**
   * When the node itself last started (a kind node: its container), in ms. A pod status older than
   * this is what the kubelet reported before the restart, not yet refreshed.
   */
  startedMs?: number;
  /** Seconds since the kubelet last renewed the node's lease; undefined when there is no lease. */
  heartbeatAgeSeconds?: number;
  /** The Ready condition's reason and message when not ready. */
  detail?: string;
}

export interface WorkloadState {
  /** `Pods`: the pods matching WorkloadRequirement.labelSelector, whatever created them. */
  kind: 'DaemonSet' | 'Deployment' | 'Pods';
  namespace: string;
  name: string;
  /** undefined: the object does not exist. */
  desired?: number;
  /** The controller's own count (DaemonSet numberReady, Deployment readyReplicas); stale after a restart. */
  ready?: number;
  /** The workload's pods as their kubelets report them; when read, these decide readiness, not `ready`. */
  pods?: PodReadiness[];
}

/** One pod of a required workload, as its kubelet reports it. */
export interface PodReadiness {
  name: string;
  node?: string;
  /** Ready condition True, and not being deleted. */
  ready: boolean;
  /** The newest start among its running containers, in ms; undefined when none runs. */
  newestStartMs?: number;
}

export interface ClusterSnapshot {
  nodes: NodeState[];
  workloads: WorkloadState[];
  /** When it was read, in ms (for how long pods have been running). */
  readAtMs?: number;
}

/**
 * A pod counts as Ready once its containers have run this long without restarting: after a restart
 * of Docker or of the machine a CNI agent often comes up, fails and restarts once or twice before
 * it stays (Calico's install-cni fails until the API server answers).
 */
export const SETTLE_SECONDS = 10;

export interface ReadinessOptions {
  expectedNodes?: number;
  /** How long a pod's containers must have run (default 0: Ready is enough). */
  settleSeconds?: number;
}

export interface ReadinessCheck {
  name: string;
  ready: boolean;
  detail: string;
}

export interface WorkloadRequirement {
  kind: WorkloadState['kind'];
  namespace: string;
  name: string;
  /** How it is called in progress lines (`Calico (calico-node)`). */
  label: string;
  /** For kind `Pods`. */
  labelSelector?: string;
}

export const CALICO_NODE: WorkloadRequirement = {
  kind: 'DaemonSet',
  namespace: 'kube-system',
  name: 'calico-node',
  label: 'calico-node',
};
export const CALICO_KUBE_CONTROLLERS: WorkloadRequirement = {
  kind: 'Deployment',
  namespace: 'kube-system',
  name: 'calico-kube-controllers',
  label: 'calico-kube-controllers',
};
export const COREDNS: WorkloadRequirement = {
  kind: 'Deployment',
  namespace: 'kube-system',
  name: 'coredns',
  label: 'CoreDNS',
};
/** Cluster DNS on any distribution (CoreDNS or kube-dns, whatever deploys it): the k8s-app=kube-dns pods. */
export const CLUSTER_DNS_PODS: WorkloadRequirement = {
  kind: 'Pods',
  namespace: 'kube-system',
  name: 'k8s-app=kube-dns',
  labelSelector: 'k8s-app=kube-dns',
  label: 'cluster DNS',
};

/**
 * Pure: one check per requirement, plus the nodes (all Ready, and at least expectedNodes of them).
 * Where the snapshot has a workload's pods, its readiness is theirs: Ready, reported since their
 * node last started, and running for settleSeconds.
 */
export function evaluateReadiness(
  snapshot: ClusterSnapshot,
  requirements: WorkloadRequirement[],
  options: ReadinessOptions = {},
): ReadinessCheck[] {
  return [
    nodesCheck(snapshot.nodes, options.expectedNodes ?? 1),
    ...requirements.map((r) => workloadCheck(r, snapshot, options.settleSeconds ?? 0)),
  ];
}

/**
 * A Ready condition is only as fresh as the kubelet's last heartbeat: after a restart (of Docker,
 * of the machine) the API server still says Ready until the node controller notices, 40 s later.
 */
export const NODE_HEARTBEAT_FRESH_SECONDS = 40;

function isStale(n: NodeState): boolean {
  return n.heartbeatAgeSeconds !== undefined && n.heartbeatAgeSeconds > NODE_HEARTBEAT_FRESH_SECONDS;
}

function nodesCheck(allNodes: NodeState[], expectedNodes: number): ReadinessCheck {
  const nodes = allNodes.map((n) =>
    n.ready && isStale(n)
      ? {
          ...n,
          ready: false,
          detail: `Ready is stale: the kubelet last renewed its lease ${Math.round(n.heartbeatAgeSeconds ?? 0)} s ago (restarting?)`,
        }
      : n,
  );
  const notReady = nodes.filter((n) => !n.ready);
  const ready = nodes.length >= expectedNodes && notReady.length === 0;
  const detail =
    nodes.length === 0
      ? 'no node registered'
      : notReady.length > 0
        ? `not Ready: ${notReady.map((n) => `${n.name}${n.detail ? ` (${n.detail})` : ''}`).join(', ')}`
        : nodes.length < expectedNodes
          ? `${nodes.length} of ${expectedNodes} nodes registered`
          : `${nodes.length} Ready`;
  return { name: nodes.length === 1 ? 'node' : 'nodes', ready, detail };
}

type PodJudgement = 'ready' | 'not ready' | 'stale' | 'settling';

function judgePod(p: PodReadiness, snapshot: ClusterSnapshot, settleSeconds: number): PodJudgement {
  if (!p.ready) return 'not ready';
  const nodeStarted = snapshot.nodes.find((n) => n.name === p.node)?.startedMs;
  // Pod times have whole seconds: one started in the node's first second is fresh.
  const nodeSecond = nodeStarted === undefined ? undefined : Math.floor(nodeStarted / 1000) * 1000;
  if (nodeSecond !== undefined && (p.newestStartMs === undefined || p.newestStartMs < nodeSecond)) return 'stale';
  if (settleSeconds > 0 && snapshot.readAtMs !== undefined && p.newestStartMs !== undefined) {
    if (snapshot.readAtMs - p.newestStartMs < settleSeconds * 1000) return 'settling';
  }
  return 'ready';
}

function workloadCheck(req: WorkloadRequirement, snapshot: ClusterSnapshot, settleSeconds: number): ReadinessCheck {
  const w = snapshot.workloads.find((x) => x.kind === req.kind && x.namespace === req.namespace && x.name === req.name);
  const ref =
    req.kind === 'Pods'
      ? `no pods ${req.labelSelector} in ${req.namespace}`
      : `${req.kind.toLowerCase()} ${req.namespace}/${req.name} not found`;
  if (!w || w.desired === undefined || (req.kind === 'Pods' && w.desired === 0))
    return { name: req.label, ready: false, detail: ref };
  if (!w.pods) {
    const ready = w.desired > 0 && (w.ready ?? 0) >= w.desired;
    return { name: req.label, ready, detail: `${w.ready ?? 0}/${w.desired} ready` };
  }
  const judged = w.pods.map((p) => ({ pod: p, as: judgePod(p, snapshot, settleSeconds) }));
  const ready = judged.filter((j) => j.as === 'ready').length;
  const waits = [
    ...judged.filter((j) => j.as === 'stale').map((j) => `${j.pod.name}: status not reported since its node restarted`),
    ...judged.filter((j) => j.as === 'settling').map((j) => `${j.pod.name} started less than ${settleSeconds} s ago`),
  ];
  return {
    name: req.label,
    ready: w.desired > 0 && ready >= w.desired,
    detail: `${ready}/${w.desired} ready${waits.length ? ` (${waits.join('; ')})` : ''}`,
  };
}

export function allReady(checks: ReadinessCheck[]): boolean {
  return checks.every((c) => c.ready);
}
