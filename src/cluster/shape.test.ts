import { expect } from 'chai';
import { describeShape, shapeOf, shapeProperties } from './shape.js';

const calico = {
  kind: 'DaemonSet' as const,
  namespace: 'kube-system',
  name: 'calico-node',
  podSelector: {},
  desired: 2,
  ready: 2,
  images: ['docker.io/calico/cni:v3.30.1', 'docker.io/calico/node:v3.30.1'],
};

describe('cluster shape', () => {
  it('reads CNI and version, Kubernetes version, node count and IP family from nodes and DaemonSets', () => {
    const shape = shapeOf(
      [
        { name: 'cp', ready: true, kubeletVersion: 'v1.34.4', podCIDRs: ['192.168.0.0/24'] },
        { name: 'w', ready: true, kubeletVersion: 'v1.34.4', podCIDRs: ['192.168.1.0/24'] },
      ],
      [calico],
      { probeMode: 'session', offline: true, harnessCommit: 'abc123' },
    );
    expect(shape).to.deep.equal({
      cni: 'calico',
      cniVersion: 'v3.30.1',
      kubernetesVersion: 'v1.34.4',
      nodes: 2,
      ipFamily: 'ipv4',
      probeMode: 'session',
      images: 'offline',
      harnessVersion: shape.harnessVersion,
      harnessCommit: 'abc123',
    });
    expect(describeShape(shape)).to.equal(
      `calico v3.30.1, Kubernetes v1.34.4, 2 nodes, IPv4, probe sessions, offline images, netpol-harness ${shape.harnessVersion} (abc123)`,
    );
    expect(shapeProperties(shape).slice(0, 3)).to.deep.equal([
      ['cluster.cni', 'calico'],
      ['cluster.cniVersion', 'v3.30.1'],
      ['cluster.kubernetesVersion', 'v1.34.4'],
    ]);
  });

  it('tells IPv6 and dual-stack apart, from pod CIDRs or else InternalIPs, and says what it does not know', () => {
    const family = (nodes: Parameters<typeof shapeOf>[0]) =>
      shapeOf(nodes, [], { probeMode: 'exec', offline: false }).ipFamily;
    expect(family([{ name: 'n', ready: true, podCIDRs: ['fd00:10:244::/64'] }])).to.equal('ipv6');
    expect(family([{ name: 'n', ready: true, podCIDRs: ['10.244.0.0/24', 'fd00:10:244::/64'] }])).to.equal('dual');
    expect(family([{ name: 'n', ready: true, internalIPs: ['172.18.0.2'] }])).to.equal('ipv4');
    const unknown = shapeOf([{ name: 'n', ready: true }], [], { probeMode: 'exec', offline: false });
    expect(unknown.ipFamily).to.equal(undefined);
    expect(describeShape(unknown)).to.match(
      /^unknown, Kubernetes version unknown, 1 node, IP family unknown, one exec per probe, pulled images, netpol-harness /,
    );
  });
});
