// A verdict taken while the environment was unhealthy proves nothing about the CNI: such records
// become inconclusive, with the fault as the reason. Pure post-processing over records and faults.
import type { Verdict } from '../../reachability/verdict.js';
import { describeFault, timeOfDay, type Fault } from './environment-health.js';
import type { LiveRecord, ScenarioRun } from '../types.js';

/** Verdicts an environment fault can have produced; inconclusive ones stay as they are. */
export const VERDICTS_AN_ENVIRONMENT_FAULT_VOIDS: readonly Verdict[] = [
  'pass',
  'enforcement-mismatch',
  'document-defect',
  'derived-contradiction',
  'flaky',
  'disagrees',
];

/** Faults named in one reason; the rest are counted. */
const MAX_FAULTS_IN_REASON = 3;

/**
 * The faults a record cannot be trusted past. Conservative: a fault counts for every probe whose
 * observation (baseline or step) ended after the fault started, even after the fault ended: a
 * restarted agent reprograms its rules, and a policy applied meanwhile may be enforced late.
 */
export function faultsAffecting(record: LiveRecord, faults: readonly Fault[]): Fault[] {
  const windows = record.live.observedMs;
  if (windows.length === 0) return [];
  const lastSeenMs = Math.max(...windows.map((w) => w.toMs));
  return faults.filter((f) => lastSeenMs > f.fromMs);
}

export function environmentReason(faults: readonly Fault[], time: (ms: number) => string = timeOfDay): string {
  const named = faults.slice(0, MAX_FAULTS_IN_REASON).map((f) => describeFault(f, time));
  const more = faults.length - named.length;
  return `environment: ${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

function judged(record: LiveRecord, faults: readonly Fault[], time: (ms: number) => string): LiveRecord {
  const affecting = faultsAffecting(record, faults);
  if (affecting.length === 0 || !VERDICTS_AN_ENVIRONMENT_FAULT_VOIDS.includes(record.verdict.verdict)) return record;
  return {
    ...record,
    verdict: { verdict: 'inconclusive', reason: environmentReason(affecting, time) },
    live: { ...record.live, environment: { verdictBefore: record.verdict } },
  };
}

/** The runs with every affected record made inconclusive (the original verdict kept beside it). */
export function withEnvironmentFaults(
  runs: readonly ScenarioRun[],
  faults: readonly Fault[],
  time: (ms: number) => string = timeOfDay,
): ScenarioRun[] {
  if (faults.length === 0) return [...runs];
  return runs.map((run) => ({ ...run, records: run.records.map((r) => judged(r, faults, time)) }));
}
