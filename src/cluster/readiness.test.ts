import { expect } from 'chai';
import { CALICO_NODE, CLUSTER_DNS_PODS, COREDNS, evaluateReadiness, type ClusterSnapshot } from './readiness.js';

describe('evaluateReadiness', () => {
  const ready: ClusterSnapshot = {
    nodes: [{ name: 'cp', ready: true }],
    workloads: [
      { kind: 'DaemonSet', namespace: 'kube-system', name: 'calico-node', desired: 1, ready: 1 },
      { kind: 'Deployment', namespace: 'kube-system', name: 'coredns', desired: 2, ready: 2 },
    ],
  };

  it('is ready when every node and workload is', () => {
    expect(evaluateReadiness(ready, [CALICO_NODE, COREDNS])).to.deep.equal([
      { name: 'node', ready: true, detail: '1 Ready' },
      { name: 'calico-node', ready: true, detail: '1/1 ready' },
      { name: 'CoreDNS', ready: true, detail: '2/2 ready' },
    ]);
  });

  it('names what is not ready and why', () => {
    const snapshot: ClusterSnapshot = {
      nodes: [{ name: 'cp', ready: false, detail: 'KubeletNotReady: cni plugin not initialized' }],
      workloads: [{ kind: 'Deployment', namespace: 'kube-system', name: 'coredns', desired: 2, ready: 0 }],
    };
    expect(evaluateReadiness(snapshot, [CALICO_NODE, COREDNS])).to.deep.equal([
      { name: 'node', ready: false, detail: 'not Ready: cp (KubeletNotReady: cni plugin not initialized)' },
      { name: 'calico-node', ready: false, detail: 'daemonset kube-system/calico-node not found' },
      { name: 'CoreDNS', ready: false, detail: '0/2 ready' },
    ]);
  });

  it('waits for every expected node to register', () => {
    expect(evaluateReadiness(ready, [], 2)[0]).to.deep.equal({
      name: 'node',
      ready: false,
      detail: '1 of 2 nodes registered',
    });
  });

  it('does not count a DaemonSet scheduled nowhere as ready', () => {
    const snapshot = {
      nodes: [],
      workloads: [{ kind: 'DaemonSet' as const, namespace: 'kube-system', name: 'calico-node', desired: 0, ready: 0 }],
    };
    expect(evaluateReadiness(snapshot, [CALICO_NODE]).map((c) => c.ready)).to.deep.equal([false, false]);
  });

  it('checks cluster DNS by its pods, whatever deployed them', () => {
    const pods = (desired: number, ready: number): ClusterSnapshot => ({
      nodes: [{ name: 'n', ready: true }],
      workloads: [{ kind: 'Pods', namespace: 'kube-system', name: 'k8s-app=kube-dns', desired, ready }],
    });
    expect(evaluateReadiness(pods(2, 2), [CLUSTER_DNS_PODS])[1]).to.deep.equal({
      name: 'cluster DNS',
      ready: true,
      detail: '2/2 ready',
    });
    expect(evaluateReadiness(pods(0, 0), [CLUSTER_DNS_PODS])[1]).to.deep.equal({
      name: 'cluster DNS',
      ready: false,
      detail: 'no pods k8s-app=kube-dns in kube-system',
    });
  });

  it('does not trust a Ready condition whose heartbeat is stale (a restarted cluster)', () => {
    const snapshot = (age: number): ClusterSnapshot => ({
      nodes: [{ name: 'cp', ready: true, heartbeatAgeSeconds: age }],
      workloads: [],
    });
    expect(evaluateReadiness(snapshot(5), [])[0]).to.deep.equal({ name: 'node', ready: true, detail: '1 Ready' });
    expect(evaluateReadiness(snapshot(300), [])[0]).to.deep.equal({
      name: 'node',
      ready: false,
      detail: 'not Ready: cp (Ready is stale: the kubelet last renewed its lease 300 s ago (restarting?))',
    });
  });
});
