// The shapes of one side's answer: the NetworkPolicy verdict (direction.ts) and, where
// ClusterNetworkPolicies select the pod, every tier's part (cnp-tiers.ts). Types only, in one place,
// so that the evaluation and its explanation (cnp-explain.ts) need not import each other.
import type { CnpAction, CnpTier } from './cnp-types.js';
import type { Tri } from './peers.js';

export type Direction = 'ingress' | 'egress';

export interface RuleRef {
  policy: string;
  /** e.g. `ingress[0]` */
  rule: string;
  /** What in the rule admitted the traffic: the matching peer, or why every peer does. */
  because?: string;
}

export interface RuleMiss extends RuleRef {
  reason: string;
  /** What did not match: the rule's ports, or its peers (the far end); absent for a policy without rules. */
  on?: 'port' | 'peer';
  /** Undecided only because a pod's IP is not known yet (see PeerMatch.decidedAtRunTime). */
  decidedAtRunTime?: boolean;
}

/** The answer for one side of a connection: the destination's ingress or the source's egress. */
export interface DirectionVerdict {
  direction: Direction;
  /** The pod whose policies are consulted. */
  pod: string;
  isolated: boolean;
  /** Policies that select the pod for this direction. */
  isolatingPolicies: string[];
  allowedBy: RuleRef[];
  undecidedBy: RuleMiss[];
  misses: RuleMiss[];
  result: Tri;
  /** Set when ClusterNetworkPolicies select the pod for this direction: every tier's part (cnp-tiers.ts). */
  tiers?: TierTrace;
}

/** The rule of one ClusterNetworkPolicy that matched first (or may have: `undefined`). */
export interface CnpRuleHit {
  tier: CnpTier;
  policy: string;
  priority: number;
  /** `ingress[2]` */
  rule: string;
  /** The rule's `name`, when it has one. */
  name?: string;
  action: CnpAction;
  match: 'yes' | 'undefined';
  reason: string;
  decidedAtRunTime?: true;
}

/** What one tier decided for one side. */
export interface TierOutcome {
  tier: CnpTier;
  /** The policies of the tier that select the pod and have rules for this direction, in precedence order. */
  policies: { name: string; priority: number }[];
  /** Each policy's first matching rule, in precedence order; policies none of whose rules match are absent. */
  hits: CnpRuleHit[];
  /** `none`: no rule matched; `undefined`: the tier's answer is left open (same priority, or a peer not known yet). */
  action: CnpAction | 'none' | 'undefined';
  decidedBy?: CnpRuleHit;
  /** Why the answer is open, when it is. */
  open?: string;
}

export type TierDecider = 'Admin' | 'NetworkPolicy' | 'Baseline' | 'default' | 'undefined';

/** The whole evaluation of one side, tier by tier. */
export interface TierTrace {
  admin: TierOutcome;
  /** The NetworkPolicy verdict alone, and whether the tiers got that far. */
  networkPolicy: { consulted: boolean; verdict: DirectionVerdict };
  /** undefined when an earlier tier decided. */
  baseline?: TierOutcome;
  decidedBy: TierDecider;
  /** What the decision overrode: policies of lower precedence that select the pod and would have had a say. */
  overridden: string[];
}
