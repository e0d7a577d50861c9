import type { KubeConfig } from '@kubernetes/client-node';
import type { ClusterDriver, Progress } from '../cluster/driver.js';
import { KindCli } from '../cluster/kind-cli.js';
import { runWithExeca, type RunCommand } from '../cluster/program-runner.js';
import { ClusterKubeClient } from '../kube/client.js';
import type { KubeClient } from '../kube/types.js';

/** A cluster the harness is connected to: the first state of a live run (then a LiveSession, then close). */
export interface LiveCluster {
  readonly kube: KubeClient;
  /** One line for reports: which cluster, how many nodes, which CNI. */
  readonly description: string;
  /**
   * The kind cluster this is, when it is one on this machine: documented outside addresses then
   * get stand-ins on the kind network, whichever way the cluster was reached (by `up`, by name, or
   * through a kubeconfig context kind wrote).
   */
  readonly kindName?: string;
  /** On a kind cluster `up` brought up: whether it runs the locally built images (the scenarios' default then). */
  readonly imagesOffline?: boolean;
}

/** A real cluster, reached through a kubeconfig (capture reads through it too). */
export interface ConnectedCluster extends LiveCluster {
  readonly kubeConfig: KubeConfig;
}

/** kind names its kubeconfig contexts `kind-<cluster>`. */
const KIND_CONTEXT = /^kind-(.+)$/;

/**
 * The kind cluster a kubeconfig's current context points at: its name when the context is one
 * kind writes and kind on this machine lists that cluster; undefined otherwise (not kind, or kind
 * is not installed here).
 */
export async function kindClusterOf(
  kubeConfig: KubeConfig,
  run: RunCommand = runWithExeca,
): Promise<string | undefined> {
  const name = KIND_CONTEXT.exec(kubeConfig.getCurrentContext())?.[1];
  if (!name) return undefined;
  try {
    return (await new KindCli(run).clusters()).includes(name) ? name : undefined;
  } catch {
    return undefined;
  }
}

/** Brings the driver's cluster up (or checks it), and connects to it. */
export async function connectCluster(
  driver: ClusterDriver,
  progress: Progress,
  run: RunCommand = runWithExeca,
): Promise<ConnectedCluster> {
  await driver.ensureUp(progress);
  const kubeConfig = await driver.kubeconfig();
  const kindName = await kindClusterOf(kubeConfig, run);
  return {
    kube: new ClusterKubeClient(kubeConfig),
    description: driver.describe(),
    kubeConfig,
    ...(kindName ? { kindName } : {}),
    ...(driver.imagesOffline === undefined ? {} : { imagesOffline: driver.imagesOffline }),
  };
}
