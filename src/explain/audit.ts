import { excerpt } from '../excerpt.js';
import type { ModelOutcome } from '../model/outcome.js';
import { policyReach } from '../model/policy-reach.js';
import type { ModelResult } from '../model/probe.js';
import type { World } from '../model/types.js';
import { flowKey, type Flow } from '../reachability/flows.js';
import type { StepState } from '../reachability/world.js';
import type { Expectation } from '../scenario/types.js';

/** The longest issue or quote an audit line repeats. */
const MAX_QUOTE_CHARS = 200;

const stepName = (states: readonly StepState[], k: number) =>
  `step ${k + 1}/${states.length} "${(states[k] as StepState).step.name}"`;

/**
 * Every policy document the API server rejected up to step `index` and that nothing replaced or
 * deleted since, one sentence each: a rejected manifest enforces nothing, which explains more
 * answers than any rule does. Pure.
 */
export function rejectedLines(states: readonly StepState[], index: number): string[] {
  const lines: string[] = [];
  const now = states[index] as StepState;
  for (let j = 0; j <= index; j++) {
    for (const a of (states[j] as StepState).applied) {
      for (const r of a.rejected) {
        const name = r.name ?? a.policyId;
        const later = states.slice(j + 1, index + 1).flatMap((s) => s.applied);
        const since = later.some(
          (x) =>
            (x.action === 'apply' && x.accepted.includes(name)) || (x.action === 'delete' && x.policyId === a.policyId),
        );
        if (since) continue;
        const when = j === index ? '' : ` at ${stepName(states, j)}`;
        const issues = r.issues.map((i) => excerpt(`${i.path}: ${i.message}`, MAX_QUOTE_CHARS)).join('; ');
        const older = now.world.policies.some((p) => p.name === name);
        const effect = older
          ? `nothing it says is in force (the version of ${name} applied before stays)`
          : 'nothing it says is in force';
        lines.push(`${name} was rejected${when}: ${issues}; ${effect}`);
      }
    }
  }
  return lines;
}

function rowText(e: Expectation): string {
  const source =
    e.provenance.kind === 'documented'
      ? e.provenance.quote
        ? `: "${excerpt(e.provenance.quote, MAX_QUOTE_CHARS)}"`
        : `: ${e.provenance.file} § ${e.provenance.section}`
      : ', derived';
  return `${e.expected.join(' or ')} (line ${e.line}, ${e.tool}${source})`;
}

function agreement(rows: readonly Expectation[], model: ModelOutcome): string {
  if (model === 'undefined') return 'the spec leaves it open';
  const disagree = rows.filter((e) => !e.expected.includes(model));
  if (!disagree.length) return 'the model agrees';
  return `the model ${disagree.length === rows.length ? 'disagrees' : `disagrees with ${disagree.length} of ${rows.length}`}`;
}

/**
 * The scenario's own expectation for `flow` at step `index`, to stand beside the model's answer:
 * the rows of that step that probe the same flow (whatever tool), or the steps that do. Pure.
 */
export function expectationLine(states: readonly StepState[], index: number, flow: Flow, model: ModelOutcome): string {
  const key = flowKey(flow);
  const rowsAt = (k: number) => (states[k] as StepState).step.expectations.filter((e) => flowKey(e) === key);
  const here = rowsAt(index);
  if (here.length) return `expected: ${here.map(rowText).join('; ')}; ${agreement(here, model)}`;
  const elsewhere = states
    .map((_, k) => ({ k, rows: rowsAt(k) }))
    .filter((x) => x.rows.length)
    .map((x) => `${stepName(states, x.k)} expects ${x.rows.map((e) => e.expected.join(' or ')).join(', ')}`);
  return elsewhere.length
    ? `expected: no row of this step probes this flow (${elsewhere.join('; ')})`
    : 'expected: no row of the scenario probes this flow';
}

const REACH_LABEL = {
  none: 'decided outside the policy engine',
  'one-end': 'decided partly outside the policy engine',
  lookup: 'decided before the connection',
} as const;

/** Why an answer is not (wholly) the policies', as a line; undefined when the policies decide it. Pure. */
export function reachLine(world: World, flow: Flow, result: ModelResult): string | undefined {
  const probe = {
    from: { pod: flow.from.name, namespace: flow.from.namespace },
    target: flow.target,
    port: flow.port,
    protocol: flow.protocol,
  };
  const reach = policyReach(world, probe, result);
  return reach.kind === 'policy' ? undefined : `${REACH_LABEL[reach.kind]}: ${reach.reason}`;
}
