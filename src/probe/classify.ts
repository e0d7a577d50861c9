import type { OutcomeClass } from '../model/outcome.js';
import type { Protocol } from '../model/types.js';
import type { Tool } from '../scenario/types.js';
import { classifyTelnet } from './telnet.js';

export interface ToolOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface Classified {
  outcome: OutcomeClass;
  detail: string;
  bodyExcerpt?: string;
}

const BODY_EXCERPT_CHARS = 200;

/** Exit codes when the command itself could not start: the exec API's "never ran" (-1), a shell's 126/127. */
const NOT_STARTED = new Set([-1, 126, 127]);

interface Rule {
  test: RegExp;
  outcome: OutcomeClass;
}

// Order matters: a name that did not resolve can also say "timed out" (curl's resolver timeout).
const DNS_RULES: Rule[] = [
  {
    test: /bad address|Could not resolve host|Resolving timed out|getaddrinfo|Name or service not known|Temporary failure in name resolution|no such host|server misbehaving|dial udp: lookup /i,
    outcome: 'dns-failure',
  },
];
const CONNECT_RULES: Rule[] = [
  { test: /Connection refused|Couldn't connect to server|Connection reset by peer/i, outcome: 'refused' },
  { test: /timed out|Timeout was reached|timeout|No route to host|Host is unreachable/i, outcome: 'blocked' },
];

function lastLine(s: string): string {
  const lines = s
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines[lines.length - 1] ?? '';
}

function byRules(text: string, rules: Rule[]): OutcomeClass | undefined {
  return rules.find((r) => r.test.test(text))?.outcome;
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > BODY_EXCERPT_CHARS ? `${flat.slice(0, BODY_EXCERPT_CHARS)}…` : flat;
}

function failed(out: ToolOutput, why: string): Classified {
  const said = lastLine(out.stderr) || lastLine(out.stdout);
  return { outcome: 'check-failed', detail: said ? `${why}: ${said}` : why };
}

/** Busybox `wget -qO-`: 0 with the body; 1 with `wget: …` on stderr. */
function classifyWget(out: ToolOutput): Classified | undefined {
  if (out.exitCode === 0) return { outcome: 'allowed', detail: 'HTTP 2xx/3xx', bodyExcerpt: excerpt(out.stdout) };
  const status = /server returned error: (HTTP\/[\d.]+ (\d{3})[^\n]*)/.exec(out.stderr);
  if (status) return { outcome: 'allowed', detail: `connected; ${(status[1] as string).trim()}` };
  return undefined;
}

/** `curl -sS`: 0 for any HTTP answer; 6 no name, 7 no connection, 28 timeout, 56 reset. */
function classifyCurl(out: ToolOutput): Classified | undefined {
  if (out.exitCode === 0)
    return { outcome: 'allowed', detail: 'HTTP answer received', bodyExcerpt: excerpt(out.stdout) };
  if (out.exitCode === 6) return { outcome: 'dns-failure', detail: lastLine(out.stderr) };
  return undefined;
}

/** `nc -vz` (netcat-openbsd, or busybox nc): 0 connected. */
function classifyNc(out: ToolOutput): Classified | undefined {
  if (out.exitCode === 0)
    return { outcome: 'allowed', detail: lastLine(out.stderr) || lastLine(out.stdout) || 'connected' };
  return undefined;
}

/** udpprobe: 0 reply, 1 timed out, 2 refused (ICMP port unreachable), 3 other errors. */
function classifyUdpprobe(out: ToolOutput): Classified | undefined {
  if (out.exitCode === 0) return { outcome: 'allowed', detail: 'UDP reply received', bodyExcerpt: excerpt(out.stdout) };
  if (out.exitCode === 1) return { outcome: 'blocked', detail: lastLine(out.stderr) || 'no reply' };
  if (out.exitCode === 2) return { outcome: 'refused', detail: lastLine(out.stderr) || 'port unreachable' };
  return undefined;
}

/**
 * bind9 `dig`: exit 0 with a header for any answer, 9 when no server answered. Any answer proves
 * the path to the DNS server open (NXDOMAIN, SERVFAIL too: the server said it), so it is
 * `allowed`, the status and first record in the detail; a query that got nothing back is
 * `blocked`, one refused by ICMP `refused`; anything else is the probe failing.
 */
function classifyDig(out: ToolOutput): Classified {
  const text = `${out.stdout}\n${out.stderr}`;
  if (out.exitCode === 0) {
    const status = /->>HEADER<<-.*status: ([A-Z]+)/.exec(out.stdout)?.[1];
    if (!status) return failed(out, 'dig printed no answer header');
    const answer = /;; ANSWER SECTION:\n([^\n]+)/.exec(out.stdout)?.[1]?.split(/\s+/);
    const record = answer && answer.length >= 5 ? ` (${answer.slice(3).join(' ')})` : '';
    return { outcome: 'allowed', detail: `the DNS server answered ${status}${record}` };
  }
  if (out.exitCode === 9) {
    const said =
      text
        .split('\n')
        .map((l) => l.trim())
        .find((l) => /communications error|timed out|no servers could be reached/.test(l)) ?? 'no reply';
    if (/connection refused/i.test(text)) return { outcome: 'refused', detail: said };
    return { outcome: 'blocked', detail: said };
  }
  return failed(out, `unrecognised dig failure (exit ${out.exitCode})`);
}

/** Turns a tool's exit code and output into an outcome class. Pure. */
export function classifyOutput(tool: Tool, protocol: Protocol, out: ToolOutput): Classified {
  if (NOT_STARTED.has(out.exitCode)) return failed(out, `the probe command could not run (exit ${out.exitCode})`);
  if (tool === 'dns') return classifyDig(out);
  if (tool === 'telnet' && protocol === 'TCP')
    return classifyTelnet(out) ?? failed(out, `unrecognised telnet failure (exit ${out.exitCode})`);
  const specific =
    protocol === 'UDP'
      ? classifyUdpprobe(out)
      : tool === 'wget'
        ? classifyWget(out)
        : tool === 'curl'
          ? classifyCurl(out)
          : classifyNc(out);
  if (specific) return specific;
  const text = `${out.stderr}\n${out.stdout}`;
  const said = lastLine(out.stderr) || lastLine(out.stdout);
  const dns = byRules(text, DNS_RULES);
  if (dns) return { outcome: dns, detail: said };
  const connect = byRules(text, CONNECT_RULES);
  if (connect) return { outcome: connect, detail: said };
  if (tool === 'curl' && out.exitCode === 28) return { outcome: 'blocked', detail: said || 'curl exit 28 (timeout)' };
  return failed(out, `unrecognised ${tool} failure (exit ${out.exitCode})`);
}
