import type { NetworkPolicy } from '../model/types.js';
import type { Scenario, ScenarioPolicy } from '../scenario/types.js';
import type { ScenarioCheck } from './check.js';
import { emptySelectors, type Finding } from './findings.js';
import { targetLabel } from './records.js';
import type { StepState } from './world.js';

/** A deliberate mistake of the document that behaves as the document says. Not a defect: a confirmation. */
export interface MistakeConfirmation {
  document: string;
  section: string;
  scenario: string;
  scenarioFile: string;
  line: number;
  policy: string;
  quote: string;
  says: string;
  evidence: string[];
}

function sourceOf(scenario: Scenario, policy: ScenarioPolicy): { file: string; section: string } {
  return policy.source ?? { file: scenario.source.file, section: scenario.source.section };
}

/** The steps that apply a policy marked as the document's mistake: their rows show the mistake at work. */
export function stepsOfMistakes(check: ScenarioCheck): Map<number, ScenarioPolicy> {
  const out = new Map<number, ScenarioPolicy>();
  for (const state of check.steps) {
    for (const id of state.step.apply) {
      const policy = check.scenario.policies.find((p) => p.id === id);
      if (policy?.mistake) out.set(state.index, policy);
    }
  }
  return out;
}

function mistakeJudgement(check: ScenarioCheck, policy: ScenarioPolicy): { evidence: string[]; against: string[] } {
  const evidence: string[] = [];
  const against: string[] = [];
  for (const state of check.steps.filter((s) => s.step.apply.includes(policy.id))) {
    for (const d of policy.documents) {
      if (!d.accepted) {
        evidence.push(
          `${d.name ?? policy.id} is rejected by the API server: ${d.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        );
        continue;
      }
      if (!d.policy) continue;
      for (const [path, problem] of emptySelectors(d.policy, state.world))
        evidence.push(`${d.policy.name} ${path} matches nothing: ${problem}`);
    }
    const rows = check.records.filter((r) => r.stepIndex === state.index);
    for (const r of rows.filter((x) => x.verdict.verdict === 'disagrees')) {
      against.push(
        `${r.from} → ${targetLabel(r)}: the scenario says ${r.documented.join(' or ')}, the spec says ${r.model.outcome} (${r.model.explanation.at(-1) ?? ''})`,
      );
    }
    const agree = rows.filter((x) => x.verdict.verdict === 'pass').length;
    if (rows.length)
      evidence.push(`step "${state.step.name}": ${agree} of ${rows.length} probes behave as the mistake is said to`);
  }
  return { evidence, against };
}

/** Deliberate mistakes whose probes all behave as the document says. */
export function mistakeConfirmations(check: ScenarioCheck): MistakeConfirmation[] {
  const { scenario } = check;
  return scenario.policies.flatMap((policy) => {
    if (!policy.mistake) return [];
    const { evidence, against } = mistakeJudgement(check, policy);
    if (against.length) return [];
    const src = sourceOf(scenario, policy);
    return [
      {
        document: src.file,
        section: src.section,
        scenario: scenario.name,
        scenarioFile: policy.file,
        line: policy.line,
        policy: policy.id,
        quote: policy.mistake.quote,
        says: policy.mistake.says,
        evidence,
      },
    ];
  });
}

/** Deliberate mistakes with a probe that does not behave as the document says: a finding. */
export function mistakeFindings(check: ScenarioCheck): Finding[] {
  const { scenario } = check;
  return scenario.policies.flatMap((policy) => {
    if (!policy.mistake) return [];
    const { evidence, against } = mistakeJudgement(check, policy);
    if (!against.length) return [];
    const src = sourceOf(scenario, policy);
    return [
      {
        kind: 'mistake-behaves-otherwise' as const,
        document: src.file,
        section: src.section,
        scenario: scenario.name,
        scenarioFile: policy.file,
        line: policy.line,
        claim: `the mistake "${policy.mistake.quote}" ${policy.mistake.says}`,
        actual: 'it behaves otherwise',
        why: [...against, ...evidence],
        fix: policy.fix ?? `Describe what the mistake really does: ${against[0]}`,
      },
    ];
  });
}

function prerequisiteStates(check: ScenarioCheck): StepState[] {
  return check.steps.filter((s) => s.step.prerequisite);
}

/** An empty selector that a prerequisite step makes match: the unstated prerequisite is the finding, not the selector. */
export function suppressedByPrerequisite(check: ScenarioCheck, policy: NetworkPolicy, path: string): boolean {
  return prerequisiteStates(check).some((state) => !emptySelectors(policy, state.world).some(([p]) => p === path));
}

function commandsOf(state: StepState): string[] {
  return state.step.relabel.map((l) => {
    const labels = Object.entries(l.labels)
      .map(([k, v]) => (v === null ? `${k}-` : `${k}=${v}`))
      .join(' ');
    return l.target === 'pod'
      ? `kubectl label pod ${l.name} -n ${l.namespace} ${labels}`
      : `kubectl label namespace ${l.name} ${labels}`;
  });
}

/** One finding per prerequisite step: the setup the document's claims rely on but never show. */
export function prerequisiteFindings(check: ScenarioCheck): Finding[] {
  const { scenario } = check;
  return prerequisiteStates(check).map((state) => {
    const prerequisite = state.step.prerequisite!;
    const commands = commandsOf(state);
    const later = check.records.find((r) => r.stepIndex >= state.index && r.provenance.kind === 'documented');
    const src = later?.provenance.kind === 'documented' ? later.provenance : scenario.source;
    const without: string[] = [];
    // The world just before the prerequisite: the previous step's, or the declared namespaces.
    const before = check.steps[state.index - 1]?.world ?? {
      ...state.world,
      namespaces: state.world.namespaces.map((n) => scenario.namespaces.find((x) => x.name === n.name) ?? n),
    };
    for (const policy of scenario.policies.flatMap((p) =>
      p.documents.flatMap((d) => (d.accepted && d.policy ? [d.policy] : [])),
    )) {
      for (const [path, problem] of emptySelectors(policy, before)) {
        if (!emptySelectors(policy, state.world).some(([p]) => p === path))
          without.push(`without it, ${policy.name} ${path} matches nothing: ${problem}`);
      }
    }
    return {
      kind: 'unstated-prerequisite' as const,
      document: src.file,
      section: src.section,
      scenario: scenario.name,
      scenarioFile: scenario.file,
      line: state.step.line,
      claim: 'the example works with the setup the document shows',
      actual: `it needs ${commands.join('; ')}, which the document never shows`,
      why: [prerequisite.reason, ...without],
      fix: prerequisite.fix ?? `Show ${commands.join(' and ')} before the policy is applied.`,
    };
  });
}

/** The defects of the document's text recorded in the scenario. */
export function recordedFindings(scenario: Scenario): Finding[] {
  return (scenario.findings ?? []).map((f) => ({
    kind: f.kind,
    document: f.file,
    section: f.section,
    scenario: scenario.name,
    scenarioFile: scenario.file,
    line: f.line,
    claim: `"${f.quote.replace(/\n/g, ' ').trim()}"`,
    actual: f.says,
    why: [],
    fix: f.fix,
  }));
}
