import type { RunCommand } from '../cluster/program-runner.js';
import type { KubeClient } from '../kube/types.js';
import { OutsideAwareTransport } from './outside-transport.js';
import { ClusterProbeRunner } from './cluster-runner.js';
import { ExecTransport } from './exec-transport.js';
import { SessionTransport } from './session-transport.js';
import type { Via } from './transport.js';

export type ProbeMode = Via;
export const PROBE_MODES: readonly ProbeMode[] = ['session', 'exec'];
export const DEFAULT_PROBE_MODE: ProbeMode = 'session';
/** Probes in flight at once: a probe in a session is a child process; an exec costs the node a quarter of a CPU-second. */
export const DEFAULT_CONCURRENCY: Record<ProbeMode, number> = { session: 96, exec: 8 };

/** The cluster runner for a probe mode: a probe agent per container (session) or one exec per probe (exec). */
export function createClusterRunner(
  kube: KubeClient,
  mode: ProbeMode,
  concurrency: number,
  progress?: (line: string) => void,
  dockerForOutside?: RunCommand,
): ClusterProbeRunner {
  const inCluster =
    mode === 'session' ? new SessionTransport(kube, progress ? { progress } : {}) : new ExecTransport(kube);
  // Probes from outside the cluster (stand-ins on the kind network) go by docker exec.
  const transport = dockerForOutside ? new OutsideAwareTransport(inCluster, dockerForOutside) : inCluster;
  return new ClusterProbeRunner(transport, concurrency);
}
