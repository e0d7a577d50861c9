import { parseCidr } from './cidr.js';
import { familyBits, familyName, formatAddress, parseAddress, type Family } from './ip-address.js';
import type { IPBlock, NetworkPolicy, PolicyPeer, PolicyRule } from './types.js';

/**
 * A pod's address written into a policy manifest, known only once the pod runs:
 * `${podIP:NAMESPACE/NAME}/BITS`, the whole value of an ipBlock's `cidr` or of an `except` entry.
 * It stands for the /BITS network that holds the pod's IP, host bits cleared as the API server
 * expects of a CIDR: for a pod at 192.168.3.7, `${podIP:x/b}/32` is 192.168.3.7/32 and
 * `${podIP:x/b}/4` is 192.0.0.0/4 (the e2e suite's "/4 around the pod's IP"); for a pod at
 * fd00:10:244::7, `${podIP:x/b}/128` is fd00:10:244::7/128 and `${podIP:x/b}/4` is f000::/4.
 * BITS is 0 to 128, and at most 32 for a pod whose IP is IPv4; or `host`: the pod's IP alone in
 * either family (/32 for IPv4, /128 for IPv6), as the e2e suite writes its host CIDRs.
 *
 * Live, the harness writes the address in before it sends the manifest (after the pods have
 * their IPs). The model, which knows pods only symbolically, decides membership in peers.ts.
 */
export interface PodAddress {
  namespace: string;
  pod: string;
  /** The prefix length, or `host`: the family's full length (the pod's IP alone). */
  bits: number | 'host';
}

/** The prefix length a pod address stands for in an address family. */
export function prefixLength(a: PodAddress, family: Family): number {
  return a.bits === 'host' ? familyBits(family) : a.bits;
}

/**
 * What starts a pod address in a manifest. A value holding it is read as one; anywhere but the
 * whole value of a cidr or except entry it is an error. Other `${…}` text is a document's own.
 */
export const POD_ADDRESS_START = '${podIP';

export const POD_ADDRESS_FORM = '${podIP:NAMESPACE/NAME}/BITS';

const LABEL = '[a-z0-9](?:[-a-z0-9]*[a-z0-9])?';
const PATTERN = new RegExp(`^\\$\\{podIP:(${LABEL})/(${LABEL})\\}/(\\d{1,3}|host)$`);
const MAX_BITS = 128;

/**
 * Reads a cidr or except value: a pod address, an error when it holds `${podIP` but is not of
 * the form, or undefined when it is no pod address at all (a plain CIDR, valid or not).
 */
export function parsePodAddress(text: string): PodAddress | { error: string } | undefined {
  if (!text.includes(POD_ADDRESS_START)) return undefined;
  const m = PATTERN.exec(text);
  if (!m)
    return {
      error: `write a pod's address as ${POD_ADDRESS_FORM} (the /BITS network around the pod's IP), the whole value`,
    };
  if (m[3] === 'host') return { namespace: m[1] as string, pod: m[2] as string, bits: 'host' };
  const bits = Number(m[3]);
  if (bits > MAX_BITS) return { error: `BITS is 0 to ${MAX_BITS} (0 to 32 for an IPv4 pod), not ${m[3]}` };
  return { namespace: m[1] as string, pod: m[2] as string, bits };
}

export function formatPodAddress(a: PodAddress): string {
  return `\${podIP:${a.namespace}/${a.pod}}/${a.bits}`;
}

/** The /BITS network holding `ip`, as a CIDR: what a pod address becomes once the pod's IP is known. */
export function podAddressCidr(a: PodAddress, ip: string): string {
  const address = parseAddress(ip);
  if (!address) throw new Error(`pod ${a.namespace}/${a.pod} has the address ${ip}, which is no IP address`);
  const bits = familyBits(address.kind());
  const prefix = prefixLength(a, address.kind());
  if (prefix > bits) {
    throw new Error(
      `pod ${a.namespace}/${a.pod} has the ${familyName(address.kind())} address ${ip}: ${formatPodAddress(a)} asks for /${prefix}, longer than its ${bits} bits`,
    );
  }
  return `${formatAddress(parseCidr(`${formatAddress(address)}/${prefix}`).network)}/${prefix}`;
}

/**
 * The pod address as a plain CIDR without knowing the pod's IP, where the pod CIDR decides it:
 * every pod's IP lies in `podCIDR`, so when BITS is at most the pod CIDR's prefix length the /BITS
 * network around any pod's IP is the /BITS network around the pod CIDR itself (on kind with
 * Calico, 192.168.0.0/16: `${podIP:x/b}/4` is 192.0.0.0/4, whatever IP x/b gets; with an IPv6
 * pod CIDR fd00:10:244::/56, it is f000::/4). Undefined when BITS is longer: then the network is
 * a part of the pod CIDR that depends on the IP.
 * Assumes the pod's IP comes from `podCIDR` (`check --pod-cidr` when a cluster's differs).
 */
export function podAddressFromPool(a: PodAddress, podCIDR: string): string | undefined {
  const pool = parseCidr(podCIDR);
  if (prefixLength(a, pool.network.kind()) > pool.bits) return undefined;
  return podAddressCidr(a, formatAddress(pool.network));
}

/** Looks a pod's IP up by its (logical) namespace and name; undefined when not known. */
export type PodIpOf = (namespace: string, pod: string) => string | undefined;

/** An ipBlock with every pod address whose pod has a known IP written in as a CIDR. */
export function resolveIpBlock(block: IPBlock, ipOf: PodIpOf): IPBlock {
  const pods = block.pods;
  if (!pods) return block;
  const left: Record<string, PodAddress> = {};
  const resolve = (text: string): string => {
    const a = pods[text];
    if (!a) return text;
    const ip = ipOf(a.namespace, a.pod);
    if (ip === undefined) {
      left[text] = a;
      return text;
    }
    return podAddressCidr(a, ip);
  };
  const cidr = resolve(block.cidr);
  const except = block.except.map(resolve);
  return { cidr, except, ...(Object.keys(left).length ? { pods: left } : {}) };
}

function resolvePeers(peers: PolicyPeer[] | undefined, ipOf: PodIpOf): PolicyPeer[] | undefined {
  return peers?.map((p) => (p.ipBlock?.pods ? { ...p, ipBlock: resolveIpBlock(p.ipBlock, ipOf) } : p));
}

function resolveRules(rules: PolicyRule[], ipOf: PodIpOf): PolicyRule[] {
  return rules.map((r) => ({ ...r, peers: resolvePeers(r.peers, ipOf) }));
}

/** Whether any ipBlock of the policy is written with a pod address. */
export function hasPodAddresses(policy: NetworkPolicy): boolean {
  return [...policy.ingress, ...policy.egress].some((r) => r.peers?.some((p) => p.ipBlock?.pods !== undefined));
}

/** Every pod address named by a policy's ipBlocks. */
export function podAddressesOf(policy: NetworkPolicy): PodAddress[] {
  return [...policy.ingress, ...policy.egress].flatMap((r) =>
    (r.peers ?? []).flatMap((p) => Object.values(p.ipBlock?.pods ?? {})),
  );
}

/** The policy with the pod addresses of pods whose IPs are known written in (a live run's model). */
export function resolvePolicyAddresses(policy: NetworkPolicy, ipOf: PodIpOf): NetworkPolicy {
  if (!hasPodAddresses(policy)) return policy;
  return { ...policy, ingress: resolveRules(policy.ingress, ipOf), egress: resolveRules(policy.egress, ipOf) };
}
