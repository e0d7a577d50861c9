import { nodePairOf } from '../engine/setup/placement.js';
import type { LiveRecord, ScenarioRun, StepApiRecord } from '../engine/types.js';
import { probeJson } from './json.js';
import type { RecordJson, RunHeaderJson, ShardSetFields } from './record-json.js';
import { VERSION } from '../harness-version.js';
import type { ClusterShape } from '../cluster/shape.js';
import { trafficAnswer } from './live-summary.js';

/**
 * One JSON object per probe: the document's claim, the model's answer, and everything the cluster
 * did. A probe not sent has `sent: false`, `live` and `verdict` "not-sent", and no command or output.
 */
export function liveProbeJson(r: LiveRecord, runId: string): RecordJson {
  const res = r.live.result;
  return probeJson(r, {
    runId,
    live: r.live.outcome,
    traffic: trafficAnswer(r),
    liveReason: r.live.reason,
    flaky: r.live.flaky,
    sent: r.live.sent,
    sentTo: r.live.host,
    sourceNode: r.live.sourceNode,
    destinationNode: r.live.destinationNode,
    nodePair: nodePairOf(r.live.sourceNode, r.live.destinationNode),
    family: r.live.family,
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
    via: res?.via,
    transportNote: res?.transportNote,
    observed: r.live.observedMs.map((w) => ({
      from: new Date(w.fromMs).toISOString(),
      to: new Date(w.toMs).toISOString(),
    })),
    verdictBeforeEnvironment: r.live.environment?.verdictBefore.verdict,
    ...(r.live.standIn ? { standIn: r.live.standIn } : {}),
  });
}

/** Every record of a live run as JSON, each with its scenario's run id and its step's enforcement time. */
export function liveRunJson(runs: readonly ScenarioRun[], runId: string): RecordJson[] {
  return runs.flatMap((run) =>
    run.records.map((r) => {
      const e = run.steps.find((s) => s.index === r.stepIndex)?.enforcement;
      return {
        ...liveProbeJson(r, run.runId ?? runId),
        ...(e ? { enforcement: { lowerMs: e.lowerMs, upperMs: e.upperMs } } : {}),
      };
    }),
  );
}

/** One JSON object per API expectation (`kind: "api"`): the request, the expected answer, the model's and the cluster's. */
export function apiRecordJson(run: ScenarioRun, r: StepApiRecord): Record<string, unknown> {
  return {
    kind: 'api',
    scenario: run.scenario.name,
    scenarioFile: run.scenario.file,
    line: r.call.line,
    step: r.step,
    stepIndex: r.stepIndex,
    request: r.call.text,
    documented: r.call.expected,
    ...(r.call.reason !== undefined ? { documentedReason: r.call.reason } : {}),
    provenance: r.call.provenance,
    ...(r.model ? { model: r.model } : {}),
    live: r.live,
    ...(r.code !== undefined ? { code: r.code } : {}),
    ...(r.message !== undefined ? { message: r.message } : {}),
    verdict: r.verdict,
    reason: r.why,
    runId: run.runId,
  };
}

/**
 * The first line of `run --json`: the run's id, its run set (the run's id unless given), shard,
 * corpus and harness version (what `merge` checks shards by), and the shape of the cluster its
 * verdicts came from.
 */
export function runHeaderJson(
  runId: string,
  shape: ClusterShape | undefined,
  set: Omit<ShardSetFields, 'harnessVersion' | 'partial'> = {},
): RunHeaderJson {
  return {
    kind: 'run',
    runId,
    runSet: set.runSet ?? runId,
    ...(set.shard ? { shard: set.shard } : {}),
    ...(set.corpus ? { corpus: set.corpus } : {}),
    harnessVersion: VERSION,
    ...(shape ? { shape: { ...shape } } : {}),
  };
}
