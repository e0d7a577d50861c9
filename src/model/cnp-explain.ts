// ClusterNetworkPolicy tiers in words (cnp-tiers.ts): which tier, policy, priority and rule decided, and
// what the decision overrode. Types only from the evaluation, so direction.ts can explain without a cycle.

import type { CnpAction, CnpTier } from './cnp-types.js';
import type { CnpRuleHit, DirectionVerdict, TierOutcome, TierTrace } from './direction-types.js';

export function cnpLabel(h: { policy: string; tier: CnpTier; priority: number }): string {
  return `ClusterNetworkPolicy ${h.policy} (${h.tier} tier, priority ${h.priority})`;
}

export function hitLabel(h: CnpRuleHit): string {
  return `${cnpLabel(h)} ${h.rule}${h.name ? ` "${h.name}"` : ''} ${h.action}`;
}

function side(v: DirectionVerdict): string {
  return v.direction === 'ingress' ? `ingress to ${v.pod}` : `egress from ${v.pod}`;
}

const VERB: Record<CnpAction, string> = { Accept: 'accepts it', Deny: 'denies it', Pass: 'passes it on' };

function tierClause(t: TierOutcome, next: string): string | undefined {
  if (t.action === 'none') return undefined;
  const h = t.decidedBy as CnpRuleHit;
  if (t.action === 'undefined') return `${t.tier} tier: undecided: ${t.open}`;
  const verb = t.action === 'Pass' ? `passes it to ${next}` : VERB[t.action];
  return `${t.tier} tier: ${hitLabel(h)} ${verb} (${h.reason})`;
}

/** The tiers in words: which tier, policy, priority and rule decided, and what it overrode. */
export function explainTiers(v: DirectionVerdict, npText: string): string {
  const t = v.tiers as TierTrace;
  const clauses: string[] = [];
  const admin = tierClause(t.admin, 'NetworkPolicy');
  if (admin) clauses.push(admin);
  else if (t.admin.policies.length)
    clauses.push(`Admin tier: no rule of ${t.admin.policies.map((p) => p.name).join(', ')} matches`);
  if (t.networkPolicy.consulted) {
    clauses.push(
      t.networkPolicy.verdict.isolated
        ? npText.replace(/^(ingress to|egress from) \S+: /, 'NetworkPolicy: ')
        : 'NetworkPolicy: not isolated',
    );
  }
  if (t.baseline) {
    const b = tierClause(t.baseline, 'the default');
    if (b) clauses.push(b);
    else if (t.baseline.policies.length)
      clauses.push(`Baseline tier: no rule of ${t.baseline.policies.map((p) => p.name).join(', ')} matches`);
  }
  const answer = v.result === 'yes' ? 'allowed' : v.result === 'no' ? 'denied' : 'undecided';
  const decided =
    t.decidedBy === 'default'
      ? 'no tier decides: allowed by default'
      : `${answer} by the ${t.decidedBy === 'undefined' ? 'tiers' : t.decidedBy === 'NetworkPolicy' ? 'NetworkPolicy tier' : `${t.decidedBy} tier`}`;
  const over = t.overridden.length ? `; overrides ${t.overridden.join(', ')}` : '';
  return `${side(v)}: ${clauses.join('; ')}; ${decided}${over}`;
}
