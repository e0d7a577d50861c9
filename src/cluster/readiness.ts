// What "ready" means for a cluster, as pure functions over a snapshot of its state.

export interface NodeState {
  name: string;
  ready: boolean;
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
  ready?: number;
}

export interface ClusterSnapshot {
  nodes: NodeState[];
  workloads: WorkloadState[];
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

/** Pure: one check per requirement, plus the nodes (all Ready, and at least expectedNodes of them). */
export function evaluateReadiness(
  snapshot: ClusterSnapshot,
  requirements: WorkloadRequirement[],
  expectedNodes = 1,
): ReadinessCheck[] {
  return [nodesCheck(snapshot.nodes, expectedNodes), ...requirements.map((r) => workloadCheck(r, snapshot.workloads))];
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

function workloadCheck(req: WorkloadRequirement, workloads: WorkloadState[]): ReadinessCheck {
  const w = workloads.find((x) => x.kind === req.kind && x.namespace === req.namespace && x.name === req.name);
  const ref =
    req.kind === 'Pods'
      ? `no pods ${req.labelSelector} in ${req.namespace}`
      : `${req.kind.toLowerCase()} ${req.namespace}/${req.name} not found`;
  if (!w || w.desired === undefined || (req.kind === 'Pods' && w.desired === 0))
    return { name: req.label, ready: false, detail: ref };
  const ready = w.desired > 0 && (w.ready ?? 0) >= w.desired;
  return { name: req.label, ready, detail: `${w.ready ?? 0}/${w.desired} ready` };
}

export function allReady(checks: ReadinessCheck[]): boolean {
  return checks.every((c) => c.ready);
}
