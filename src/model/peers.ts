import { cidrContainsIp, cidrCoversFamily, cidrRelation } from './cidr.js';
import { formatSelector, selectorMatches } from './selector.js';
import type { ClusterFacts, Namespace, NetworkPolicy, Pod, PolicyPeer } from './types.js';

/** Three answers: the spec says yes, says no, or leaves it to the implementation or to chance. */
export type Tri = 'yes' | 'no' | 'undefined';

/** The other end of a connection, as a policy sees it: a pod, or an address outside the cluster. */
export type Endpoint = { kind: 'pod'; pod: Pod } | { kind: 'external'; ip: string | undefined; host: string };

export interface PeerMatch {
  match: Tri;
  /** Why, in words; built only when asked (the matrix evaluates millions of peers). */
  reason: () => string;
  /** Undecided only because the pod's IP is not known yet: a live run, which knows it, decides. */
  decidedAtRunTime?: true;
}

export function describeEndpoint(e: Endpoint): string {
  return e.kind === 'pod' ? `${e.pod.namespace}/${e.pod.name}` : e.host;
}

export function peerMatches(
  peer: PolicyPeer,
  policy: NetworkPolicy,
  other: Endpoint,
  namespaces: readonly Namespace[],
  facts: ClusterFacts,
): PeerMatch {
  if (peer.ipBlock) return ipBlockMatches(peer.ipBlock.cidr, peer.ipBlock.except, other, facts);
  if (other.kind === 'external') {
    return { match: 'no', reason: () => `${other.host} is outside the cluster; pod and namespace selectors match only pods` };
  }
  const pod = other.pod;
  const { namespaceSelector, podSelector } = peer;
  const both = namespaceSelector !== undefined && podSelector !== undefined;
  const and = both ? ' (namespaceSelector and podSelector in one peer are AND\'d: both must match)' : '';
  if (namespaceSelector) {
    const ns = namespaces.find((n) => n.name === pod.namespace);
    const nsLabels = ns?.labels ?? {};
    if (!selectorMatches(namespaceSelector, nsLabels)) {
      return {
        match: 'no',
        reason: () => `namespace ${pod.namespace} does not match namespaceSelector ${formatSelector(namespaceSelector)}${and}`,
      };
    }
  } else if (pod.namespace !== policy.namespace) {
    return {
      match: 'no',
      reason: () => `podSelector without namespaceSelector selects only namespace ${policy.namespace}, not ${pod.namespace}`,
    };
  }
  if (podSelector && !selectorMatches(podSelector, pod.labels)) {
    if (both) {
      return {
        match: 'no',
        reason: () => `namespace ${pod.namespace} matches namespaceSelector ${formatSelector(namespaceSelector)}, but ${pod.name} does not match podSelector ${formatSelector(podSelector)}${and}`,
      };
    }
    return { match: 'no', reason: () => `${pod.name} does not match podSelector ${formatSelector(podSelector)}` };
  }
  const what = [
    peer.namespaceSelector ? `namespaceSelector ${formatSelector(peer.namespaceSelector)}` : undefined,
    peer.podSelector ? `podSelector ${formatSelector(peer.podSelector)}` : undefined,
  ]
    .filter(Boolean)
    .join(' AND ');
  return { match: 'yes', reason: () => `${pod.namespace}/${pod.name} matches ${what}${both ? ' (one peer: both must match, and both do)' : ''}` };
}

function ipBlockMatches(cidr: string, except: string[], other: Endpoint, facts: ClusterFacts): PeerMatch {
  const label = except.length ? `ipBlock ${cidr} except ${except.join(',')}` : `ipBlock ${cidr}`;
  const ip = other.kind === 'pod' ? other.pod.ip : other.ip;
  if (ip) {
    if (!cidrContainsIp(cidr, ip)) return { match: 'no', reason: () => `${ip} is not in ${cidr}` };
    const hit = except.find((e) => cidrContainsIp(e, ip));
    if (hit) return { match: 'no', reason: () => `${ip} is in ${cidr} but excepted by ${hit}` };
    return { match: 'yes', reason: () => `${ip} is in ${label}` };
  }
  if (other.kind === 'external') {
    if (cidrCoversFamily(cidr) && except.length === 0) return { match: 'yes', reason: () => `${label} covers every address` };
    return { match: 'undefined', reason: () => `the address of ${other.host} is not known, so ${label} may or may not hold` };
  }
  // A pod whose IP is not known yet: decide from the pod CIDR the IP will come from.
  const pool = facts.podCIDR;
  const { relation, exceptRelations } = poolRelation(cidr, except, pool);
  if (relation === 'disjoint') return { match: 'no', reason: () => `pod CIDR ${pool} is outside ${cidr}` };
  if (exceptRelations.includes('contains')) return { match: 'no', reason: () => `pod CIDR ${pool} is inside ${label}'s except` };
  if (relation === 'contains' && exceptRelations.every((r) => r === 'disjoint')) {
    return { match: 'yes', reason: () => `pod CIDR ${pool} is inside ${label}` };
  }
  return {
    match: 'undefined',
    reason: () => `${label} covers part of pod CIDR ${pool}: the answer depends on the IP ${other.pod.name} is given`,
    decidedAtRunTime: true,
  };
}

const poolRelations = new Map<string, { relation: ReturnType<typeof cidrRelation>; exceptRelations: ReturnType<typeof cidrRelation>[] }>();

/** How an ipBlock relates to the pod CIDR; the same few blocks are asked about for every pod, so it is memoised. */
function poolRelation(cidr: string, except: string[], pool: string) {
  const key = `${cidr}|${except.join(',')}|${pool}`;
  let r = poolRelations.get(key);
  if (!r) {
    r = { relation: cidrRelation(cidr, pool), exceptRelations: except.map((e) => cidrRelation(e, pool)) };
    poolRelations.set(key, r);
  }
  return r;
}
