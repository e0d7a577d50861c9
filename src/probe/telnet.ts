import { isValidIp } from '../model/ip-address.js';
import type { Classified, ToolOutput } from './classify.js';

/**
 * The documents' `telnet HOST PORT`. The probe images carry BusyBox's telnet applet (busybox-static;
 * Debian's `telnet` package is not installed), so that is what runs. It has no connect timeout, so
 * coreutils `timeout` bounds it (exit 124 when the connection never came). A name is resolved first
 * with `getent ahosts`, so a name that does not resolve (slowly, when DNS is blocked) is told
 * apart from a connection that hangs, and the timeout covers the connect alone, as `nc -w` does;
 * its first address is the one getaddrinfo prefers, IPv4 or IPv6 as the pod's own addresses allow
 * (BusyBox telnet takes a bare IPv6 literal). An IP address of either family is connected to as is.
 * Stdin is empty: BusyBox telnet prints `Connected to HOST` and exits at end of input.
 */
export const TELNET_TIMEOUT_EXIT = 124;
export const TELNET_NO_ADDRESS = 'no address for';

export function telnetCommand(host: string, port: number, timeoutSeconds: number): string[] {
  const connect = ['timeout', String(timeoutSeconds), 'busybox', 'telnet'];
  if (isValidIp(host)) return [...connect, host, String(port)];
  const script = [
    `a=$(getent ahosts "$1") || { echo "telnet: ${TELNET_NO_ADDRESS} '$1' (getent ahosts)" >&2; exit 1; }`,
    `exec ${connect.join(' ')} "\${a%% *}" "$2"`,
  ].join('; ');
  return ['sh', '-c', script, 'telnet', host, String(port)];
}

function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines[lines.length - 1] ?? '';
}

function said(out: ToolOutput): string {
  return lastLine(out.stderr) || lastLine(out.stdout);
}

/**
 * BusyBox telnet: `Connected to HOST` (exit 0); `telnet: can't connect to remote host (IP):
 * Connection refused` (exit 1); `telnet: bad address 'NAME'`. Also the messages of netkit and
 * inetutils telnet, which the documents show (`Connected to apiserver.`, `telnet: Unable to connect
 * to remote host: Connection refused`, `... Connection timed out`). Undefined when none applies.
 */
export function classifyTelnet(out: ToolOutput): Classified | undefined {
  const text = `${out.stdout}\n${out.stderr}`;
  const connected = /^Connected to .*$/m.exec(text)?.[0]?.trim();
  if (connected) return { outcome: 'allowed', detail: connected };
  if (out.exitCode === TELNET_TIMEOUT_EXIT) {
    return { outcome: 'blocked', detail: `no connection before the timeout (timeout exit ${TELNET_TIMEOUT_EXIT})` };
  }
  if (/Connection refused/i.test(text)) return { outcome: 'refused', detail: said(out) };
  if (
    new RegExp(
      `bad address|${TELNET_NO_ADDRESS}|Unknown host|Name or service not known|Temporary failure in name resolution`,
      'i',
    ).test(text)
  ) {
    return { outcome: 'dns-failure', detail: said(out) };
  }
  if (/Connection timed out|No route to host|Host is unreachable/i.test(text))
    return { outcome: 'blocked', detail: said(out) };
  if (out.exitCode === 0)
    return {
      outcome: 'check-failed',
      detail: `telnet ended without saying it connected${said(out) ? `: ${said(out)}` : ''}`,
    };
  return undefined;
}
