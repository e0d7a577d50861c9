import type { CniName } from './cni.js';
import type { IpFamily } from './ip-family.js';
import type { Mirror } from './registry-mirror.js';
import type { ClusterDriver } from './driver.js';
import { DEFAULT_CLUSTER_NAME, DEFAULT_READY_TIMEOUT_SECONDS, KindDriver } from './kind.js';
import { DEFAULT_EXISTING_READY_TIMEOUT_SECONDS, KubeconfigDriver } from './kubeconfig.js';

export type LiveEngine = 'kind' | 'kubeconfig';

export interface DriverChoice {
  engine: LiveEngine;
  name?: string;
  cni?: CniName;
  nodes?: 1 | 2;
  /** The kind cluster's address family (default ipv4); pass defaultClusterName(cni, family) as name. */
  ipFamily?: IpFamily;
  offline?: boolean;
  retain?: boolean;
  kubeconfigPath?: string;
  context?: string;
  readyTimeoutSeconds?: number;
  /** kind only: pull every image through this mirror; `images` are checked in it too, for `what`. */
  registryMirror?: Mirror;
  mirrorImages?: { images: string[]; what: string };
  nodeImage?: string;
}

/** The driver for `--engine kind` (the default) or `--engine kubeconfig`. */
export function createClusterDriver(c: DriverChoice): ClusterDriver {
  if (c.engine === 'kubeconfig') {
    return new KubeconfigDriver({
      ...(c.kubeconfigPath ? { kubeconfigPath: c.kubeconfigPath } : {}),
      ...(c.context ? { context: c.context } : {}),
      readyTimeoutSeconds: c.readyTimeoutSeconds ?? DEFAULT_EXISTING_READY_TIMEOUT_SECONDS,
    });
  }
  return new KindDriver({
    name: c.name ?? DEFAULT_CLUSTER_NAME,
    ...(c.cni ? { cni: c.cni } : {}),
    nodes: c.nodes ?? 1,
    ...(c.ipFamily ? { ipFamily: c.ipFamily } : {}),
    readyTimeoutSeconds: c.readyTimeoutSeconds ?? DEFAULT_READY_TIMEOUT_SECONDS,
    ...(c.offline === undefined ? {} : { offline: c.offline }),
    ...(c.retain ? { retain: true } : {}),
    ...(c.registryMirror ? { registryMirror: c.registryMirror } : {}),
    ...(c.mirrorImages ? { mirrorImages: c.mirrorImages } : {}),
    ...(c.nodeImage ? { nodeImage: c.nodeImage } : {}),
  });
}
