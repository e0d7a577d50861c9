import type { DirectionDecision, RuleTrial } from '../model/decision.js';
import type { FlowExplanation } from '../explain/explain-flow.js';
import { podRef } from '../reachability/flows.js';
import { terminalText } from '../terminal-text.js';

const VERDICT = { yes: 'allowed', no: 'denied', undefined: 'undecided by the spec' } as const;
const MATCH = { yes: 'match', no: 'no', undefined: 'undecided' } as const;

function ruleLines(r: RuleTrial): string[] {
  const head = `    ${r.policy} ${r.rule} [ports: ${r.ports}]: `;
  if (!r.portsMatch) return [`${head}ports do not match (${r.portsReason}); peers not tried`];
  if (r.peers === undefined) return [`${head}ports match; peers: any (the rule names none): allowed`];
  return [
    `${head}ports match; peers:`,
    ...r.peers.map((p) => `      ${p.peer}: ${MATCH[p.match]}: ${p.reason}`),
    `      => ${r.result === 'yes' ? 'allowed by this rule' : r.result === 'no' ? 'no peer matches' : 'undecided'}`,
  ];
}

export function renderDecision(d: DirectionDecision): string[] {
  const side =
    d.direction === 'egress'
      ? `egress from ${d.pod} to ${d.other}, ${d.port}`
      : `ingress to ${d.pod} from ${d.other}, ${d.port}`;
  if (d.tiers) {
    const np = d.isolated ? [`    NetworkPolicy rules (isolated by ${d.isolatingPolicies.join(', ')}):`] : [];
    return [
      `  ${side}: ${VERDICT[d.result]}`,
      `    ${d.tiers.text}`,
      ...np,
      ...d.denyAll.map((name) => `    ${name}: no ${d.direction} rules (denies all by itself)`),
      ...d.rules.flatMap(ruleLines),
    ];
  }
  if (!d.isolated)
    return [
      `  ${side}: not isolated (no policy selects it for ${d.direction === 'egress' ? 'Egress' : 'Ingress'}): allowed`,
    ];
  const lines = [`  ${side}: isolated by ${d.isolatingPolicies.join(', ')}: ${VERDICT[d.result]}`];
  for (const name of d.denyAll) lines.push(`    ${name}: no ${d.direction} rules (denies all by itself)`);
  for (const r of d.rules) lines.push(...ruleLines(r));
  return lines;
}

/** What the audit (explain/audit.ts) adds to the answer: lines before everything, and lines right under `answer:`. */
export interface ExplainAudit {
  first: readonly string[];
  underAnswer: readonly string[];
}

const NO_AUDIT: ExplainAudit = { first: [], underAnswer: [] };

/**
 * `explain`'s answer: the audit's first lines (rejected manifests), the flow, where it was asked,
 * the answer with the audit's lines under it (the document's expectation, why the policies do not
 * decide it), the path, and every rule tried; names' control characters escaped.
 */
export function renderExplanation(x: FlowExplanation, where: string, audit: ExplainAudit = NO_AUDIT): string {
  const { flow, result } = x;
  const lines = [
    ...audit.first,
    `flow: ${podRef(flow.from)} -> ${flow.targetText} (${flow.port}/${flow.protocol})`,
    `in: ${where}`,
    `policies in force: ${x.policies.length ? x.policies.join(', ') : 'none'}`,
    `answer: ${result.outcome === 'undefined' ? 'undefined by the spec' : result.outcome}`,
    ...audit.underAnswer,
    ...result.explanation.map((l) => `  ${l}`),
  ];
  if (x.decisions.length) lines.push('decision:', ...x.decisions.flatMap(renderDecision));
  return terminalText(lines.join('\n'));
}

export type ClusterAnswer =
  { sent: true; outcome: string; detail: string; repro: string } | { sent: false; reason: string };

/** `explain --probe`: the three answers side by side (a cluster's objects carry no document's claim). */
export function renderThreeAnswers(model: string, cluster: ClusterAnswer): string {
  const lines = [
    'answers:',
    "  document: none (a cluster's objects make no claim)",
    `  model:    ${model === 'undefined' ? 'undefined by the spec' : model}`,
  ];
  if (!cluster.sent) {
    lines.push(`  cluster:  not sent: ${cluster.reason}`);
    return terminalText(lines.join('\n'));
  }
  lines.push(`  cluster:  ${cluster.outcome} (${cluster.detail})`, `  repro:    ${cluster.repro}`);
  const agree =
    model === 'undefined'
      ? 'the spec leaves it open; the cluster decided'
      : cluster.outcome === model
        ? 'the cluster does what the spec says'
        : 'the cluster DISAGREES with the spec';
  lines.push(`verdict: ${agree}`);
  return terminalText(lines.join('\n'));
}
