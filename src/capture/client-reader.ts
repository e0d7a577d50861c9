import { CoreV1Api, CustomObjectsApi, NetworkingV1Api, type KubeConfig } from '@kubernetes/client-node';
import { CNP_GROUP, CNP_KIND } from '../manifest/cluster-network-policy.js';
import { contextualError, isNotFound } from '../kube/api-error.js';
import { withKeptAliveConnections } from '../kube/keep-alive.js';
import type {
  KubeClusterNetworkPolicy,
  KubeNamespace,
  KubeNetworkPolicy,
  KubePod,
  KubeService,
} from './cluster-objects.js';
import type { ClusterPolicyList, ClusterReader } from './cluster-reader.js';

/** The versions of ClusterNetworkPolicy capture asks for, in this order (network-policy-api v0.3.1 serves both). */
export const CNP_READ_VERSIONS = ['v1beta1', 'v1alpha2'] as const;
const CNP_PLURAL = 'clusternetworkpolicies';

/**
 * The real ClusterReader over @kubernetes/client-node: list calls (GET), nothing else.
 * Objects come back in their wire form (`from`, not client-node's `_from`), as `kubectl get -o json`
 * shows them.
 */
export class ClientClusterReader implements ClusterReader {
  private readonly core: CoreV1Api;
  private readonly networking: NetworkingV1Api;
  private readonly custom: CustomObjectsApi;

  constructor(kubeConfig: KubeConfig) {
    const rest = withKeptAliveConnections(kubeConfig);
    this.core = rest.makeApiClient(CoreV1Api);
    this.networking = rest.makeApiClient(NetworkingV1Api);
    this.custom = rest.makeApiClient(CustomObjectsApi);
  }

  async listNamespaces(): Promise<KubeNamespace[]> {
    try {
      return wire((await this.core.listNamespace()).items, 'V1Namespace');
    } catch (err) {
      throw contextualError('list namespaces', err);
    }
  }

  async listPods(namespace: string, labelSelector?: string): Promise<KubePod[]> {
    try {
      return wire(
        (await this.core.listNamespacedPod(labelSelector ? { namespace, labelSelector } : { namespace })).items,
        'V1Pod',
      );
    } catch (err) {
      throw contextualError(`list pods in ${namespace}`, err);
    }
  }

  async listServices(namespace: string): Promise<KubeService[]> {
    try {
      return wire((await this.core.listNamespacedService({ namespace })).items, 'V1Service');
    } catch (err) {
      throw contextualError(`list services in ${namespace}`, err);
    }
  }

  async listNetworkPolicies(namespace: string): Promise<KubeNetworkPolicy[]> {
    try {
      const items = wire<KubeNetworkPolicy>(
        (await this.networking.listNamespacedNetworkPolicy({ namespace })).items,
        'V1NetworkPolicy',
      );
      return items.map((p) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', ...p }));
    } catch (err) {
      throw contextualError(`list networkpolicies in ${namespace}`, err);
    }
  }

  /** v1beta1, then v1alpha2 when the cluster answers 404; 404 for both: the API is not served. */
  async listClusterNetworkPolicies(): Promise<ClusterPolicyList> {
    for (const version of CNP_READ_VERSIONS) {
      try {
        const list = (await this.custom.listClusterCustomObject({ group: CNP_GROUP, version, plural: CNP_PLURAL })) as {
          items?: KubeClusterNetworkPolicy[];
        };
        const items = JSON.parse(JSON.stringify(list.items ?? [])) as KubeClusterNetworkPolicy[];
        return { items: items.map((p) => ({ apiVersion: `${CNP_GROUP}/${version}`, kind: CNP_KIND, ...p })) };
      } catch (err) {
        if (!isNotFound(err)) throw contextualError(`list ${CNP_PLURAL}.${CNP_GROUP}/${version}`, err);
      }
    }
    return {
      notServed: `ClusterNetworkPolicy: the cluster does not serve ${CNP_PLURAL}.${CNP_GROUP} (${CNP_READ_VERSIONS.join(', ')}: HTTP 404), so there are none to capture`,
    };
  }
}

/**
 * client-node's typed objects back to the API's JSON: dates as strings, and the one field of these
 * kinds whose name client-node changes (NetworkPolicyIngressRule `from`, a reserved word, is
 * `_from` there) under its own name again.
 */
export function wire<T>(items: unknown[], type: 'V1Namespace' | 'V1Pod' | 'V1Service' | 'V1NetworkPolicy'): T[] {
  const json = JSON.parse(JSON.stringify(items)) as Record<string, unknown>[];
  if (type === 'V1NetworkPolicy') {
    for (const policy of json) {
      const spec = policy.spec as { ingress?: Record<string, unknown>[] } | undefined;
      if (spec?.ingress)
        spec.ingress = spec.ingress.map((rule) =>
          Object.fromEntries(Object.entries(rule).map(([k, v]) => [k === '_from' ? 'from' : k, v])),
        );
    }
  }
  return json as T[];
}
