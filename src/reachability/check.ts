import type { OutcomeClass } from '../model/outcome.js';
import { evaluateProbe, type ModelProbe, type ModelResult } from '../model/probe.js';
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
  return {
    from: { pod: e.from.name, namespace: e.from.namespace },
    target: e.target,
    port: e.port,
    protocol: e.protocol,
  };
}

/**
 * The model's answer for an expectation at step `index` of `steps` (which may carry live
 * addresses). When the answer differs from the document and a manifest was rejected by then, the
 * explanation says so: a rejected policy enforces nothing.
 */
export function modelAnswerAt(steps: readonly StepState[], index: number, e: Expectation): ModelResult {
  const model = evaluateProbe((steps[index] as StepState).world, modelProbeOf(e));
  const rejected = steps
    .slice(0, index + 1)
    .flatMap((s) => s.applied.flatMap((a) => a.rejected.map((r) => `${r.name ?? a.policyId} (${a.policyId})`)));
  if (rejected.length && !e.expected.includes(model.outcome as OutcomeClass)) {
    model.explanation.push(`note: the API server rejected ${rejected.join(', ')}, so it enforces nothing`);
  }
  return model;
}

/** Runs every expectation of a scenario against the model alone. Pure. */
export function checkScenario(scenario: Scenario, facts: ClusterFacts = DEFAULT_CLUSTER_FACTS): ScenarioCheck {
  const steps = worldsByStep(scenario, facts);
  const records: ProbeRecord[] = [];
  for (const state of steps) {
    for (const e of state.step.expectations) {
      const model = modelAnswerAt(steps, state.index, e);
      records.push(
        recordOf(
          scenario,
          { name: state.step.name, index: state.index },
          e,
          model,
          modelVerdict(e.expected, model.outcome),
        ),
      );
    }
  }
  return { scenario, steps, records };
}
