import { expect } from 'chai';
import { EnvironmentError } from '../errors.js';
import { checkKindNetworkFamily, familyOfRanges, judgeKindNetwork } from './kind-network.js';
import type { RunCommand } from './program-runner.js';

function answering(exitCode: number, stdout: string): RunCommand & { calls: string[] } {
  const calls: string[] = [];
  const run = async (file: string, args: string[]) => {
    calls.push([file, ...args].join(' '));
    return { exitCode, stdout, stderr: exitCode ? 'Error: No such network: kind' : '' };
  };
  return Object.assign(run, { calls });
}

describe("kind's Docker network for IPv6 clusters", () => {
  it('tells the family of ranges', () => {
    expect(
      [[], ['10.244.0.0/24'], ['fd00:10:244::/64'], ['192.168.0.0/24', 'fd00:10:244:1::/64']].map(familyOfRanges),
    ).to.deep.equal([undefined, 'ipv4', 'ipv6', 'dual']);
  });

  it('accepts a network with IPv6 enabled and an IPv6 subnet', () => {
    expect(judgeKindNetwork('true|172.18.0.0/16 fc00:f853:ccd:e793::/64 \n', 'dual')).to.deep.equal({
      ok: true,
      line: 'Docker network "kind" has IPv6 (fc00:f853:ccd:e793::/64), as a dual-stack cluster needs',
    });
    expect(judgeKindNetwork('false|172.18.0.0/16 \n', 'ipv6')).to.deep.equal({ ok: false });
    expect(judgeKindNetwork('true|172.18.0.0/16 \n', 'ipv6')).to.deep.equal({ ok: false });
  });

  it('a missing network is fine: kind makes it with IPv6', async () => {
    const run = answering(1, '');
    expect(await checkKindNetworkFamily(run, 'ipv6')).to.equal(
      'Docker network "kind" does not exist yet: kind creates it with an IPv6 subnet (fc00::/8) where Docker allows it',
    );
    expect(run.calls).to.deep.equal([
      'docker network inspect kind --format {{.EnableIPv6}}|{{range .IPAM.Config}}{{.Subnet}} {{end}}',
    ]);
  });

  it('an IPv4-only network is refused with the fix', async () => {
    const err = await checkKindNetworkFamily(answering(0, 'false|172.18.0.0/16 \n'), 'ipv6').catch((e: unknown) => e);
    expect(err).to.be.instanceOf(EnvironmentError);
    const e = err as EnvironmentError;
    expect(e.message).to.equal(
      'Docker network "kind" has no IPv6 (EnableIPv6 false), so a IPv6 kind cluster cannot start on it: kind made it IPv4-only (Docker refused IPv6 when it was created) or it was made by hand',
    );
    expect(e.hint).to.include('docker network rm kind');
  });
});
