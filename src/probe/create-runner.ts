import type { KubeClient } from '../kube/types.js';
import { ClusterProbeRunner } from './cluster-runner.js';
import { ExecTransport } from './exec-transport.js';
import { SessionTransport } from './session-transport.js';
import type { Via } from './transport.js';

export type ProbeMode = Via;
export const PROBE_MODES: readonly ProbeMode[] = ['session', 'exec'];
export const DEFAULT_PROBE_MODE: ProbeMode = 'session';

/** The cluster runner for a probe mode: a probe agent per container (session) or one exec per probe (exec). */
export function createClusterRunner(kube: KubeClient, mode: ProbeMode, concurrency: number, progress?: (line: string) => void): ClusterProbeRunner {
  const transport = mode === 'session' ? new SessionTransport(kube, progress ? { progress } : {}) : new ExecTransport(kube);
  return new ClusterProbeRunner(transport, concurrency);
}
