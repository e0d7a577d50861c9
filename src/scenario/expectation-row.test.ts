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
  ];
  for (const [text, want] of cases) it(text, () => expect(parseTarget(text, 'ns')).to.deep.equal(want));
});
