import { KubeconfigDriver } from '../src/cluster/kubeconfig.js';
import { silentProgress } from '../src/cluster/progress.js';
import { connectCluster, type ConnectedCluster } from '../src/live/cluster.js';

/** The cluster the live suites run on: $NETPOL_HARNESS_CONTEXT, else kind's `kind-netpol-harness`, from $KUBECONFIG or ~/.kube/config. */
export const HARNESS_CONTEXT = process.env.NETPOL_HARNESS_CONTEXT ?? 'kind-netpol-harness';
const READY_TIMEOUT_SECONDS = 20;

/**
 * The cluster, connected as `run` connects (a kind cluster on this machine is recognised by its
 * context, so its stand-ins start as in a run), or why there is none (then the suites skip).
 */
export async function reachCluster(): Promise<ConnectedCluster | { skip: string }> {
  const driver = new KubeconfigDriver({
    context: HARNESS_CONTEXT,
    readyTimeoutSeconds: READY_TIMEOUT_SECONDS,
    ...(process.env.KUBECONFIG ? { kubeconfigPath: process.env.KUBECONFIG } : {}),
  });
  try {
    return await connectCluster(driver, silentProgress);
  } catch (err) {
    return {
      skip: `no cluster reachable (context ${HARNESS_CONTEXT}): ${err instanceof Error ? err.message : String(err)}; bring one up with \`netpol-harness up\` or set NETPOL_HARNESS_CONTEXT`,
    };
  }
}
