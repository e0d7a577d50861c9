import type { ClusterNetworkPolicy } from '../model/cnp-types.js';
import {
  DEFAULT_CLUSTER_FACTS,
  type ClusterFacts,
  type Namespace,
  type NetworkPolicy,
  type Pod,
  type Service,
  type World,
} from '../model/types.js';
import { updatedPod } from '../scenario/pod-update.js';
import type { Scenario, ScenarioPolicy, Step } from '../scenario/types.js';

/**
 * What applying a policy entry did in a step: the documents the API server took, and the ones it
 * refused. Apply is `kubectl apply`: a document whose namespace/name is already in force replaces
 * that version (`replaced` names them); a refused one leaves whatever was in force.
 */
export interface ApplyOutcome {
  policyId: string;
  action: 'apply' | 'delete';
  accepted: string[];
  replaced: string[];
  rejected: { name?: string; issues: { path: string; message: string; line: number }[] }[];
}

export interface StepState {
  step: Step;
  index: number;
  world: World;
  applied: ApplyOutcome[];
}

/** The cluster's own DNS, which probes by name depend on: CoreDNS pods in kube-system behind kube-dns. */
export function clusterDns(facts: ClusterFacts): { namespace: Namespace; pods: Pod[]; service: Service } {
  const ns = facts.dnsNamespace;
  return {
    namespace: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } },
    pods: ['coredns-a', 'coredns-b'].map((name) => ({
      name,
      namespace: ns,
      labels: { ...facts.dnsPodLabels },
      containerPorts: [
        { name: 'dns', containerPort: 53, protocol: 'UDP' as const },
        { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' as const },
      ],
      listening: [
        { port: 53, protocol: 'UDP' as const },
        { port: 53, protocol: 'TCP' as const },
      ],
    })),
    service: {
      name: 'kube-dns',
      namespace: ns,
      selector: { ...facts.dnsPodLabels },
      ports: [
        { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
      ],
    },
  };
}

function applyLabels(labels: Record<string, string>, change: Record<string, string | null>): Record<string, string> {
  const out = { ...labels };
  for (const [k, v] of Object.entries(change)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

function policyKey(p: NetworkPolicy): string {
  return `${p.namespace}/${p.name}`;
}

/** The model's world after each step of a scenario, changes accumulating in order. */
export function worldsByStep(scenario: Scenario, facts: ClusterFacts = DEFAULT_CLUSTER_FACTS): StepState[] {
  const dns = clusterDns(facts);
  let namespaces: Namespace[] = [...scenario.namespaces.filter((n) => n.name !== facts.dnsNamespace), dns.namespace];
  let pods: Pod[] = [
    ...scenario.pods.map((p) => ({
      name: p.name,
      namespace: p.namespace,
      labels: { ...p.labels },
      containerPorts: p.containerPorts,
      listening: p.listening,
    })),
    ...dns.pods,
  ];
  const services: Service[] = [
    ...scenario.services.map((s) => ({ name: s.name, namespace: s.namespace, selector: s.selector, ports: s.ports })),
    dns.service,
  ];
  const policies = new Map<string, NetworkPolicy>();
  // Cluster-scoped: keyed by name alone.
  const clusterPolicies = new Map<string, ClusterNetworkPolicy>();
  const byId = new Map<string, ScenarioPolicy>(scenario.policies.map((p) => [p.id, p]));

  return scenario.steps.map((step, index) => {
    const applied: ApplyOutcome[] = [];
    for (const id of step.delete) {
      const entry = byId.get(id);
      if (!entry) continue;
      const removed: string[] = [];
      for (const d of entry.documents) {
        if (d.accepted && d.policy && policies.delete(policyKey(d.policy))) removed.push(d.policy.name);
        if (d.accepted && !d.policy && clusterPolicies.delete(d.clusterPolicy.name)) removed.push(d.clusterPolicy.name);
      }
      applied.push({ policyId: id, action: 'delete', accepted: removed, replaced: [], rejected: [] });
    }
    for (const id of step.apply) {
      const entry = byId.get(id);
      if (!entry) continue;
      const outcome: ApplyOutcome = { policyId: id, action: 'apply', accepted: [], replaced: [], rejected: [] };
      for (const d of entry.documents) {
        if (d.accepted && !d.policy) {
          const cnp = d.clusterPolicy;
          if (clusterPolicies.has(cnp.name)) outcome.replaced.push(cnp.name);
          clusterPolicies.set(cnp.name, cnp);
          outcome.accepted.push(cnp.name);
        } else if (d.accepted) {
          if (policies.has(policyKey(d.policy))) outcome.replaced.push(d.policy.name);
          policies.set(policyKey(d.policy), d.policy);
          outcome.accepted.push(d.policy.name);
        } else {
          outcome.rejected.push({ name: d.name, issues: d.issues });
        }
      }
      applied.push(outcome);
    }
    for (const change of step.relabel) {
      if (change.target === 'pod') {
        pods = pods.map((p) =>
          p.name === change.name && p.namespace === change.namespace
            ? { ...p, labels: applyLabels(p.labels, change.labels) }
            : p,
        );
      } else {
        namespaces = namespaces.map((n) =>
          n.name === change.name
            ? { ...n, labels: { ...applyLabels(n.labels, change.labels), 'kubernetes.io/metadata.name': n.name } }
            : n,
        );
      }
    }
    for (const update of step.update ?? []) {
      pods = pods.map((p) => (p.name === update.name && p.namespace === update.namespace ? updatedPod(p, update) : p));
    }
    const outside = scenario.outside?.map((h) => ({ name: h.name, ip: h.address, listening: h.listening }));
    const world: World = {
      namespaces: [...namespaces],
      pods: [...pods],
      services,
      ...(outside ? { outside } : {}),
      policies: [...policies.values()],
      ...(clusterPolicies.size ? { clusterNetworkPolicies: [...clusterPolicies.values()] } : {}),
      facts,
    };
    return { step, index, world, applied };
  });
}
