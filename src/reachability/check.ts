import { evaluateProbe, type ModelProbe } from '../model/probe.js';
import type { ClusterFacts } from '../model/types.js';
import { DEFAULT_CLUSTER_FACTS } from '../model/types.js';
import type { Expectation, Scenario } from '../scenario/types.js';
import { recordOf, type ProbeRecord } from './records.js';
import { modelVerdict } from './verdict.js';
import { worldsByStep, type StepState } from './world.js';

export interface ScenarioCheck {
  scenario: Scenario;
  steps: StepState[];
  records: ProbeRecord[];
}

/** The probe an expectation describes, in the model's terms. */
export function modelProbeOf(e: Expectation): ModelProbe {
  return { from: { pod: e.from.name, namespace: e.from.namespace }, target: e.target, port: e.port, protocol: e.protocol };
}

/** Runs every expectation of a scenario against the model alone. Pure. */
export function checkScenario(scenario: Scenario, facts: ClusterFacts = DEFAULT_CLUSTER_FACTS): ScenarioCheck {
  const steps = worldsByStep(scenario, facts);
  const records: ProbeRecord[] = [];
  const rejected: string[] = [];
  for (const state of steps) {
    for (const a of state.applied) for (const r of a.rejected) rejected.push(`${r.name ?? a.policyId} (${a.policyId})`);
    for (const e of state.step.expectations) {
      const model = evaluateProbe(state.world, modelProbeOf(e));
      if (rejected.length && !e.expected.includes(model.outcome as never)) {
        model.explanation.push(`note: the API server rejected ${rejected.join(', ')}, so it enforces nothing`);
      }
      records.push(recordOf(scenario, { name: state.step.name, index: state.index }, e, model, modelVerdict(e.expected, model.outcome)));
    }
  }
  return { scenario, steps, records };
}
