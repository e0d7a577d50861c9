import { expect } from 'chai';
import {
  bridgeOfNetwork,
  clusterRangesFromManifests,
  containClusterTraffic,
  CONTAINMENT_COMMENT,
  rejectRule,
} from './containment.js';
import type { CommandResult, RunCommand } from './program-runner.js';

const MANIFESTS = [
  '    - --service-account-issuer=https://kubernetes.default.svc.cluster.local',
  '    - --service-cluster-ip-range=10.96.0.0/12',
  '    - --cluster-cidr=192.168.0.0/16',
  '    - --service-cluster-ip-range=10.96.0.0/12',
].join('\n');

describe('containment', () => {
  it('reads the Service and pod ranges from kubeadm flags, once each, both families', () => {
    expect(clusterRangesFromManifests(MANIFESTS)).to.deep.equal(['10.96.0.0/12', '192.168.0.0/16']);
    expect(clusterRangesFromManifests('--cluster-cidr=10.244.0.0/16,fd00:10:244::/56')).to.deep.equal([
      '10.244.0.0/16',
      'fd00:10:244::/56',
    ]);
    expect(clusterRangesFromManifests('no flags here')).to.deep.equal([]);
  });

  it('names the bridge of a Docker network from its option or its id', () => {
    expect(bridgeOfNetwork('<no value>|cd6372ed8e9f8ad1531202d285a1036e7528a5c6dd57c74dd263f93ac95c52c9\n')).to.equal(
      'br-cd6372ed8e9f',
    );
    expect(bridgeOfNetwork('kindbr0|cd6372ed8e9f8ad1')).to.equal('kindbr0');
    expect(bridgeOfNetwork('|')).to.equal(undefined);
  });

  it('rejects a range leaving the bridge for anywhere but the bridge', () => {
    expect(rejectRule('br-1', '10.96.0.0/12').join(' ')).to.equal(
      `DOCKER-USER -i br-1 ! -o br-1 -d 10.96.0.0/12 -m comment --comment ${CONTAINMENT_COMMENT} -j REJECT --reject-with icmp-port-unreachable`,
    );
    // IPv6: the host forwards it and has a default route; Docker programs no IPv6 chain here.
    expect(rejectRule('br-1', 'fd00:10:96::/112').join(' ')).to.equal(
      `FORWARD -i br-1 ! -o br-1 -d fd00:10:96::/112 -m comment --comment ${CONTAINMENT_COMMENT} -j REJECT --reject-with icmp6-port-unreachable`,
    );
  });

  it('contains a dual-stack cluster in both firewalls', async () => {
    const lines: string[] = [];
    const run: RunCommand = async (file, args) => {
      lines.push([file, ...args].join(' '));
      if (file === 'docker' && args[0] === 'network') return { exitCode: 0, stdout: 'kindbr0|x\n', stderr: '' };
      if (file === 'docker')
        return {
          exitCode: 0,
          stdout:
            '--service-cluster-ip-range=10.96.0.0/12,fd00:10:96::/112\n--cluster-cidr=192.168.0.0/16,fd00:10:244::/56',
          stderr: '',
        };
      return { exitCode: args[0] === '-C' ? 1 : 0, stdout: '', stderr: '' };
    };
    const c = await containClusterTraffic(run, 'n');
    expect(c.added).to.deep.equal(['10.96.0.0/12', '192.168.0.0/16', 'fd00:10:244::/56', 'fd00:10:96::/112']);
    expect(lines.filter((l) => / -I /.test(` ${l} `)).map((l) => l.split(' ').slice(0, 3).join(' '))).to.deep.equal([
      'iptables -I DOCKER-USER',
      'iptables -I DOCKER-USER',
      'ip6tables -I FORWARD',
      'ip6tables -I FORWARD',
    ]);
  });

  function host(present: string[]): RunCommand & { lines: string[] } {
    const lines: string[] = [];
    const run = async (file: string, args: string[]): Promise<CommandResult> => {
      lines.push([file, ...args].join(' '));
      if (file === 'docker' && args[0] === 'network')
        return { exitCode: 0, stdout: '<no value>|cd6372ed8e9f8ad15312\n', stderr: '' };
      if (file === 'docker' && args[0] === 'exec') return { exitCode: 0, stdout: MANIFESTS, stderr: '' };
      if (file === 'iptables' && args[0] === '-C')
        return { exitCode: present.includes(args[args.indexOf('-d') + 1] as string) ? 0 : 1, stdout: '', stderr: '' };
      return { exitCode: 0, stdout: '', stderr: '' };
    };
    return Object.assign(run, { lines });
  }

  it('inserts only the rules not yet there', async () => {
    const run = host(['10.96.0.0/12']);
    const c = await containClusterTraffic(run, 'kind-control-plane');
    expect(c).to.deep.equal({
      bridge: 'br-cd6372ed8e9f',
      ranges: ['10.96.0.0/12', '192.168.0.0/16'],
      added: ['192.168.0.0/16'],
    });
    expect(run.lines.filter((l) => l.startsWith('iptables -I'))).to.have.length(1);
    expect(run.lines.find((l) => l.startsWith('iptables -I'))).to.contain('-d 192.168.0.0/16');
  });

  it('fails with what it could not read', async () => {
    const run: RunCommand = async (file, args) =>
      file === 'docker' && args[0] === 'network'
        ? { exitCode: 1, stdout: '', stderr: 'Error: No such network: kind' }
        : { exitCode: 0, stdout: '', stderr: '' };
    const err = await containClusterTraffic(run, 'n').catch((e: unknown) => e);
    expect(String(err)).to.contain('No such network: kind');
  });
});
