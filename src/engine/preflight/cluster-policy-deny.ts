// The preflight's policy for ClusterNetworkPolicy: an Admin-tier Deny of all ingress from every
// namespace to the canary's namespace, highest priority. Labelled like everything the harness
// sends, so the preflight's cleanup (and `clean`) deletes it.
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, RUN_ID_LABEL } from '../../kube/types.js';
import { NAMESPACE_NAME_LABEL } from '../policy/policy-peers.js';
import type { CanaryDeny } from './preflight.js';

export function clusterPolicyDenyManifest(
  apiVersion: string,
  namespace: string,
  runId: string,
): Record<string, unknown> {
  return {
    apiVersion,
    kind: 'ClusterNetworkPolicy',
    metadata: {
      name: `netpol-preflight-${runId}`,
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [RUN_ID_LABEL]: runId },
    },
    spec: {
      tier: 'Admin',
      priority: 0,
      subject: { namespaces: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } } },
      ingress: [{ name: 'preflight-deny-all', action: 'Deny', from: [{ namespaces: {} }] }],
    },
  };
}

/** `apiVersion`: the version the cluster serves (`policy.networking.k8s.io/v1beta1`). */
export function clusterPolicyDeny(apiVersion: string, runId: string): CanaryDeny {
  return {
    api: 'ClusterNetworkPolicy',
    what: 'an Admin-tier Deny ClusterNetworkPolicy of all ingress',
    apply: (kube, namespace) => kube.applyClusterNetworkPolicy(clusterPolicyDenyManifest(apiVersion, namespace, runId)),
  };
}
