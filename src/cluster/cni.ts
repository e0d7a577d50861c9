// The CNIs `up --cni` can bring up on a kind cluster: where each one's pinned files are, what
// must be Ready before the cluster is usable, and whether it enforces NetworkPolicy at all.
import { basename, join } from 'node:path';
import { kubeRouterManifestForNodes } from './kube-router-nodes.js';
import { calicoManifestForFamily } from './calico-family.js';
import { familyClusterName, type IpFamily } from './ip-family.js';
import { CALICO_KUBE_CONTROLLERS, CALICO_NODE, COREDNS, type WorkloadRequirement } from './readiness.js';

export const CNI_NAMES = ['calico', 'kube-router', 'kube-network-policies', 'bridge-no-policy'] as const;
export type CniName = (typeof CNI_NAMES)[number];
export const DEFAULT_CNI: CniName = 'calico';

export const KUBE_ROUTER: WorkloadRequirement = {
  kind: 'DaemonSet',
  namespace: 'kube-system',
  name: 'kube-router',
  label: 'kube-router',
};
export const KUBE_NETWORK_POLICIES: WorkloadRequirement = {
  kind: 'DaemonSet',
  namespace: 'kube-system',
  name: 'kube-network-policies',
  label: 'kube-network-policies',
};
export const BRIDGE_CNI: WorkloadRequirement = {
  kind: 'DaemonSet',
  namespace: 'kube-system',
  name: 'bridge-cni',
  label: 'bridge-cni',
};

export interface CniProfile {
  name: CniName;
  /** Its folder beside calico/: pins, manifests, SHA256SUMS. */
  dir: string;
  /** Applied server-side, in this order. */
  manifests: string[];
  /** The file whose `VERSION_KEY=…` line names the version (none for the bare bridge). */
  versions?: { file: string; key: string };
  /**
   * The CNI's own agents (DaemonSets and Deployments): what `up` waits for and what an environment
   * watcher should watch for restarts and readiness during a run. CoreDNS is not the CNI's.
   */
  agents: WorkloadRequirement[];
  /** Whether NetworkPolicy is enforced at all: false means every policy is accepted and ignored. */
  enforcesNetworkPolicy: boolean;
  /** Most nodes the CNI works on here (the bridge CNIs have no routes between nodes). */
  maxNodes: 1 | 2;
  /**
   * The address families `up --ip-family` brings it up in; any other is refused before anything
   * is created, with `familyRefusal` saying why.
   */
  ipFamilies: readonly IpFamily[];
  familyRefusal?: string;
  /** A manifest's text as applied for a family (the checked file, changed in memory where needed). */
  renderManifest: (path: string, text: string, family: IpFamily, nodes: number) => string;
  /** How `describe()` names it, given its version. */
  title: (version: string) => string;
  /** The kubectl label selector that finds the agents' pods (for logs and diagnostics). */
  agentSelector: string;
}

export function cniProfile(name: CniName, root: string): CniProfile {
  switch (name) {
    case 'calico':
      return {
        name,
        dir: join(root, 'calico'),
        manifests: [join(root, 'calico', 'crds.yaml'), join(root, 'calico', 'calico.yaml')],
        versions: { file: join(root, 'calico', 'versions.env'), key: 'CALICO_VERSION' },
        agents: [CALICO_NODE, CALICO_KUBE_CONTROLLERS],
        enforcesNetworkPolicy: true,
        maxNodes: 2,
        ipFamilies: ['ipv4', 'ipv6', 'dual'],
        renderManifest: (path, text, family) =>
          basename(path) === 'calico.yaml' ? calicoManifestForFamily(text, family) : text,
        title: (v) => `Calico ${v} VXLAN`,
        agentSelector: 'k8s-app in (calico-node,calico-kube-controllers)',
      };
    case 'kube-router':
      return {
        name,
        dir: join(root, 'kube-router'),
        manifests: [join(root, 'kube-router', 'kube-router.yaml')],
        versions: { file: join(root, 'kube-router', 'versions.env'), key: 'KUBE_ROUTER_VERSION' },
        agents: [KUBE_ROUTER],
        enforcesNetworkPolicy: true,
        maxNodes: 2,
        ipFamilies: ['ipv4'],
        familyRefusal:
          "kube-router v2.1.0's IPv6 network policy is broken (its v2.1.1 release notes: the ip6tables rules named the ipsets without the inet6 prefix, so most policies did not apply) and our manifest's bridge conflist is IPv4 only (host-local 192.168.0.0/24)",
        renderManifest: (_path, text, _family, nodes) => kubeRouterManifestForNodes(text, nodes),
        title: (v) => `kube-router ${v} network policy, bridge CNI`,
        agentSelector: 'k8s-app=kube-router',
      };
    case 'kube-network-policies':
      return {
        name,
        dir: join(root, 'kube-network-policies'),
        manifests: [
          join(root, 'kube-network-policies', 'crds.yaml'),
          join(root, 'kube-network-policies', 'kube-network-policies.yaml'),
        ],
        versions: { file: join(root, 'kube-network-policies', 'versions.env'), key: 'KNP_VERSION' },
        agents: [KUBE_NETWORK_POLICIES],
        enforcesNetworkPolicy: true,
        maxNodes: 1,
        ipFamilies: ['ipv4'],
        familyRefusal:
          "its manifest's bridge conflist is IPv4 only (host-local 192.168.0.0/24), and no other family has been proven here",
        renderManifest: (_path, text) => text,
        title: (v) => `kube-network-policies ${v} (NetworkPolicy and ClusterNetworkPolicy), bridge CNI`,
        agentSelector: 'k8s-app=kube-network-policies',
      };
    case 'bridge-no-policy':
      return {
        name,
        dir: join(root, 'bridge-no-policy'),
        manifests: [join(root, 'bridge-no-policy', 'bridge-no-policy.yaml')],
        agents: [BRIDGE_CNI],
        enforcesNetworkPolicy: false,
        maxNodes: 1,
        ipFamilies: ['ipv4'],
        familyRefusal:
          "its manifest's bridge conflist is IPv4 only (host-local 192.168.0.0/24): no IPv6 range, and no IPv6 run of it has been proven here",
        renderManifest: (_path, text) => text,
        title: () => 'bridge CNI, no NetworkPolicy enforcement',
        agentSelector: 'k8s-app=bridge-cni',
      };
  }
}

/** What `up` waits for: the CNI's agents, then cluster DNS. */
export function readinessRequirements(profile: CniProfile): WorkloadRequirement[] {
  return [...profile.agents, COREDNS];
}

/**
 * The kind cluster a CNI and address family get unless --name says otherwise: Calico on IPv4
 * keeps the historical name; other CNIs add `-<cni>`, other families `-ipv6` / `-dual`, so every
 * shape has a cluster of its own (netpol-harness-ipv6, netpol-harness-dual, …).
 */
export function defaultClusterName(cni: CniName, family: IpFamily = 'ipv4'): string {
  return familyClusterName(cni === DEFAULT_CNI ? 'netpol-harness' : `netpol-harness-${cni}`, family);
}

/** Which CNI a running cluster has, from the DaemonSets in kube-system; undefined when none of ours. */
export function detectCni(daemonSets: readonly string[]): CniName | undefined {
  if (daemonSets.includes(CALICO_NODE.name)) return 'calico';
  if (daemonSets.includes(KUBE_ROUTER.name)) return 'kube-router';
  if (daemonSets.includes(KUBE_NETWORK_POLICIES.name)) return 'kube-network-policies';
  if (daemonSets.includes(BRIDGE_CNI.name)) return 'bridge-no-policy';
  return undefined;
}
