import type { ProbeRecord } from '../reachability/records.js';
import type { RecordJson } from './record-json.js';

/** One JSON object per probe, with every field a reader needs to judge it without the scenario. */
export function probeJson(r: ProbeRecord, extra: Partial<RecordJson> = {}): RecordJson {
  return {
    scenario: r.scenario,
    scenarioFile: r.scenarioFile,
    line: r.expectation.line,
    step: r.step,
    stepIndex: r.stepIndex,
    from: r.from,
    to: r.to,
    port: r.port,
    protocol: r.protocol,
    tool: r.tool,
    documented: r.documented,
    provenance: r.provenance,
    model: r.model.outcome,
    destination: r.model.destination,
    explanation: r.model.explanation,
    verdict: r.verdict.verdict,
    reason: r.verdict.reason,
    ...extra,
  };
}
