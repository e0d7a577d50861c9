import { explainTiers } from './cnp-explain.js';
import type { Direction, DirectionVerdict } from './direction-types.js';
import { describeEndpoint, peerMatches, type Endpoint } from './peers.js';
import { rulePortsMatch } from './ports.js';
import { selectorMatches } from './selector.js';
import type { NetworkPolicy, Pod, PolicyType, Protocol, World } from './types.js';

export type { Direction, DirectionVerdict, RuleMiss, RuleRef } from './direction-types.js';

const POLICY_TYPE: Record<Direction, PolicyType> = { ingress: 'Ingress', egress: 'Egress' };

export function policiesSelecting(world: World, pod: Pod, direction: Direction): NetworkPolicy[] {
  return world.policies.filter(
    (p) =>
      p.namespace === pod.namespace &&
      p.policyTypes.includes(POLICY_TYPE[direction]) &&
      selectorMatches(p.podSelector, pod.labels),
  );
}

/**
 * Under NetworkPolicy alone (cnp-tiers.ts's evaluateDirection adds the ClusterNetworkPolicy tiers):
 * is traffic on `port/protocol` allowed in `direction` for `pod`, with `other` at the far end?
 * For ingress, `pod` is the destination and named ports resolve on it; for egress, `pod` is the
 * source and named ports resolve on the destination pod (`other`).
 */
export function evaluateNetworkPolicies(
  world: World,
  pod: Pod,
  direction: Direction,
  other: Endpoint,
  port: number,
  protocol: Protocol,
): DirectionVerdict {
  const selecting = policiesSelecting(world, pod, direction);
  const verdict: DirectionVerdict = {
    direction,
    pod: `${pod.namespace}/${pod.name}`,
    isolated: selecting.length > 0,
    isolatingPolicies: selecting.map((p) => p.name),
    allowedBy: [],
    undecidedBy: [],
    misses: [],
    result: 'yes',
  };
  if (!verdict.isolated) return verdict;

  const destination = direction === 'ingress' ? pod : other.kind === 'pod' ? other.pod : undefined;
  for (const policy of selecting) {
    const rules = direction === 'ingress' ? policy.ingress : policy.egress;
    if (rules.length === 0) {
      verdict.misses.push({
        policy: policy.name,
        rule: `${direction}: none`,
        reason: `no ${direction} rules: denies all`,
      });
    }
    rules.forEach((rule, index) => {
      const ref = { policy: policy.name, rule: `${direction}[${index}]` };
      const ports = rulePortsMatch(rule.ports, port, protocol, destination);
      if (!ports.matches) {
        verdict.misses.push({ ...ref, reason: ports.reason, on: 'port' });
        return;
      }
      if (rule.peers === undefined) {
        verdict.allowedBy.push({
          ...ref,
          because: `${direction === 'ingress' ? 'from' : 'to'} missing or empty: every ${direction === 'ingress' ? 'source' : 'destination'}`,
        });
        return;
      }
      const key = direction === 'ingress' ? 'from' : 'to';
      const several = rule.peers.length > 1;
      const reasons: string[] = [];
      let undecided: string | undefined;
      let runTimeOnly = true;
      for (const [j, peer] of rule.peers.entries()) {
        const m = peerMatches(peer, policy, other, world.namespaces, world.facts);
        if (m.match === 'yes') {
          const or = several ? `; the rule's ${rule.peers.length} peers are OR'd, one match is enough` : '';
          verdict.allowedBy.push({ ...ref, because: `${several ? `${key}[${j}]: ` : ''}${m.reason()}${or}` });
          return;
        }
        if (m.match === 'undefined') {
          undecided = m.reason();
          if (!m.decidedAtRunTime) runTimeOnly = false;
        }
        reasons.push(several ? `${key}[${j}]: ${m.reason()}` : m.reason());
      }
      if (undecided) verdict.undecidedBy.push({ ...ref, reason: undecided, decidedAtRunTime: runTimeOnly });
      else {
        const none = reasons.join('; ') || `no peer matches ${describeEndpoint(other)}`;
        verdict.misses.push({
          ...ref,
          reason: several ? `no peer matches (peers are OR'd): ${none}` : none,
          on: 'peer',
        });
      }
    });
  }
  verdict.result = verdict.allowedBy.length > 0 ? 'yes' : verdict.undecidedBy.length > 0 ? 'undefined' : 'no';
  return verdict;
}

export function explainDirection(v: DirectionVerdict): string {
  if (v.tiers) return explainTiers(v, explainNetworkPolicies(v.tiers.networkPolicy.verdict));
  return explainNetworkPolicies(v);
}

function explainNetworkPolicies(v: DirectionVerdict): string {
  const side = v.direction === 'ingress' ? `ingress to ${v.pod}` : `egress from ${v.pod}`;
  if (!v.isolated) return `${side}: not isolated (no policy selects it for ${POLICY_TYPE[v.direction]}), allowed`;
  const by = `isolated by ${v.isolatingPolicies.join(', ')}`;
  if (v.result === 'yes') {
    return `${side}: ${by}; allowed by ${v.allowedBy.map((r) => `${r.policy} ${r.rule}${r.because ? ` (${r.because})` : ''}`).join(', ')}`;
  }
  if (v.result === 'undefined') {
    return `${side}: ${by}; undecided: ${v.undecidedBy.map((r) => `${r.policy} ${r.rule}: ${r.reason}`).join('; ')}`;
  }
  const misses = v.misses.map((m) => `${m.policy} ${m.rule}: ${m.reason}`).join('; ');
  return `${side}: ${by}; no rule allows it (${misses})`;
}

/** Undecided only because pod IPs are not known yet: a live run decides it. */
export function decidedAtRunTime(v: DirectionVerdict | undefined): boolean {
  return v !== undefined && v.result === 'undefined' && v.undecidedBy.every((u) => u.decidedAtRunTime === true);
}
