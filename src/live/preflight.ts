import { loadImageMap } from '../engine/setup/image-map.js';
import { newRunId } from '../engine/naming.js';
import { DEFAULT_PREFLIGHT, runPreflight, type PreflightResult } from '../engine/preflight/preflight.js';
import { realClock } from '../engine/stabilize/stabilize.js';
import type { KubeClient } from '../kube/types.js';
import { deleteManaged } from '../kube/managed.js';
import { createClusterRunner, DEFAULT_PROBE_MODE, type ProbeMode } from '../probe/create-runner.js';
import { handleInterrupt, type Interrupts } from './interrupt.js';

const IMAGE_MAP_FILE = new URL('../../offline/image-map.yaml', import.meta.url).pathname;

export interface PreflightFlags {
  offline?: boolean;
  retain?: boolean;
  /** Probe timeout per attempt, seconds. */
  timeout?: number;
  /** How long the deny policy may take to be enforced, seconds. */
  deadline?: number;
  /** How the canary probes reach the client (default: a probe session, as in a run). */
  probeMode?: ProbeMode;
}

/** Runs the preflight on a connected cluster (progress lines to `progress`); Ctrl-C deletes its namespace. */
export async function preflightOnCluster(
  kube: KubeClient,
  flags: PreflightFlags,
  progress: (line: string) => void,
  interrupts: Interrupts = handleInterrupt,
): Promise<PreflightResult> {
  const runId = newRunId();
  const runner = createClusterRunner(kube, flags.probeMode ?? DEFAULT_PROBE_MODE, 2, progress);
  const interrupt = interrupts(async () => {
    await runner.close();
    progress(`interrupted: ${flags.retain ? 'keeping' : 'deleting'} the preflight's namespace`);
    if (!flags.retain) await deleteManaged(kube, runId);
  }, progress);
  try {
    const options = {
      ...DEFAULT_PREFLIGHT,
      runId,
      images: loadImageMap(IMAGE_MAP_FILE),
      offline: flags.offline !== false,
      ...(flags.timeout ? { probeTimeoutSeconds: flags.timeout } : {}),
      ...(flags.deadline ? { enforceDeadlineSeconds: flags.deadline } : {}),
      ...(flags.retain ? { retain: true } : {}),
    };
    return await runPreflight(kube, runner, options, realClock, progress);
  } finally {
    await runner.close();
    interrupt.dispose();
  }
}

/** For a run (alongside its setup): true when the cluster enforces NetworkPolicy; otherwise says why (the caller exits 3). */
export async function preflightPasses(
  kube: KubeClient,
  flags: PreflightFlags,
  progress: (line: string) => void,
  interrupts: Interrupts = handleInterrupt,
): Promise<boolean> {
  const result = await preflightOnCluster(kube, flags, progress, interrupts);
  if (result.outcome === 'pass') {
    progress(`preflight: ${result.sentence}`);
    return true;
  }
  progress(`error: preflight (${result.outcome}): ${result.sentence}`);
  for (const d of result.details) progress(`  ${d}`);
  progress(
    '  hint: no probe was sent (the scenarios set up meanwhile are cleaned up as usual); `netpol-harness preflight` repeats the check, `--skip-preflight` runs anyway',
  );
  return false;
}
