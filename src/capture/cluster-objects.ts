// The cluster's objects as the API server returns them (wire JSON, camelCase field names), reduced
// to the fields capture reads. Plain data: fixtures are `kubectl get -o json` output.

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { kind?: string; name?: string; controller?: boolean }[];
  [field: string]: unknown;
}

export interface KubeNamespace {
  metadata?: ObjectMeta;
  status?: { phase?: string };
}

export interface KubeContainer {
  name?: string;
  image?: string;
  ports?: { name?: string; containerPort?: number; protocol?: string }[];
  [field: string]: unknown;
}

export interface KubePod {
  metadata?: ObjectMeta;
  spec?: { containers?: KubeContainer[]; nodeName?: string; [field: string]: unknown };
  status?: { phase?: string; podIP?: string };
}

export interface KubeService {
  metadata?: ObjectMeta;
  spec?: {
    selector?: Record<string, string>;
    type?: string;
    clusterIP?: string;
    ports?: { name?: string; port?: number; targetPort?: number | string; protocol?: string }[];
  };
}

export interface KubeNetworkPolicy {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec?: Record<string, unknown>;
  [field: string]: unknown;
}

/** A ClusterNetworkPolicy (policy.networking.k8s.io), cluster-scoped: no metadata.namespace. */
export type KubeClusterNetworkPolicy = KubeNetworkPolicy;

/** Everything capture read, per kind, in the order the API server listed it. */
export interface ClusterSnapshot {
  namespaces: KubeNamespace[];
  pods: KubePod[];
  services: KubeService[];
  networkPolicies: KubeNetworkPolicy[];
  /** Every ClusterNetworkPolicy of the cluster; absent when not read (as in snapshots older than this field). */
  clusterNetworkPolicies?: KubeClusterNetworkPolicy[];
  /** Set when the cluster does not serve ClusterNetworkPolicy: the line that says so. */
  clusterNetworkPoliciesNotServed?: string;
}
