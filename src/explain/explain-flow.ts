import { decideDirection, type DirectionDecision } from '../model/decision.js';
import { evaluateProbe, findPod, type ModelResult } from '../model/probe.js';
import type { World } from '../model/types.js';
import type { Flow } from '../reachability/flows.js';

export interface FlowExplanation {
  flow: Flow;
  result: ModelResult;
  /** The source's egress and the destination's ingress, every rule tried (when the flow reaches a pod). */
  decisions: DirectionDecision[];
  /** Policies in force, `namespace/name`, then ClusterNetworkPolicies by name with tier and priority. */
  policies: string[];
}

/** The model's answer for one flow, with the full decision at both ends. Pure. */
export function explainFlow(world: World, flow: Flow): FlowExplanation {
  const result = evaluateProbe(world, {
    from: { pod: flow.from.name, namespace: flow.from.namespace },
    target: flow.target,
    port: flow.port,
    protocol: flow.protocol,
  });
  const decisions: DirectionDecision[] = [];
  const client = findPod(world, flow.from.namespace, flow.from.name);
  const m = result.destination ? /^([^/]+)\/(.+):(\d+)$/.exec(result.destination) : null;
  const dest = m ? findPod(world, m[1] as string, m[2] as string) : undefined;
  if (client && dest && dest !== client) {
    const port = Number((m as RegExpExecArray)[3]);
    decisions.push(decideDirection(world, client, 'egress', { kind: 'pod', pod: dest }, port, flow.protocol));
    decisions.push(decideDirection(world, dest, 'ingress', { kind: 'pod', pod: client }, port, flow.protocol));
  }
  const cluster = (world.clusterNetworkPolicies ?? []).map(
    (p) => `ClusterNetworkPolicy ${p.name} (${p.tier} tier, priority ${p.priority})`,
  );
  return {
    flow,
    result,
    decisions,
    policies: [...world.policies.map((p) => `${p.namespace}/${p.name}`).sort(), ...cluster.sort()],
  };
}
