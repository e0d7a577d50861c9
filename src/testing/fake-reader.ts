import type {
  ClusterSnapshot,
  KubeNamespace,
  KubeNetworkPolicy,
  KubePod,
  KubeService,
} from '../capture/cluster-objects.js';
import type { ClusterPolicyList, ClusterReader } from '../capture/cluster-reader.js';
import { selectorMatches } from '../model/selector.js';
import { parseLabelSelector } from '../capture/label-selector.js';

/** A ClusterReader over a snapshot (a fixture): lists what the snapshot holds, per namespace. */
export class FakeClusterReader implements ClusterReader {
  readonly calls: string[] = [];

  constructor(private readonly snapshot: ClusterSnapshot) {}

  async listNamespaces(): Promise<KubeNamespace[]> {
    this.calls.push('listNamespaces');
    return structuredClone(this.snapshot.namespaces);
  }

  async listPods(namespace: string, labelSelector?: string): Promise<KubePod[]> {
    this.calls.push(`listPods ${namespace}${labelSelector ? ` ${labelSelector}` : ''}`);
    const selector = labelSelector ? parseLabelSelector(labelSelector) : undefined;
    return structuredClone(
      this.snapshot.pods.filter(
        (p) =>
          p.metadata?.namespace === namespace && (!selector || selectorMatches(selector, p.metadata?.labels ?? {})),
      ),
    );
  }

  async listServices(namespace: string): Promise<KubeService[]> {
    this.calls.push(`listServices ${namespace}`);
    return structuredClone(this.snapshot.services.filter((s) => s.metadata?.namespace === namespace));
  }

  async listNetworkPolicies(namespace: string): Promise<KubeNetworkPolicy[]> {
    this.calls.push(`listNetworkPolicies ${namespace}`);
    return structuredClone(this.snapshot.networkPolicies.filter((p) => p.metadata?.namespace === namespace));
  }

  /** Not served when the snapshot says so; else its ClusterNetworkPolicies (none when it has no such field). */
  async listClusterNetworkPolicies(): Promise<ClusterPolicyList> {
    this.calls.push('listClusterNetworkPolicies');
    const notServed = this.snapshot.clusterNetworkPoliciesNotServed;
    return notServed !== undefined
      ? { notServed }
      : { items: structuredClone(this.snapshot.clusterNetworkPolicies ?? []) };
  }
}
