import type { ModelResult } from '../../model/probe.js';
import type { VerdictWithReason } from '../../reachability/verdict.js';
import type { Expectation } from '../../scenario/types.js';
import { mapNamespace } from '../naming.js';
import type { PolicyChange } from '../types.js';

/**
 * Policies whose state the cluster and the model disagree on, because the API server and the
 * model's validator judged a manifest differently: real `namespace/name` → why.
 */
export type Disputes = ReadonlyMap<string, string>;

/**
 * The disputes after a step's changes, in order. A change the two sides judged alike settles its
 * policy only when it leaves both with the same state: a delete, or an apply both accepted. One
 * both rejected leaves each with what it had, so an earlier dispute stands. Pure.
 */
export function updateDisputes(current: Disputes, changes: readonly PolicyChange[]): Disputes {
  const next = new Map(current);
  for (const ch of changes) {
    if (!ch.name) continue;
    const key = `${ch.namespace}/${ch.name}`;
    if (ch.modelDiffers) next.set(key, `policy ${ch.name} (${ch.policyId}): ${ch.modelDiffers}`);
    else if (ch.result.accepted) next.delete(key);
  }
  return next;
}

/** The real namespaces a probe's policies live in: its source's, and its destination's when known. */
function namespacesOf(e: Expectation, model: ModelResult, mapping: ReadonlyMap<string, string>): string[] {
  const logical = [e.from.namespace];
  const dest = model.destination ? /^([^/]+)\//.exec(model.destination)?.[1] : undefined;
  if (dest) logical.push(dest);
  if (e.target.kind === 'pod' || e.target.kind === 'service-ip') logical.push(e.target.namespace);
  return logical.map((ns) => mapNamespace(mapping, ns));
}

/**
 * A verdict that compares the model with the cluster means nothing while they hold different
 * policies where the probe goes: such a record is inconclusive with the dispute as the reason,
 * never an enforcement mismatch (nor a pass). A not-sent record stays not sent.
 */
export function withDisputes(
  verdict: VerdictWithReason,
  e: Expectation,
  model: ModelResult,
  mapping: ReadonlyMap<string, string>,
  disputes: Disputes,
): VerdictWithReason {
  if (disputes.size === 0 || verdict.verdict === 'not-sent') return verdict;
  const touched = new Set(namespacesOf(e, model, mapping));
  const why = [...disputes].filter(([key]) => touched.has(key.split('/')[0] as string)).map(([, reason]) => reason);
  if (why.length === 0) return verdict;
  return {
    verdict: 'inconclusive',
    reason: `the cluster and the model hold different policies here (${why.join('; ')}), so the model's answer says nothing about the cluster's enforcement`,
  };
}
