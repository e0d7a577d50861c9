import type { KubeConfig } from '@kubernetes/client-node';

/** ✓/✗ status lines on stderr: one per step, with its duration. */
export interface Progress {
  /** Runs one step: `✓ title (1.2 s)` when it resolves, `✗ title` when it throws (and rethrows). */
  step<T>(title: string, work: () => Promise<T>): Promise<T>;
  /** A line of information between steps (`• reusing …`). */
  info(message: string): void;
  /** A finished check that was not run through step(): `✓ message` or `✗ message`. */
  result(ok: boolean, message: string): void;
}

/** A cluster the harness can run on: a kind cluster it manages, or an existing one. */
export interface ClusterDriver {
  /** Brings the cluster up (or reuses it) and returns once nodes, CNI and DNS are Ready. */
  ensureUp(progress: Progress): Promise<void>;
  /** Deletes what ensureUp created; a no-op for clusters the harness does not own. */
  down(progress: Progress): Promise<void>;
  /** The kubeconfig to reach the cluster with (current context set). */
  kubeconfig(): Promise<KubeConfig>;
  /** One line for reports: which cluster, how many nodes, which CNI. */
  describe(): string;
  /** After ensureUp, on kind: whether the cluster runs the locally built images (so should the scenarios). */
  readonly imagesOffline?: boolean;
}
