import type {
  ClusterSnapshot,
  KubeClusterNetworkPolicy,
  KubeNamespace,
  KubeNetworkPolicy,
  KubePod,
  KubeService,
} from './cluster-objects.js';

/** The cluster's ClusterNetworkPolicies, or why it has none to list: it does not serve the API (HTTP 404). */
export type ClusterPolicyList = { items: KubeClusterNetworkPolicy[] } | { notServed: string };

/**
 * Read-only access to a cluster: lists, nothing else. Capture, explain and diff see a cluster only
 * through this, so they cannot change it. Implementations: the real one over client-node
 * (client-reader.ts) and a fake over a snapshot (fake-reader.ts).
 */
export interface ClusterReader {
  listNamespaces(): Promise<KubeNamespace[]>;
  listPods(namespace: string, labelSelector?: string): Promise<KubePod[]>;
  listServices(namespace: string): Promise<KubeService[]>;
  listNetworkPolicies(namespace: string): Promise<KubeNetworkPolicy[]>;
  /** Cluster-scoped: every ClusterNetworkPolicy, whatever namespaces are in scope (they select pods by labels). */
  listClusterNetworkPolicies(): Promise<ClusterPolicyList>;
}

/** Namespaces that belong to the cluster itself: never captured (the model knows its DNS). */
export const CLUSTER_OWN_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease'];

/** Which namespaces to read: named ones, or every namespace but the cluster's own (and those being deleted). */
export type NamespaceScope = { kind: 'named'; names: string[] } | { kind: 'all' };

export interface ReadOptions {
  scope: NamespaceScope;
  /** Only pods with these labels (a label selector as kubectl takes it). */
  labelSelector?: string;
}

/**
 * Reads the namespaces in scope and their pods, services and NetworkPolicies, and the cluster's
 * ClusterNetworkPolicies (or that it serves none). Throws when a named namespace does not exist.
 */
export async function readSnapshot(reader: ClusterReader, opts: ReadOptions): Promise<ClusterSnapshot> {
  const all = await reader.listNamespaces();
  const nameOf = (n: KubeNamespace) => n.metadata?.name ?? '';
  let namespaces: KubeNamespace[];
  if (opts.scope.kind === 'all') {
    namespaces = all.filter((n) => !CLUSTER_OWN_NAMESPACES.includes(nameOf(n)) && n.status?.phase !== 'Terminating');
  } else {
    const missing = opts.scope.names.filter((name) => !all.some((n) => nameOf(n) === name));
    if (missing.length) throw new Error(`no namespace ${missing.join(', ')} in the cluster`);
    const own = opts.scope.names.filter((name) => CLUSTER_OWN_NAMESPACES.includes(name));
    if (own.length)
      throw new Error(
        `namespace ${own.join(', ')} belongs to the cluster itself and is not captured (the model knows its DNS)`,
      );
    namespaces = opts.scope.names.map((name) => all.find((n) => nameOf(n) === name) as KubeNamespace);
  }
  const snapshot: ClusterSnapshot = { namespaces, pods: [], services: [], networkPolicies: [] };
  for (const ns of namespaces.map(nameOf)) {
    snapshot.pods.push(...(await reader.listPods(ns, opts.labelSelector)));
    snapshot.services.push(...(await reader.listServices(ns)));
    snapshot.networkPolicies.push(...(await reader.listNetworkPolicies(ns)));
  }
  const cluster = await reader.listClusterNetworkPolicies();
  if ('notServed' in cluster) snapshot.clusterNetworkPoliciesNotServed = cluster.notServed;
  else snapshot.clusterNetworkPolicies = cluster.items;
  return snapshot;
}
