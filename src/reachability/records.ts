import type { ModelResult } from '../model/probe.js';
import type { OutcomeClass } from '../model/outcome.js';
import type { Protocol } from '../model/types.js';
import type { Expectation, Provenance, Tool } from '../scenario/types.js';
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
  const portShown = r.to.startsWith('http://') || /:\d+(\/\w+)?$/.test(r.to);
  const protoShown = r.protocol === 'TCP' || /\/\w+$/.test(r.to);
  return `${r.to}${portShown ? '' : `:${r.port}`}${protoShown ? '' : `/${r.protocol.toLowerCase()}`}`;
}
