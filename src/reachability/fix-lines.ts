import type { FindingKind } from './findings.js';
import type { ProbeRecord } from './records.js';
import { targetLabel } from './records.js';

/**
 * "What to change in the document" for findings the harness computes, when the scenario gives no
 * `fix` of its own. Each names the change, not just the disagreement.
 */
export function fixForRecord(r: ProbeRecord, kind: FindingKind): string {
  if (r.expectation.fix) return r.expectation.fix;
  const probe = `${r.from} → ${targetLabel(r)}`;
  const m = r.model.outcome;
  const last = r.model.explanation.at(-1) ?? '';
  if (kind === 'probe-cannot-test') {
    return m === 'no-such-port'
      ? `Probe a port the service exposes (${last.replace(/^service \S+ exposes /, '').replace(/, not .*$/, '')}), or the pod's own port, so that the probe reaches the policy.`
      : `Make the probe's name resolve before it tests the policy (${last}); until then its failure says nothing about the policy.`;
  }
  if (kind === 'undefined-by-spec')
    return `Do not promise ${r.documented.join(' or ')} for ${probe}: the spec leaves it to the implementation; name the CNI it holds for.`;
  if (m === 'dns-failure')
    return `Let the pod look the name up first (${last}): admit egress to CoreDNS (kube-system, k8s-app=kube-dns) on 53/UDP and 53/TCP, so that ${probe} can give ${r.documented.join(' or ')}.`;
  return `Say ${m} for ${probe} (${r.step}), or change the policy so that it gives ${r.documented.join(' or ')}.`;
}

export function fixForRejected(issues: readonly { path: string; message: string }[]): string {
  const fields = [...new Set(issues.map((i) => i.path))].join(', ');
  return `Correct ${fields} so that the API server accepts the manifest; as written \`kubectl apply\` fails and nothing is enforced.`;
}

export function fixForSelector(path: string, problem: string): string {
  if (problem.includes('k8s-app=kube-dns labels the CoreDNS pods')) {
    return `In ${path}, select kube-system with kubernetes.io/metadata.name: kube-system, and the CoreDNS pods with a podSelector k8s-app: kube-dns in the same peer.`;
  }
  if (problem.includes('labels namespaces kubernetes.io/metadata.name')) {
    return `In ${path}, select the namespace by kubernetes.io/metadata.name, or show the \`kubectl label namespace\` command that sets the label.`;
  }
  return `Make ${path} match what the text means, or show the labels being applied before the policy.`;
}
