// A tiny cluster double for engine tests: pods are ready at once, exec answers through a network
// function the test gives, policies are kept by namespace and name.
import { fakeAgentStream } from './fake-agent-stream.js';
import type {
  ApiAnswer,
  ApplyResult,
  ExecResult,
  ExecStream,
  KubeClient,
  NodeInfo,
  ObjectRef,
  PodInfo,
  WorkloadInfo,
} from '../kube/types.js';
import { ClusterProbeRunner } from '../probe/cluster-runner.js';
import { ExecTransport } from '../probe/exec-transport.js';
import type { LiveContext } from '../engine/run/run-scenario.js';
import type { Clock } from '../engine/stabilize/stabilize.js';

export type Manifest = Record<string, unknown> & {
  metadata: { name: string; namespace: string; labels?: Record<string, string> };
};

/** A tiny cluster double: pods are ready at once; exec answers through `network`. */
export class TinyCluster implements KubeClient {
  readonly log: string[] = [];
  readonly pods = new Map<string, PodInfo>();
  readonly policies = new Map<string, Manifest>();
  readonly clusterPolicies = new Map<string, Manifest>();
  private ip = 10;

  constructor(
    private readonly network: (cluster: TinyCluster, from: PodInfo, command: string[]) => Partial<ExecResult>,
    /** The API server's review of a policy (create or replace alike); a rejection keeps the old version. */
    private readonly review: (m: Manifest) => ApplyResult = () => ({ accepted: true }),
  ) {}

  async createNamespace(name: string): Promise<void> {
    this.log.push(`namespace ${name}`);
  }
  async create(manifest: Record<string, unknown>): Promise<void> {
    const m = manifest as Manifest;
    this.log.push(`${String(m.kind)} ${m.metadata.namespace}/${m.metadata.name}`);
    if (m.kind === 'Pod') {
      this.pods.set(`${m.metadata.namespace}/${m.metadata.name}`, {
        name: m.metadata.name,
        namespace: m.metadata.namespace,
        ip: `192.168.0.${this.ip++}`,
        node: 'kind-control-plane',
        ready: true,
        phase: 'Running',
        labels: { ...m.metadata.labels },
      });
    }
  }
  async applyNetworkPolicy(namespace: string, manifest: Record<string, unknown>): Promise<ApplyResult> {
    const m = manifest as Manifest;
    this.log.push(`apply networkpolicy ${namespace}/${m.metadata.name}`);
    const verdict = this.review(m);
    if (!verdict.accepted) return verdict;
    const replaced = this.policies.has(`${namespace}/${m.metadata.name}`);
    this.policies.set(`${namespace}/${m.metadata.name}`, m);
    return { accepted: true, operation: replaced ? 'configured' : 'created' };
  }
  async deleteNetworkPolicy(ref: ObjectRef): Promise<void> {
    this.policies.delete(`${ref.namespace}/${ref.name}`);
  }
  async applyClusterNetworkPolicy(manifest: Record<string, unknown>): Promise<ApplyResult> {
    const m = manifest as Manifest;
    this.log.push(`apply clusternetworkpolicy ${m.metadata.name}`);
    const replaced = this.clusterPolicies.has(m.metadata.name);
    this.clusterPolicies.set(m.metadata.name, m);
    return { accepted: true, operation: replaced ? 'configured' : 'created' };
  }
  async deleteClusterNetworkPolicy(_apiVersion: string, name: string): Promise<void> {
    this.log.push(`delete clusternetworkpolicy ${name}`);
    this.clusterPolicies.delete(name);
  }
  async deleteManagedClusterNetworkPolicies(): Promise<string[]> {
    const names = [...this.clusterPolicies.keys()];
    for (const name of names) this.log.push(`delete clusternetworkpolicy ${name} (cleanup)`);
    this.clusterPolicies.clear();
    return names;
  }
  async patchPodLabels(): Promise<void> {}
  async patchNamespaceLabels(): Promise<void> {}
  async deletePod(ref: ObjectRef): Promise<void> {
    this.log.push(`delete pod ${ref.namespace}/${ref.name}`);
    this.pods.delete(`${ref.namespace}/${ref.name}`);
  }
  async listPods(namespace: string): Promise<PodInfo[]> {
    return [...this.pods.values()].filter((p) => p.namespace === namespace);
  }
  async hasServiceAccount(): Promise<boolean> {
    return true;
  }
  async listNodes(): Promise<NodeInfo[]> {
    return [{ name: 'kind-control-plane', ready: true }];
  }
  async listWorkloads(): Promise<WorkloadInfo[]> {
    return [];
  }

  async getServiceClusterIPs(): Promise<string[]> {
    return ['10.96.0.20'];
  }
  async exec(ref: ObjectRef, _container: string, command: string[]): Promise<ExecResult> {
    const from = this.pods.get(`${ref.namespace}/${ref.name}`) as PodInfo;
    return { exitCode: 0, stdout: '', stderr: '', durationMs: 1, ...this.network(this, from, command) };
  }
  async openExecStream(ref: ObjectRef, container: string, command: string[]): Promise<ExecStream> {
    return fakeAgentStream(command[command.length - 1] ?? '', (argv) => this.exec(ref, container, argv));
  }
  async apiRequest(): Promise<ApiAnswer> {
    return { ok: true, code: 200 };
  }
  async deleteManagedNamespaces(): Promise<string[]> {
    return [];
  }
}

export const instantClock: Clock = { nowMs: () => 0, waitMs: async () => undefined };

export function context(kube: KubeClient): LiveContext {
  return {
    kube,
    runner: new ClusterProbeRunner(new ExecTransport(kube), 4),
    runId: 'r1',
    images: {
      images: {
        alpine: 'netpol-harness/alpine:v1',
        nginx: 'netpol-harness/nginx:v1',
        'default-server': 'netpol-harness/server:v1',
      },
    },
    options: {
      probeTimeoutSeconds: 2,
      podReadyTimeoutSeconds: 5,
      podPollIntervalMs: 0,
      offline: true,
      stabilize: { deadlineSeconds: 0, settleSeconds: 0, intervalMs: 0, maxInFlightPerCell: 1 },
    },
    progress: () => undefined,
    clock: instantClock,
  };
}
