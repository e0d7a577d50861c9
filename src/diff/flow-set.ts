import { FlagError } from '../errors.js';
import type { Pod, Protocol, World } from '../model/types.js';
import { flowKey, podRef, scenarioObjects, type Flow } from '../reachability/flows.js';
import type { Expectation, Scenario } from '../scenario/types.js';

/** A port every pod is asked about on every other pod (`diff --ports`). */
export interface PortSpec {
  port: number;
  protocol: Exclude<Protocol, 'SCTP'>;
}

/** An expectation row as far as the flow goes: who probes what. */
export type FlowRow = Pick<Expectation, 'from' | 'target' | 'targetText' | 'port' | 'protocol'>;

/** Where the flows of a diff come from: the world's pods and services, the scenario's rows, the user's ports. */
export interface FlowSetInput {
  world: World;
  /** Every expectation row of the scenario (every step): the ports a document probes. */
  rows: readonly FlowRow[];
  /** `--ports`: every pod to every other pod on these too. */
  ports: readonly PortSpec[];
}

/** How many flows each source added; a flow is counted once, for the first source that names it. */
export interface FlowOrigins {
  declared: number;
  listening: number;
  services: number;
  rows: number;
  ports: number;
}

export interface FlowSet {
  /** Sorted by source; per source, pod ports, then service ports, then the rows' other flows. */
  flows: Flow[];
  origins: FlowOrigins;
}

/** Every expectation row of every step, in file order. */
export function scenarioRows(scenario: Pick<Scenario, 'steps'>): FlowRow[] {
  return scenario.steps.flatMap((s) => s.expectations);
}

function portText(port: number, protocol: Protocol): string {
  return protocol === 'TCP' ? `:${port}` : `:${port}/${protocol.toLowerCase()}`;
}

/** The ports asked of pod `to`, each with its origin: declared, then listened on, then `--ports`. */
function podPorts(to: Pod, ports: readonly PortSpec[]) {
  return [
    ...to.containerPorts.map((c) => ({ port: c.containerPort, protocol: c.protocol, origin: 'declared' as const })),
    ...to.listening.map((l) => ({ port: l.port, protocol: l.protocol, origin: 'listening' as const })),
    ...ports.map((p) => ({ ...p, origin: 'ports' as const })),
  ];
}

/**
 * The flows `diff` compares: each pod to every other pod's declared container ports and the ports
 * it listens on, to every service port, every flow an expectation row of the scenario probes
 * (names, outside addresses, DNS lookups and loopback included), and each pod to every other pod
 * on `ports`. SCTP is left out (no probe tool speaks it); a pod to itself too (the spec leaves
 * loopback open) unless a row asks. Each flow once. Pure.
 */
export function diffFlowSet(input: FlowSetInput): FlowSet {
  const { pods, services } = scenarioObjects(input.world);
  const origins: FlowOrigins = { declared: 0, listening: 0, services: 0, rows: 0, ports: 0 };
  const seen = new Set<string>();
  const flows: Flow[] = [];
  const add = (flow: Flow, origin: keyof FlowOrigins) => {
    const key = flowKey(flow);
    if (flow.protocol === 'SCTP' || seen.has(key)) return;
    seen.add(key);
    flows.push(flow);
    origins[origin]++;
  };
  const byRef = (a: { namespace: string; name: string }, b: { namespace: string; name: string }) =>
    podRef(a).localeCompare(podRef(b));
  const sortedPods = [...pods].sort(byRef);
  for (const from of sortedPods) {
    const source = { namespace: from.namespace, name: from.name };
    for (const to of sortedPods) {
      if (to === from) continue;
      for (const p of podPorts(to, input.ports)) {
        add(
          {
            from: source,
            target: { kind: 'pod', pod: to.name, namespace: to.namespace },
            targetText: `pod/${podRef(to)}${portText(p.port, p.protocol)}`,
            port: p.port,
            protocol: p.protocol,
          },
          p.origin,
        );
      }
    }
    for (const s of [...services].sort(byRef)) {
      for (const p of s.ports) {
        add(
          {
            from: source,
            target: { kind: 'service-ip', service: s.name, namespace: s.namespace },
            targetText: `svc-ip/${podRef(s)}${portText(p.port, p.protocol)}`,
            port: p.port,
            protocol: p.protocol,
          },
          'services',
        );
      }
    }
  }
  for (const r of input.rows) {
    add(
      { from: { ...r.from }, target: r.target, targetText: r.targetText, port: r.port, protocol: r.protocol },
      'rows',
    );
  }
  // Stable: the rows' flows follow the constructed ones of the same source.
  return { flows: flows.sort((a, b) => byRef(a.from, b.from)), origins };
}

/**
 * Why a diff of `flows` flows, `policyFlows` of which some policy has a say in, compares nothing,
 * as a sentence; undefined when it compares something. `where` names the pods' side
 * (`scenarios/x.yaml, step 2/3 "…"`). A diff that compares nothing would say "no change" whatever
 * the policies are. Pure.
 */
export function whyNothingToCompare(
  world: World,
  where: string,
  counts: { flows: number; policyFlows: number },
): string | undefined {
  if (counts.policyFlows > 0) return undefined;
  const { pods } = scenarioObjects(world);
  const hint = pods.length < 2 ? '' : '; give --ports PORT,… to compare every pod with every other pod on those ports';
  const before = 'decided before any policy is consulted (no such port, a name that does not resolve, loopback)';
  if (counts.flows === 1)
    return `the only flow in ${where} is ${before}, so no change of policy can change its answer${hint}`;
  if (counts.flows > 1)
    return `each of the ${counts.flows} flows in ${where} is ${before}, so no change of policy can change an answer${hint}`;
  if (pods.length < 2)
    return `${where} has ${pods.length === 1 ? `one pod (${podRef(pods[0] as Pod)})` : 'no pod'}, no service port and no expectation row, so there is no flow to compare`;
  return `no pod of ${where} declares or listens on a TCP or UDP port, no service has one, and the scenario has no expectation row${hint}`;
}

/** A diff that can compare nothing: bad input (exit 2), never "no change". */
export class NothingToCompareError extends FlagError {
  constructor(reason: string) {
    super('', '', '');
    this.message = `nothing can be compared: ${reason}`;
    this.name = 'NothingToCompareError';
  }
}

/** Where the flows came from, for `--verbose`: `flows: 4 to declared ports, 2 to listened-on ports, …`. */
export function originsLine(set: FlowSet): string {
  const o = set.origins;
  const parts = [
    o.declared ? `${o.declared} to declared container ports` : '',
    o.listening ? `${o.listening} to ports pods listen on` : '',
    o.services ? `${o.services} to service ports` : '',
    o.rows ? `${o.rows} more that expectation rows probe` : '',
    o.ports ? `${o.ports} more from --ports` : '',
  ].filter(Boolean);
  return `flows: ${set.flows.length}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
