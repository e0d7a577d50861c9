import ipaddr from 'ipaddr.js';
import { familyBits, formatAddress, parseAddress, type Address, type Family } from './ip-address.js';

export { isValidIp } from './ip-address.js';

/**
 * A CIDR as the API server of Kubernetes 1.34 (the harness's pinned K8S_VERSION) accepts it in an
 * ipBlock's `cidr` and `except`: `IsValidCIDRForLegacyField` without strict validation (the
 * StrictIPCIDRValidation gate is alpha and off in 1.33 and 1.34), which is `ParseCIDRSloppy`:
 * Go's `net.ParseCIDR` (an address as `netip.ParseAddr` reads it, ip-address.ts, no zone; a
 * prefix length of decimal digits up to 32 or 128, leading zeros allowed), after leading zeros are
 * taken off the fields of a dotted IPv4 address at the end of the address (`010.0.0.0/8` is
 * 10.0.0.0/8, decimal). Host bits may be set: `fd00::1/64` is accepted and means fd00::/64. An
 * IPv4-mapped IPv6 network (`::ffff:10.0.0.0/104`) is accepted too. Strict validation, on by
 * default in later releases, refuses all three; that is not modelled.
 */
export interface Cidr {
  family: Family;
  /** The network, host bits cleared. */
  network: Address;
  /** The prefix length as written. */
  bits: number;
  /**
   * For an IPv4-mapped network (`::ffff:a.b.c.d/96` or longer, after masking): the IPv4 network
   * Go's `net.IPNet.Contains`, and so the API server's `except` check, reads it as.
   */
  mapped?: { network: ipaddr.IPv4; bits: number };
}

/** ParseCIDRSloppy's zero stripping: the fields of a trailing dotted IPv4 address and its prefix length. */
const SLOPPY_ZEROS =
  /(^|:)0*(0|[1-9][0-9]*)\.0*(0|[1-9][0-9]*)\.0*(0|[1-9][0-9]*)\.0*(0|[1-9][0-9]*)((\/)0*(0|[1-9][0-9]*))?$/;

function parse(text: string): Cidr | undefined {
  const stripped = text.replace(SLOPPY_ZEROS, '$1$2.$3.$4.$5$7$8');
  const slash = stripped.indexOf('/');
  if (slash < 0) return undefined;
  const address = parseAddress(stripped.slice(0, slash));
  const prefix = stripped.slice(slash + 1);
  if (!address || !/^\d{1,8}$/.test(prefix)) return undefined;
  const family = address.kind();
  const bits = Number(prefix);
  if (bits > familyBits(family)) return undefined;
  const network = maskAddress(address, bits);
  const cidr: Cidr = { family, network, bits };
  if (family === 'ipv6' && (network as ipaddr.IPv6).isIPv4MappedAddress())
    cidr.mapped = { network: (network as ipaddr.IPv6).toIPv4Address(), bits: bits - 96 };
  return cidr;
}

function maskAddress(a: Address, bits: number): Address {
  const bytes = a.toByteArray();
  const masked = bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
  return ipaddr.fromByteArray(masked);
}

// Policies name the same few CIDRs for every pod the matrix asks about: parse each once.
const parsed = new Map<string, Cidr | null>();
const PARSED_LIMIT = 10_000;

/** The CIDR as the API server reads it, or undefined when the API server refuses it. */
export function readCidr(text: string): Cidr | undefined {
  let c = parsed.get(text);
  if (c === undefined) {
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    c = parse(text) ?? null;
    parsed.set(text, c);
  }
  return c ?? undefined;
}

export function parseCidr(text: string): Cidr {
  const c = readCidr(text);
  if (!c) throw new Error(`"${text}" is not a valid CIDR`);
  return c;
}

export function isValidCidr(text: string): boolean {
  return readCidr(text) !== undefined;
}

/** The network in canonical form, host bits cleared (`FD00::1/64` → `fd00::/64`). */
export function canonicalCidr(text: string): string {
  const c = parseCidr(text);
  return `${formatAddress(c.network)}/${c.bits}`;
}

export function cidrFamily(text: string): Family {
  return parseCidr(text).family;
}

/**
 * Whether the address is in the network. An IPv4 network never holds an IPv6 address, nor an
 * IPv6 network an IPv4 one; an IPv4-mapped network is an IPv6 one here (peers.ts says what it
 * means to a policy).
 */
export function cidrContainsIp(cidr: string, ip: string): boolean {
  const c = parseCidr(cidr);
  const a = parseAddress(ip);
  if (!a) throw new Error(`"${ip}" is not an IP address`);
  return a.kind() === c.family && a.match(c.network as never, c.bits);
}

/** How `inner` relates to `outer`: fully inside it, outside it (other families are), or partly both. */
export function cidrRelation(outer: string, inner: string): 'contains' | 'disjoint' | 'overlaps' {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  if (o.family !== i.family) return 'disjoint';
  if (i.bits >= o.bits && i.network.match(o.network as never, o.bits)) return 'contains';
  if (o.bits > i.bits && o.network.match(i.network as never, i.bits)) return 'overlaps';
  return 'disjoint';
}

/** The network as Go's `net.IPNet.Contains` sees it: an IPv4-mapped one as its IPv4 network. */
function goNetwork(c: Cidr): { network: Address; bits: number } {
  return c.mapped ?? { network: c.network, bits: c.bits };
}

/**
 * What the API server asks of each `except` entry (`ValidateIPBlock`): `cidr`'s network contains
 * the entry's network address (as `net.IPNet.Contains` reads both: an IPv4-mapped address or
 * network as IPv4, so the families must agree) and `cidr`'s prefix length as written is shorter
 * than the entry's. Else: "must be a strict subset of `cidr`".
 */
export function isStrictSubset(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  const outerNet = goNetwork(o);
  const innerAddress = goNetwork(i).network;
  return (
    innerAddress.kind() === outerNet.network.kind() &&
    innerAddress.match(outerNet.network as never, outerNet.bits) &&
    o.bits < i.bits
  );
}

/** 0.0.0.0/0 or ::/0: every address of its family. */
export function cidrCoversFamily(cidr: string): boolean {
  return parseCidr(cidr).bits === 0;
}

/** For an IPv4-mapped IPv6 CIDR, the IPv4 network it may also be read as (`::ffff:10.0.0.0/104` → 10.0.0.0/8). */
export function ipv4MappedReading(cidr: string): string | undefined {
  const m = readCidr(cidr)?.mapped;
  return m ? `${m.network.toString()}/${m.bits}` : undefined;
}
