import { KubeconfigDriver } from '../src/cluster/kubeconfig.js';
import { silentProgress } from '../src/cluster/progress.js';
import { ClusterKubeClient } from '../src/kube/client.js';
import type { KubeClient } from '../src/kube/types.js';
import type { KubeConfig } from '@kubernetes/client-node';

/** The cluster the live suites run on: $NETPOL_HARNESS_CONTEXT, else kind's `kind-netpol-harness`, from $KUBECONFIG or ~/.kube/config. */
export const HARNESS_CONTEXT = process.env.NETPOL_HARNESS_CONTEXT ?? 'kind-netpol-harness';
const READY_TIMEOUT_SECONDS = 20;

/** A client for the cluster, or why there is none (then the suites skip). */
export async function reachCluster(): Promise<{ kube: KubeClient; kubeConfig: KubeConfig } | { skip: string }> {
  const driver = new KubeconfigDriver({
    context: HARNESS_CONTEXT,
    readyTimeoutSeconds: READY_TIMEOUT_SECONDS,
    ...(process.env.KUBECONFIG ? { kubeconfigPath: process.env.KUBECONFIG } : {}),
  });
  try {
    await driver.ensureUp(silentProgress);
    const kubeConfig = await driver.kubeconfig();
    return { kube: new ClusterKubeClient(kubeConfig), kubeConfig };
  } catch (err) {
    return {
      skip: `no cluster reachable (context ${HARNESS_CONTEXT}): ${err instanceof Error ? err.message : String(err)}; bring one up with \`netpol-harness up\` or set NETPOL_HARNESS_CONTEXT`,
    };
  }
}
