import { expect } from 'chai';
import { parseRow } from './expectation-row.js';
import { parseTarget } from './target.js';

describe('scenario: compact expectation rows', () => {
  const cases: [string, unknown][] = [
    ['a -> http://web allowed', { from: 'a', to: 'http://web', expect: ['allowed'] }],
    [
      'a -> web:80 nc blocked|refused @derived',
      { from: 'a', to: 'web:80', expect: ['blocked', 'refused'], tool: 'nc', derived: true },
    ],
    [
      'a -> http://web:5001/metrics allowed ~"http.requests=" @"Task 5"',
      { from: 'a', to: 'http://web:5001/metrics', expect: ['allowed'], body: 'http.requests=', section: 'Task 5' },
    ],
    [
      'a -> web',
      {
        error:
          'no result in "a -> web": expected "FROM -> TO RESULT [wget|nc|curl|dns|telnet] [~\\"body\\"] [@derived] [@\\"section\\"]"',
      },
    ],
    [
      'a web',
      {
        error:
          'cannot read "a web": expected "FROM -> TO RESULT [wget|nc|curl|dns|telnet] [~\\"body\\"] [@derived] [@\\"section\\"]"',
      },
    ],
    [
      'a -> web:80 wget',
      {
        error:
          'no result in "a -> web:80 wget": expected "FROM -> TO RESULT [wget|nc|curl|dns|telnet] [~\\"body\\"] [@derived] [@\\"section\\"]"',
      },
    ],
    [
      'a -> [fd00:10:244:1::9]:80 nc allowed|refused',
      { from: 'a', to: '[fd00:10:244:1::9]:80', expect: ['allowed', 'refused'], tool: 'nc' },
    ],
    ['a -> http://[fd00::9]:8080/x blocked', { from: 'a', to: 'http://[fd00::9]:8080/x', expect: ['blocked'] }],
    [
      'a -> web:80 allowed blocked',
      { error: 'two results in "a -> web:80 allowed blocked": give one (alternatives as a|b)' },
    ],
    ['a -> web:80 allowed ~"open', { error: 'unterminated quote in "a -> web:80 allowed ~"open"' }],
  ];
  for (const [text, want] of cases) it(text, () => expect(parseRow(text)).to.deep.equal(want));
});

describe('scenario: probe targets', () => {
  const cases: [string, unknown][] = [
    [
      'http://apiserver:5001/metrics',
      {
        target: { kind: 'host', host: 'apiserver' },
        port: 5001,
        protocol: 'TCP',
        path: '/metrics',
        impliedTool: 'wget',
        scheme: 'http',
      },
    ],
    [
      'http://apiserver',
      {
        target: { kind: 'host', host: 'apiserver' },
        port: 80,
        protocol: 'TCP',
        path: '/',
        impliedTool: 'wget',
        scheme: 'http',
      },
    ],
    [
      'web.ns.svc.cluster.local:80',
      { target: { kind: 'host', host: 'web.ns.svc.cluster.local' }, port: 80, protocol: undefined },
    ],
    ['10.0.0.1:53/udp', { target: { kind: 'ip', ip: '10.0.0.1' }, port: 53, protocol: 'UDP' }],
    ['pod/web:80', { target: { kind: 'pod', pod: 'web', namespace: 'ns' }, port: 80, protocol: undefined }],
    [
      'svc-ip/other/web:80',
      { target: { kind: 'service-ip', service: 'web', namespace: 'other' }, port: 80, protocol: undefined },
    ],
    [
      'https://kubernetes.default.svc',
      {
        target: { kind: 'host', host: 'kubernetes.default.svc' },
        port: 443,
        protocol: 'TCP',
        path: '/',
        impliedTool: 'curl',
        scheme: 'https',
      },
    ],
    ['ftp://web', { error: 'unsupported URL scheme in "ftp://web" (http:// and https:// are probed)' }],
    ['web:99999', { error: 'port 99999 is out of range 1..65535 in "web:99999"' }],
    [
      'dns:web.ns.svc.cluster.local',
      { target: { kind: 'lookup', name: 'web.ns.svc.cluster.local' }, port: 53, protocol: 'UDP', impliedTool: 'dns' },
    ],
    [
      'dns:10.0.0.1',
      {
        error:
          'cannot read target "dns:10.0.0.1": after dns: comes the name to look up (dns:web, dns:web.netpol-backend.svc.cluster.local)',
      },
    ],
    [
      'node/x:80',
      { error: 'cannot read target "node/x:80": expected a URL, host[:port][/udp], pod/NAME or svc-ip/NAME' },
    ],
    ['[fd00::1]:80', { target: { kind: 'ip', ip: 'fd00::1' }, port: 80, protocol: undefined }],
    ['[FD00:0:0::A]:53/udp', { target: { kind: 'ip', ip: 'fd00::a' }, port: 53, protocol: 'UDP' }],
    ['[fd00:10:96::1]', { target: { kind: 'ip', ip: 'fd00:10:96::1' }, port: undefined, protocol: undefined }],
    ['[::1]:8080', { target: { kind: 'localhost' }, port: 8080, protocol: undefined }],
    [
      'http://[fd00:10:244:1::9]:8080/healthz',
      {
        target: { kind: 'ip', ip: 'fd00:10:244:1::9' },
        port: 8080,
        protocol: 'TCP',
        path: '/healthz',
        impliedTool: 'wget',
        scheme: 'http',
      },
    ],
    [
      'https://[fd00:10:96::1]',
      {
        target: { kind: 'ip', ip: 'fd00:10:96::1' },
        port: 443,
        protocol: 'TCP',
        path: '/',
        impliedTool: 'curl',
        scheme: 'https',
      },
    ],
    [
      'http://fd00::1/',
      {
        error: 'cannot read URL "http://fd00::1/": expected http(s)://HOST[:PORT][/PATH], an IPv6 address in brackets',
      },
    ],
    ['fd00::1', { error: 'cannot read target "fd00::1": an IPv6 address is written in brackets, as [fd00::1]:80' }],
    [
      'fd00::1:80',
      { error: 'cannot read target "fd00::1:80": an IPv6 address is written in brackets, as [fd00::1]:80' },
    ],
    [
      '[fd00::1%eth0]:80',
      {
        error:
          'cannot read target "[fd00::1%eth0]:80": "[fd00::1%eth0]" is not an IPv6 address in brackets ([fd00::1])',
      },
    ],
    [
      '[10.0.0.1]:80',
      { error: 'cannot read target "[10.0.0.1]:80": "[10.0.0.1]" is not an IPv6 address in brackets ([fd00::1])' },
    ],
    [
      '[::ffff:10.0.0.1]:80',
      {
        error:
          'cannot read target "[::ffff:10.0.0.1]:80": ::ffff:10.0.0.1 is an IPv4-mapped address: write the IPv4 address 10.0.0.1',
      },
    ],
    ['[fd00::1]:0', { error: 'port 0 is out of range 1..65535 in "[fd00::1]:0"' }],
    [
      '010.0.0.1:80',
      {
        error:
          'cannot read target "010.0.0.1:80": "010.0.0.1" is not an IPv4 address (four decimal fields 0 to 255, no leading zeros)',
      },
    ],
  ];
  for (const [text, want] of cases) it(text, () => expect(parseTarget(text, 'ns')).to.deep.equal(want));
});
