import { formatPodAddress } from '../model/pod-address.js';
import type { PathSegment } from '../problems.js';
import type { NamedPodAddress } from './convert-manifests.js';
import { rawPods } from './convert-pods.js';
import { OUTSIDE_NAMESPACE } from './outside.js';
import type { RawScenario } from './raw.js';
import type { Scenario } from './types.js';

/** Reports a problem at a path of the scenario file (decode.ts's ScenarioDocument). */
type Report = (path: PathSegment[], message: string) => void;

/**
 * The last stage of loading a scenario (parse.ts): the rules between its parts that change nothing
 * in the converted scenario: names used once, namespaces declared, a correction's link, placements
 * without a cycle, a pod whose address a policy names never replaced, an outside host that either
 * serves or probes. (A reference the converters resolve, such as a pod an expectation names, is
 * reported where it is resolved: convert-*.ts.)
 */
export function validateScenario(
  scenario: Scenario,
  raw: RawScenario,
  podAddresses: readonly NamedPodAddress[],
  report: Report,
): void {
  const declared = new Set((raw.namespaces ?? []).map((n) => n.name));
  const isDeclared = (ns: string) => ns === 'default' || declared.has(ns);
  unique(
    (raw.namespaces ?? []).map((n, i) => [n.name, ['namespaces', i, 'name']]),
    'namespace',
    report,
  );
  const podPaths = rawPods(raw).map((w) => w.path);
  unique(
    scenario.pods.map((p, i) => [`${p.namespace}/${p.name}`, podPaths[i] as PathSegment[]]),
    'pod',
    report,
  );
  scenario.pods.forEach((p, i) => {
    if (!isDeclared(p.namespace)) notDeclared(p.namespace, [...(podPaths[i] as PathSegment[]), 'namespace'], report);
  });
  placementCycles(scenario, podPaths, report);
  scenario.services.forEach((s, i) => {
    if (!isDeclared(s.namespace)) notDeclared(s.namespace, ['services', i, 'namespace'], report);
  });
  unique(
    scenario.services.map((s, i) => [`${s.namespace}/${s.name}`, ['services', i]]),
    'service',
    report,
  );
  policies(scenario, isDeclared, report);
  replacedAddressedPods(scenario, podAddresses, report);
  outsideHostsServeOrProbe(scenario, report);
}

function unique(entries: [string, PathSegment[]][], what: string, report: Report): void {
  const seen = new Set<string>();
  for (const [key, path] of entries) {
    if (seen.has(key)) report(path, `duplicate ${what} "${key}"`);
    seen.add(key);
  }
}

/** `default` exists in every cluster; any other namespace must be declared. */
function notDeclared(namespace: string, path: PathSegment[], report: Report): void {
  report(path, `namespace "${namespace}" is not declared under namespaces`);
}

/** Placements relative to other pods (`node: { same-as: … }`) must end at a pod placed another way, not loop. */
function placementCycles(scenario: Scenario, podPaths: PathSegment[][], report: Report): void {
  const { pods } = scenario;
  pods.forEach((pod, i) => {
    const at = [...(podPaths[i] as PathSegment[]), 'node'];
    const seen = new Set<string>([`${pod.namespace}/${pod.name}`]);
    let placement = pod.node;
    while (placement && (placement.kind === 'same-as' || placement.kind === 'other-than')) {
      const key = placement.pod;
      if (seen.has(key)) return report(at, `placements form a cycle (${[...seen, key].join(' -> ')})`);
      seen.add(key);
      const next = pods.find((p) => `${p.namespace}/${p.name}` === key);
      if (next?.node?.kind === 'any')
        return report(at, `${key} is left to the scheduler (node: any): place it, or place this pod another way`);
      placement = next?.node;
    }
  });
}

/** Policy ids once; a correction names a policy and is not itself a mistake; an accepted policy's namespace declared. */
function policies(scenario: Scenario, isDeclared: (ns: string) => boolean, report: Report): void {
  const { policies } = scenario;
  unique(
    policies.map((p, i) => [p.id, ['policies', i, 'id']]),
    'policy id',
    report,
  );
  policies.forEach((p, i) => {
    if (p.correctionOf && !policies.some((q) => q.id === p.correctionOf)) {
      report(['policies', i, 'correctionOf'], `no policy with id "${p.correctionOf}"`);
    }
    if (p.correctionOf && p.mistake)
      report(
        ['policies', i, 'mistake'],
        'a correction is not the document\'s mistake: give "mistake" on the policy it corrects',
      );
    for (const d of p.documents) {
      if (d.accepted && d.policy && !isDeclared(d.policy.namespace))
        notDeclared(d.policy.namespace, ['policies', i], report);
    }
  });
}

/**
 * A pod whose address a policy names cannot be replaced (`update:`): the new pod gets a new IP,
 * which a policy applied with the old one does not follow, live or in the model.
 */
function replacedAddressedPods(scenario: Scenario, podAddresses: readonly NamedPodAddress[], report: Report): void {
  scenario.steps.forEach((step, i) =>
    (step.update ?? []).forEach((u, j) => {
      const uses = podAddresses.filter((x) => x.address.namespace === u.namespace && x.address.pod === u.name);
      if (uses.length === 0) return;
      const named = [...new Set(uses.map((x) => `"${x.policyId}" (${formatPodAddress(x.address)})`))].join(', ');
      report(
        ['steps', i, 'update', j],
        `pod ${u.namespace}/${u.name} cannot be replaced: policy ${named} names its address, and a new pod gets a new IP the policy does not follow`,
      );
    }),
  );
}

/** An outside host either serves (`listen:`) or sends probes, not both. */
function outsideHostsServeOrProbe(scenario: Scenario, report: Report): void {
  (scenario.outside ?? []).forEach((h, i) => {
    const probes = scenario.steps.some((st) =>
      st.expectations.some((e) => e.from.namespace === OUTSIDE_NAMESPACE && e.from.name === h.name),
    );
    if (probes && h.listening.length)
      report(
        ['outside', i, 'listen'],
        `outside host "${h.name}" sends probes: it serves nothing (an outside host either serves or probes)`,
      );
  });
}
