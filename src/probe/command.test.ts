import { expect } from 'chai';
import { probeCommand, reproLine, type CommandSpec } from './command.js';

describe('probeCommand', () => {
  const base: CommandSpec = { tool: 'wget', protocol: 'TCP', host: 'apiserver', port: 80, timeoutSeconds: 2 };
  const cases: [string, Partial<CommandSpec>, ReturnType<typeof probeCommand>][] = [
    ['busybox wget', {}, { argv: ['wget', '-qO-', '-T', '2', 'http://apiserver:80/'] }],
    [
      'wget with a path',
      { path: '/metrics', port: 5001 },
      { argv: ['wget', '-qO-', '-T', '2', 'http://apiserver:5001/metrics'] },
    ],
    ['curl', { tool: 'curl', timeoutSeconds: 3 }, { argv: ['curl', '-sS', '--max-time', '3', 'http://apiserver:80/'] }],
    [
      'curl over https, certificate unchecked',
      { tool: 'curl', scheme: 'https', port: 443 },
      { argv: ['curl', '-sSk', '--max-time', '2', 'https://apiserver:443/'] },
    ],
    [
      'nc over TCP',
      { tool: 'nc', host: '10.0.0.5', port: 5000 },
      { argv: ['nc', '-vz', '-w', '2', '10.0.0.5', '5000'] },
    ],
    ['nc over UDP', { tool: 'nc', protocol: 'UDP', port: 53 }, { argv: ['udpprobe', '-w', '2', 'apiserver', '53'] }],
    ['wget over UDP', { protocol: 'UDP' }, { unsupported: 'wget cannot probe UDP; use nc' }],
    [
      'a DNS lookup through the resolver',
      { tool: 'dns', protocol: 'UDP', host: 'database', port: 53 },
      { argv: ['dig', '+search', '+time=2', '+tries=1', 'database'] },
    ],
    ['SCTP', { tool: 'nc', protocol: 'SCTP' }, { unsupported: 'SCTP probes are not supported by the client tools' }],
    [
      'wget to an IPv6 literal: brackets in the URL',
      { host: 'fd00:10:244:1::9', port: 8080, path: '/healthz' },
      { argv: ['wget', '-qO-', '-T', '2', 'http://[fd00:10:244:1::9]:8080/healthz'] },
    ],
    [
      'curl to an IPv6 literal: brackets, and no URL globbing',
      { tool: 'curl', host: 'fd00:10:96::1', scheme: 'https', port: 443 },
      { argv: ['curl', '-sSk', '-g', '--max-time', '2', 'https://[fd00:10:96::1]:443/'] },
    ],
    [
      'nc to an IPv6 literal: bare',
      { tool: 'nc', host: 'fd00:10:244:1::9', port: 80 },
      { argv: ['nc', '-vz', '-w', '2', 'fd00:10:244:1::9', '80'] },
    ],
    [
      'nc over UDP to an IPv6 literal',
      { tool: 'nc', protocol: 'UDP', host: 'fd00:10:96::a', port: 53 },
      { argv: ['udpprobe', '-w', '2', 'fd00:10:96::a', '53'] },
    ],
    [
      'telnet to an IPv6 literal',
      { tool: 'telnet', host: 'fd00:10:244:1::9', port: 80 },
      { argv: ['timeout', '2', 'busybox', 'telnet', 'fd00:10:244:1::9', '80'] },
    ],
  ];
  for (const [name, change, want] of cases) {
    it(name, () => expect(probeCommand({ ...base, ...change })).to.deep.equal(want));
  }
});

describe('reproLine', () => {
  it('is a pasteable kubectl exec line, quoted where needed', () => {
    expect(reproLine('np02-x-default', 'test-frontend', 'test-frontend', ['sh', '-c', "echo 'hi' there"])).to.equal(
      `kubectl exec -n np02-x-default test-frontend -c test-frontend -- sh -c 'echo '\\''hi'\\'' there'`,
    );
  });

  it('quotes a URL with an IPv6 literal (brackets are shell globs), not a bare IPv6 address', () => {
    const wget = probeCommand({ tool: 'wget', protocol: 'TCP', host: 'fd00::9', port: 80, timeoutSeconds: 2 });
    const nc = probeCommand({ tool: 'nc', protocol: 'TCP', host: 'fd00::9', port: 80, timeoutSeconds: 2 });
    if (!('argv' in wget) || !('argv' in nc)) throw new Error('unsupported');
    expect([reproLine('x', 'a', 'c', wget.argv), reproLine('x', 'a', 'c', nc.argv)]).to.deep.equal([
      `kubectl exec -n x a -c c -- wget -qO- -T 2 'http://[fd00::9]:80/'`,
      'kubectl exec -n x a -c c -- nc -vz -w 2 fd00::9 80',
    ]);
  });
});
