// The narrow Kubernetes client the engine uses. Two implementations: the real one over
// @kubernetes/client-node (client.ts) and a fake for unit tests (fake.ts).

/** Labels every object the harness creates carries; cleanup deletes by these and nothing else. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'netpol-harness';
export const RUN_ID_LABEL = 'netpol-harness.io/run-id';

export interface ObjectRef {
  namespace: string;
  name: string;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Wall time of the exec, in milliseconds. */
  durationMs: number;
  /** How long the command itself ran, timed inside the container (probe sessions), in milliseconds. */
  toolMs?: number;
  /** When the command started, in this process's clock (Date.now), within these bounds (probe sessions). */
  toolStartedMs?: { earliestMs: number; latestMs: number };
}

export interface PodInfo {
  name: string;
  namespace: string;
  ip?: string;
  /** Every IP of the pod, primary first (two on a dual-stack cluster: one per family). */
  ips?: string[];
  node?: string;
  ready: boolean;
  phase?: string;
  labels: Record<string, string>;
  /** Container restarts summed over the pod's containers (init containers included). */
  restarts?: number;
  /** Being deleted (deletionTimestamp set): whatever it says about readiness, it is going away. */
  terminating?: boolean;
  /** Containers that are waiting, terminated or not ready: `calico-node: waiting CrashLoopBackOff`. */
  containerStates?: string;
}

export interface NodeInfo {
  name: string;
  ready: boolean;
  /** Its taints (key and effect), for placement. */
  taints?: { key: string; effect: string }[];
  /** The kubelet's version (`v1.34.4`). */
  kubeletVersion?: string;
  /** The pod CIDRs the node was given (one per address family). */
  podCIDRs?: string[];
  /** Its InternalIP addresses (one per family on a dual-stack cluster). */
  internalIPs?: string[];
  /** The Ready condition's reason and message when not ready. */
  detail?: string;
}

/** A DaemonSet or Deployment as far as health goes: how many pods it wants, how many are Ready. */
export interface WorkloadInfo {
  kind: 'DaemonSet' | 'Deployment';
  namespace: string;
  name: string;
  /** The pod template's labels selector (`matchLabels` only), e.g. `k8s-app=calico-node`. */
  podSelector: Record<string, string>;
  /** DaemonSet: desiredNumberScheduled; Deployment: spec.replicas. */
  desired: number;
  /** DaemonSet: numberReady; Deployment: readyReplicas. */
  ready: number;
  /** The pod template's container images (what version of a CNI runs). */
  images?: string[];
}

/**
 * What the API server said about an apply or a delete: accepted (an apply says whether it created
 * the object or replaced one of the same name, as `kubectl apply` prints), or rejected with its
 * message.
 */
export type ApplyResult =
  { accepted: true; operation?: 'created' | 'configured' } | { accepted: false; status: number; message: string };

/**
 * One API request as a user would make it with kubectl (create, get, list, label), optionally as
 * another user (`as`: impersonation, e.g. `system:serviceaccount:NS:NAME`).
 */
export type ApiRequest = (
  | { verb: 'create'; manifest: Record<string, unknown> }
  | { verb: 'get'; apiVersion: string; kind: string; namespace: string; name: string }
  | { verb: 'list'; apiVersion: string; kind: string; namespace: string }
  | { verb: 'label'; namespace: string; name: string; labels: Record<string, string | null> }
) & { as?: string };

/** What the API server answered: success (with the HTTP code), or its status code, reason and message. Never thrown. */
export type ApiAnswer =
  { ok: true; code: number; items?: number } | { ok: false; code: number; reason?: string; message: string };

export interface KubeClient {
  /** Creates a namespace with labels (managed-by and run-id are added by the caller). */
  createNamespace(name: string, labels: Record<string, string>): Promise<void>;
  /** Creates any namespaced object given as a plain manifest (pods, deployments, services). */
  create(manifest: Record<string, unknown>): Promise<void>;
  /**
   * `kubectl apply` of a NetworkPolicy: creates it, or replaces the one of the same name; strict
   * field validation either way. A rejection is data, not an exception, and leaves any old version.
   */
  applyNetworkPolicy(namespace: string, manifest: Record<string, unknown>): Promise<ApplyResult>;
  deleteNetworkPolicy(ref: ObjectRef): Promise<void>;
  /**
   * `kubectl apply` of a ClusterNetworkPolicy (cluster-scoped; its apiVersion names the version):
   * created, or the one of that name replaced; strict field validation; a rejection is data.
   */
  applyClusterNetworkPolicy(manifest: Record<string, unknown>): Promise<ApplyResult>;
  /** Deletes one ClusterNetworkPolicy (apiVersion as sent); NotFound is no error. */
  deleteClusterNetworkPolicy(apiVersion: string, name: string): Promise<void>;
  /** Merge-patches labels (null removes a label). */
  patchPodLabels(ref: ObjectRef, labels: Record<string, string | null>): Promise<void>;
  patchNamespaceLabels(name: string, labels: Record<string, string | null>): Promise<void>;
  listPods(namespace: string, labelSelector?: string): Promise<PodInfo[]>;
  /** Every node with its Ready condition (read-only). */
  listNodes(): Promise<NodeInfo[]>;
  /** The DaemonSets and Deployments of a namespace (read-only; none when the namespace does not exist). */
  listWorkloads(namespace: string): Promise<WorkloadInfo[]>;
  /** Deletes a pod (its grace period applies; it is listed, terminating, until gone). NotFound is no error. */
  deletePod(ref: ObjectRef): Promise<void>;
  /** The service's cluster IPs, primary first (two on a dual-stack service); none for a headless or missing one. */
  getServiceClusterIPs(ref: ObjectRef): Promise<string[]>;
  /** Does the service account exist? (A new namespace gets `default` from the controller manager, a moment later.) */
  hasServiceAccount(ref: ObjectRef): Promise<boolean>;
  /** Runs a command in a container; never throws for a non-zero exit. Throws on transport failure. */
  exec(ref: ObjectRef, container: string, command: string[], timeoutMs: number): Promise<ExecResult>;
  /** Starts a command with stdin open and streams its output (for long-lived agents). Throws if the stream cannot be opened. */
  openExecStream(ref: ObjectRef, container: string, command: string[]): Promise<ExecStream>;
  /** An API request whose answer is data (a refusal is an answer, not an error); throws only when the server cannot be reached. */
  apiRequest(request: ApiRequest): Promise<ApiAnswer>;
  /** Deletes every namespace carrying the managed-by label (and, if given, this run id). */
  deleteManagedNamespaces(runId?: string): Promise<string[]>;
  /**
   * Deletes every ClusterNetworkPolicy carrying the managed-by label (and, if given, this run id):
   * cluster-scoped, they outlive the namespaces. None when the cluster does not serve the API.
   */
  deleteManagedClusterNetworkPolicies(runId?: string): Promise<string[]>;
}

/** A command running in a container with its stdin, stdout and stderr open (one exec websocket). */
export interface ExecStream {
  /** Writes to the command's stdin. */
  write(data: string): void;
  onStdout(listener: (chunk: Buffer) => void): void;
  onStderr(listener: (chunk: Buffer) => void): void;
  /** Settles once, when the stream ends: the command's exit code if it reported one, and why it ended. */
  readonly ended: Promise<{ exitCode?: number; reason: string }>;
  /** Closes the stream (the command's stdin sees end of file; the websocket is closed). */
  close(): void;
}
