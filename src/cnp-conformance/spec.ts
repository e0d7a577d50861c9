// The upstream conformance suite of the Network Policy API (sigs.k8s.io/network-policy-api), as data:
// each test's manifests, and in order what it probes and what it changes between probes.

/** Where every case comes from: the module as the Go module proxy serves it. */
export const UPSTREAM = {
  module: 'sigs.k8s.io/network-policy-api',
  version: 'v0.3.1',
  /** The module's go.sum hash (the proxy's zip); the proxy gives no commit for this version. */
  sum: 'h1:a2XGDaweMnJ9QPXedNcAm3dX0LopU6nB28w8sdpP6cQ=',
  tests: 'conformance/tests',
  base: 'conformance/base',
} as const;

export const UPSTREAM_CITATION = `${UPSTREAM.module}@${UPSTREAM.version}`;

/** The suite's optional features a test needs besides ClusterNetworkPolicy itself (conformance/utils/suite/features.go). */
export type Feature = 'ClusterNetworkPolicy' | 'ClusterNetworkPolicyNamedPorts' | 'ClusterNetworkPolicyEgressNodePeers';

export type Proto = 'tcp' | 'udp' | 'sctp';
export type Direction = 'ingress' | 'egress';
export type Json = Record<string, unknown>;

/** A change to a ClusterNetworkPolicy the test makes through the API (Get, DeepCopy, edit, Patch). */
export type Edit =
  | { swap: [Direction, number, number] }
  | { priority: number }
  | { action: [Direction, number, 'Accept' | 'Deny' | 'Pass'] }
  | { protocols: [Direction, number, Json[]] }
  | { prependEgress: Json };

/** One thing the test does, in order. */
export type Event =
  /** t.Run: a subtest starts. */
  | { run: string }
  /** PokeServer(client, server's pod IP, protocol, port, shouldConnect). */
  | { poke: { from: string; to: string; protocol: Proto; port: number; connect: boolean } }
  /** PatchClusterNetworkPolicy of the named policy, after these edits of its version in force. */
  | { patch: string; edits: Edit[] }
  /** SetPodLabel / RemovePodLabel (null), on `ns/pod`; PatchNamespace's SetLabels on a namespace. */
  | { label: string; labels: Record<string, string | null> }
  /** client.Delete of a NetworkPolicy `ns/name` the manifests created. */
  | { deleteNetworkPolicy: string };

export interface CnpConformanceCase {
  /** The suite's ShortName. */
  test: string;
  /** conformance/tests/… */
  file: string;
  description: string;
  features: Feature[];
  /** conformance/base/…: created before the test, deleted after. */
  manifests: string[];
  events: Event[];
}

export const run = (name: string): Event => ({ run: name });

export function poke(from: string, protocol: Proto, to: string, port: number, connect: boolean): Event {
  return { poke: { from, to, protocol, port, connect } };
}
