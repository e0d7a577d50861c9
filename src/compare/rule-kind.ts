import type { RunRecord } from './records.js';

/**
 * What decided a probe, in the model's words, as a short kind to group differences by: which side
 * denied it, or what admitted it. Read from the model's explanation lines
 * ("ingress to x/a: isolated by p; allowed by p ingress[0]", "egress from …: not isolated …").
 */
export type SideState = 'open' | 'allowed-by-rule' | 'denied' | 'unknown';

function sideState(lines: readonly string[], prefix: 'ingress to ' | 'egress from '): SideState | undefined {
  const line = lines.find((l) => l.startsWith(prefix));
  if (!line) return undefined;
  if (line.includes('not isolated')) return 'open';
  if (line.includes('no rule allows it')) return 'denied';
  if (line.includes('allowed by ')) return 'allowed-by-rule';
  return 'unknown';
}

export function ruleKind(r: Pick<RunRecord, 'tool' | 'protocol' | 'explanation'>): string {
  const proto = r.tool === 'dns' ? 'DNS lookup' : r.protocol;
  const ingress = sideState(r.explanation, 'ingress to ');
  const egress = sideState(r.explanation, 'egress from ');
  if (ingress === undefined && egress === undefined)
    return `${proto}: no policy path (${r.explanation[0] ?? 'no explanation'})`.slice(0, 120);
  const denied = [egress === 'denied' ? 'egress' : '', ingress === 'denied' ? 'ingress' : ''].filter(Boolean);
  if (denied.length) return `${proto}: denied on ${denied.join(' and ')}`;
  const byRule = [
    egress === 'allowed-by-rule' ? 'an egress rule' : '',
    ingress === 'allowed-by-rule' ? 'an ingress rule' : '',
  ].filter(Boolean);
  if (byRule.length) return `${proto}: allowed by ${byRule.join(' and ')}`;
  if (ingress === 'open' && egress === 'open') return `${proto}: no policy selects either pod`;
  return `${proto}: other`;
}
