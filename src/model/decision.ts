import { explainDirection, policiesSelecting, type Direction } from './direction.js';
import { evaluateDirection, type TierTrace } from './cnp-tiers.js';
import { describeEndpoint, peerMatches, type Endpoint, type Tri } from './peers.js';
import { formatPolicyPort, rulePortsMatch } from './ports.js';
import { formatSelector } from './selector.js';
import type { Pod, PolicyPeer, Protocol, World } from './types.js';

/** One peer of a rule, tried against the other end. */
export interface PeerTrial {
  peer: string;
  match: Tri;
  reason: string;
}

/** One rule of a policy, tried: its ports, then (when they match) its peers. */
export interface RuleTrial {
  policy: string;
  rule: string;
  /** `80/TCP, 443/TCP`, or `any`. */
  ports: string;
  portsMatch: boolean;
  /** Why the ports do not match (when they do not). */
  portsReason?: string;
  /** undefined: the rule names no peers (every peer); empty when the ports did not match (not tried). */
  peers: PeerTrial[] | undefined;
  result: Tri;
}

/** The full decision for one side of a connection: which policies isolate the pod, every rule tried. */
export interface DirectionDecision {
  direction: Direction;
  pod: string;
  /** `80/TCP` as the policies see it. */
  port: string;
  other: string;
  isolated: boolean;
  isolatingPolicies: string[];
  /** Policies that select the pod but have no rules for this direction (they deny all). */
  denyAll: string[];
  rules: RuleTrial[];
  result: Tri;
  /** Set when ClusterNetworkPolicies select the pod: the tiers, and `result` is theirs (rules above are NetworkPolicy's alone). */
  tiers?: { trace: TierTrace; text: string };
}

export function formatPeer(peer: PolicyPeer, policyNamespace: string): string {
  if (peer.ipBlock)
    return peer.ipBlock.except.length
      ? `ipBlock ${peer.ipBlock.cidr} except ${peer.ipBlock.except.join(',')}`
      : `ipBlock ${peer.ipBlock.cidr}`;
  const parts: string[] = [];
  if (peer.namespaceSelector) parts.push(`namespaceSelector ${formatSelector(peer.namespaceSelector)}`);
  if (peer.podSelector) parts.push(`podSelector ${formatSelector(peer.podSelector)}`);
  return peer.namespaceSelector ? parts.join(' AND ') : `${parts.join(' AND ')} (namespace ${policyNamespace} only)`;
}

/**
 * Every rule of every policy that selects `pod` for `direction`, tried against the far end on
 * `port/protocol`: the same rules and order as evaluateDirection, with every peer's answer kept.
 */
export function decideDirection(
  world: World,
  pod: Pod,
  direction: Direction,
  other: Endpoint,
  port: number,
  protocol: Protocol,
): DirectionDecision {
  const selecting = policiesSelecting(world, pod, direction);
  const destination = direction === 'ingress' ? pod : other.kind === 'pod' ? other.pod : undefined;
  const rules: RuleTrial[] = [];
  const denyAll: string[] = [];
  for (const policy of selecting) {
    const list = direction === 'ingress' ? policy.ingress : policy.egress;
    if (list.length === 0) denyAll.push(policy.name);
    list.forEach((rule, index) => {
      const ports = rule.ports === undefined ? 'any' : rule.ports.map(formatPolicyPort).join(', ');
      const portMatch = rulePortsMatch(rule.ports, port, protocol, destination);
      const trial: RuleTrial = {
        policy: policy.name,
        rule: `${direction}[${index}]`,
        ports,
        portsMatch: portMatch.matches,
        peers: [],
        result: 'no',
      };
      if (!portMatch.matches) {
        trial.portsReason = portMatch.reason;
        rules.push(trial);
        return;
      }
      if (rule.peers === undefined) {
        trial.peers = undefined;
        trial.result = 'yes';
        rules.push(trial);
        return;
      }
      trial.peers = rule.peers.map((peer) => {
        const m = peerMatches(peer, policy, other, world.namespaces, world.facts);
        return { peer: formatPeer(peer, policy.namespace), match: m.match, reason: m.reason() };
      });
      trial.result = trial.peers.some((p) => p.match === 'yes')
        ? 'yes'
        : trial.peers.some((p) => p.match === 'undefined')
          ? 'undefined'
          : 'no';
      rules.push(trial);
    });
  }
  const isolated = selecting.length > 0;
  const tiered = evaluateDirection(world, pod, direction, other, port, protocol);
  const result: Tri =
    !isolated || rules.some((r) => r.result === 'yes')
      ? 'yes'
      : rules.some((r) => r.result === 'undefined')
        ? 'undefined'
        : 'no';
  return {
    direction,
    pod: `${pod.namespace}/${pod.name}`,
    port: `${port}/${protocol}`,
    other: describeEndpoint(other),
    isolated,
    isolatingPolicies: selecting.map((p) => p.name),
    denyAll,
    rules,
    result: tiered.tiers ? tiered.result : result,
    ...(tiered.tiers ? { tiers: { trace: tiered.tiers, text: explainDirection(tiered) } } : {}),
  };
}
