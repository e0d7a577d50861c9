// Builders for unit tests: a small world from short descriptions. Test-only.
import { Document, parseDocument } from 'yaml';
import { validateClusterNetworkPolicy } from '../manifest/cluster-network-policy.js';
import { validateNetworkPolicy } from '../manifest/networkpolicy.js';
import type { ClusterNetworkPolicy } from '../model/cnp-types.js';
import { clusterDns } from '../reachability/world.js';
import {
  DEFAULT_CLUSTER_FACTS,
  type ClusterFacts,
  type NetworkPolicy,
  type Pod,
  type Protocol,
  type Service,
  type World,
} from '../model/types.js';

export function pod(ns: string, name: string, labels: Record<string, string> = {}, extra: Partial<Pod> = {}): Pod {
  return {
    name,
    namespace: ns,
    labels,
    containerPorts: [],
    listening: [
      { port: 80, protocol: 'TCP' },
      { port: 81, protocol: 'TCP' },
      { port: 53, protocol: 'UDP' },
    ],
    ...extra,
  };
}

/** A policy from its YAML spec (as a document would write it); throws if the API server would reject it. */
export function policy(ns: string, name: string, specYaml: object): NetworkPolicy {
  const doc = new Document({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: ns },
    spec: specYaml,
  });
  const r = validateNetworkPolicy(doc.contents, ns);
  if (!r.ok)
    throw new Error(`invalid test policy ${name}: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return r.policy;
}

/** A ClusterNetworkPolicy from its whole manifest in YAML; throws if the API server would reject it. */
export function cnp(yamlText: string): ClusterNetworkPolicy {
  const r = validateClusterNetworkPolicy(parseDocument(yamlText).contents);
  if (!r.ok) throw new Error(`invalid test policy: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return r.policy;
}

export function world(parts: {
  namespaces?: Record<string, Record<string, string>>;
  pods?: Pod[];
  services?: Service[];
  policies?: NetworkPolicy[];
  clusterNetworkPolicies?: ClusterNetworkPolicy[];
  /** Facts other than the defaults (an IPv6 pod CIDR). */
  facts?: Partial<ClusterFacts>;
}): World {
  const facts = { ...DEFAULT_CLUSTER_FACTS, ...parts.facts };
  const dns = clusterDns(facts);
  const nsNames = new Set([...Object.keys(parts.namespaces ?? {}), ...(parts.pods ?? []).map((p) => p.namespace)]);
  return {
    namespaces: [
      ...[...nsNames].map((n) => ({
        name: n,
        labels: { ...(parts.namespaces?.[n] ?? {}), 'kubernetes.io/metadata.name': n },
      })),
      dns.namespace,
    ],
    pods: [...(parts.pods ?? []), ...dns.pods],
    services: [...(parts.services ?? []), dns.service],
    policies: parts.policies ?? [],
    ...(parts.clusterNetworkPolicies ? { clusterNetworkPolicies: parts.clusterNetworkPolicies } : {}),
    facts,
  };
}

export function service(
  ns: string,
  name: string,
  selector: Record<string, string>,
  ports: [number, number | string, Protocol?][],
): Service {
  return {
    name,
    namespace: ns,
    selector,
    ports: ports.map(([port, targetPort, protocol]) => ({ port, targetPort, protocol: protocol ?? 'TCP' })),
  };
}
