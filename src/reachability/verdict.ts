import type { ModelOutcome, OutcomeClass } from '../model/outcome.js';

/**
 * DESIGN.md's verdict table. With no live answer (the `check` command), only the document and the
 * model are compared. `not-sent`: the probe was decided without traffic (no such service port, an
 * address outside the cluster), so the cluster said nothing and nothing passed.
 * `document-defect` is a documented claim that spec and cluster agree against; the same on a
 * derived expectation (the harness's own) is a `derived-contradiction`, never the document's.
 */
export type Verdict =
  | 'pass'
  | 'disagrees'
  | 'document-defect'
  | 'derived-contradiction'
  | 'enforcement-mismatch'
  | 'inconclusive'
  | 'flaky'
  | 'not-sent';

export interface LiveAnswer {
  outcome: OutcomeClass | 'inconclusive' | 'not-sent';
  flaky: boolean;
  reason?: string;
}

export interface VerdictWithReason {
  verdict: Verdict;
  reason: string;
}

export function modelVerdict(documented: readonly OutcomeClass[], model: ModelOutcome): VerdictWithReason {
  if (model === 'undefined') return { verdict: 'inconclusive', reason: 'the spec leaves this to the implementation' };
  if (documented.includes(model)) return { verdict: 'pass', reason: 'the model agrees with the document' };
  return { verdict: 'disagrees', reason: `the document says ${documented.join(' or ')}, the spec says ${model}` };
}

export function liveVerdict(
  documented: readonly OutcomeClass[],
  model: ModelOutcome,
  live: LiveAnswer,
  derived = false,
): VerdictWithReason {
  if (live.outcome === 'not-sent')
    return { verdict: 'not-sent', reason: `not sent: ${live.reason ?? 'no reason given'}` };
  if (live.flaky) return { verdict: 'flaky', reason: live.reason ?? 'the result changed between attempts' };
  if (live.outcome === 'inconclusive' || live.outcome === 'check-failed') {
    return { verdict: 'inconclusive', reason: live.reason ?? 'the probe could not be decided' };
  }
  const docOk = documented.includes(live.outcome);
  if (model === 'undefined') {
    return docOk
      ? { verdict: 'pass', reason: 'the cluster did what the document says; the spec leaves it open' }
      : {
          verdict: 'inconclusive',
          reason: `the spec leaves it open; the cluster did ${live.outcome}, the document says ${documented.join(' or ')}`,
        };
  }
  if (model !== live.outcome) {
    return { verdict: 'enforcement-mismatch', reason: `the spec says ${model}, the cluster did ${live.outcome}` };
  }
  if (docOk) return { verdict: 'pass', reason: 'document, spec and cluster agree' };
  if (derived)
    return {
      verdict: 'derived-contradiction',
      reason: `spec and cluster agree on ${model}; the harness's derived expectation says ${documented.join(' or ')}`,
    };
  return {
    verdict: 'document-defect',
    reason: `spec and cluster agree on ${model}; the document says ${documented.join(' or ')}`,
  };
}
