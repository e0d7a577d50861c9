import { VersionApi, type KubeConfig } from '@kubernetes/client-node';
import { EnvironmentError } from '../errors.js';
import { errorText } from '../kube/api-error.js';
import { loadKubeConfig, type KubeconfigSource } from '../kube/kubeconfig.js';
import { withDeadlines } from '../kube/request-deadline.js';
import type { ClusterDriver, Progress } from './driver.js';
import { CLUSTER_DNS_PODS } from './readiness.js';
import { readDiagnostics, readSnapshot } from './snapshot.js';
import { waitForReady } from './wait-ready.js';

export const DEFAULT_EXISTING_READY_TIMEOUT_SECONDS = 60;

export interface KubeconfigDriverOptions extends KubeconfigSource {
  readyTimeoutSeconds: number;
}

/** An existing cluster, any CNI: checked for reachability and readiness, never created or deleted. */
export class KubeconfigDriver implements ClusterDriver {
  private loaded?: KubeConfig;

  constructor(private readonly options: KubeconfigDriverOptions) {}

  describe(): string {
    const kc = this.loaded;
    if (!kc)
      return `existing cluster (${this.options.context ? `context ${this.options.context}` : 'current context'})`;
    return `existing cluster, context ${kc.getCurrentContext()} (${kc.getCurrentCluster()?.server ?? 'no server'})`;
  }

  async kubeconfig(): Promise<KubeConfig> {
    if (!this.loaded) {
      try {
        this.loaded = loadKubeConfig(this.options);
      } catch (err) {
        throw kubeconfigProblem(err);
      }
    }
    return this.loaded;
  }

  async ensureUp(progress: Progress): Promise<void> {
    const kc = await this.kubeconfig();
    const server = kc.getCurrentCluster()?.server ?? '';
    const version = await progress.step(`API server ${server} answers`, async () => {
      try {
        return await withDeadlines(kc).makeApiClient(VersionApi).getCode();
      } catch (err) {
        throw new EnvironmentError(
          `the API server ${server} (context ${kc.getCurrentContext()}) is not reachable: ${errorText(err)}`,
          'check the kubeconfig and that the cluster is running',
          { cause: err },
        );
      }
    });
    progress.info(`Kubernetes ${version.gitVersion}, context ${kc.getCurrentContext()}`);
    await waitForReady({
      readSnapshot: () => readSnapshot(kc, [CLUSTER_DNS_PODS]),
      readDiagnostics: () => readDiagnostics(kc),
      requirements: [CLUSTER_DNS_PODS],
      expectedNodes: 1,
      readyTimeoutSeconds: this.options.readyTimeoutSeconds,
      progress,
    });
  }

  async down(progress: Progress): Promise<void> {
    progress.info("an existing cluster is not the harness's to delete: nothing done");
  }
}

/** A kubeconfig that cannot be loaded, as the EnvironmentError the CLI shows (exit 3). */
export function kubeconfigProblem(err: unknown): EnvironmentError {
  return new EnvironmentError(
    err instanceof Error ? err.message : String(err),
    'pass --kubeconfig <file> and/or --context <name>',
  );
}
