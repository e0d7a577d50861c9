import { hitLabel } from '../model/cnp-explain.js';
import type { DirectionVerdict } from '../model/direction.js';
import type { ModelOutcome } from '../model/outcome.js';
import { evaluateProbe, type ModelResult } from '../model/probe.js';
import { policyReach } from '../model/policy-reach.js';
import type { World } from '../model/types.js';
import type { Flow } from '../reachability/flows.js';
import type { PolicySet } from './policy-files.js';

/** One flow whose answer changes between the two policy sets. */
export interface CellChange {
  flow: Flow;
  before: ModelOutcome;
  after: ModelOutcome;
  /** What made the difference, by policy and rule (the group it is listed under). */
  cause: string;
}

export interface PolicyDiff {
  /** Flows compared (flow-set.ts: pod and service ports, the scenario's rows, `--ports`). */
  flows: number;
  /**
   * Flows some policy has a say in, on either side (policy-reach.ts). The others (no such port, a
   * name that does not resolve, loopback) cannot change whatever the policies are.
   */
  policyFlows: number;
  changes: CellChange[];
  /** Changes grouped by cause, groups in order of their first change. */
  groups: { cause: string; changes: CellChange[] }[];
  /** Policies added, removed or changed: `namespace/name`, or `ClusterNetworkPolicy name`. */
  policies: { added: string[]; removed: string[]; changed: string[] };
}

const rules = (v: DirectionVerdict) => v.allowedBy.map((r) => `${r.policy} ${r.rule}`).join(', ');

/** The ClusterNetworkPolicy rule that decided a side, when an Admin or Baseline tier did. */
function tierRule(v: DirectionVerdict): string | undefined {
  const t = v.tiers;
  const outcome = t?.decidedBy === 'Admin' ? t.admin : t?.decidedBy === 'Baseline' ? t.baseline : undefined;
  return outcome?.decidedBy ? hitLabel(outcome.decidedBy) : undefined;
}

const ANSWER = { yes: 'allowed', no: 'denied', undefined: 'undecided' } as const;

/** Why one side's answer changed, in terms of policies and rules (and tiers, when one decided). */
function sideCause(before: DirectionVerdict | undefined, after: DirectionVerdict | undefined): string | undefined {
  if (!before || !after || before.result === after.result) return undefined;
  const side = after.direction === 'ingress' ? `ingress to ${after.pod}` : `egress from ${after.pod}`;
  const tierAfter = tierRule(after);
  if (tierAfter) return `${side}: now ${ANSWER[after.result]} by ${tierAfter}`;
  const tierBefore = tierRule(before);
  if (tierBefore) {
    const now = after.isolated
      ? `NetworkPolicy ${after.isolatingPolicies.join(', ')} decides`
      : 'no policy isolates it, allowed by default';
    return `${side}: ${tierBefore} no longer decides it (now ${ANSWER[after.result]}: ${now})`;
  }
  if (after.result === 'yes') {
    return after.isolated
      ? `${side}: now allowed by ${rules(after)}`
      : `${side}: no policy isolates it any more (was: ${before.isolatingPolicies.join(', ')})`;
  }
  if (before.result === 'yes') {
    if (!before.isolated)
      return `${side}: now isolated by ${after.isolatingPolicies.join(', ')}, and no rule allows it`;
    return `${side}: no longer allowed by ${rules(before)}${after.isolated ? ` (isolated by ${after.isolatingPolicies.join(', ')})` : ''}`;
  }
  return `${side}: ${after.result === 'undefined' ? 'now undecided' : 'no longer undecided'} (${after.isolatingPolicies.join(', ')})`;
}

function causeOf(before: ModelResult, after: ModelResult): string {
  const causes = [sideCause(before.egress, after.egress), sideCause(before.ingress, after.ingress)].filter(Boolean);
  return causes.length ? causes.join('; ') : 'the path changed (no single rule decides it)';
}

/** Each policy of the set by its key (`namespace/name`, `ClusterNetworkPolicy name`), as JSON to compare. */
function keyed(set: PolicySet): Map<string, string> {
  return new Map([
    ...set.policies.map((p) => [`${p.namespace}/${p.name}`, JSON.stringify(p)] as const),
    ...set.clusterPolicies.map((p) => [`ClusterNetworkPolicy ${p.name}`, JSON.stringify(p)] as const),
  ]);
}

/**
 * The cells of `flows` whose model answer differs between `before` and `after` (the same pods,
 * services and namespaces under two policy sets, NetworkPolicies and the ClusterNetworkPolicy
 * tiers together), each with its cause. Pure.
 */
export function diffPolicySets(base: World, before: PolicySet, after: PolicySet, flows: readonly Flow[]): PolicyDiff {
  const worldOf = (set: PolicySet): World => ({
    ...base,
    policies: [...set.policies],
    clusterNetworkPolicies: [...set.clusterPolicies],
  });
  const worldBefore = worldOf(before);
  const worldAfter = worldOf(after);
  const changes: CellChange[] = [];
  let policyFlows = 0;
  for (const flow of flows) {
    const probe = {
      from: { pod: flow.from.name, namespace: flow.from.namespace },
      target: flow.target,
      port: flow.port,
      protocol: flow.protocol,
    };
    const b = evaluateProbe(worldBefore, probe);
    const a = evaluateProbe(worldAfter, probe);
    if (policyReach(worldBefore, probe, b).kind !== 'none' || policyReach(worldAfter, probe, a).kind !== 'none')
      policyFlows++;
    if (a.outcome !== b.outcome) changes.push({ flow, before: b.outcome, after: a.outcome, cause: causeOf(b, a) });
  }
  const groups: PolicyDiff['groups'] = [];
  for (const c of changes) {
    const g = groups.find((x) => x.cause === c.cause);
    if (g) g.changes.push(c);
    else groups.push({ cause: c.cause, changes: [c] });
  }
  const beforeKeys = keyed(before);
  const afterKeys = keyed(after);
  return {
    flows: flows.length,
    policyFlows,
    changes,
    groups,
    policies: {
      added: [...afterKeys.keys()].filter((k) => !beforeKeys.has(k)).sort(),
      removed: [...beforeKeys.keys()].filter((k) => !afterKeys.has(k)).sort(),
      changed: [...afterKeys]
        .filter(([k, v]) => beforeKeys.has(k) && beforeKeys.get(k) !== v)
        .map(([k]) => k)
        .sort(),
    },
  };
}
