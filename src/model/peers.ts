import { cidrContainsIp, cidrCoversFamily, cidrFamily, cidrRelation, ipv4MappedReading } from './cidr.js';
import { familyBits, familyName, ipFamily } from './ip-address.js';
import { podAddressFromPool, prefixLength, type PodAddress } from './pod-address.js';
import { formatSelector, selectorMatches } from './selector.js';
import type { ClusterFacts, IPBlock, Namespace, NetworkPolicy, Pod, PolicyPeer } from './types.js';

/** Three answers: the spec says yes, says no, or leaves it to the implementation or to chance. */
export type Tri = 'yes' | 'no' | 'undefined';

/** The other end of a connection, as a policy sees it: a pod, or an address outside the cluster. */
export type Endpoint =
  | { kind: 'pod'; pod: Pod }
  /** `node`: an address on a node's own network (the API server), which `nodes` peers of ClusterNetworkPolicy select. */
  | { kind: 'external'; ip: string | undefined; host: string; node?: true };

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

/** Is `other` inside an ipBlock (or a ClusterNetworkPolicy's `networks` CIDR), and why. */
export function ipBlockPeerMatches(block: IPBlock, other: Endpoint, facts: ClusterFacts): PeerMatch {
  if (block.pods || hasMappedValue(block)) return valueByValueBlockMatches(block, other, facts);
  return ipBlockMatches(block.cidr, block.except, other, facts);
}

export function peerMatches(
  peer: PolicyPeer,
  policy: NetworkPolicy,
  other: Endpoint,
  namespaces: readonly Namespace[],
  facts: ClusterFacts,
): PeerMatch {
  if (peer.ipBlock) return ipBlockPeerMatches(peer.ipBlock, other, facts);
  if (other.kind === 'external') {
    return {
      match: 'no',
      reason: () => `${other.host} is outside the cluster; pod and namespace selectors match only pods`,
    };
  }
  const pod = other.pod;
  const { namespaceSelector, podSelector } = peer;
  const both = namespaceSelector !== undefined && podSelector !== undefined;
  const and = both ? " (namespaceSelector and podSelector in one peer are AND'd: both must match)" : '';
  if (namespaceSelector) {
    const ns = namespaces.find((n) => n.name === pod.namespace);
    const nsLabels = ns?.labels ?? {};
    if (!selectorMatches(namespaceSelector, nsLabels)) {
      return {
        match: 'no',
        reason: () =>
          `namespace ${pod.namespace} does not match namespaceSelector ${formatSelector(namespaceSelector)}${and}`,
      };
    }
  } else if (pod.namespace !== policy.namespace) {
    return {
      match: 'no',
      reason: () =>
        `podSelector without namespaceSelector selects only namespace ${policy.namespace}, not ${pod.namespace}`,
    };
  }
  if (podSelector && !selectorMatches(podSelector, pod.labels)) {
    if (both) {
      return {
        match: 'no',
        reason: () =>
          `namespace ${pod.namespace} matches namespaceSelector ${formatSelector(namespaceSelector)}, but ${pod.name} does not match podSelector ${formatSelector(podSelector)}${and}`,
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
  return {
    match: 'yes',
    reason: () =>
      `${pod.namespace}/${pod.name} matches ${what}${both ? ' (one peer: both must match, and both do)' : ''}`,
  };
}

function ipBlockMatches(cidr: string, except: string[], other: Endpoint, facts: ClusterFacts): PeerMatch {
  const label = except.length ? `ipBlock ${cidr} except ${except.join(',')}` : `ipBlock ${cidr}`;
  const ip = other.kind === 'pod' ? other.pod.ip : other.ip;
  if (ip) {
    if (!cidrContainsIp(cidr, ip)) return { match: 'no', reason: () => notInCidr(ip, cidr) };
    const hit = except.find((e) => cidrContainsIp(e, ip));
    if (hit) return { match: 'no', reason: () => `${ip} is in ${cidr} but excepted by ${hit}` };
    return { match: 'yes', reason: () => `${ip} is in ${label}` };
  }
  const pool = facts.podCIDR;
  if (other.kind === 'external') {
    if (coversClusterFamily(cidr, pool) && except.length === 0)
      return { match: 'yes', reason: () => `${label} covers every address` };
    return {
      match: 'undefined',
      reason: () => `the address of ${other.host} is not known, so ${label} may or may not hold`,
    };
  }
  // A pod whose IP is not known yet: decide from the pod CIDR the IP will come from.
  const { relation, exceptRelations } = poolRelation(cidr, except, pool);
  if (relation === 'disjoint') return { match: 'no', reason: () => poolOutside(pool, cidr) };
  if (exceptRelations.includes('contains'))
    return { match: 'no', reason: () => `pod CIDR ${pool} is inside ${label}'s except` };
  if (relation === 'contains' && exceptRelations.every((r) => r === 'disjoint')) {
    return { match: 'yes', reason: () => `pod CIDR ${pool} is inside ${label}` };
  }
  return {
    match: 'undefined',
    reason: () => `${label} covers part of pod CIDR ${pool}: the answer depends on the IP ${other.pod.name} is given`,
    decidedAtRunTime: true,
  };
}

/** Why an address is not in a CIDR; an address of the other family never is. */
function notInCidr(ip: string, cidr: string): string {
  const family = ipFamily(ip);
  const blockFamily = cidrFamily(cidr);
  if (family && family !== blockFamily)
    return `${ip} is an ${familyName(family)} address, and ${cidr} an ${familyName(blockFamily)} block`;
  return `${ip} is not in ${cidr}`;
}

function poolOutside(pool: string, cidr: string): string {
  const family = cidrFamily(pool);
  const blockFamily = cidrFamily(cidr);
  if (family !== blockFamily)
    return `pod CIDR ${pool} is ${familyName(family)}, and ${cidr} an ${familyName(blockFamily)} block: no pod's IP is in it`;
  return `pod CIDR ${pool} is outside ${cidr}`;
}

/**
 * 0.0.0.0/0 or ::/0 holds an address not known (a name outside the cluster) when it is of the
 * cluster's family, the pod CIDR's: the one pods reach outside addresses with. Of the other family
 * it may not.
 */
function coversClusterFamily(cidr: string, pool: string): boolean {
  return cidrCoversFamily(cidr) && cidrFamily(cidr) === cidrFamily(pool);
}

function hasMappedValue(block: IPBlock): boolean {
  return [block.cidr, ...block.except].some((v) => !block.pods?.[v] && ipv4MappedReading(v) !== undefined);
}

const poolRelations = new Map<
  string,
  { relation: ReturnType<typeof cidrRelation>; exceptRelations: ReturnType<typeof cidrRelation>[] }
>();

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

/** Whether an endpoint is inside one value of an ipBlock (its cidr or an except entry), and why. */
interface Membership {
  inside: Tri;
  why: string;
  /** Undecided only because pod IPs are not known yet. */
  runTime?: true;
}

function ipOf(other: Endpoint): string | undefined {
  return other.kind === 'pod' ? other.pod.ip : other.ip;
}

function insideCidr(cidr: string, other: Endpoint, facts: ClusterFacts): Membership {
  const mapped = ipv4MappedReading(cidr);
  if (mapped) return insideMappedCidr(cidr, mapped, other, facts);
  const ip = ipOf(other);
  if (ip)
    return cidrContainsIp(cidr, ip)
      ? { inside: 'yes', why: `${ip} is in ${cidr}` }
      : { inside: 'no', why: notInCidr(ip, cidr) };
  const pool = facts.podCIDR;
  if (other.kind === 'external') {
    return coversClusterFamily(cidr, pool)
      ? { inside: 'yes', why: `${cidr} covers every address` }
      : { inside: 'undefined', why: `the address of ${other.host} is not known` };
  }
  const relation = cidrRelation(cidr, pool);
  if (relation === 'contains') return { inside: 'yes', why: `pod CIDR ${pool} is inside ${cidr}` };
  if (relation === 'disjoint') return { inside: 'no', why: poolOutside(pool, cidr) };
  return {
    inside: 'undefined',
    why: `${cidr} covers part of pod CIDR ${pool}: the answer depends on the IP ${other.pod.name} is given`,
    runTime: true,
  };
}

/**
 * An IPv4-mapped IPv6 network (`::ffff:10.0.0.0/104`), which the API server of 1.34 accepts: as
 * an IPv6 network it holds no IPv4 address and no IPv6 address a pod or host has; Go's
 * `net.IPNet`, which the API server's except check uses, reads it as the IPv4 network 10.0.0.0/8.
 * The spec does not say which reading a policy has, so for an IPv4 address inside the IPv4
 * reading it is undefined, whatever the IPs turn out to be; for any other address it is no.
 */
function insideMappedCidr(cidr: string, mapped: string, other: Endpoint, facts: ClusterFacts): Membership {
  const open = `${cidr} is an IPv4-mapped IPv6 network: whether it holds IPv4 addresses (as ${mapped}) is not the spec's to say`;
  const ip = ipOf(other);
  if (ip) {
    return ipFamily(ip) === 'ipv4' && cidrContainsIp(mapped, ip)
      ? { inside: 'undefined', why: `${ip} is in ${mapped}, but ${open}` }
      : { inside: 'no', why: `${ip} is in neither ${cidr} nor ${mapped}` };
  }
  if (other.kind === 'external')
    return { inside: 'undefined', why: `the address of ${other.host} is not known; ${open}` };
  const pool = facts.podCIDR;
  if (cidrRelation(mapped, pool) === 'disjoint')
    return { inside: 'no', why: `pod CIDR ${pool} is outside both ${cidr} and ${mapped}` };
  return { inside: 'undefined', why: `pod CIDR ${pool} meets ${mapped}, but ${open}` };
}

/**
 * Inside `${podIP:NS/NAME}/BITS`, the /BITS network around that pod's IP, while the IP is not known
 * (a live run writes it in first: pod-address.ts). The pod itself always is. With BITS at most
 * the pod CIDR's prefix length the network is the one around the pod CIDR, whatever the IP, and
 * decides like any CIDR; this assumes, as the live cluster guarantees, that the pod's IP comes from
 * the pod CIDR (`check --pod-cidr`). A longer BITS is a part of the pod CIDR: a /32 (IPv6: /128) holds the pod
 * alone, so no other pod; a wider one may or may not hold another pod, which the IPs decide.
 */
function insidePodAddress(text: string, a: PodAddress, other: Endpoint, facts: ClusterFacts): Membership {
  const ref = `${a.namespace}/${a.pod}`;
  const poolFamily = cidrFamily(facts.podCIDR);
  const bits = prefixLength(a, poolFamily);
  if (other.kind === 'pod' && other.pod.namespace === a.namespace && other.pod.name === a.pod) {
    return { inside: 'yes', why: `${ref}'s own IP is in ${text}, the /${bits} network around it` };
  }
  const pool = facts.podCIDR;
  const fromPool = podAddressFromPool(a, pool);
  if (fromPool) {
    const m = insideCidr(fromPool, other, facts);
    return {
      ...m,
      why: `${text} is ${fromPool} (${ref}'s IP is in pod CIDR ${pool}, so the /${bits} around it is the /${bits} around ${pool}): ${m.why}`,
    };
  }
  if (bits > familyBits(poolFamily)) {
    return {
      inside: 'undefined',
      why: `${text} is longer than an ${familyName(poolFamily)} address (pod CIDR ${pool}): no IP of ${ref} can be written in`,
    };
  }
  if (other.kind === 'pod' && bits === familyBits(poolFamily))
    return { inside: 'no', why: `${text} is ${ref}'s IP alone, not the IP of ${describeEndpoint(other)}` };
  const ip = ipOf(other);
  if (ip && !cidrContainsIp(pool, ip))
    return { inside: 'no', why: `${text} lies inside pod CIDR ${pool}; ${ip} does not` };
  if (other.kind === 'external' && !ip)
    return { inside: 'undefined', why: `the address of ${other.host} is not known` };
  return {
    inside: 'undefined',
    why: `${text} is a /${bits} inside pod CIDR ${pool}: whether it holds ${describeEndpoint(other)} depends on the IPs the pods are given`,
    runTime: true,
  };
}

/**
 * An ipBlock some of whose values are pod addresses or IPv4-mapped networks: each value decided
 * alone, then cidr and not except.
 */
function valueByValueBlockMatches(block: IPBlock, other: Endpoint, facts: ClusterFacts): PeerMatch {
  const label = block.except.length
    ? `ipBlock ${block.cidr} except ${block.except.join(',')}`
    : `ipBlock ${block.cidr}`;
  const inside = (text: string): Membership => {
    const a = block.pods?.[text];
    return a ? insidePodAddress(text, a, other, facts) : insideCidr(text, other, facts);
  };
  const cidr = inside(block.cidr);
  if (cidr.inside === 'no') return { match: 'no', reason: () => cidr.why };
  const excepts = block.except.map((text) => ({ text, m: inside(text) }));
  const hit = excepts.find((x) => x.m.inside === 'yes');
  if (hit) return { match: 'no', reason: () => `${describeEndpoint(other)} is excepted by ${hit.text}: ${hit.m.why}` };
  const open = [cidr, ...excepts.map((x) => x.m)].filter((m) => m.inside === 'undefined');
  if (open.length === 0)
    return { match: 'yes', reason: () => `${describeEndpoint(other)} is in ${label}: ${cidr.why}` };
  return {
    match: 'undefined',
    reason: () => `${label}: ${open.map((m) => m.why).join('; ')}`,
    ...(open.every((m) => m.runTime) ? { decidedAtRunTime: true as const } : {}),
  };
}
