import { OUTSIDE_NAMESPACE } from '../../scenario/outside.js';
import type { Expectation, Scenario } from '../../scenario/types.js';
import type { StandInRewrite, StepReport } from '../types.js';

/**
 * The ipBlock rewrites for the outside stand-ins (stand-ins.ts) of the policies in force at step
 * `index`: each apply's notes, until a later apply of the same policy replaces them or a delete
 * removes them.
 */
export function standInRewritesInForce(steps: readonly StepReport[], index: number): string[] {
  const inForce = new Map<string, string[]>();
  for (const s of steps) {
    if (s.index > index) continue;
    const appliedHere = new Set<string>();
    for (const ch of s.changes) {
      if (ch.action === 'delete') {
        inForce.delete(ch.policyId);
        continue;
      }
      if (!ch.result.accepted) continue;
      const before = appliedHere.has(ch.policyId) ? (inForce.get(ch.policyId) ?? []) : [];
      appliedHere.add(ch.policyId);
      inForce.set(ch.policyId, [...before, ...(ch.standIns ?? [])]);
    }
  }
  return [...inForce.values()].flat();
}

/**
 * When a probe's traffic went to or came from an outside stand-in and a policy in force had its
 * ipBlocks rewritten for that stand-in: what the cluster answered then is the rewritten rule's
 * answer, not the document's rule's. Undefined otherwise.
 */
export function standInRewriteOf(
  scenario: Scenario,
  standIns: readonly { documented: string; standIn: string }[],
  steps: readonly StepReport[],
  index: number,
  e: Expectation,
  host: string | undefined,
): StandInRewrite | undefined {
  const source =
    e.from.namespace === OUTSIDE_NAMESPACE ? scenario.outside?.find((h) => h.name === e.from.name)?.address : undefined;
  const pair =
    standIns.find((s) => s.documented === source) ?? standIns.find((s) => host !== undefined && s.standIn === host);
  if (!pair) return undefined;
  const rewritten = standInRewritesInForce(steps, index).filter((n) => n.includes(`(stand-in for ${pair.documented},`));
  return rewritten.length ? { documented: pair.documented, address: pair.standIn, rewritten } : undefined;
}
