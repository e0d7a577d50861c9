import type { ModelResult } from '../model/probe.js';
import type { OutcomeClass } from '../model/outcome.js';
import type { Protocol } from '../model/types.js';
import { OUTSIDE_NAMESPACE } from '../scenario/outside.js';
import type { Expectation, Provenance, Scenario, Tool } from '../scenario/types.js';
import type { VerdictWithReason } from './verdict.js';

/** Everything known about one probe: the document's claim, the model's answer, and (live) what the cluster did. */
export interface ProbeRecord {
  scenario: string;
  scenarioFile: string;
  step: string;
  stepIndex: number;
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  tool: Tool;
  documented: OutcomeClass[];
  provenance: Provenance;
  model: ModelResult;
  verdict: VerdictWithReason;
  expectation: Expectation;
}

export function provenanceText(p: Provenance): string {
  return p.kind === 'derived' ? 'derived' : `${p.file} § ${p.section}`;
}

/** The probe target as a table column: the target as written, plus the port and protocol when it does not show them. */
export function targetLabel(r: Pick<ProbeRecord, 'to' | 'port' | 'protocol'>): string {
  if (r.to.startsWith('dns:')) return r.to;
  const portShown = r.to.startsWith('http://') || /:\d+(\/\w+)?$/.test(r.to);
  const protoShown = r.protocol === 'TCP' || /\/\w+$/.test(r.to);
  return `${r.to}${portShown ? '' : `:${r.port}`}${protoShown ? '' : `/${r.protocol.toLowerCase()}`}`;
}

/** Who a probe comes from, as tables show it: the name alone in `default`, else `namespace/name`. */
export function displayFrom(e: Expectation): string {
  if (e.from.namespace === OUTSIDE_NAMESPACE) return `outside/${e.from.name}`;
  return e.from.namespace === 'default' ? e.from.name : `${e.from.namespace}/${e.from.name}`;
}

/** The record of one expectation in one step, from the model's answer and the verdict. */
export function recordOf(
  scenario: Scenario,
  step: { name: string; index: number },
  e: Expectation,
  model: ModelResult,
  verdict: VerdictWithReason,
): ProbeRecord {
  return {
    scenario: scenario.name,
    scenarioFile: scenario.file,
    step: step.name,
    stepIndex: step.index,
    from: displayFrom(e),
    to: e.targetText,
    port: e.port,
    protocol: e.protocol,
    tool: e.tool,
    documented: e.expected,
    provenance: e.provenance,
    model,
    verdict,
    expectation: e,
  };
}
