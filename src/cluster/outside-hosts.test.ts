import { expect } from 'chai';
import { DockerOutsideHosts } from './outside-hosts.js';
import type { CommandResult, RunCommand } from './program-runner.js';

function fakeDocker(answer: (args: string[]) => Partial<CommandResult>): { run: RunCommand; calls: string[][] } {
  const calls: string[][] = [];
  const run: RunCommand = async (_file, args) => {
    calls.push(args);
    return { exitCode: 0, stdout: '', stderr: '', ...answer(args) };
  };
  return { run, calls };
}

const host = {
  name: 'external-api',
  address: '52.1.2.3',
  listening: [
    { port: 443, protocol: 'TCP' as const },
    { port: 53, protocol: 'UDP' as const },
  ],
  line: 1,
};

describe('DockerOutsideHosts', () => {
  it('starts a labelled test server on the kind network only, never pulling, and reads its address there', async () => {
    const docker = fakeDocker((args) => (args[0] === 'inspect' ? { stdout: '172.18.0.9\n' } : { stdout: 'abc\n' }));
    const standIns = await new DockerOutsideHosts(docker.run, 'netpol-harness/server:v1').start([host], 'r1');
    expect([...standIns]).to.deep.equal([['52.1.2.3', '172.18.0.9']]);
    expect(docker.calls[0]).to.deep.equal([
      'run',
      '-d',
      '--pull',
      'never',
      '--name',
      'nph-r1-external-api',
      '--network',
      'kind',
      '--label',
      'app.kubernetes.io/managed-by=netpol-harness',
      '--label',
      'netpol-harness.io/run-id=r1',
      '--label',
      'netpol-harness.io/stands-in-for=52.1.2.3',
      '-e',
      'TCP_PORTS=443',
      '-e',
      'UDP_PORTS=53',
      '-e',
      'POD_NAME=external-api',
      'netpol-harness/server:v1',
    ]);
    expect(docker.calls[1]).to.deep.equal([
      'inspect',
      '--format',
      '{{(index .NetworkSettings.Networks "kind").IPAddress}}',
      'nph-r1-external-api',
    ]);
  });

  it('starts a probe source from the client image with NET_ADMIN, and routes its packets for pod IPs through their nodes', async () => {
    const docker = fakeDocker((args) =>
      args[0] === 'inspect'
        ? { stdout: args[3] === 'netpol-harness-control-plane' ? '172.18.0.2\n' : '172.18.0.7\n' }
        : {},
    );
    const hosts = new DockerOutsideHosts(docker.run, 'netpol-harness/server:v1', 'netpol-harness/alpine:v1');
    await hosts.start([{ ...host, name: 'office', address: '10.0.0.5', listening: [] }], 'r1', new Set(['office']));
    expect(docker.calls[0]?.slice(-5)).to.deep.equal([
      '--cap-add',
      'NET_ADMIN',
      'netpol-harness/alpine:v1',
      'sleep',
      '86400',
    ]);
    await hosts.routeToPods('r1', 'office', [
      { ip: '192.168.10.4', node: 'netpol-harness-control-plane' },
      { ip: '192.168.10.5', node: 'netpol-harness-control-plane' },
    ]);
    expect(docker.calls.slice(2)).to.deep.equal([
      ['inspect', '--format', '{{(index .NetworkSettings.Networks "kind").IPAddress}}', 'netpol-harness-control-plane'],
      ['exec', 'nph-r1-office', 'ip', 'route', 'replace', '192.168.10.4/32', 'via', '172.18.0.2'],
      ['exec', 'nph-r1-office', 'ip', 'route', 'replace', '192.168.10.5/32', 'via', '172.18.0.2'],
    ]);
  });

  it("on IPv6: a documented IPv6 address gets the stand-in's IPv6 address, and IPv6 pod IPs a /128 route via the node's IPv6 address", async () => {
    const docker = fakeDocker((args) =>
      args[0] === 'inspect'
        ? { stdout: args[2]?.includes('GlobalIPv6Address') ? 'fc00:f853:ccd:e793::3\n' : '172.18.0.3\n' }
        : {},
    );
    const hosts = new DockerOutsideHosts(docker.run, 'netpol-harness/server:v1', 'netpol-harness/alpine:v1');
    const started = await hosts.start(
      [
        { ...host, name: 'v6', address: '2001:db8::5', listening: [] },
        { ...host, name: 'v4', address: '10.0.0.5', listening: [] },
      ],
      'r1',
    );
    expect([...started]).to.deep.equal([
      ['2001:db8::5', 'fc00:f853:ccd:e793::3'],
      ['10.0.0.5', '172.18.0.3'],
    ]);
    docker.calls.length = 0;
    await hosts.routeToPods('r1', 'office', [
      { ip: 'fd00:10:244::7', node: 'netpol-harness-ipv6-control-plane' },
      { ip: '192.168.10.4', node: 'netpol-harness-ipv6-control-plane' },
    ]);
    expect(docker.calls).to.deep.equal([
      [
        'inspect',
        '--format',
        '{{(index .NetworkSettings.Networks "kind").GlobalIPv6Address}}',
        'netpol-harness-ipv6-control-plane',
      ],
      ['exec', 'nph-r1-office', 'ip', '-6', 'route', 'replace', 'fd00:10:244::7/128', 'via', 'fc00:f853:ccd:e793::3'],
      [
        'inspect',
        '--format',
        '{{(index .NetworkSettings.Networks "kind").IPAddress}}',
        'netpol-harness-ipv6-control-plane',
      ],
      ['exec', 'nph-r1-office', 'ip', 'route', 'replace', '192.168.10.4/32', 'via', '172.18.0.3'],
    ]);
  });

  it('removes what it started when a start fails, and says why', async () => {
    const docker = fakeDocker((args) =>
      args[0] === 'run'
        ? { exitCode: 125, stderr: 'Unable to find image locally\n' }
        : args[0] === 'ps'
          ? { stdout: 'nph-r1-external-api\n' }
          : {},
    );
    const err = await new DockerOutsideHosts(docker.run, 'netpol-harness/server:v1')
      .start([host], 'r1')
      .catch((e: Error) => e);
    expect((err as Error).message).to.equal(
      'unable to start the stand-in for 52.1.2.3 (external-api): docker exited 125: Unable to find image locally',
    );
    expect(docker.calls.slice(1)).to.deep.equal([
      [
        'ps',
        '-a',
        '--format',
        '{{.Names}}',
        '--filter',
        'label=app.kubernetes.io/managed-by=netpol-harness',
        '--filter',
        'label=netpol-harness.io/run-id=r1',
      ],
      ['rm', '-f', 'nph-r1-external-api'],
    ]);
  });

  it('removes every managed stand-in for clean, by label only', async () => {
    const docker = fakeDocker((args) => (args[0] === 'ps' ? { stdout: 'nph-a-x\nnph-b-y\n' } : {}));
    expect(await new DockerOutsideHosts(docker.run, 'img').remove()).to.deep.equal(['nph-a-x', 'nph-b-y']);
    expect(docker.calls).to.deep.equal([
      ['ps', '-a', '--format', '{{.Names}}', '--filter', 'label=app.kubernetes.io/managed-by=netpol-harness'],
      ['rm', '-f', 'nph-a-x', 'nph-b-y'],
    ]);
  });
});
