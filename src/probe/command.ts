import { hostPort, ipFamily } from '../model/ip-address.js';
import type { Protocol } from '../model/types.js';
import type { Tool } from '../scenario/types.js';
import { telnetCommand } from './telnet.js';

export interface CommandSpec {
  tool: Tool;
  protocol: Protocol;
  host: string;
  port: number;
  path?: string;
  /** URL scheme for wget/curl; https is fetched without verifying the certificate (`curl -k`). */
  scheme?: 'http' | 'https';
  timeoutSeconds: number;
}

/** The command a probe runs, or why there is none for this tool and protocol. */
export type ProbeCommand = { argv: string[] } | { unsupported: string };

/** An IPv6 literal goes into a URL in brackets: `http://[fd00::1]:80/`. */
function url(spec: CommandSpec): string {
  return `${spec.scheme ?? 'http'}://${hostPort(spec.host, spec.port)}${spec.path ?? '/'}`;
}

/**
 * The exact command per tool:
 *   wget  busybox `wget -qO- -T N URL`
 *   curl  `curl -sS --max-time N URL`, with `-g` (no URL globbing) when the host is an IPv6 literal
 *   nc    `nc -vz -w N HOST PORT` (netcat-openbsd; -v so refused and timed out can be told apart)
 * A host that is an IPv6 address is in brackets in URLs (`http://[fd00::1]:80/`) and bare as an
 * argument of its own (`nc -vz -w 2 fd00::1 80`).
 *   nc over UDP: `udpprobe -w N HOST PORT` (a datagram and its echo; nc -u cannot tell a drop
 *   from silence)
 *   telnet  BusyBox `telnet HOST PORT` under `timeout N`, the name resolved first (see telnet.ts)
 *   dns   `dig +search +time=N +tries=1 NAME` (bind9's dig: one query through the pod's resolver,
 *   its search path applied; exit 0 for any answer, 9 for none)
 */
export function probeCommand(spec: CommandSpec): ProbeCommand {
  const n = String(spec.timeoutSeconds);
  if (spec.tool === 'dns') return { argv: ['dig', '+search', `+time=${n}`, '+tries=1', spec.host] };
  if (spec.protocol === 'SCTP') return { unsupported: 'SCTP probes are not supported by the client tools' };
  if (spec.protocol === 'UDP') {
    if (spec.tool !== 'nc') return { unsupported: `${spec.tool} cannot probe UDP; use nc` };
    return { argv: ['udpprobe', '-w', n, spec.host, String(spec.port)] };
  }
  switch (spec.tool) {
    case 'wget':
      return { argv: ['wget', '-qO-', '-T', n, url(spec)] };
    case 'curl': {
      const flags = spec.scheme === 'https' ? '-sSk' : '-sS';
      const globOff = ipFamily(spec.host) === 'ipv6' ? ['-g'] : [];
      return { argv: ['curl', flags, ...globOff, '--max-time', n, url(spec)] };
    }
    case 'nc':
      return { argv: ['nc', '-vz', '-w', n, spec.host, String(spec.port)] };
    case 'telnet':
      return { argv: telnetCommand(spec.host, spec.port, spec.timeoutSeconds) };
  }
}

/** POSIX shell quoting, only where needed. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function reproLine(namespace: string, pod: string, container: string, argv: readonly string[]): string {
  return ['kubectl', 'exec', '-n', namespace, pod, '-c', container, '--', ...argv].map(shellQuote).join(' ');
}
