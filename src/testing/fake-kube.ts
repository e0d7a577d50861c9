// An in-memory KubeClient for unit tests: keeps namespaces, pods, services and policies in maps,
// records every call, and answers exec from a function the test supplies.
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
} from '../kube/types.js';
import { fakeAgentStream } from './fake-agent-stream.js';

export interface ExecCall {
  ref: ObjectRef;
  container: string;
  command: string[];
  timeoutMs: number;
}

export type ExecAnswer = (call: ExecCall, fake: FakeKubeClient) => Partial<ExecResult> | Promise<Partial<ExecResult>>;
export type PolicyReview = (namespace: string, manifest: Record<string, unknown>) => ApplyResult;

export interface FakeOptions {
  /** A dual-stack cluster: pods and services get an IPv6 address beside the IPv4 one, the node a pod CIDR of each family. */
  dualStack?: boolean;
  /** Answers every exec; missing fields default to exit 0, empty output, 0 ms. Default: exit 0. */
  exec?: ExecAnswer;
  /**
   * Decides whether a NetworkPolicy is accepted, on create and on replace alike (the API server's
   * strict validation, e.g. to simulate a 400 or 422). A rejected replace keeps the old version. Default: accept.
   */
  reviewPolicy?: PolicyReview;
  /** Opens exec streams; default: an in-memory probe agent that answers through `exec`. */
  openExecStream?: (call: Omit<ExecCall, 'timeoutMs'>, fake: FakeKubeClient) => Promise<ExecStream>;
  /** RBAC for apiRequest: may `user` (undefined: the harness itself) do `verb` on `resource` (plural, lower case) in `namespace`? Default: yes. */
  authorize?: (
    user: string | undefined,
    verb: 'create' | 'get' | 'list' | 'patch',
    resource: string,
    namespace: string,
  ) => boolean;
}

export interface FakeNamespace {
  labels: Record<string, string>;
}

export interface FakeObject {
  kind: string;
  manifest: Record<string, unknown>;
}

export class FakeKubeClient implements KubeClient {
  readonly namespaces = new Map<string, FakeNamespace>();
  /** Key: `namespace/name`. */
  readonly pods = new Map<string, PodInfo>();
  readonly services = new Map<string, { clusterIP: string; clusterIPs?: string[] }>();
  readonly policies = new Map<string, Record<string, unknown>>();
  /** ClusterNetworkPolicies by name (cluster-scoped). */
  readonly clusterPolicies = new Map<string, Record<string, unknown>>();
  readonly objects = new Map<string, FakeObject>();
  /** Key: node name. One Ready node, `fake-node`, where every created pod runs. */
  readonly nodes = new Map<string, NodeInfo>([['fake-node', { name: 'fake-node', ready: true }]]);
  /** Key: `namespace/name`. DaemonSets and Deployments, set by the test (create() does not make them). */
  readonly workloads = new Map<string, WorkloadInfo>();
  /** A method listed here throws this message (a transport failure), until removed. */
  readonly failures = new Map<keyof KubeClient, string>();
  readonly calls: { method: keyof KubeClient; args: unknown[] }[] = [];
  readonly execCalls: ExecCall[] = [];
  private nextPodIp = 1;
  private nextServiceIp = 1;

  constructor(private readonly options: FakeOptions = {}) {
    if (options.dualStack)
      this.nodes.set('fake-node', { name: 'fake-node', ready: true, podCIDRs: ['10.0.0.0/24', 'fd00::/64'] });
  }

  async createNamespace(name: string, labels: Record<string, string>): Promise<void> {
    this.record('createNamespace', name, labels);
    if (this.namespaces.has(name))
      throw new Error(`unable to create namespace ${name}: namespaces "${name}" already exists (HTTP 409)`);
    this.namespaces.set(name, { labels: { 'kubernetes.io/metadata.name': name, ...labels } });
  }

  async create(manifest: Record<string, unknown>): Promise<void> {
    this.record('create', manifest);
    const kind = String(manifest.kind ?? '');
    const meta = (manifest.metadata ?? {}) as { name?: string; namespace?: string; labels?: Record<string, string> };
    const namespace = meta.namespace ?? 'default';
    const name = meta.name ?? '';
    const key = `${namespace}/${name}`;
    this.requireNamespace(namespace, `create ${kind.toLowerCase()} ${key}`);
    if (this.objects.has(`${kind}/${key}`))
      throw new Error(`unable to create ${kind.toLowerCase()} ${key}: already exists (HTTP 409)`);
    this.objects.set(`${kind}/${key}`, { kind, manifest });
    if (kind === 'Pod') {
      const n = this.nextPodIp++;
      this.pods.set(key, {
        name,
        namespace,
        ip: `10.0.0.${n}`,
        ...(this.options.dualStack ? { ips: [`10.0.0.${n}`, `fd00::${n}`] } : {}),
        node: 'fake-node',
        ready: true,
        phase: 'Running',
        labels: { ...(meta.labels ?? {}) },
      });
    } else if (kind === 'Service') {
      const n = this.nextServiceIp++;
      this.services.set(key, {
        clusterIP: `10.96.0.${n}`,
        ...(this.options.dualStack ? { clusterIPs: [`10.96.0.${n}`, `fd00:96::${n}`] } : {}),
      });
    }
  }

  async applyNetworkPolicy(namespace: string, manifest: Record<string, unknown>): Promise<ApplyResult> {
    this.record('applyNetworkPolicy', namespace, manifest);
    const name = String((manifest.metadata as { name?: unknown } | undefined)?.name ?? '');
    if (!this.namespaces.has(namespace))
      return { accepted: false, status: 404, message: `namespaces "${namespace}" not found` };
    // The review stands for strict validation, which a create and a replace both go through.
    const verdict = this.options.reviewPolicy?.(namespace, manifest) ?? { accepted: true };
    if (!verdict.accepted) return verdict;
    const replaced = this.policies.has(`${namespace}/${name}`);
    this.policies.set(`${namespace}/${name}`, manifest);
    return { accepted: true, operation: replaced ? 'configured' : 'created' };
  }

  async deleteNetworkPolicy(ref: ObjectRef): Promise<void> {
    this.record('deleteNetworkPolicy', ref);
    this.policies.delete(`${ref.namespace}/${ref.name}`);
  }

  async applyClusterNetworkPolicy(manifest: Record<string, unknown>): Promise<ApplyResult> {
    this.record('applyClusterNetworkPolicy', manifest);
    const name = String((manifest.metadata as { name?: unknown } | undefined)?.name ?? '');
    const verdict = this.options.reviewPolicy?.('', manifest) ?? { accepted: true };
    if (!verdict.accepted) return verdict;
    const replaced = this.clusterPolicies.has(name);
    this.clusterPolicies.set(name, manifest);
    return { accepted: true, operation: replaced ? 'configured' : 'created' };
  }

  async deleteClusterNetworkPolicy(apiVersion: string, name: string): Promise<void> {
    this.record('deleteClusterNetworkPolicy', apiVersion, name);
    this.clusterPolicies.delete(name);
  }

  async deleteManagedClusterNetworkPolicies(runId?: string): Promise<string[]> {
    this.record('deleteManagedClusterNetworkPolicies', runId);
    const deleted = [...this.clusterPolicies.entries()]
      .filter(([, m]) => {
        const labels = ((m.metadata as { labels?: Record<string, string> } | undefined)?.labels ?? {}) as Record<
          string,
          string
        >;
        return labels[MANAGED_BY_LABEL] === MANAGED_BY_VALUE && (runId === undefined || labels[RUN_ID_LABEL] === runId);
      })
      .map(([name]) => name);
    for (const name of deleted) this.clusterPolicies.delete(name);
    return deleted;
  }

  async patchPodLabels(ref: ObjectRef, labels: Record<string, string | null>): Promise<void> {
    this.record('patchPodLabels', ref, labels);
    const pod = this.pods.get(`${ref.namespace}/${ref.name}`);
    if (!pod)
      throw new Error(`unable to relabel pod ${ref.namespace}/${ref.name}: pods "${ref.name}" not found (HTTP 404)`);
    pod.labels = mergeLabels(pod.labels, labels);
  }

  async patchNamespaceLabels(name: string, labels: Record<string, string | null>): Promise<void> {
    this.record('patchNamespaceLabels', name, labels);
    const ns = this.requireNamespace(name, `relabel namespace ${name}`);
    ns.labels = mergeLabels(ns.labels, labels);
  }

  async listPods(namespace: string, labelSelector?: string): Promise<PodInfo[]> {
    this.record('listPods', namespace, labelSelector);
    this.reapTerminated();
    const wanted = parseEqualitySelector(labelSelector);
    return [...this.pods.values()]
      .filter((p) => p.namespace === namespace && Object.entries(wanted).every(([k, v]) => p.labels[k] === v))
      .map((p) => ({ ...p, labels: { ...p.labels } }));
  }

  async listNodes(): Promise<NodeInfo[]> {
    this.record('listNodes');
    return [...this.nodes.values()].map((n) => ({ ...n }));
  }

  async listWorkloads(namespace: string): Promise<WorkloadInfo[]> {
    this.record('listWorkloads', namespace);
    return [...this.workloads.values()]
      .filter((w) => w.namespace === namespace)
      .map((w) => ({ ...w, podSelector: { ...w.podSelector } }));
  }

  /** Pods that stay listed (terminating) for this many more listings after their delete. */
  readonly podTerminationListings = new Map<string, number>();

  async deletePod(ref: ObjectRef): Promise<void> {
    this.record('deletePod', ref);
    const key = `${ref.namespace}/${ref.name}`;
    if (!this.pods.has(key)) return;
    const pod = this.pods.get(key) as PodInfo;
    pod.ready = false;
    const listings = this.podTerminationListings.get(key) ?? 0;
    if (listings > 0) this.terminating.set(key, listings);
    else this.forgetPod(key);
  }

  private readonly terminating = new Map<string, number>();

  /** Each listing uses up one of a terminating pod's remaining listings; with none left it is gone. */
  private reapTerminated(): void {
    for (const [key, left] of this.terminating) {
      if (left > 0) this.terminating.set(key, left - 1);
      else {
        this.terminating.delete(key);
        this.forgetPod(key);
      }
    }
  }

  private forgetPod(key: string): void {
    this.pods.delete(key);
    this.objects.delete(`Pod/${key}`);
  }

  async getServiceClusterIPs(ref: ObjectRef): Promise<string[]> {
    this.record('getServiceClusterIPs', ref);
    const service = this.services.get(`${ref.namespace}/${ref.name}`);
    return service?.clusterIPs ?? (service ? [service.clusterIP] : []);
  }

  /** Namespaces whose `default` service account appears only after this many lookups (a slow controller manager). */
  readonly serviceAccountDelays = new Map<string, number>();

  async hasServiceAccount(ref: ObjectRef): Promise<boolean> {
    this.record('hasServiceAccount', ref);
    if (!this.namespaces.has(ref.namespace) || ref.name !== 'default') return false;
    const wait = this.serviceAccountDelays.get(ref.namespace) ?? 0;
    if (wait > 0) {
      this.serviceAccountDelays.set(ref.namespace, wait - 1);
      return false;
    }
    return true;
  }

  async exec(ref: ObjectRef, container: string, command: string[], timeoutMs: number): Promise<ExecResult> {
    this.record('exec', ref, container, command, timeoutMs);
    const call = { ref, container, command, timeoutMs };
    this.execCalls.push(call);
    if (!this.pods.has(`${ref.namespace}/${ref.name}`))
      throw new Error(`unable to exec in pod ${ref.namespace}/${ref.name}: pods "${ref.name}" not found`);
    const answer = this.options.exec ? await this.options.exec(call, this) : {};
    return { exitCode: 0, stdout: '', stderr: '', durationMs: 0, ...answer };
  }

  /** An in-memory probe agent: each request it gets is answered like an exec of the same command. */
  async openExecStream(ref: ObjectRef, container: string, command: string[]): Promise<ExecStream> {
    this.record('openExecStream', ref, container, command);
    if (!this.pods.has(`${ref.namespace}/${ref.name}`))
      throw new Error(`unable to exec in pod ${ref.namespace}/${ref.name}: pods "${ref.name}" not found`);
    if (this.options.openExecStream) return this.options.openExecStream({ ref, container, command }, this);
    return fakeAgentStream(command[command.length - 1] ?? '', async (argv) => {
      const r = await this.exec(ref, container, argv, 0);
      return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
    });
  }

  /** As the API server answers: 403 Forbidden, 404 NotFound, 409 AlreadyExists, else success; objects as `create` keeps them. */
  async apiRequest(request: ApiRequest): Promise<ApiAnswer> {
    this.record('apiRequest', request);
    const { verb, kind, namespace, name } = describeRequest(request);
    const resource = `${kind.toLowerCase()}s`;
    const rbacVerb = verb === 'label' ? 'patch' : verb;
    if (!(this.options.authorize?.(request.as, rbacVerb, resource, namespace) ?? true)) {
      const what = name && verb !== 'create' ? `${resource} "${name}" is forbidden` : `${resource} is forbidden`;
      return {
        ok: false,
        code: 403,
        reason: 'Forbidden',
        message: `${what}: User "${request.as ?? 'kubernetes-admin'}" cannot ${rbacVerb} resource "${resource}" in API group "" in the namespace "${namespace}"`,
      };
    }
    const notFound = (what: string): ApiAnswer => ({
      ok: false,
      code: 404,
      reason: 'NotFound',
      message: `${what} not found`,
    });
    if (!this.namespaces.has(namespace)) return notFound(`namespaces "${namespace}"`);
    switch (request.verb) {
      case 'create':
        if (this.objects.has(`${kind}/${namespace}/${name}`))
          return { ok: false, code: 409, reason: 'AlreadyExists', message: `${resource} "${name}" already exists` };
        await this.create(request.manifest);
        return { ok: true, code: 201 };
      case 'get':
        return this.objects.has(`${kind}/${namespace}/${name}`)
          ? { ok: true, code: 200 }
          : notFound(`${resource} "${name}"`);
      case 'list':
        return {
          ok: true,
          code: 200,
          items: [...this.objects.keys()].filter((k) => k.startsWith(`${kind}/${namespace}/`)).length,
        };
      case 'label': {
        const pod = this.pods.get(`${namespace}/${request.name}`);
        if (!pod) return notFound(`pods "${request.name}"`);
        pod.labels = mergeLabels(pod.labels, request.labels);
        return { ok: true, code: 200 };
      }
    }
  }

  async deleteManagedNamespaces(runId?: string): Promise<string[]> {
    this.record('deleteManagedNamespaces', runId);
    const deleted = [...this.namespaces.entries()]
      .filter(
        ([, ns]) =>
          ns.labels[MANAGED_BY_LABEL] === MANAGED_BY_VALUE &&
          (runId === undefined || ns.labels[RUN_ID_LABEL] === runId),
      )
      .map(([name]) => name);
    for (const name of deleted) this.deleteNamespaceContents(name);
    return deleted;
  }

  private deleteNamespaceContents(name: string): void {
    this.namespaces.delete(name);
    for (const map of [this.pods, this.services, this.policies] as Map<string, unknown>[]) {
      for (const key of [...map.keys()]) if (key.startsWith(`${name}/`)) map.delete(key);
    }
    for (const key of [...this.objects.keys()]) if (key.split('/')[1] === name) this.objects.delete(key);
  }

  private requireNamespace(name: string, doing: string): FakeNamespace {
    const ns = this.namespaces.get(name);
    if (!ns) throw new Error(`unable to ${doing}: namespaces "${name}" not found (HTTP 404)`);
    return ns;
  }

  private record(method: keyof KubeClient, ...args: unknown[]): void {
    this.calls.push({ method, args });
    const failure = this.failures.get(method);
    if (failure !== undefined) throw new Error(failure);
  }
}

function describeRequest(request: ApiRequest): {
  verb: ApiRequest['verb'];
  kind: string;
  namespace: string;
  name?: string;
} {
  switch (request.verb) {
    case 'create': {
      const meta = (request.manifest.metadata ?? {}) as { name?: string; namespace?: string };
      return {
        verb: 'create',
        kind: String(request.manifest.kind ?? ''),
        namespace: meta.namespace ?? 'default',
        ...(meta.name ? { name: meta.name } : {}),
      };
    }
    case 'get':
      return { verb: 'get', kind: request.kind, namespace: request.namespace, name: request.name };
    case 'list':
      return { verb: 'list', kind: request.kind, namespace: request.namespace };
    case 'label':
      return { verb: 'label', kind: 'Pod', namespace: request.namespace, name: request.name };
  }
}

function mergeLabels(current: Record<string, string>, patch: Record<string, string | null>): Record<string, string> {
  const next = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return next;
}

/** `a=b,c=d` only: the fake supports the equality selectors the harness uses. */
function parseEqualitySelector(selector: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (selector ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [k, v] = part.split('=');
    if (k === undefined || v === undefined) throw new Error(`fake: unsupported label selector "${selector}"`);
    out[k] = v;
  }
  return out;
}
