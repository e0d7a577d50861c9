import type { KubePod } from './cluster-objects.js';

/** Labels that differ between replicas of one controller; they do not make a workload distinct. */
export const PER_REPLICA_LABELS: readonly string[] = [
  'pod-template-hash',
  'controller-revision-hash',
  'pod-template-generation',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
];

/** Pods that become one scenario workload: one bare pod, or the replicas of one controller with one label set. */
export interface PodGroup {
  namespace: string;
  /** The workload's name: the pod's, or the controller's (with -2, -3… when its replicas carry several label sets). */
  name: string;
  kind: 'Pod' | 'Deployment';
  /** `Deployment/web`, `StatefulSet/db`, `DaemonSet/agent`, or undefined for a bare pod. */
  owner?: string;
  labels: Record<string, string>;
  pods: KubePod[];
}

/**
 * The controller a pod belongs to, as `Kind/name`: a ReplicaSet with a pod-template-hash label
 * stands for its Deployment (the ReplicaSet's name is the Deployment's plus `-<hash>`).
 */
export function ownerOf(pod: KubePod): string | undefined {
  const ref = pod.metadata?.ownerReferences?.find((r) => r.controller) ?? pod.metadata?.ownerReferences?.[0];
  if (!ref?.kind || !ref.name) return undefined;
  if (ref.kind === 'ReplicaSet') {
    const hash = pod.metadata?.labels?.['pod-template-hash'];
    if (hash && ref.name.endsWith(`-${hash}`)) return `Deployment/${ref.name.slice(0, -hash.length - 1)}`;
    return `ReplicaSet/${ref.name}`;
  }
  if (['StatefulSet', 'DaemonSet', 'Job', 'ReplicationController'].includes(ref.kind)) return `${ref.kind}/${ref.name}`;
  return undefined; // a static pod (owned by its Node) and anything else stands alone
}

function stableLabels(pod: KubePod): Record<string, string> {
  const labels = pod.metadata?.labels ?? {};
  return Object.fromEntries(
    Object.entries(labels)
      .filter(([k]) => !PER_REPLICA_LABELS.includes(k))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** A name a scenario accepts (a lowercase RFC 1123 label, at most 63 characters). */
export function labelSafe(name: string): string {
  const safe = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (safe || 'pod').slice(0, 63).replace(/-+$/, '');
}

/** Groups pods into workloads: replicas of one controller with the same labels collapse into one. */
export function groupPods(pods: KubePod[]): PodGroup[] {
  const groups: PodGroup[] = [];
  const byKey = new Map<string, PodGroup>();
  for (const pod of pods) {
    const namespace = pod.metadata?.namespace ?? '';
    const owner = ownerOf(pod);
    const labels = owner ? stableLabels(pod) : { ...(pod.metadata?.labels ?? {}) };
    if (!owner) {
      groups.push({ namespace, name: labelSafe(pod.metadata?.name ?? ''), kind: 'Pod', labels, pods: [pod] });
      continue;
    }
    const key = `${namespace}|${owner}|${JSON.stringify(labels)}`;
    const existing = byKey.get(key);
    if (existing) {
      existing.pods.push(pod);
      continue;
    }
    const group: PodGroup = {
      namespace,
      name: labelSafe(owner.slice(owner.indexOf('/') + 1)),
      kind: 'Deployment',
      owner,
      labels,
      pods: [pod],
    };
    byKey.set(key, group);
    groups.push(group);
  }
  // Several label sets under one controller (a rollout in progress): -2, -3… for the later ones.
  const seen = new Map<string, number>();
  for (const g of groups) {
    const key = `${g.namespace}/${g.name}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > 1) g.name = labelSafe(`${g.name.slice(0, 58)}-${n}`);
  }
  return groups;
}
