import type { LiveOptions } from '../engine/run/run-scenario.js';
import type { KubeClient } from '../kube/types.js';
import type { InterruptHandler, Interrupts } from '../live/interrupt.js';
import { LiveSession, type CompletedRun } from '../live/session.js';
import type { ProbeMode } from '../probe/create-runner.js';
import type { Scenario } from '../scenario/types.js';

/** Registers nothing: a test's session never listens for the process's Ctrl-C. */
export const noInterrupts: Interrupts = (): InterruptHandler => ({ fired: () => false, dispose: () => undefined });

/** Timings that let a fake cluster's run end at once. */
export const FAST_LIVE: Partial<LiveOptions> = {
  stabilize: { deadlineSeconds: 0, settleSeconds: 0, intervalMs: 0, maxInFlightPerCell: 1 },
  podPollIntervalMs: 0,
  podReadyTimeoutSeconds: 1,
};

export interface TestRunFlags {
  concurrency?: number;
  parallel: number;
  timeout: number;
  probeMode: ProbeMode;
  retain?: boolean;
}

/** One run through a LiveSession on a (fake) cluster, without the preflight. */
export async function runInSession(
  scenarios: readonly Scenario[],
  kube: KubeClient,
  flags: TestRunFlags,
  progress: (line: string) => void,
  overrides: Partial<LiveOptions> = FAST_LIVE,
): Promise<CompletedRun> {
  await using session = LiveSession.start(
    { kube, description: 'a fake cluster' },
    {
      probeMode: flags.probeMode,
      ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
      probeTimeoutSeconds: flags.timeout,
      offline: true,
      retain: Boolean(flags.retain),
      preflight: false,
      progress,
      overrides,
      interrupts: noInterrupts,
    },
  );
  const run = await session.run(scenarios, { parallel: flags.parallel });
  if (run.outcome !== 'ran') throw new Error('the run ended without running (no preflight was asked for)');
  return run;
}
