// What NetworkPolicy enforcement depends on, found generically among a cluster's DaemonSets and
// Deployments: the CNI's agents (by their usual names), the service proxy, and cluster DNS.
import type { WorkloadInfo } from '../../kube/types.js';

/** Namespaces where CNIs install their agents (the ones that do not exist simply list nothing). */
export const DEPENDENCY_NAMESPACES: readonly string[] = [
  'kube-system',
  'calico-system',
  'tigera-operator',
  'kube-router',
  'cilium',
];

/** The agents and controllers of the CNIs we know by name (Calico, Cilium, kube-router, kube-network-policies, Antrea, Weave, kindnet, Flannel, Canal). */
const CNI_WORKLOAD_NAMES: readonly RegExp[] = [
  /^calico-node$/,
  /^calico-kube-controllers$/,
  /^calico-typha$/,
  /^cilium$/,
  /^cilium-operator$/,
  /^kube-router$/,
  /^kube-network-policies$/,
  /^antrea-agent$/,
  /^antrea-controller$/,
  /^weave-net$/,
  /^kindnet$/,
  /^kube-flannel-ds/,
  /^canal$/,
];

/** Cluster DNS (CoreDNS or kube-dns) selects its pods by this label on every distribution. */
export const CLUSTER_DNS_LABEL = { key: 'k8s-app', value: 'kube-dns' } as const;

export type DependencyRole = 'cni' | 'service-proxy' | 'dns';

export interface Dependency {
  role: DependencyRole;
  kind: WorkloadInfo['kind'];
  namespace: string;
  name: string;
  podSelector: Record<string, string>;
  /** Deployments: the replicas wanted when the watch began (0: scaled down on purpose, nothing to watch). */
  replicasAtStart?: number;
}

function roleOf(w: WorkloadInfo): DependencyRole | undefined {
  if (CNI_WORKLOAD_NAMES.some((re) => re.test(w.name))) return 'cni';
  if (w.kind === 'DaemonSet' && w.name === 'kube-proxy') return 'service-proxy';
  if (w.podSelector[CLUSTER_DNS_LABEL.key] === CLUSTER_DNS_LABEL.value) return 'dns';
  return undefined;
}

/** Pure: the workloads among these that enforcement (or the probes' name resolution) depends on. */
export function dependenciesOf(workloads: readonly WorkloadInfo[]): Dependency[] {
  return workloads.flatMap((w) => {
    const role = roleOf(w);
    if (!role) return [];
    const dep: Dependency = {
      role,
      kind: w.kind,
      namespace: w.namespace,
      name: w.name,
      podSelector: { ...w.podSelector },
    };
    if (w.kind === 'Deployment') dep.replicasAtStart = w.desired;
    return [dep];
  });
}

/** `calico-node (DaemonSet kube-system)`, for the report's list of what was watched. */
export function describeDependency(d: Dependency): string {
  return `${d.name} (${d.kind} ${d.namespace})`;
}

export function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}
