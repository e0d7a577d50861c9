// One side of a connection under ClusterNetworkPolicy and NetworkPolicy together, in the order the
// API defines (ClusterNetworkPolicySpec.tier): the Admin tier by priority (Accept and Deny final,
// Pass hands over), then NetworkPolicy (final for the pods it isolates), then the Baseline tier,
// then the default (allowed).

import { cnpRuleMatches, cnpsSelecting } from './cnp-match.js';
import type { ClusterNetworkPolicy, CnpTier } from './cnp-types.js';
import { evaluateNetworkPolicies } from './direction.js';
import type { CnpRuleHit, Direction, DirectionVerdict, RuleRef, TierOutcome, TierTrace } from './direction-types.js';
import { hitLabel } from './cnp-explain.js';
import type { Endpoint } from './peers.js';
import type { Pod, Protocol, World } from './types.js';

export type { CnpRuleHit, TierDecider, TierOutcome, TierTrace } from './direction-types.js';

/** The tier's policies for `pod`, lowest priority value first (ties by name, for a stable text). */
function tierPolicies(world: World, pod: Pod, tier: CnpTier, direction: Direction): ClusterNetworkPolicy[] {
  return cnpsSelecting(world, pod, tier)
    .filter((p) => (direction === 'ingress' ? p.ingress : p.egress).length > 0)
    .sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
}

/** Within one policy, rules in the order written: the first that matches (or may) decides for it. */
function firstHit(
  policy: ClusterNetworkPolicy,
  direction: Direction,
  other: Endpoint,
  port: number,
  protocol: Protocol,
  destination: Pod | undefined,
  world: World,
): CnpRuleHit | undefined {
  const rules = direction === 'ingress' ? policy.ingress : policy.egress;
  for (const [i, rule] of rules.entries()) {
    const m = cnpRuleMatches(rule, other, port, protocol, destination, world);
    if (m.match === 'no') continue;
    return {
      tier: policy.tier,
      policy: policy.name,
      priority: policy.priority,
      rule: `${direction}[${i}]`,
      ...(rule.name ? { name: rule.name } : {}),
      action: rule.action,
      match: m.match,
      reason: m.reason,
      ...(m.decidedAtRunTime ? { decidedAtRunTime: true as const } : {}),
    };
  }
  return undefined;
}

/**
 * One tier: policies by priority, rules in order. Policies of the same priority that match with
 * different actions leave the answer open: the API lets an implementation apply either.
 */
export function evaluateTier(
  world: World,
  pod: Pod,
  tier: CnpTier,
  direction: Direction,
  other: Endpoint,
  port: number,
  protocol: Protocol,
): TierOutcome {
  const destination = direction === 'ingress' ? pod : other.kind === 'pod' ? other.pod : undefined;
  const policies = tierPolicies(world, pod, tier, direction);
  const hits = policies
    .map((p) => firstHit(p, direction, other, port, protocol, destination, world))
    .filter((h): h is CnpRuleHit => h !== undefined);
  const out: TierOutcome = {
    tier,
    policies: policies.map((p) => ({ name: p.name, priority: p.priority })),
    hits,
    action: 'none',
  };
  const priorities = [...new Set(hits.map((h) => h.priority))];
  for (const priority of priorities) {
    const group = hits.filter((h) => h.priority === priority);
    const actions = new Set(group.map((h) => h.action));
    const sure = group.filter((h) => h.match === 'yes');
    if (actions.size === 1 && sure.length > 0) {
      out.action = group[0]!.action;
      out.decidedBy = sure[0];
      return out;
    }
    out.action = 'undefined';
    out.decidedBy = group[0];
    out.open =
      actions.size > 1
        ? `policies of the same priority ${priority} match with different actions (${group.map(hitLabel).join(', ')}): the API lets an implementation apply any of them`
        : `${group.map((h) => `${hitLabel(h)}: ${h.reason}`).join('; ')}`;
    return out;
  }
  return out;
}

function hitsAfter(t: TierOutcome | undefined): string[] {
  if (!t) return [];
  const decided = t.decidedBy;
  return t.hits.filter((h) => h !== decided && (!decided || h.priority !== decided.priority)).map(hitLabel);
}

function ref(h: CnpRuleHit): RuleRef {
  return { policy: `${h.policy} (${h.tier} tier, priority ${h.priority})`, rule: h.rule, because: h.reason };
}

/** Are there ClusterNetworkPolicies with rules for this side of `pod` at all? */
export function tiersApply(world: World, pod: Pod, direction: Direction): boolean {
  return (world.clusterNetworkPolicies ?? []).some((p) => (direction === 'ingress' ? p.ingress : p.egress).length > 0)
    ? tierPolicies(world, pod, 'Admin', direction).length > 0 ||
        tierPolicies(world, pod, 'Baseline', direction).length > 0
    : false;
}

/**
 * Is traffic on `port/protocol` allowed in `direction` for `pod`, with `other` at the far end,
 * under every policy in force? Without ClusterNetworkPolicies selecting the pod this is the
 * NetworkPolicy verdict alone, unchanged.
 */
export function evaluateDirection(
  world: World,
  pod: Pod,
  direction: Direction,
  other: Endpoint,
  port: number,
  protocol: Protocol,
): DirectionVerdict {
  const np = evaluateNetworkPolicies(world, pod, direction, other, port, protocol);
  if (!tiersApply(world, pod, direction)) return np;
  const admin = evaluateTier(world, pod, 'Admin', direction, other, port, protocol);
  const npPart = (consulted: boolean) => ({ consulted, verdict: np });
  const npText = np.isolated ? [`NetworkPolicy ${np.isolatingPolicies.join(', ')}`] : [];

  if (admin.action === 'Accept' || admin.action === 'Deny' || admin.action === 'undefined') {
    const baselineLater = evaluateTier(world, pod, 'Baseline', direction, other, port, protocol);
    const trace: TierTrace = {
      admin,
      networkPolicy: npPart(false),
      decidedBy: admin.action === 'undefined' ? 'undefined' : 'Admin',
      overridden: [...hitsAfter(admin), ...npText, ...baselineLater.hits.map(hitLabel)],
    };
    return fromTier(np, admin, trace);
  }
  if (np.isolated) {
    const baselineLater = evaluateTier(world, pod, 'Baseline', direction, other, port, protocol);
    const trace: TierTrace = {
      admin,
      networkPolicy: npPart(true),
      decidedBy: 'NetworkPolicy',
      overridden: [...hitsAfter(admin), ...baselineLater.hits.map(hitLabel)],
    };
    return { ...np, tiers: trace };
  }
  const baseline = evaluateTier(world, pod, 'Baseline', direction, other, port, protocol);
  const trace: TierTrace = {
    admin,
    networkPolicy: npPart(true),
    baseline,
    decidedBy:
      baseline.action === 'Accept' || baseline.action === 'Deny'
        ? 'Baseline'
        : baseline.action === 'undefined'
          ? 'undefined'
          : 'default',
    overridden: [...hitsAfter(admin), ...hitsAfter(baseline)],
  };
  if (trace.decidedBy === 'default') return { ...np, tiers: trace };
  return fromTier(np, baseline, trace);
}

/** The verdict when a tier's rule decided (or left it open). */
function fromTier(np: DirectionVerdict, t: TierOutcome, trace: TierTrace): DirectionVerdict {
  const hit = t.decidedBy as CnpRuleHit;
  const base: DirectionVerdict = {
    direction: np.direction,
    pod: np.pod,
    isolated: true,
    isolatingPolicies: [`${hit.policy} (${hit.tier} tier, priority ${hit.priority})`, ...np.isolatingPolicies],
    allowedBy: [],
    undecidedBy: [],
    misses: [],
    result: 'yes',
    tiers: trace,
  };
  if (t.action === 'undefined') {
    const runTime = t.hits.every((h) => h.match === 'yes' || h.decidedAtRunTime) && t.open !== undefined;
    const sameAction = new Set(t.hits.filter((h) => h.priority === hit.priority).map((h) => h.action)).size === 1;
    return {
      ...base,
      result: 'undefined',
      undecidedBy: [
        { ...ref(hit), reason: t.open ?? hit.reason, ...(runTime && sameAction ? { decidedAtRunTime: true } : {}) },
      ],
    };
  }
  if (t.action === 'Accept') return { ...base, allowedBy: [ref(hit)] };
  return { ...base, result: 'no', misses: [{ ...ref(hit), reason: `Deny: ${hit.reason}` }] };
}
