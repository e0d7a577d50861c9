import type { ModelOutcome } from '../../model/outcome.js';
import type { ModelResult } from '../../model/probe.js';
import type { ProbeResult } from '../../probe/types.js';
import { liveVerdict, type LiveAnswer, type VerdictWithReason } from '../../reachability/verdict.js';
import type { Expectation } from '../../scenario/types.js';
import type { ProbePlan } from '../setup/targets.js';

export interface Observed {
  result: ProbeResult;
  history: ModelOutcome[];
  flaky: boolean;
}

/** DESIGN.md's rules for what a live observation can prove. Pure. */
export function liveAnswerOf(
  plan: ProbePlan,
  observed: Observed | undefined,
  baseline: ModelOutcome | undefined,
): LiveAnswer {
  if (plan.kind === 'not-sent') return { outcome: 'not-sent', flaky: false, reason: plan.reason };
  if (!observed) return { outcome: 'inconclusive', flaky: false, reason: 'the probe was not run' };
  const { result, history } = observed;
  if (observed.flaky)
    return {
      outcome: result.outcome === 'undefined' ? 'inconclusive' : result.outcome,
      flaky: true,
      reason: `the result changed between attempts: ${history.join(' → ')}`,
    };
  if (result.outcome === 'undefined') return { outcome: 'inconclusive', flaky: false, reason: 'no live answer' };
  if (result.outcome === 'check-failed')
    return { outcome: 'inconclusive', flaky: false, reason: `the probe itself failed: ${result.detail}` };
  if (result.outcome === 'blocked' && baseline !== 'allowed') {
    return {
      outcome: 'inconclusive',
      flaky: false,
      reason: `blocked, but the same probe was ${baseline ?? 'not run'} in the baseline (before any policy), so a block proves nothing`,
    };
  }
  if (result.outcome === 'refused' && baseline === 'allowed') {
    return { outcome: 'blocked', flaky: false, reason: `${REJECTED}: ${result.detail}` };
  }
  if (result.outcome === 'refused' && baseline === 'blocked') {
    // Unreachable before any policy: the refusal may be the CNI rejecting what it denies.
    return {
      outcome: 'inconclusive',
      flaky: false,
      reason: `refused, but the same probe was blocked in the baseline (before any policy): a CNI that rejects refuses what it denies, so a refusal proves nothing here`,
    };
  }
  return { outcome: result.outcome, flaky: false, reason: result.detail };
}

/**
 * The spec says which connections a policy denies, not how: Calico drops them (the probe times
 * out), kube-router rejects them (a reset, or ICMP unreachable: the probe says refused). A refusal
 * where the baseline (before any policy) connected is the network denying the connection, so it
 * is `blocked`, and says how.
 */
export const REJECTED = 'blocked by rejection (refused, where the baseline connected)';

/** The verdict, with the body check: connected is not enough when the document shows the page. */
export function liveVerdictOf(
  e: Expectation,
  model: ModelResult,
  answer: LiveAnswer,
  result: ProbeResult | undefined,
): VerdictWithReason {
  const verdict = liveVerdict(e.expected, model.outcome, answer, e.provenance.kind === 'derived');
  if (
    verdict.verdict === 'pass' &&
    e.body !== undefined &&
    answer.outcome === 'allowed' &&
    result &&
    !result.output.includes(e.body)
  ) {
    return {
      verdict: 'disagrees',
      reason: `connected, but the body does not contain "${e.body}" (got: ${result.bodyExcerpt ?? result.detail})`,
    };
  }
  return verdict;
}
