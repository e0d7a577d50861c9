// The typed world the model reasons about: namespaces, pods, services and validated policies.
// Everything here is plain data; no I/O, no client library.

import type { ClusterNetworkPolicy, ClusterNode } from './cnp-types.js';
import type { PodAddress } from './pod-address.js';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

export type Labels = Readonly<Record<string, string>>;

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  key: string;
  operator: SelectorOperator;
  values: string[];
}

export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: LabelSelectorRequirement[];
}

export interface IPBlock {
  /** As written: a CIDR, or a pod's address (`${podIP:x/b}/4`, pod-address.ts) until it is known. */
  cidr: string;
  except: string[];
  /** The values of cidr and except written as a pod's address, by their text; absent when none is. */
  pods?: Readonly<Record<string, PodAddress>>;
}

/** One entry of `from`/`to`. Exactly one of ipBlock or the selectors is set (validation ensures it). */
export interface PolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: IPBlock;
}

export interface PolicyPort {
  protocol: Protocol;
  /** Missing means every port of that protocol. */
  port?: number | string;
  endPort?: number;
}

export interface PolicyRule {
  /** `from`/`to`: undefined when missing or empty, which both mean every peer. */
  peers: PolicyPeer[] | undefined;
  /** undefined when missing or empty, which both mean every port. */
  ports: PolicyPort[] | undefined;
}

export type PolicyType = 'Ingress' | 'Egress';

export interface NetworkPolicy {
  name: string;
  namespace: string;
  podSelector: LabelSelector;
  /** Effective policy types, after the API server's defaulting. */
  policyTypes: PolicyType[];
  /** True when the manifest listed policyTypes itself. */
  policyTypesExplicit: boolean;
  ingress: PolicyRule[];
  egress: PolicyRule[];
}

export interface Namespace {
  name: string;
  labels: Labels;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol: Protocol;
}

export interface ListeningPort {
  port: number;
  protocol: Protocol;
}

export interface Pod {
  name: string;
  namespace: string;
  labels: Labels;
  /** Declared container ports (what named ports resolve against). */
  containerPorts: ContainerPort[];
  /** What the process in the pod actually listens on. */
  listening: ListeningPort[];
  /** The pod's IP when known (a live run); the model then matches ipBlocks exactly. */
  ip?: string;
}

export interface ServicePort {
  name?: string;
  port: number;
  targetPort: number | string;
  protocol: Protocol;
}

export interface Service {
  name: string;
  namespace: string;
  /** undefined: a service without selector (no endpoints managed). */
  selector: Record<string, string> | undefined;
  ports: ServicePort[];
  clusterIP?: string;
}

export interface ClusterFacts {
  podCIDR: string;
  serviceCIDR: string;
  clusterDomain: string;
  /** Where cluster DNS runs: the pods it selects answer on 53/UDP and 53/TCP. */
  dnsNamespace: string;
  dnsPodLabels: Labels;
  /** The `kubernetes` service in `default`: 443 → the API server on the node's network at this port (6443 on kind). */
  apiServerEndpointPort: number;
}

export const DEFAULT_CLUSTER_FACTS: ClusterFacts = {
  podCIDR: '192.168.0.0/16',
  serviceCIDR: '10.96.0.0/12',
  clusterDomain: 'cluster.local',
  dnsNamespace: 'kube-system',
  dnsPodLabels: { 'k8s-app': 'kube-dns' },
  apiServerEndpointPort: 6443,
};

/** An address outside the cluster that a test server answers on (a stand-in for a documented one). */
export interface OutsideHost {
  name: string;
  ip: string;
  listening: ListeningPort[];
}

export interface World {
  namespaces: Namespace[];
  pods: Pod[];
  services: Service[];
  /** Addresses outside the cluster known to answer (or refuse); others are undefined by the spec. */
  outside?: OutsideHost[];
  policies: NetworkPolicy[];
  /** Cluster-scoped policies of the Admin and Baseline tiers (cnp-tiers.ts); absent or empty: NetworkPolicy alone decides. */
  clusterNetworkPolicies?: ClusterNetworkPolicy[];
  /** The cluster's nodes, for `nodes` peers; absent: not known. */
  nodes?: ClusterNode[];
  facts: ClusterFacts;
}
