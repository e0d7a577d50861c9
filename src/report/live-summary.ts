import type { ScenarioRun } from '../engine/types.js';
import type { Verdict } from '../reachability/verdict.js';

export const VERDICTS: readonly Verdict[] = ['pass', 'document-defect', 'enforcement-mismatch', 'disagrees', 'flaky', 'inconclusive'];

export interface LiveSummary {
  scenarios: number;
  failedScenarios: number;
  probes: number;
  sent: number;
  byVerdict: Record<Verdict, number>;
  /** Over the steps with a change that changed some cell: the upper bounds, and the widest bracket (resolution). */
  enforcementMs: { median?: number; p90?: number; max?: number; count: number; resolutionMax?: number };
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

/** The nearest-rank percentile (p in 0..100). */
export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export function summarizeLive(runs: readonly ScenarioRun[], durationMs: number): LiveSummary {
  const records = runs.flatMap((r) => r.records);
  const byVerdict = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const r of records) byVerdict[r.verdict.verdict]++;
  const brackets = runs.flatMap((r) => r.steps.flatMap((s) => (s.enforcement ? [s.enforcement] : [])));
  const enforcement = brackets.map((e) => e.upperMs);
  const widths = brackets.map((e) => e.upperMs - e.lowerMs);
  return {
    scenarios: runs.length,
    failedScenarios: runs.filter((r) => r.error !== undefined).length,
    probes: records.length,
    sent: records.filter((r) => r.live.sent).length,
    byVerdict,
    enforcementMs: {
      median: median(enforcement),
      p90: percentile(enforcement, 90),
      max: enforcement.length ? Math.max(...enforcement) : undefined,
      count: enforcement.length,
      resolutionMax: widths.length ? Math.max(...widths) : undefined,
    },
    durationMs,
  };
}
