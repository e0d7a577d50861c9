import type { ScenarioRun } from '../engine/types.js';
import type { Verdict } from '../reachability/verdict.js';

export const VERDICTS: readonly Verdict[] = ['pass', 'document-defect', 'enforcement-mismatch', 'disagrees', 'flaky', 'inconclusive'];

export interface LiveSummary {
  scenarios: number;
  failedScenarios: number;
  probes: number;
  sent: number;
  byVerdict: Record<Verdict, number>;
  enforcementMs: { median?: number; max?: number; count: number };
  durationMs: number;
}

/** Verdicts that fail a run: the document, spec and cluster do not all agree. */
export function isFailure(v: Verdict): boolean {
  return v !== 'pass' && v !== 'inconclusive';
}

export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function summarizeLive(runs: readonly ScenarioRun[], durationMs: number): LiveSummary {
  const records = runs.flatMap((r) => r.records);
  const byVerdict = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const r of records) byVerdict[r.verdict.verdict]++;
  const enforcement = runs.flatMap((r) => r.steps.flatMap((s) => (s.enforcedAfterMs !== undefined ? [s.enforcedAfterMs] : [])));
  return {
    scenarios: runs.length,
    failedScenarios: runs.filter((r) => r.error !== undefined).length,
    probes: records.length,
    sent: records.filter((r) => r.live.sent).length,
    byVerdict,
    enforcementMs: { median: median(enforcement), max: enforcement.length ? Math.max(...enforcement) : undefined, count: enforcement.length },
    durationMs,
  };
}
