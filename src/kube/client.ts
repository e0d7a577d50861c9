import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  Exec,
  KubeConfig,
  KubernetesObjectApi,
  NetworkingV1Api,
  PatchStrategy,
  setHeaderOptions,
  type KubernetesObject,
  type V1LabelSelector,
  type V1Node,
  type V1Pod,
} from '@kubernetes/client-node';
import { contextualError, errorText, isNotFound } from './api-error.js';
import { createOrReplaceNetworkPolicy } from './apply-policy.js';
import {
  CNP_VERSIONS,
  cnpVersionOf,
  createOrReplaceClusterNetworkPolicy,
  deleteClusterNetworkPolicy,
  deleteLabelledClusterNetworkPolicies,
} from './cluster-policy-api.js';
import { sendApiRequest } from './api-request.js';
import { ExecTimeoutError, execInPod } from './exec-in-pod.js';
import { withKeptAliveConnections } from './keep-alive.js';
import { openExecStream } from './exec-stream.js';
import {
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  RUN_ID_LABEL,
  type ApiAnswer,
  type ApiRequest,
  type ApplyResult,
  type ExecResult,
  type ExecStream,
  type KubeClient,
  type NodeInfo,
  type ObjectRef,
  type PodInfo,
  type WorkloadInfo,
} from './types.js';

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** The real KubeClient over @kubernetes/client-node; exec goes over the websocket, no kubectl. */
export class ClusterKubeClient implements KubeClient {
  private readonly core: CoreV1Api;
  private readonly apps: AppsV1Api;
  private readonly networking: NetworkingV1Api;
  private readonly objects: KubernetesObjectApi;
  private readonly custom: CustomObjectsApi;
  private readonly execApi: Exec;

  constructor(readonly kubeConfig: KubeConfig) {
    // Thousands of requests a run: over kept-alive connections, not a TLS handshake each.
    const rest = withKeptAliveConnections(kubeConfig);
    this.core = rest.makeApiClient(CoreV1Api);
    this.apps = rest.makeApiClient(AppsV1Api);
    this.networking = rest.makeApiClient(NetworkingV1Api);
    this.objects = KubernetesObjectApi.makeApiClient(rest);
    this.custom = rest.makeApiClient(CustomObjectsApi);
    // Exec's websockets get the same deadline on their opening handshake.
    this.execApi = new Exec(rest);
  }

  async createNamespace(name: string, labels: Record<string, string>): Promise<void> {
    try {
      await this.core.createNamespace({ body: { metadata: { name, labels } } });
    } catch (err) {
      throw contextualError(`create namespace ${name}`, err);
    }
  }

  async create(manifest: Record<string, unknown>): Promise<void> {
    const spec = manifest as unknown as KubernetesObject;
    try {
      await this.objects.create(spec);
    } catch (err) {
      throw contextualError(`create ${describeObject(spec)}`, err);
    }
  }

  async applyNetworkPolicy(namespace: string, manifest: Record<string, unknown>): Promise<ApplyResult> {
    return createOrReplaceNetworkPolicy(this.networking, namespace, manifest);
  }

  async deleteNetworkPolicy(ref: ObjectRef): Promise<void> {
    try {
      await this.networking.deleteNamespacedNetworkPolicy({ namespace: ref.namespace, name: ref.name });
    } catch (err) {
      if (!isNotFound(err)) throw contextualError(`delete networkpolicy ${ref.namespace}/${ref.name}`, err);
    }
  }

  applyClusterNetworkPolicy(manifest: Record<string, unknown>): Promise<ApplyResult> {
    return createOrReplaceClusterNetworkPolicy(this.custom, manifest);
  }

  async deleteClusterNetworkPolicy(apiVersion: string, name: string): Promise<void> {
    const version = cnpVersionOf(apiVersion);
    if (!version)
      throw new Error(
        `delete clusternetworkpolicy ${name}: apiVersion ${apiVersion} is not policy.networking.k8s.io/…`,
      );
    await deleteClusterNetworkPolicy(this.custom, version, name);
  }

  deleteManagedClusterNetworkPolicies(runId?: string): Promise<string[]> {
    return deleteLabelledClusterNetworkPolicies(this.custom, CNP_VERSIONS, managedSelector(runId));
  }

  async patchPodLabels(ref: ObjectRef, labels: Record<string, string | null>): Promise<void> {
    try {
      await this.core.patchNamespacedPod(
        { namespace: ref.namespace, name: ref.name, body: { metadata: { labels } } },
        mergePatch,
      );
    } catch (err) {
      throw contextualError(`relabel pod ${ref.namespace}/${ref.name}`, err);
    }
  }

  async patchNamespaceLabels(name: string, labels: Record<string, string | null>): Promise<void> {
    try {
      await this.core.patchNamespace({ name, body: { metadata: { labels } } }, mergePatch);
    } catch (err) {
      throw contextualError(`relabel namespace ${name}`, err);
    }
  }

  async listPods(namespace: string, labelSelector?: string): Promise<PodInfo[]> {
    try {
      const list = await this.core.listNamespacedPod(labelSelector ? { namespace, labelSelector } : { namespace });
      return list.items.map(podInfoOf);
    } catch (err) {
      throw contextualError(`list pods in ${namespace}`, err);
    }
  }

  async listNodes(): Promise<NodeInfo[]> {
    try {
      return (await this.core.listNode()).items.map(nodeInfoOf);
    } catch (err) {
      throw contextualError('list nodes', err);
    }
  }

  async listWorkloads(namespace: string): Promise<WorkloadInfo[]> {
    try {
      const [daemonSets, deployments] = await Promise.all([
        this.apps.listNamespacedDaemonSet({ namespace }),
        this.apps.listNamespacedDeployment({ namespace }),
      ]);
      return [
        ...daemonSets.items.map((d): WorkloadInfo => ({
          kind: 'DaemonSet',
          namespace,
          name: d.metadata?.name ?? '',
          podSelector: matchLabelsOf(d.spec?.selector),
          desired: d.status?.desiredNumberScheduled ?? 0,
          ready: d.status?.numberReady ?? 0,
          images: (d.spec?.template.spec?.containers ?? []).map((c) => c.image ?? '').filter(Boolean),
        })),
        ...deployments.items.map((d): WorkloadInfo => ({
          kind: 'Deployment',
          namespace,
          name: d.metadata?.name ?? '',
          podSelector: matchLabelsOf(d.spec?.selector),
          desired: d.spec?.replicas ?? 1,
          ready: d.status?.readyReplicas ?? 0,
        })),
      ];
    } catch (err) {
      throw contextualError(`list daemonsets and deployments in ${namespace}`, err);
    }
  }

  async deletePod(ref: ObjectRef): Promise<void> {
    try {
      await this.core.deleteNamespacedPod({ namespace: ref.namespace, name: ref.name });
    } catch (err) {
      if (!isNotFound(err)) throw contextualError(`delete pod ${ref.namespace}/${ref.name}`, err);
    }
  }

  async getServiceClusterIPs(ref: ObjectRef): Promise<string[]> {
    try {
      const svc = await this.core.readNamespacedService({ namespace: ref.namespace, name: ref.name });
      const ips = svc.spec?.clusterIPs ?? (svc.spec?.clusterIP ? [svc.spec.clusterIP] : []);
      return ips.filter((ip) => ip && ip !== 'None');
    } catch (err) {
      if (isNotFound(err)) return [];
      throw contextualError(`read service ${ref.namespace}/${ref.name}`, err);
    }
  }

  async hasServiceAccount(ref: ObjectRef): Promise<boolean> {
    try {
      await this.core.readNamespacedServiceAccount({ namespace: ref.namespace, name: ref.name });
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw contextualError(`read serviceaccount ${ref.namespace}/${ref.name}`, err);
    }
  }

  exec(ref: ObjectRef, container: string, command: string[], timeoutMs: number): Promise<ExecResult> {
    return execInPod(this.execApi, ref, container, command, timeoutMs).catch((err: unknown) => {
      throw err instanceof ExecTimeoutError ? err : this.onServer(err);
    });
  }

  openExecStream(ref: ObjectRef, container: string, command: string[]): Promise<ExecStream> {
    return openExecStream(this.execApi, ref, container, command).catch((err: unknown) => {
      throw this.onServer(err);
    });
  }

  /** An exec that never started, with the API server it went to (a handshake that timed out names no server). */
  private onServer(err: unknown): Error {
    const server = this.kubeConfig.getCurrentCluster()?.server ?? 'no server';
    return new Error(`${errorText(err)} (API server ${server})`, { cause: err });
  }

  apiRequest(request: ApiRequest): Promise<ApiAnswer> {
    return sendApiRequest(this.kubeConfig, request);
  }

  async deleteManagedNamespaces(runId?: string): Promise<string[]> {
    const labelSelector = managedSelector(runId);
    let names: string[];
    try {
      const list = await this.core.listNamespace({ labelSelector });
      names = list.items
        .filter((ns) => ns.status?.phase !== 'Terminating')
        .map((ns) => ns.metadata?.name ?? '')
        .filter(Boolean);
    } catch (err) {
      throw contextualError(`list namespaces (${labelSelector})`, err);
    }
    for (const name of names) {
      try {
        await this.core.deleteNamespace({ name });
      } catch (err) {
        if (!isNotFound(err)) throw contextualError(`delete namespace ${name}`, err);
      }
    }
    return names;
  }
}

/** The label selector for everything the harness created (optionally in one run). */
export function managedSelector(runId?: string): string {
  const managed = `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`;
  return runId ? `${managed},${RUN_ID_LABEL}=${runId}` : managed;
}

export function podInfoOf(pod: V1Pod): PodInfo {
  const info: PodInfo = {
    name: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace ?? '',
    ready: pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    labels: pod.metadata?.labels ?? {},
  };
  if (pod.status?.podIP) info.ip = pod.status.podIP;
  const ips = (pod.status?.podIPs ?? []).map((p) => p.ip).filter(Boolean);
  if (ips.length > 1) info.ips = ips;
  if (pod.spec?.nodeName) info.node = pod.spec.nodeName;
  if (pod.status?.phase) info.phase = pod.status.phase;
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  if (statuses.length) info.restarts = statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0);
  if (pod.metadata?.deletionTimestamp) info.terminating = true;
  const states = (pod.status?.containerStatuses ?? [])
    .filter((s) => s.state?.waiting || s.state?.terminated || !s.ready)
    .map((s) => {
      const w = s.state?.waiting;
      const t = s.state?.terminated;
      return `${s.name}: ${w ? `waiting ${w.reason ?? ''}${w.message ? `: ${w.message}` : ''}` : t ? `terminated ${t.reason ?? ''} (exit ${t.exitCode})` : 'running, not ready'}`;
    });
  if (states.length) info.containerStates = states.join('; ');
  return info;
}

export function nodeInfoOf(node: V1Node): NodeInfo {
  const cond = node.status?.conditions?.find((c) => c.type === 'Ready');
  const info: NodeInfo = { name: node.metadata?.name ?? '', ready: cond?.status === 'True' };
  const taints = (node.spec?.taints ?? []).map((t) => ({ key: t.key, effect: t.effect }));
  const podCIDRs = node.spec?.podCIDRs ?? (node.spec?.podCIDR ? [node.spec.podCIDR] : []);
  const internalIPs = (node.status?.addresses ?? []).filter((a) => a.type === 'InternalIP').map((a) => a.address);
  if (taints.length) info.taints = taints;
  if (node.status?.nodeInfo?.kubeletVersion) info.kubeletVersion = node.status.nodeInfo.kubeletVersion;
  if (podCIDRs.length) info.podCIDRs = podCIDRs;
  if (internalIPs.length) info.internalIPs = internalIPs;
  if (!info.ready) info.detail = [cond?.reason, cond?.message].filter(Boolean).join(': ') || 'no Ready condition yet';
  return info;
}

/** A selector's matchLabels (the workloads the harness watches select by labels only). */
function matchLabelsOf(selector: V1LabelSelector | undefined): Record<string, string> {
  return { ...(selector?.matchLabels ?? {}) };
}

function describeObject(spec: KubernetesObject): string {
  const ns = spec.metadata?.namespace ? `${spec.metadata.namespace}/` : '';
  return `${(spec.kind ?? 'object').toLowerCase()} ${ns}${spec.metadata?.name ?? '(unnamed)'}`;
}
