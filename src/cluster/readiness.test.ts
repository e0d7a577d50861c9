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
    expect(evaluateReadiness(ready, [], { expectedNodes: 2 })[0]).to.deep.equal({
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

  describe('by the pods, after a restart of Docker', () => {
    // What `up` saw on a kind cluster 7 s after Docker restarted: the DaemonSet's status still
    // said 1/1 ready (its controller was not back yet) while calico-node was failing.
    const nodeStarted = Date.parse('2026-12-07T16:23:55.600Z');
    const at = (iso: string) => Date.parse(iso);
    const snapshot = (readAt: string, pod: { ready: boolean; started?: string }): ClusterSnapshot => ({
      nodes: [{ name: 'cp', ready: true, startedMs: nodeStarted }],
      readAtMs: at(readAt),
      workloads: [
        {
          kind: 'DaemonSet',
          namespace: 'kube-system',
          name: 'calico-node',
          desired: 1,
          ready: 1,
          pods: [
            {
              name: 'calico-node-dz9fr',
              node: 'cp',
              ready: pod.ready,
              ...(pod.started ? { newestStartMs: at(pod.started) } : {}),
            },
          ],
        },
      ],
    });
    const check = (s: ClusterSnapshot) => evaluateReadiness(s, [CALICO_NODE], { settleSeconds: 10 })[1];

    it('believes the pods, not the controller count', () => {
      expect(check(snapshot('2026-12-07T16:24:02Z', { ready: false }))).to.deep.equal({
        name: 'calico-node',
        ready: false,
        detail: '0/1 ready',
      });
    });

    it('does not trust a pod status from before the node restarted', () => {
      expect(check(snapshot('2026-12-07T16:23:58Z', { ready: true, started: '2026-12-07T15:57:40Z' }))).to.deep.equal({
        name: 'calico-node',
        ready: false,
        detail: '0/1 ready (calico-node-dz9fr: status not reported since its node restarted)',
      });
    });

    it('counts a container started in the node’s first second (pod times have whole seconds)', () => {
      const s = snapshot('2026-12-07T16:24:30Z', { ready: true, started: '2026-12-07T16:23:55Z' });
      expect(check(s)?.ready).to.equal(true);
    });

    it('waits until the containers have run settleSeconds without restarting', () => {
      const settling = snapshot('2026-12-07T16:24:27Z', { ready: true, started: '2026-12-07T16:24:23Z' });
      expect(check(settling)).to.deep.equal({
        name: 'calico-node',
        ready: false,
        detail: '0/1 ready (calico-node-dz9fr started less than 10 s ago)',
      });
      const settled = snapshot('2026-12-07T16:24:33Z', { ready: true, started: '2026-12-07T16:24:23Z' });
      expect(check(settled)).to.deep.equal({ name: 'calico-node', ready: true, detail: '1/1 ready' });
    });

    it('does not wait to settle unless asked', () => {
      const s = snapshot('2026-12-07T16:24:24Z', { ready: true, started: '2026-12-07T16:24:23Z' });
      expect(evaluateReadiness(s, [CALICO_NODE])[1]?.ready).to.equal(true);
    });
  });
});
