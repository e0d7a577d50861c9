import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import type { Classified } from './classify.js';
import { classifyOutput } from './classify.js';
import { probeCommand } from './command.js';
import { telnetCommand } from './telnet.js';

describe('telnetCommand', () => {
  it('connects to an IP of either family under timeout, an IPv6 one bare (BusyBox takes it so)', () => {
    expect(telnetCommand('10.96.0.7', 80, 2)).to.deep.equal(['timeout', '2', 'busybox', 'telnet', '10.96.0.7', '80']);
    expect(telnetCommand('fd00:10:96::7', 80, 2)).to.deep.equal([
      'timeout',
      '2',
      'busybox',
      'telnet',
      'fd00:10:96::7',
      '80',
    ]);
  });

  it('resolves a name first, then connects to its first address, IPv4 or IPv6', () => {
    const argv = telnetCommand('apiserver', 80, 3);
    expect(argv.slice(0, 2)).to.deep.equal(['sh', '-c']);
    expect(argv.slice(3)).to.deep.equal(['telnet', 'apiserver', '80']);
    expect(argv[2]).to.contain('getent ahosts "$1"').and.contain('exec timeout 3 busybox telnet "${a%% *}" "$2"');
  });

  it('is what probeCommand gives for the telnet tool', () => {
    expect(
      probeCommand({ tool: 'telnet', protocol: 'TCP', host: '10.1.2.3', port: 5000, timeoutSeconds: 2 }),
    ).to.deep.equal({
      argv: ['timeout', '2', 'busybox', 'telnet', '10.1.2.3', '5000'],
    });
    expect(
      probeCommand({ tool: 'telnet', protocol: 'UDP', host: '10.1.2.3', port: 53, timeoutSeconds: 2 }),
    ).to.deep.equal({ unsupported: 'telnet cannot probe UDP; use nc' });
  });

  it("reports a name getent cannot resolve in the script's own words (run by /bin/sh here, getent stubbed)", () => {
    const argv = telnetCommand('nosuch', 80, 1);
    const stubbed = (argv[2] as string).replace('getent ahosts', 'false');
    let stderr = '';
    let status = 0;
    try {
      execFileSync('sh', ['-c', stubbed, ...argv.slice(3)], { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      const e = err as { status: number; stderr: Buffer };
      status = e.status;
      stderr = e.stderr.toString();
    }
    expect(status).to.equal(1);
    expect(stderr.trim()).to.equal("telnet: no address for 'nosuch' (getent ahosts)");
    expect(classifyOutput('telnet', 'TCP', { exitCode: status, stdout: '', stderr }).outcome).to.equal('dns-failure');
  });
});

// BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1) telnet, captured on this machine (stdin /dev/null);
// netkit/inetutils messages as the documents' readers would see them.
describe('classifyOutput: telnet', () => {
  const cases: [string, number, string, string, Classified][] = [
    [
      'busybox connected',
      0,
      'Connected to 10.96.12.4\n',
      '',
      { outcome: 'allowed', detail: 'Connected to 10.96.12.4' },
    ],
    [
      'inetutils connected',
      0,
      "Trying 10.96.12.4...\nConnected to apiserver.\nEscape character is '^]'.\nConnection closed by foreign host.\n",
      '',
      { outcome: 'allowed', detail: 'Connected to apiserver.' },
    ],
    [
      'busybox refused',
      1,
      '',
      "telnet: can't connect to remote host (10.96.12.4): Connection refused\n",
      { outcome: 'refused', detail: "telnet: can't connect to remote host (10.96.12.4): Connection refused" },
    ],
    [
      'inetutils refused',
      1,
      'Trying 10.96.12.4...\n',
      'telnet: Unable to connect to remote host: Connection refused\n',
      { outcome: 'refused', detail: 'telnet: Unable to connect to remote host: Connection refused' },
    ],
    [
      'timeout killed it (dropped)',
      124,
      '',
      '',
      { outcome: 'blocked', detail: 'no connection before the timeout (timeout exit 124)' },
    ],
    [
      'inetutils timed out',
      1,
      'Trying 10.96.12.4...\n',
      'telnet: Unable to connect to remote host: Connection timed out\n',
      { outcome: 'blocked', detail: 'telnet: Unable to connect to remote host: Connection timed out' },
    ],
    [
      'busybox bad address',
      1,
      '',
      "telnet: bad address 'apiserver'\n",
      { outcome: 'dns-failure', detail: "telnet: bad address 'apiserver'" },
    ],
    [
      'exit 0 without connecting',
      0,
      '',
      '',
      { outcome: 'check-failed', detail: 'telnet ended without saying it connected' },
    ],
    [
      'no busybox',
      127,
      '',
      'sh: 1: busybox: not found\n',
      { outcome: 'check-failed', detail: 'the probe command could not run (exit 127): sh: 1: busybox: not found' },
    ],
    [
      'something else',
      1,
      '',
      'telnet: bind: Address in use\n',
      { outcome: 'check-failed', detail: 'unrecognised telnet failure (exit 1): telnet: bind: Address in use' },
    ],
  ];
  for (const [name, exitCode, stdout, stderr, want] of cases) {
    it(name, () => expect(classifyOutput('telnet', 'TCP', { exitCode, stdout, stderr })).to.deep.equal(want));
  }
});
