import type { LiveRecord, ScenarioRun } from '../engine/types.js';
import type { Verdict } from '../reachability/verdict.js';

export const VERDICTS: readonly Verdict[] = [
  'pass',
  'document-defect',
  'derived-contradiction',
  'enforcement-mismatch',
  'disagrees',
  'flaky',
  'inconclusive',
  'not-sent',
];

/**
 * What the traffic said about an expectation's claim, whatever the model says: the cluster did
 * what it claims (`confirmed`), did it only through an outside stand-in whose address a policy's
 * ipBlock was rewritten to hold (`confirmed-stand-in`: that confirms the rewrite, not the
 * document's rule), did something else (`contradicted`), gave no conclusive answer (`undecided`:
 * check failed, changing results, a block without a connecting baseline), or the probe was never
 * sent (`not-sent`).
 */
export type TrafficAnswer = 'confirmed' | 'confirmed-stand-in' | 'contradicted' | 'undecided' | 'not-sent';

export function trafficAnswer(r: LiveRecord): TrafficAnswer {
  if (!r.live.sent || r.live.outcome === 'not-sent') return 'not-sent';
  const outcome = r.live.outcome;
  if (outcome === 'inconclusive' || outcome === 'check-failed' || r.live.flaky) return 'undecided';
  if (!r.documented.includes(outcome)) return 'contradicted';
  const body = r.expectation.body;
  if (body !== undefined && outcome === 'allowed' && !(r.live.result?.output ?? '').includes(body))
    return 'contradicted';
  return r.live.standIn?.rewritten.length ? 'confirmed-stand-in' : 'confirmed';
}

export interface TrafficCounts {
  confirmed: number;
  /** Confirmed only against an outside stand-in with a rewritten ipBlock (not counted in `confirmed`). */
  confirmedStandIn: number;
  contradicted: number;
}

export interface LiveSummary {
  scenarios: number;
  failedScenarios: number;
  probes: number;
  sent: number;
  /** Documented claims (the documents' own) and derived expectations, judged by traffic alone. */
  documented: TrafficCounts;
  derived: TrafficCounts;
  notSent: number;
  /** Sent, but the traffic gave no conclusive answer. */
  undecided: number;
  byVerdict: Record<Verdict, number>;
  /** Over the steps with a change that changed some cell: the upper bounds, and the widest bracket (resolution). */
  enforcementMs: { median?: number; p90?: number; max?: number; count: number; resolutionMax?: number };
  durationMs: number;
}

/** Verdicts that fail a run: the document, spec and cluster do not all agree. */
export function isFailure(v: Verdict): boolean {
  return v !== 'pass' && v !== 'inconclusive' && v !== 'not-sent';
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

function trafficCounts(records: readonly LiveRecord[]): TrafficCounts {
  const answers = records.map(trafficAnswer);
  return {
    confirmed: answers.filter((a) => a === 'confirmed').length,
    confirmedStandIn: answers.filter((a) => a === 'confirmed-stand-in').length,
    contradicted: answers.filter((a) => a === 'contradicted').length,
  };
}

export function summarizeLive(runs: readonly ScenarioRun[], durationMs: number): LiveSummary {
  const records = runs.flatMap((r) => r.records);
  const byVerdict = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const r of records) byVerdict[r.verdict.verdict]++;
  const brackets = runs.flatMap((r) => r.steps.flatMap((s) => (s.enforcement ? [s.enforcement] : [])));
  const enforcement = brackets.map((e) => e.upperMs);
  const widths = brackets.map((e) => e.upperMs - e.lowerMs);
  const answers = records.map(trafficAnswer);
  return {
    scenarios: runs.length,
    failedScenarios: runs.filter((r) => r.error !== undefined).length,
    probes: records.length,
    sent: records.filter((r) => r.live.sent).length,
    documented: trafficCounts(records.filter((r) => r.provenance.kind === 'documented')),
    derived: trafficCounts(records.filter((r) => r.provenance.kind === 'derived')),
    notSent: answers.filter((a) => a === 'not-sent').length,
    undecided: answers.filter((a) => a === 'undecided').length,
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
