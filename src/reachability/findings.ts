import { formatSelector, selectorMatches } from '../model/selector.js';
import type { LabelSelector, NetworkPolicy, PolicyPeer, World } from '../model/types.js';
import type { ScenarioCheck } from './check.js';
import type { RecordedFindingKind } from '../scenario/annotations.js';
import {
  mistakeFindings,
  prerequisiteFindings,
  recordedFindings,
  stepsOfMistakes,
  suppressedByPrerequisite,
} from './annotated-findings.js';
import { fixForRecord, fixForRejected, fixForSelector } from './fix-lines.js';
import { targetLabel } from './records.js';
import { harnessReading } from './harness-reading.js';
import type { ScenarioPolicy } from '../scenario/types.js';

/** A manifest the document itself shows (verbatim, or its fragment wrapped), not the harness's. */
export function isDocumentManifest(p: ScenarioPolicy): boolean {
  return (p.origin ?? 'document') === 'document' && p.correctionOf === undefined;
}

export type FindingKind =
  | 'claim-contradicts-spec'
  | 'probe-cannot-test'
  | 'undefined-by-spec'
  | 'manifest-rejected'
  | 'selector-matches-nothing'
  | 'unstated-prerequisite'
  | 'mistake-behaves-otherwise'
  | RecordedFindingKind;

export const FINDING_TITLES: Record<FindingKind, string> = {
  'claim-contradicts-spec': 'claim contradicts the NetworkPolicy spec',
  'probe-cannot-test': "the document's probe cannot test the policy",
  'undefined-by-spec': 'claim depends on behaviour the spec leaves open',
  'manifest-rejected': 'manifest would be rejected by the API server',
  'selector-matches-nothing': 'selector matches nothing',
  'unstated-prerequisite': 'unstated prerequisite',
  'mistake-behaves-otherwise': "the document's deliberate mistake does not behave as it says",
  'prose-contradicts-manifest': "text contradicts the document's own manifest",
  'command-cannot-work': 'a command that cannot work as written',
  'incomplete-example': 'an example missing a piece it needs',
  'step-after-delete': 'a step about a policy an earlier step deleted',
  'out-of-date': 'a statement that is out of date',
};

export interface Finding {
  kind: FindingKind;
  document: string;
  section: string;
  scenario: string;
  scenarioFile: string;
  line: number;
  /** The document's own words for the claim, verbatim; absent when the scenario cites none. */
  quote?: string;
  /** What the document claims, in the harness's terms (the probe and its outcome, or the manifest). */
  claim: string;
  /** The record behind the finding, when a probe is: to find what the cluster did for it. */
  probe?: ProbeKey;
  /** What actually happens under the spec (or the API server). */
  actual: string;
  why: string[];
  /** What to change in the document: a corrected line or manifest. */
  fix: string;
}

/** What identifies a probe's record across a check and a live run of the same corpus. */
export interface ProbeKey {
  scenario: string;
  stepIndex: number;
  from: string;
  to: string;
  port: number;
  tool: string;
}

/** The manifest's own lines the API server refuses, quoted (the policy file's text, as the document gives it). */
function manifestQuote(policy: ScenarioPolicy, issues: readonly { line: number }[]): { quote?: string } {
  const lines = policy.text.split('\n');
  const quoted = [...new Set(issues.map((i) => lines[i.line - policy.line]?.trim()).filter((l) => l))];
  if (quoted.length) return { quote: quoted.join(' ... ') };
  return policy.source?.quote ? { quote: oneLine(policy.source.quote) } : {};
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** Findings of one scenario: documented claims the spec contradicts, rejected manifests, empty selectors. */
export function findingsOf(check: ScenarioCheck): Finding[] {
  const { scenario } = check;
  const out: Finding[] = [];
  const mistakeSteps = stepsOfMistakes(check);
  for (const r of check.records) {
    if (r.provenance.kind !== 'documented' || r.verdict.verdict === 'pass') continue;
    // A live run decides it (pod IPs); the mistake's own rows are judged as the mistake's.
    if (r.model.decidedAtRunTime || mistakeSteps.has(r.stepIndex)) continue;
    // The disagreement comes from the harness's own reading or setup, not from the document.
    if (harnessReading(check, r)) continue;
    const e = r.expectation;
    const probe = `${r.from} → ${targetLabel(r)} (${r.tool}, step "${r.step}")`;
    const m = r.model.outcome;
    const unreachable = m === 'dns-failure' || m === 'no-such-port';
    const kind: FindingKind =
      m === 'undefined'
        ? 'undefined-by-spec'
        : unreachable && e.command !== undefined
          ? 'probe-cannot-test'
          : 'claim-contradicts-spec';
    const quote = e.command ?? r.provenance.quote;
    out.push({
      kind,
      document: r.provenance.file,
      section: r.provenance.section,
      scenario: scenario.name,
      scenarioFile: scenario.file,
      line: e.line,
      ...(quote !== undefined ? { quote: oneLine(quote) } : {}),
      claim: `${probe}: ${r.documented.join(' or ')}${e.command === undefined ? " (the harness's probe of the claim)" : " (the document's probe)"}`,
      probe: { scenario: r.scenario, stepIndex: r.stepIndex, from: r.from, to: r.to, port: r.port, tool: r.tool },
      actual: m === 'undefined' ? 'undefined by the spec' : m,
      why: r.model.explanation,
      fix: fixForRecord(r, kind),
    });
  }
  for (const policy of scenario.policies) {
    const src = policy.source ?? { file: scenario.source.file, section: scenario.source.section };
    for (const d of policy.documents) {
      if (d.accepted) continue;
      out.push({
        kind: 'manifest-rejected',
        document: src.file,
        section: src.section,
        scenario: scenario.name,
        scenarioFile: policy.file,
        line: d.issues[0]?.line ?? policy.line,
        ...manifestQuote(policy, d.issues),
        claim: `policy ${d.name ?? policy.id} (${policy.id}) can be applied${policy.correctionOf ? ` (our correction of ${policy.correctionOf})` : ''}`,
        actual: 'rejected',
        why: d.issues.map((i) => `${i.path}: ${i.message}`),
        fix: policy.fix ?? fixForRejected(d.issues),
      });
    }
  }
  out.push(
    ...emptySelectorFindings(check),
    ...prerequisiteFindings(check),
    ...mistakeFindings(check),
    ...recordedFindings(scenario),
  );
  return out;
}

function emptySelectorFindings(check: ScenarioCheck): Finding[] {
  const { scenario } = check;
  const seen = new Set<string>();
  const out: Finding[] = [];
  // Judged when a policy is applied. A selector that a later step's labels make match while the
  // policy is still in force was written ahead of them on purpose (the e2e suite's "updated pod"
  // cases): not a defect.
  const matchesLater = (from: number, policy: NetworkPolicy, path: string) =>
    check.steps.slice(from + 1).some((later) => {
      const same = later.world.policies.find((p) => p.namespace === policy.namespace && p.name === policy.name);
      return same !== undefined && !emptySelectors(same, later.world).some(([p]) => p === path);
    });
  for (const [index, state] of check.steps.entries()) {
    const appliedNow = new Set(state.applied.filter((a) => a.action === 'apply').flatMap((a) => a.accepted));
    for (const policy of state.world.policies.filter((p) => appliedNow.has(p.name))) {
      const entry = scenario.policies.find((p) => p.documents.some((d) => d.accepted && d.policy === policy));
      // The document's own illustration of a mistake: judged as a mistake (annotated-findings).
      if (entry?.mistake) continue;
      // Only a manifest the document shows can be blamed for its selectors: not one built from
      // prose or a diagram, not one the harness added, not the harness's correction.
      if (!entry || !isDocumentManifest(entry)) continue;
      const src = entry?.source ?? { file: scenario.source.file, section: scenario.source.section };
      for (const [path, problem] of emptySelectors(policy, state.world)) {
        const key = `${policy.namespace}/${policy.name}:${path}`;
        if (seen.has(key) || suppressedByPrerequisite(check, policy, path) || matchesLater(index, policy, path))
          continue;
        seen.add(key);
        out.push({
          kind: 'selector-matches-nothing',
          document: src.file,
          section: src.section,
          scenario: scenario.name,
          scenarioFile: entry?.file ?? scenario.file,
          line: entry?.line ?? 0,
          claim: `policy ${policy.name}: ${path} selects something`,
          actual: 'matches nothing',
          why: [`${problem} (step "${state.step.name}")`],
          fix: entry?.fix ?? fixForSelector(path, problem),
        });
      }
    }
  }
  return out;
}

/** The selectors of `policy` that match nothing in `world`: [field path, why]. */
export function emptySelectors(policy: NetworkPolicy, world: World): [string, string][] {
  const out: [string, string][] = [];
  const podsIn = (ns: string) => world.pods.filter((p) => p.namespace === ns);
  if (!podsIn(policy.namespace).some((p) => selectorMatches(policy.podSelector, p.labels))) {
    out.push(['spec.podSelector', `no pod in namespace ${policy.namespace} has ${formatSelector(policy.podSelector)}`]);
  }
  const check = (peers: PolicyPeer[] | undefined, base: string) =>
    (peers ?? []).forEach((peer, j) => {
      const path = `${base}[${j}]`;
      if (peer.ipBlock) return;
      const nsSel = peer.namespaceSelector;
      if (nsSel && !world.namespaces.some((n) => selectorMatches(nsSel, n.labels))) {
        out.push([`${path}.namespaceSelector`, `no namespace has labels ${formatSelector(nsSel)}${hint(nsSel)}`]);
        return;
      }
      const namespaces = nsSel
        ? world.namespaces.filter((n) => selectorMatches(nsSel, n.labels)).map((n) => n.name)
        : [policy.namespace];
      const podSel = peer.podSelector;
      if (podSel && !world.pods.some((p) => namespaces.includes(p.namespace) && selectorMatches(podSel, p.labels))) {
        out.push([`${path}.podSelector`, `no pod in ${namespaces.join(', ')} has ${formatSelector(podSel)}`]);
      }
    });
  policy.ingress.forEach((r, i) => check(r.peers, `spec.ingress[${i}].from`));
  policy.egress.forEach((r, i) => check(r.peers, `spec.egress[${i}].to`));
  return out;
}

function hint(sel: LabelSelector): string {
  if (sel.matchLabels['k8s-app'] === 'kube-dns') {
    return ': k8s-app=kube-dns labels the CoreDNS pods, not their namespace (kube-system is labelled kubernetes.io/metadata.name=kube-system)';
  }
  if ('name' in sel.matchLabels) return ': the API server labels namespaces kubernetes.io/metadata.name, not name';
  return '';
}
