import type { ModelOutcome } from '../model/outcome.js';
import type { ProbeJob, ProbeResult, ProbeRunner } from '../probe/types.js';

export interface StabilizeOptions {
  /** Give up waiting for two equal rounds after this long; what changed last is flaky. */
  deadlineSeconds: number;
  /** Two equal rounds end the wait at once if they match the model; otherwise only after this long. */
  settleSeconds: number;
  /** Pause between rounds (a polling interval, bounded by the deadline). */
  pollIntervalMs: number;
  /** What the model expects per job key, to stop early once the cluster agrees. */
  expected?: ReadonlyMap<string, ModelOutcome>;
}

export interface Round {
  startedMs: number;
  endedMs: number;
  results: ProbeResult[];
}

export interface StableResults {
  /** The last round's result per job key, with the attempts of every round summed. */
  final: Map<string, ProbeResult>;
  /** Outcomes per job key over the rounds, oldest first. */
  history: Map<string, ModelOutcome[]>;
  stable: boolean;
  rounds: number;
  /**
   * From the start until the end of the first round of the final, unchanged run of rounds: an
   * upper bound on the enforcement time (its resolution is one round, e.g. a probe timeout).
   */
  settledAfterMs: number;
  flaky: Set<string>;
}

export interface Clock {
  nowMs(): number;
  waitMs(ms: number): Promise<void>;
}

export const realClock: Clock = {
  nowMs: () => Date.now(),
  waitMs: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

function sameOutcomes(a: ProbeResult[], b: ProbeResult[]): boolean {
  return a.length === b.length && a.every((r, i) => r.outcome === b[i]?.outcome);
}

/**
 * Probes in rounds until two rounds in a row agree (and either match the model or have settled
 * for `settleSeconds`), or the deadline passes. After a policy change this is how long the
 * cluster took to enforce it.
 */
export async function probeUntilStable(runner: ProbeRunner, jobs: readonly ProbeJob[], opts: StabilizeOptions, clock: Clock = realClock): Promise<StableResults> {
  const start = clock.nowMs();
  const rounds: Round[] = [];
  let stable = false;
  for (;;) {
    const startedMs = clock.nowMs();
    const results = await runner.run(jobs);
    rounds.push({ startedMs, endedMs: clock.nowMs(), results });
    const elapsedMs = clock.nowMs() - start;
    const last = rounds[rounds.length - 1] as Round;
    const prev = rounds[rounds.length - 2];
    if (prev && sameOutcomes(prev.results, last.results)) {
      const matchesModel = opts.expected !== undefined && jobs.every((j, i) => opts.expected?.get(j.key) === last.results[i]?.outcome);
      if (matchesModel || elapsedMs >= opts.settleSeconds * 1000) {
        stable = true;
        break;
      }
    }
    if (jobs.length === 0 || elapsedMs >= opts.deadlineSeconds * 1000) break;
    await clock.waitMs(opts.pollIntervalMs);
  }
  const last = rounds[rounds.length - 1] as Round;
  let firstOfRun = rounds.length - 1;
  while (firstOfRun > 0 && sameOutcomes((rounds[firstOfRun - 1] as Round).results, last.results)) firstOfRun--;
  const final = new Map<string, ProbeResult>();
  const history = new Map<string, ModelOutcome[]>();
  const flaky = new Set<string>();
  jobs.forEach((job, i) => {
    const outcomes = rounds.map((r) => (r.results[i] as ProbeResult).outcome);
    const attempts = rounds.reduce((n, r) => n + (r.results[i] as ProbeResult).attempts, 0);
    final.set(job.key, { ...(last.results[i] as ProbeResult), attempts });
    history.set(job.key, outcomes);
    const prev = rounds[rounds.length - 2];
    if (!stable && prev && prev.results[i]?.outcome !== last.results[i]?.outcome) flaky.add(job.key);
  });
  return { final, history, stable, rounds: rounds.length, settledAfterMs: (rounds[firstOfRun] as Round).endedMs - start, flaky };
}
