import ipaddr from 'ipaddr.js';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

export function parseCidr(cidr: string): Range {
  return ipaddr.parseCIDR(cidr);
}

export function isValidCidr(cidr: string): boolean {
  try {
    ipaddr.parseCIDR(cidr);
    return true;
  } catch {
    return false;
  }
}

export function isValidIp(ip: string): boolean {
  return ipaddr.isValid(ip);
}

export function cidrContainsIp(cidr: string, ip: string): boolean {
  const [net, bits] = parseCidr(cidr);
  const addr = ipaddr.parse(ip);
  if (addr.kind() !== net.kind()) return false;
  return addr.match([net, bits] as never);
}

/** How `inner` relates to `outer`: fully inside it, outside it, or partly both. */
export function cidrRelation(outer: string, inner: string): 'contains' | 'disjoint' | 'overlaps' {
  const [oNet, oBits] = parseCidr(outer);
  const [iNet, iBits] = parseCidr(inner);
  if (oNet.kind() !== iNet.kind()) return 'disjoint';
  if (iBits >= oBits && iNet.match([oNet, oBits] as never)) return 'contains';
  if (oBits > iBits && oNet.match([iNet, iBits] as never)) return 'overlaps';
  return 'disjoint';
}

/** True when `inner` is a strict subset of `outer` (what the API server asks of `except`). */
export function isStrictSubset(outer: string, inner: string): boolean {
  const [, oBits] = parseCidr(outer);
  const [, iBits] = parseCidr(inner);
  return cidrRelation(outer, inner) === 'contains' && iBits > oBits;
}

/** 0.0.0.0/0 or ::/0: every address of its family. */
export function cidrCoversFamily(cidr: string): boolean {
  return parseCidr(cidr)[1] === 0;
}
