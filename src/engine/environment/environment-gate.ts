// Before a run starts: the environment must be healthy, or become so and stay so for a moment.
// A run started on a CNI agent that is still restarting (a cluster just brought back after Docker
// restarted) would have every verdict voided by the watch; waiting first costs seconds, not the run.
import { DEPENDENCY_NAMESPACES } from './environment-deps.js';
import { describeFault, FaultRecorder, type Fault } from './environment-health.js';
import { identifyDependencies, readEnvironment } from './environment-watch.js';
import type { KubeClient } from '../../kube/types.js';
import type { Clock } from '../stabilize/stabilize.js';

export interface GateOptions {
  /** How long to wait for a healthy environment before giving up. */
  deadlineSeconds: number;
  /** Once healthy, how long it must stay so (no restart, nothing unready) before the run starts. */
  settleSeconds: number;
  pollIntervalMs: number;
  namespaces?: readonly string[];
  progress?: (line: string) => void;
}

export const DEFAULT_GATE: Omit<GateOptions, 'progress'> = {
  deadlineSeconds: 120,
  settleSeconds: 10,
  pollIntervalMs: 1000,
};

export type GateResult =
  | { healthy: true; waitedMs: number }
  /** problems: what still stood at the deadline; history: every fault seen while waiting. */
  | { healthy: false; waitedMs: number; problems: string[]; history: string[] };

/**
 * Pure: what still stands in the way at nowMs. A fault still open stands; one that ended (or a
 * restart) less than settleMs ago stands too, as the agent may not have reprogrammed its rules yet.
 */
export function obstacles(faults: readonly Fault[], nowMs: number, settleMs: number): string[] {
  const out: string[] = [];
  for (const f of faults) {
    if (f.kind === 'state' && f.toMs === undefined)
      out.push(`${f.subject} ${f.state}${f.detail ? ` (${f.detail})` : ''}`);
    else if ((f.toMs ?? f.fromMs) > nowMs - settleMs) {
      const ago = `${Math.round((nowMs - (f.toMs ?? f.fromMs)) / 1000)} s ago`;
      out.push(f.kind === 'event' ? `${f.subject} ${f.state} ${ago}` : `${f.subject} was ${f.state} until ${ago}`);
    }
  }
  return out;
}

/**
 * Polls what enforcement depends on until it is healthy and has stayed so for settleSeconds; a
 * cluster healthy at the first look passes at once. Progress says what is awaited, whenever that
 * changes. Never throws for the cluster's state: an environment it cannot read is the watch's to
 * record, so it passes.
 */
export async function awaitHealthyEnvironment(kube: KubeClient, clock: Clock, o: GateOptions): Promise<GateResult> {
  const started = clock.nowMs();
  let deps;
  try {
    deps = await identifyDependencies(kube, o.namespaces ?? DEPENDENCY_NAMESPACES);
  } catch {
    return { healthy: true, waitedMs: 0 };
  }
  const recorder = new FaultRecorder(deps);
  let said = '';
  let standing: string[];
  for (;;) {
    const pollStarted = clock.nowMs();
    try {
      recorder.observe({ startedMs: pollStarted, endedMs: clock.nowMs() }, await readEnvironment(kube, deps));
    } catch (err) {
      recorder.pollFailed({ startedMs: pollStarted, endedMs: clock.nowMs() }, String(err));
    }
    const now = clock.nowMs();
    standing = obstacles(recorder.faults(), now, o.settleSeconds * 1000);
    if (standing.length === 0) {
      if (said) o.progress?.(`environment healthy after ${((now - started) / 1000).toFixed(1)} s: starting`);
      return { healthy: true, waitedMs: now - started };
    }
    // A new line when what is awaited changes, not each second its age does.
    const gist = standing.map((line) => line.replace(/\d+ s ago$/, '')).join('; ');
    if (gist !== said) {
      o.progress?.(`environment: waiting before the run: ${standing.join('; ')}`);
      said = gist;
    }
    if (now - started >= o.deadlineSeconds * 1000) break;
    await clock.waitMs(o.pollIntervalMs);
  }
  return {
    healthy: false,
    waitedMs: clock.nowMs() - started,
    problems: standing,
    history: recorder.faults().map((f) => describeFault(f)),
  };
}
