import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { KubePod } from './cluster-objects.js';
import { groupPods, labelSafe, ownerOf } from './workloads.js';

// kube-system of the kind + Calico cluster, read with kubectl (names, labels, owners, containers).
const kubeSystem = JSON.parse(
  readFileSync(new URL('./testdata/kube-system-pods.json', import.meta.url), 'utf8'),
) as KubePod[];

describe('groupPods', () => {
  it('makes one workload per controller and label set, and one per bare or static pod', () => {
    const groups = groupPods(kubeSystem);
    expect(groups.map((g) => `${g.name} ${g.kind} ${g.owner ?? '-'} ${g.pods.length}`)).to.deep.equal([
      'calico-kube-controllers Deployment Deployment/calico-kube-controllers 1',
      'calico-node Deployment DaemonSet/calico-node 1',
      'coredns Deployment Deployment/coredns 2',
      'etcd-netpol-harness-control-plane Pod - 1',
      'kube-apiserver-netpol-harness-control-plane Pod - 1',
      'kube-controller-manager-netpol-harness-control-plane Pod - 1',
      'kube-proxy Deployment DaemonSet/kube-proxy 1',
      'kube-scheduler-netpol-harness-control-plane Pod - 1',
    ]);
    const coredns = groups.find((g) => g.name === 'coredns');
    expect(coredns?.labels).to.deep.equal({ 'k8s-app': 'kube-dns' });
  });

  it('splits a controller whose replicas carry different labels (a rollout), numbering the later sets', () => {
    const [a, b] = kubeSystem.filter((p) => p.metadata?.name?.startsWith('coredns-')) as [KubePod, KubePod];
    const relabelled: KubePod = {
      ...b,
      metadata: { ...b.metadata, labels: { ...b.metadata?.labels, version: 'next' } },
    };
    expect(groupPods([a, relabelled]).map((g) => `${g.name} ${JSON.stringify(g.labels)}`)).to.deep.equal([
      'coredns {"k8s-app":"kube-dns"}',
      'coredns-2 {"k8s-app":"kube-dns","version":"next"}',
    ]);
  });

  it('reads the Deployment behind a ReplicaSet from the pod-template-hash', () => {
    expect(kubeSystem.map(ownerOf).filter(Boolean)).to.include.members(['Deployment/coredns', 'DaemonSet/kube-proxy']);
    expect(
      ownerOf({ metadata: { ownerReferences: [{ kind: 'ReplicaSet', name: 'lone-rs', controller: true }] } }),
    ).to.equal('ReplicaSet/lone-rs');
  });

  it('makes names scenarios accept', () => {
    expect(labelSafe('web.v2_Canary')).to.equal('web-v2-canary');
    expect(labelSafe('x'.repeat(70))).to.have.length(63);
  });
});
