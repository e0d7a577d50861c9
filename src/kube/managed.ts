// Deleting what the harness labelled (app.kubernetes.io/managed-by, and a run id when given): the
// namespaces, and the ClusterNetworkPolicies, which are cluster-scoped and outlive them.
import type { KubeClient } from './types.js';

export interface DeletedManaged {
  namespaces: string[];
  clusterPolicies: string[];
}

/**
 * Deletes both kinds, each whatever the other does (a server that refuses to list
 * ClusterNetworkPolicies still loses the namespaces); then throws the first failure, the
 * namespaces' before the policies'.
 */
export async function deleteManaged(
  kube: Pick<KubeClient, 'deleteManagedNamespaces' | 'deleteManagedClusterNetworkPolicies'>,
  runId?: string,
): Promise<DeletedManaged> {
  const [policies, namespaces] = await Promise.allSettled([
    kube.deleteManagedClusterNetworkPolicies(runId),
    kube.deleteManagedNamespaces(runId),
  ]);
  if (namespaces.status === 'rejected') throw namespaces.reason;
  if (policies.status === 'rejected') throw policies.reason;
  return { namespaces: namespaces.value, clusterPolicies: policies.value };
}
