import type { LiveRecord } from '../engine/types.js';
import { probeJson } from './json.js';

/** One JSON object per probe: the document's claim, the model's answer, and everything the cluster did. */
export function liveProbeJson(r: LiveRecord, runId: string): Record<string, unknown> {
  const res = r.live.result;
  return probeJson(r, {
    runId,
    live: r.live.outcome,
    liveReason: r.live.reason,
    flaky: r.live.flaky,
    sent: r.live.sent,
    sentTo: r.live.host,
    sourceNode: r.live.sourceNode,
    destinationNode: r.live.destinationNode,
    baseline: r.live.baseline,
    history: r.live.history,
    attempts: res?.attempts ?? 0,
    command: res?.command,
    exitCode: res?.exitCode,
    output: res?.output,
    detail: res?.detail,
    bodyExcerpt: res?.bodyExcerpt,
    durationMs: res?.durationMs,
    repro: res?.repro,
    observed: r.live.observedMs.map((w) => ({ from: new Date(w.fromMs).toISOString(), to: new Date(w.toMs).toISOString() })),
    verdictBeforeEnvironment: r.live.environment?.verdictBefore.verdict,
  });
}
