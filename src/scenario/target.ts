import { formatAddress, parseAddress } from '../model/ip-address.js';
import type { ProbeTarget } from '../model/probe.js';
import type { Protocol } from '../model/types.js';
import type { Tool } from './types.js';

export interface ParsedTarget {
  target: ProbeTarget;
  port?: number;
  protocol?: Protocol;
  path?: string;
  /** The tool the form implies: http URLs are fetched with wget, https ones with curl, unless told otherwise. */
  impliedTool?: Tool;
  /** Set for URLs. */
  scheme?: 'http' | 'https';
}

const PROTO_SUFFIX = /\/(tcp|udp|sctp)$/i;

/**
 * Parses a probe target as scenarios write it:
 *   http://apiserver:5001/metrics   a URL (port 80 by default)
 *   apiserver:5000/udp              a name or an IP, a port, a protocol
 *   [fd00::1]:80  http://[fd00::1]/ an IPv6 address, in brackets as in URLs
 *   pod/web  pod/netpol-backend/web  a pod's IP
 *   svc-ip/web  svc-ip/ns/web        a service's cluster IP
 *   localhost:8080                   the probing pod's own loopback (another container of the pod)
 *   dns:web.netpol-backend           a DNS lookup of the name through the pod's resolver (53/UDP)
 * Namespaces default to `clientNamespace`.
 */
export function parseTarget(text: string, clientNamespace: string): ParsedTarget | { error: string } {
  if (text.startsWith('dns:')) return lookupTarget(text);
  const url = /^(https?):\/\/(\[[^\]/]*\]|[^/:[\]]+)(?::(\d+))?(\/.*)?$/.exec(text);
  if (url) {
    const [, scheme, host, port, path] = url as unknown as [
      '',
      'http' | 'https',
      string,
      string | undefined,
      string | undefined,
    ];
    const https = scheme === 'https';
    const target = host.startsWith('[') ? bracketed(text, host) : hostTarget(text, host);
    if ('error' in target) return target;
    return {
      target,
      port: port ? Number(port) : https ? 443 : 80,
      protocol: 'TCP',
      path: path ?? '/',
      impliedTool: https ? 'curl' : 'wget',
      scheme,
    };
  }
  if (/^https?:\/\//i.test(text))
    return { error: `cannot read URL "${text}": expected http(s)://HOST[:PORT][/PATH], an IPv6 address in brackets` };
  if (/^[a-z]+:\/\//i.test(text))
    return { error: `unsupported URL scheme in "${text}" (http:// and https:// are probed)` };
  let rest = text;
  let protocol: Protocol | undefined;
  const proto = PROTO_SUFFIX.exec(rest);
  if (proto) {
    protocol = (proto[1] as string).toUpperCase() as Protocol;
    rest = rest.slice(0, proto.index);
  }
  let port: number | undefined;
  const portMatch = /(?:^|[^:]):(\d+)$/.exec(rest);
  if (portMatch && !(rest.includes('::') && !rest.startsWith('['))) {
    port = Number(portMatch[1]);
    if (port < 1 || port > 65535) return { error: `port ${port} is out of range 1..65535 in "${text}"` };
    rest = rest.slice(0, rest.length - (portMatch[1] as string).length - 1);
  }
  const kindMatch = /^(pod|svc-ip)\/(?:([a-z0-9-]+)\/)?([a-z0-9-]+)$/.exec(rest);
  if (kindMatch) {
    const [, kind, ns, name] = kindMatch as unknown as [string, string, string | undefined, string];
    const namespace = ns ?? clientNamespace;
    const target: ProbeTarget =
      kind === 'pod' ? { kind: 'pod', pod: name, namespace } : { kind: 'service-ip', service: name, namespace };
    return { target, port, protocol };
  }
  if (rest.startsWith('[')) {
    const target = bracketed(text, rest);
    return 'error' in target ? target : { target, port, protocol };
  }
  if (rest.includes(':'))
    return { error: `cannot read target "${text}": an IPv6 address is written in brackets, as [fd00::1]:80` };
  if (rest.includes('/'))
    return { error: `cannot read target "${text}": expected a URL, host[:port][/udp], pod/NAME or svc-ip/NAME` };
  if (!/^[A-Za-z0-9.-]+$/.test(rest))
    return { error: `cannot read target "${text}": "${rest}" is not a host name or an IP address` };
  const target = hostTarget(text, rest);
  return 'error' in target ? target : { target, port, protocol };
}

/** DNS port and protocol: a lookup is one query to the resolver on 53/UDP. */
export const DNS_LOOKUP = { port: 53, protocol: 'UDP' } as const;

function lookupTarget(text: string): ParsedTarget | { error: string } {
  const name = text.slice('dns:'.length);
  if (
    !/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$/.test(name) ||
    /^[\d.]+$/.test(name)
  ) {
    return {
      error: `cannot read target "${text}": after dns: comes the name to look up (dns:web, dns:web.netpol-backend.svc.cluster.local)`,
    };
  }
  return { target: { kind: 'lookup', name }, ...DNS_LOOKUP, impliedTool: 'dns' };
}

/**
 * `localhost`, 127.0.0.1 and ::1 are the probing pod's own loopback (container to container). A
 * name of four dotted numbers must be an IPv4 address as Go reads one (no leading zeros, which
 * libc would read as octal).
 */
function hostTarget(text: string, host: string): ProbeTarget | { error: string } {
  if (host === 'localhost' || host === '127.0.0.1') return { kind: 'localhost' };
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(host)) return { kind: 'host', host };
  const address = parseAddress(host);
  if (!address)
    return {
      error: `cannot read target "${text}": "${host}" is not an IPv4 address (four decimal fields 0 to 255, no leading zeros)`,
    };
  return { kind: 'ip', ip: formatAddress(address) };
}

/** `[ADDRESS]`: an IPv6 address, kept in its canonical form (`[FD00:0::1]` is fd00::1). */
function bracketed(text: string, host: string): ProbeTarget | { error: string } {
  const inner = /^\[([^\]]*)\]$/.exec(host)?.[1];
  const address = inner === undefined ? undefined : parseAddress(inner);
  if (!address || address.kind() !== 'ipv6')
    return { error: `cannot read target "${text}": "${host}" is not an IPv6 address in brackets ([fd00::1])` };
  const ip = formatAddress(address);
  if (ip === '::1') return { kind: 'localhost' };
  if (ip.startsWith('::ffff:') && ip.includes('.'))
    return {
      error: `cannot read target "${text}": ${ip} is an IPv4-mapped address: write the IPv4 address ${ip.slice('::ffff:'.length)}`,
    };
  return { kind: 'ip', ip };
}
