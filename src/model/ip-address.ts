import ipaddr from 'ipaddr.js';

/**
 * IP addresses of either family, read as Go's `netip.ParseAddr` reads them (what Kubernetes and
 * the CNI plugins parse with), not as ipaddr.js's own parser does: ipaddr.js also takes IPv4 in
 * octal, hex and short forms (`010.0.0.1` is 8.0.0.1 to it), zones (`fe80::1%eth0`), and reads
 * `::1.2.3.4` as `::ffff:1.2.3.4`. Here:
 *   IPv4  four decimal fields 0 to 255, no leading zeros;
 *   IPv6  eight groups of 1 to 4 hex digits, any case, one `::` standing for at least one group,
 *         the last two groups optionally an embedded IPv4 address; no zone.
 * ipaddr.js then holds the parsed bytes, matches prefixes and prints the canonical form.
 */
export type Family = 'ipv4' | 'ipv6';
export type Address = ipaddr.IPv4 | ipaddr.IPv6;

const V4_FIELD = /^(?:0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;

function ipv4Octets(text: string): number[] | undefined {
  const fields = text.split('.');
  if (fields.length !== 4 || !fields.every((f) => V4_FIELD.test(f))) return undefined;
  const octets = fields.map(Number);
  return octets.every((o) => o <= 255) ? octets : undefined;
}

/** The 16-bit groups of one side of `::` (or of the whole address); an embedded IPv4 only when `last`. */
function ipv6Groups(text: string, last: boolean): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (const [i, part] of parts.entries()) {
    if (last && i === parts.length - 1 && part.includes('.')) {
      const octets = ipv4Octets(part);
      if (!octets) return undefined;
      const [a, b, c, d] = octets as [number, number, number, number];
      groups.push((a << 8) | b, (c << 8) | d);
    } else if (HEX_GROUP.test(part)) groups.push(parseInt(part, 16));
    else return undefined;
  }
  return groups;
}

function ipv6Parts(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  if (halves.length === 1) {
    const groups = ipv6Groups(text, true);
    return groups?.length === 8 ? groups : undefined;
  }
  const head = ipv6Groups(halves[0] as string, false);
  const tail = ipv6Groups(halves[1] as string, true);
  if (!head || !tail || head.length + tail.length > 7) return undefined;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** The address, or undefined when Go's `netip.ParseAddr` would refuse it or it has a zone. */
export function parseAddress(text: string): Address | undefined {
  // netip decides by the first '.' or ':' it meets.
  const sep = /[.:]/.exec(text)?.[0];
  if (sep === '.') {
    const octets = ipv4Octets(text);
    return octets ? new ipaddr.IPv4(octets) : undefined;
  }
  if (sep === ':') {
    const parts = ipv6Parts(text);
    return parts ? new ipaddr.IPv6(parts) : undefined;
  }
  return undefined;
}

export function isValidIp(text: string): boolean {
  return parseAddress(text) !== undefined;
}

export function ipFamily(text: string): Family | undefined {
  return parseAddress(text)?.kind();
}

/** The number of bits in an address of the family: 32 or 128. */
export function familyBits(family: Family): number {
  return family === 'ipv4' ? 32 : 128;
}

export function familyName(family: Family): string {
  return family === 'ipv4' ? 'IPv4' : 'IPv6';
}

/** How Go and Kubernetes print an address: dotted decimal, or RFC 5952 (lower case, longest zero run as `::`). */
export function formatAddress(a: Address): string {
  if (a.kind() === 'ipv4') return a.toString();
  const v6 = a as ipaddr.IPv6;
  // Go prints an IPv4-mapped address with its IPv4 part dotted.
  if (v6.isIPv4MappedAddress()) return `::ffff:${v6.toIPv4Address().toString()}`;
  return v6.toRFC5952String();
}

/** The canonical text of an address (`FD00:0::1` → `fd00::1`), or undefined when it is none. */
export function canonicalIp(text: string): string | undefined {
  const a = parseAddress(text);
  return a ? formatAddress(a) : undefined;
}

/** Whether two texts name the same address (`fd00::1` and `FD00:0:0::1` do). */
export function sameIp(a: string, b: string): boolean {
  if (a === b) return true;
  const x = canonicalIp(a);
  return x !== undefined && x === canonicalIp(b);
}

/** The CIDR of one address: `/32` for IPv4, `/128` for IPv6 (`fd00::1/128`). */
export function hostCidr(ip: string): string {
  return `${ip}/${ip.includes(':') ? 128 : 32}`;
}

/** `HOST:PORT` as URLs and `kubectl` write it: an IPv6 literal in brackets (`[fd00::1]:80`). */
export function hostPort(host: string, port: number | string): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
