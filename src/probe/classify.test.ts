import { expect } from 'chai';
import type { Protocol } from '../model/types.js';
import type { Tool } from '../scenario/types.js';
import { classifyOutput, type Classified } from './classify.js';

// Real messages: busybox 1.35 wget, curl 7.88, netcat-openbsd 1.219, our udpprobe; dig 9.18 in
// the layout bind9 prints (not captured from this cluster: no cluster was up while writing this).
const DIG_ANSWER = `
; <<>> DiG 9.18.33-1~deb12u2-Debian <<>> +search +time=2 +tries=1 database
;; global options: +cmd
;; Got answer:
;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4242
;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1

;; QUESTION SECTION:
;database.ns-r1-default.svc.cluster.local. IN A

;; ANSWER SECTION:
database.ns-r1-default.svc.cluster.local. 30 IN A 10.96.12.34

;; Query time: 1 msec
`;
const DIG_NXDOMAIN = `
; <<>> DiG 9.18.33-1~deb12u2-Debian <<>> +search +time=2 +tries=1 nosuch
;; global options: +cmd
;; Got answer:
;; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 17
;; flags: qr aa rd; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1
`;
const DIG_TIMEOUT = `;; communications error to 10.96.0.10#53: timed out

; <<>> DiG 9.18.33-1~deb12u2-Debian <<>> +search +time=2 +tries=1 database
;; global options: +cmd
;; no servers could be reached
`;
const cases: [string, Tool, Protocol, number, string, string, Classified][] = [
  [
    'wget body',
    'wget',
    'TCP',
    0,
    '<!DOCTYPE html>\n<html><head>\n',
    '',
    { outcome: 'allowed', detail: 'HTTP 2xx/3xx', bodyExcerpt: '<!DOCTYPE html> <html><head>' },
  ],
  [
    'wget timeout',
    'wget',
    'TCP',
    1,
    '',
    'wget: download timed out\n',
    { outcome: 'blocked', detail: 'wget: download timed out' },
  ],
  [
    'wget refused',
    'wget',
    'TCP',
    1,
    '',
    "wget: can't connect to remote host (10.96.44.2): Connection refused\n",
    { outcome: 'refused', detail: "wget: can't connect to remote host (10.96.44.2): Connection refused" },
  ],
  [
    'wget bad address',
    'wget',
    'TCP',
    1,
    '',
    "wget: bad address 'apiserver'\n",
    { outcome: 'dns-failure', detail: "wget: bad address 'apiserver'" },
  ],
  [
    'wget HTTP 404',
    'wget',
    'TCP',
    1,
    '',
    'wget: server returned error: HTTP/1.1 404 Not Found\n',
    { outcome: 'allowed', detail: 'connected; HTTP/1.1 404 Not Found' },
  ],
  [
    'wget no route',
    'wget',
    'TCP',
    1,
    '',
    "wget: can't connect to remote host (10.1.1.1): No route to host\n",
    { outcome: 'blocked', detail: "wget: can't connect to remote host (10.1.1.1): No route to host" },
  ],
  [
    'wget missing',
    'wget',
    'TCP',
    127,
    '',
    'sh: wget: not found\n',
    { outcome: 'check-failed', detail: 'the probe command could not run (exit 127): sh: wget: not found' },
  ],
  [
    'exec never ran',
    'nc',
    'UDP',
    -1,
    '',
    'OCI runtime exec failed: exec failed: unable to start container process: exec: "udpprobe": executable file not found in $PATH: unknown',
    {
      outcome: 'check-failed',
      detail:
        'the probe command could not run (exit -1): OCI runtime exec failed: exec failed: unable to start container process: exec: "udpprobe": executable file not found in $PATH: unknown',
    },
  ],
  [
    'curl body',
    'curl',
    'TCP',
    0,
    'server web tcp/80 /\n',
    '',
    { outcome: 'allowed', detail: 'HTTP answer received', bodyExcerpt: 'server web tcp/80 /' },
  ],
  [
    'curl connect timeout',
    'curl',
    'TCP',
    28,
    '',
    'curl: (28) Failed to connect to 10.96.0.5 port 80 after 2002 ms: Timeout was reached\n',
    {
      outcome: 'blocked',
      detail: 'curl: (28) Failed to connect to 10.96.0.5 port 80 after 2002 ms: Timeout was reached',
    },
  ],
  [
    'curl timeout',
    'curl',
    'TCP',
    28,
    '',
    'curl: (28) Connection timed out after 2001 milliseconds\n',
    { outcome: 'blocked', detail: 'curl: (28) Connection timed out after 2001 milliseconds' },
  ],
  [
    'curl resolver timeout',
    'curl',
    'TCP',
    28,
    '',
    'curl: (28) Resolving timed out after 2000 milliseconds\n',
    { outcome: 'dns-failure', detail: 'curl: (28) Resolving timed out after 2000 milliseconds' },
  ],
  [
    'curl no host',
    'curl',
    'TCP',
    6,
    '',
    'curl: (6) Could not resolve host: api-server\n',
    { outcome: 'dns-failure', detail: 'curl: (6) Could not resolve host: api-server' },
  ],
  [
    'curl refused',
    'curl',
    'TCP',
    7,
    '',
    "curl: (7) Failed to connect to 10.96.0.5 port 80 after 1 ms: Couldn't connect to server\n",
    {
      outcome: 'refused',
      detail: "curl: (7) Failed to connect to 10.96.0.5 port 80 after 1 ms: Couldn't connect to server",
    },
  ],
  [
    'curl reset',
    'curl',
    'TCP',
    56,
    '',
    'curl: (56) Recv failure: Connection reset by peer\n',
    { outcome: 'refused', detail: 'curl: (56) Recv failure: Connection reset by peer' },
  ],
  [
    'nc connected',
    'nc',
    'TCP',
    0,
    '',
    'Connection to 10.96.0.5 80 port [tcp/http] succeeded!\n',
    { outcome: 'allowed', detail: 'Connection to 10.96.0.5 80 port [tcp/http] succeeded!' },
  ],
  [
    'nc refused',
    'nc',
    'TCP',
    1,
    '',
    'nc: connect to 10.96.0.5 port 5000 (tcp) failed: Connection refused\n',
    { outcome: 'refused', detail: 'nc: connect to 10.96.0.5 port 5000 (tcp) failed: Connection refused' },
  ],
  [
    'nc timed out',
    'nc',
    'TCP',
    1,
    '',
    'nc: connect to 10.96.0.5 port 80 (tcp) timed out: Operation now in progress\n',
    { outcome: 'blocked', detail: 'nc: connect to 10.96.0.5 port 80 (tcp) timed out: Operation now in progress' },
  ],
  [
    'nc no name',
    'nc',
    'TCP',
    1,
    '',
    'nc: getaddrinfo for host "apiserver" port 80: Name or service not known\n',
    { outcome: 'dns-failure', detail: 'nc: getaddrinfo for host "apiserver" port 80: Name or service not known' },
  ],
  [
    'nc DNS blocked',
    'nc',
    'TCP',
    1,
    '',
    'nc: getaddrinfo for host "apiserver" port 80: Temporary failure in name resolution\n',
    {
      outcome: 'dns-failure',
      detail: 'nc: getaddrinfo for host "apiserver" port 80: Temporary failure in name resolution',
    },
  ],
  [
    'busybox nc bad address',
    'nc',
    'TCP',
    1,
    '',
    "nc: bad address 'apiserver'\n",
    { outcome: 'dns-failure', detail: "nc: bad address 'apiserver'" },
  ],
  [
    'nc unknown flag',
    'nc',
    'TCP',
    1,
    '',
    'nc: invalid option -- z\nBusyBox v1.35.0 multi-call binary.\n',
    { outcome: 'check-failed', detail: 'unrecognised nc failure (exit 1): BusyBox v1.35.0 multi-call binary.' },
  ],
  [
    'udp reply',
    'nc',
    'UDP',
    0,
    'ping\n',
    '',
    { outcome: 'allowed', detail: 'UDP reply received', bodyExcerpt: 'ping' },
  ],
  ['udp timeout', 'nc', 'UDP', 1, '', 'udpprobe: timed out\n', { outcome: 'blocked', detail: 'udpprobe: timed out' }],
  [
    'udp refused',
    'nc',
    'UDP',
    2,
    '',
    'udpprobe: connection refused\n',
    { outcome: 'refused', detail: 'udpprobe: connection refused' },
  ],
  [
    'udp DNS unreachable',
    'nc',
    'UDP',
    3,
    '',
    'udpprobe: dial udp: lookup nosuch: i/o timeout\n',
    { outcome: 'dns-failure', detail: 'udpprobe: dial udp: lookup nosuch: i/o timeout' },
  ],
  [
    'curl resolver timeout (observed)',
    'curl',
    'TCP',
    28,
    '',
    'curl: (28) Resolving timed out after 2000 milliseconds\n',
    { outcome: 'dns-failure', detail: 'curl: (28) Resolving timed out after 2000 milliseconds' },
  ],
  [
    'nc refused (observed, with address)',
    'nc',
    'TCP',
    1,
    '',
    'nc: connect to nph-srv (172.19.0.2) port 81 (tcp) failed: Connection refused\n',
    { outcome: 'refused', detail: 'nc: connect to nph-srv (172.19.0.2) port 81 (tcp) failed: Connection refused' },
  ],
  [
    'udp no host',
    'nc',
    'UDP',
    3,
    '',
    'udpprobe: dial udp: lookup dns on 10.96.0.10:53: no such host\n',
    { outcome: 'dns-failure', detail: 'udpprobe: dial udp: lookup dns on 10.96.0.10:53: no such host' },
  ],
  [
    'dig answer',
    'dns',
    'UDP',
    0,
    DIG_ANSWER,
    '',
    { outcome: 'allowed', detail: 'the DNS server answered NOERROR (A 10.96.12.34)' },
  ],
  [
    'dig NXDOMAIN: the server answered',
    'dns',
    'UDP',
    0,
    DIG_NXDOMAIN,
    '',
    { outcome: 'allowed', detail: 'the DNS server answered NXDOMAIN' },
  ],
  [
    'dig no reply',
    'dns',
    'UDP',
    9,
    DIG_TIMEOUT,
    '',
    { outcome: 'blocked', detail: ';; communications error to 10.96.0.10#53: timed out' },
  ],
  [
    'dig refused by ICMP',
    'dns',
    'UDP',
    9,
    ';; communications error to 10.96.0.10#53: connection refused\n;; no servers could be reached\n',
    '',
    { outcome: 'refused', detail: ';; communications error to 10.96.0.10#53: connection refused' },
  ],
  ['dig no header', 'dns', 'UDP', 0, '', '', { outcome: 'check-failed', detail: 'dig printed no answer header' }],
  [
    'dig bad option',
    'dns',
    'UDP',
    1,
    'Invalid option: +tirs=1\nUsage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}\n',
    '',
    {
      outcome: 'check-failed',
      detail: 'unrecognised dig failure (exit 1): Usage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}',
    },
  ],
];

describe('classifyOutput', () => {
  for (const [name, tool, protocol, exitCode, stdout, stderr, want] of cases) {
    it(name, () => expect(classifyOutput(tool, protocol, { exitCode, stdout, stderr })).to.deep.equal(want));
  }
});
