import type { DirectionVerdict } from '../model/direction.js';
import type { ScenarioPolicy } from '../scenario/types.js';
import type { ScenarioCheck } from './check.js';
import { targetLabel, type ProbeRecord } from './records.js';

/**
 * The reading rules that keep the harness's own choices from being blamed on a document. A
 * documented row that disagrees with the spec is the document's defect only when the document
 * makes the claim the row tests. It does not when:
 *
 * 1. the row quotes a general sentence (a glossary row, a summary, another section) where that
 *    sentence's condition does not hold: a block needs a policy that selects the pod in that
 *    direction; an open path needs none. The document applies the sentence elsewhere, not here.
 * 2. the block is caused by a pod or policy the harness added: it falls at the own side of a pod
 *    marked `extra` (its ingress, or its egress), or a rule does not select an `extra` source
 *    (only its peers miss it: the document never says where that pod would be), or every policy
 *    behind it is `origin: harness`.
 * 3. the harness's own probe (a row without `command:`) fails before it reaches the policy (a
 *    name that does not resolve, a port no service exposes) where the document claims a block:
 *    the connection fails as the document says, so the row tests nothing of the document's.
 *
 * Each answer says why, for the scenario's author: such a row belongs in the scenario as derived,
 * or probed another way. The seed corpus has none (a test keeps it so).
 */
export function harnessReading(check: ScenarioCheck, r: ProbeRecord): string | undefined {
  if (r.provenance.kind !== 'documented' || r.verdict.verdict !== 'disagrees') return undefined;
  return generalSentence(r) ?? harnessBlock(check, r) ?? harnessProbe(r);
}

export interface HarnessReading {
  scenarioFile: string;
  line: number;
  probe: string;
  why: string;
}

/** Every documented row of a check whose disagreement is the harness's (see harnessReading). */
export function harnessReadingsOf(check: ScenarioCheck): HarnessReading[] {
  return check.records.flatMap((r) => {
    const why = harnessReading(check, r);
    return why === undefined
      ? []
      : [{ scenarioFile: r.scenarioFile, line: r.expectation.line, probe: `${r.from} → ${targetLabel(r)}`, why }];
  });
}

const BLOCKS: readonly string[] = ['blocked', 'refused'];

function sides(r: ProbeRecord): DirectionVerdict[] {
  return [r.model.egress, r.model.ingress].filter((v): v is DirectionVerdict => v !== undefined);
}

function generalSentence(r: ProbeRecord): string | undefined {
  if (!r.expectation.quotedElsewhere || r.provenance.kind !== 'documented') return undefined;
  const m = r.model.outcome;
  const claimsBlock = r.documented.every((d) => BLOCKS.includes(d));
  const section = r.provenance.section;
  if (claimsBlock && m === 'allowed' && sides(r).every((v) => !v.isolated))
    return `the row applies a sentence of § ${section} to traffic no policy of this step selects in either direction; the document does not apply it here`;
  if (r.documented.includes('allowed') && m === 'blocked' && sides(r).some((v) => v.isolated))
    return `the row applies a sentence of § ${section} about unselected pods to traffic a policy of this step selects; the document does not apply it here`;
  return undefined;
}

function podOf(check: ScenarioCheck, ref: string) {
  return check.scenario.pods.find((p) => `${p.namespace}/${p.name}` === ref);
}

/** The scenario's policy entries behind accepted policies of these names. */
function entriesNamed(check: ScenarioCheck, names: readonly string[]): ScenarioPolicy[] {
  return check.scenario.policies.filter((p) =>
    p.documents.some((d) => d.accepted && d.policy !== undefined && names.includes(d.policy.name)),
  );
}

function harnessBlock(check: ScenarioCheck, r: ProbeRecord): string | undefined {
  if (r.model.outcome !== 'blocked' || r.documented.includes('blocked')) return undefined;
  const denying = sides(r).filter((v) => v.result === 'no');
  if (denying.length === 0) return undefined;
  for (const v of denying) {
    const pod = podOf(check, v.pod);
    if (pod?.extra)
      return `the block is at the ${v.direction} of ${v.pod}, a pod the harness added (not in the document): ${v.isolatingPolicies.join(', ')} select it there`;
  }
  const source = r.model.egress ? podOf(check, r.model.egress.pod) : undefined;
  const ingress = r.model.ingress;
  if (
    source?.extra &&
    ingress?.result === 'no' &&
    denying.length === 1 &&
    ingress.misses.length > 0 &&
    ingress.misses.every((m) => m.on === 'peer')
  )
    return `the rule admits the port but does not select ${source.namespace}/${source.name}, a pod the harness added; the document says nothing about such a pod`;
  const policies = entriesNamed(
    check,
    denying.flatMap((v) => v.isolatingPolicies),
  );
  if (policies.length > 0 && policies.every((p) => p.origin === 'harness'))
    return `the block comes from ${policies.map((p) => p.id).join(', ')}, added by the harness (not in the document)`;
  return undefined;
}

function harnessProbe(r: ProbeRecord): string | undefined {
  const m = r.model.outcome;
  if (r.expectation.command !== undefined || (m !== 'dns-failure' && m !== 'no-such-port')) return undefined;
  if (!r.documented.every((d) => BLOCKS.includes(d))) return undefined;
  return `the harness's probe fails before it reaches the policy (${m}), as the document's "${r.documented.join(' or ')}" has it; probe the claim another way`;
}
