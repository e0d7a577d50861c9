// ClusterNetworkPolicy (policy.networking.k8s.io v1alpha2 and v1beta1, sigs.k8s.io/network-policy-api
// v0.3.1: both versions have the same schema) in the model's form: validated, defaults applied.

import type { PodAddress } from './pod-address.js';
import type { LabelSelector, Labels, Protocol } from './types.js';

/** Admin is evaluated before NetworkPolicy, Baseline after it. */
export type CnpTier = 'Admin' | 'Baseline';
export const CNP_TIERS: readonly CnpTier[] = ['Admin', 'Baseline'];

/** Accept and Deny end the evaluation of their direction; Pass hands it to the next tier. */
export type CnpAction = 'Accept' | 'Deny' | 'Pass';
export const CNP_ACTIONS: readonly CnpAction[] = ['Accept', 'Deny', 'Pass'];

/** `namespaces`: every pod of the selected namespaces; `pods`: namespaceSelector AND podSelector. */
export type CnpSubject =
  | { kind: 'namespaces'; namespaces: LabelSelector }
  | { kind: 'pods'; namespaceSelector: LabelSelector; podSelector: LabelSelector };

/** One entry of `from`/`to`. Exactly one field is set (the CRD's min/maxProperties). */
export type CnpPeer =
  | { kind: 'namespaces'; namespaces: LabelSelector }
  | { kind: 'pods'; namespaceSelector: LabelSelector; podSelector: LabelSelector }
  /** Egress only, experimental: the IPs of the selected nodes. */
  | { kind: 'nodes'; nodes: LabelSelector }
  /** Egress only: CIDRs; a value may be a pod's address (`${podIP:ns/pod}/32`, pod-address.ts) until it is known. */
  | { kind: 'networks'; networks: string[]; pods?: Readonly<Record<string, PodAddress>> }
  /** Egress only, experimental, Accept rules only: exact names or `*.` wildcards. */
  | { kind: 'domainNames'; domainNames: string[] };

/** A destination port: one number, or an inclusive range (start < end). */
export type CnpPort = { number: number } | { start: number; end: number };

/** One entry of `protocols`: a protocol with its destination port, or a named container port (experimental). */
export type CnpProtocol = { protocol: Protocol; port?: CnpPort } | { namedPort: string };

export interface CnpRule {
  /** `spec.ingress[i].name`, optional. */
  name?: string;
  action: CnpAction;
  peers: CnpPeer[];
  /** undefined: protocols not given, every protocol and port. */
  protocols: CnpProtocol[] | undefined;
}

export interface ClusterNetworkPolicy {
  name: string;
  tier: CnpTier;
  /** 0-1000; lower first. */
  priority: number;
  subject: CnpSubject;
  ingress: CnpRule[];
  egress: CnpRule[];
}

/** A node of the cluster, as `nodes` peers see it: its labels and the IPs of its status addresses. */
export interface ClusterNode {
  name: string;
  labels: Labels;
  ips: string[];
}
