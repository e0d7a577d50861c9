import { expect } from 'chai';
import type { PodInfo, WorkloadInfo } from '../../kube/types.js';
import { dependenciesOf, describeDependency } from './environment-deps.js';
import {
  describeFault,
  FAILED_POLLS_BEFORE_FAULT,
  FaultRecorder,
  problemsIn,
  timeOfDay,
  type EnvironmentSnapshot,
} from './environment-health.js';

const calicoNode: WorkloadInfo = {
  kind: 'DaemonSet',
  namespace: 'kube-system',
  name: 'calico-node',
  podSelector: { 'k8s-app': 'calico-node' },
  desired: 2,
  ready: 2,
};
const controllers: WorkloadInfo = {
  kind: 'Deployment',
  namespace: 'kube-system',
  name: 'calico-kube-controllers',
  podSelector: { 'k8s-app': 'calico-kube-controllers' },
  desired: 1,
  ready: 1,
};
const coredns: WorkloadInfo = {
  kind: 'Deployment',
  namespace: 'kube-system',
  name: 'coredns',
  podSelector: { 'k8s-app': 'kube-dns' },
  desired: 1,
  ready: 1,
};
const other: WorkloadInfo = {
  kind: 'Deployment',
  namespace: 'kube-system',
  name: 'metrics-server',
  podSelector: { 'k8s-app': 'metrics-server' },
  desired: 1,
  ready: 0,
};
const DEPS = dependenciesOf([calicoNode, controllers, coredns, other]);

function pod(name: string, app: string, node: string, extra: Partial<PodInfo> = {}): PodInfo {
  return {
    name,
    namespace: 'kube-system',
    node,
    ready: true,
    phase: 'Running',
    labels: { 'k8s-app': app },
    restarts: 0,
    ...extra,
  };
}

function healthy(): EnvironmentSnapshot {
  return {
    nodes: [
      { name: 'cp', ready: true },
      { name: 'w1', ready: true },
    ],
    workloads: [calicoNode, controllers, coredns],
    pods: [
      pod('calico-node-a', 'calico-node', 'cp'),
      pod('calico-node-b', 'calico-node', 'w1'),
      pod('kc-1', 'calico-kube-controllers', 'cp'),
      pod('coredns-1', 'kube-dns', 'w1'),
    ],
  };
}

/** The snapshot without calico-node's pod on w1 (the DaemonSet no longer schedules it there). */
function calicoGoneFromW1(): EnvironmentSnapshot {
  const s = healthy();
  return {
    ...s,
    workloads: [{ ...calicoNode, desired: 1, ready: 1 }, controllers, coredns],
    pods: s.pods.filter((p) => p.name !== 'calico-node-b'),
  };
}

const at = (t: number) => ({ startedMs: t * 1000, endedMs: t * 1000 + 200 });

describe('dependenciesOf', () => {
  it('picks the CNI agents, kube-proxy and cluster DNS, nothing else', () => {
    const proxy: WorkloadInfo = {
      kind: 'DaemonSet',
      namespace: 'kube-system',
      name: 'kube-proxy',
      podSelector: { 'k8s-app': 'kube-proxy' },
      desired: 1,
      ready: 1,
    };
    const cilium: WorkloadInfo = {
      kind: 'DaemonSet',
      namespace: 'kube-system',
      name: 'cilium',
      podSelector: { 'k8s-app': 'cilium' },
      desired: 1,
      ready: 1,
    };
    const deps = dependenciesOf([calicoNode, controllers, coredns, other, proxy, cilium]);
    expect(deps.map((d) => `${d.role}:${describeDependency(d)}`)).to.deep.equal([
      'cni:calico-node (DaemonSet kube-system)',
      'cni:calico-kube-controllers (Deployment kube-system)',
      'dns:coredns (Deployment kube-system)',
      'service-proxy:kube-proxy (DaemonSet kube-system)',
      'cni:cilium (DaemonSet kube-system)',
    ]);
  });
});

describe('problemsIn', () => {
  it('finds nothing wrong in a healthy cluster', () => {
    expect(problemsIn(DEPS, healthy())).to.deep.equal([]);
  });

  it('names the node whose CNI agent is missing, not ready or being deleted', () => {
    expect(problemsIn(DEPS, calicoGoneFromW1())).to.deep.equal([
      {
        key: 'kube-system/calico-node@w1',
        subject: 'calico-node on node w1',
        state: 'not ready',
        detail: 'no calico-node pod on the node',
      },
    ]);
    const s = healthy();
    s.pods = s.pods.map((p) =>
      p.name === 'calico-node-a'
        ? { ...p, ready: false, containerStates: 'calico-node: running, not ready' }
        : p.name === 'calico-node-b'
          ? { ...p, terminating: true }
          : p,
    );
    expect(problemsIn(DEPS, s).map((p) => `${p.subject} ${p.state}: ${p.detail}`)).to.deep.equal([
      'calico-node on node cp not ready: pod calico-node-a Running, not ready (calico-node: running, not ready)',
      'calico-node on node w1 not ready: pod calico-node-b terminating',
    ]);
  });

  it('reports a deleted DaemonSet on every node, a Deployment short of replicas, and a node not Ready', () => {
    const s = healthy();
    s.workloads = [controllers, { ...coredns, ready: 0 }];
    s.pods = s.pods
      .filter((p) => !p.name.startsWith('calico-node'))
      .map((p) => (p.name === 'coredns-1' ? { ...p, ready: false } : p));
    s.nodes = [
      s.nodes[0] as EnvironmentSnapshot['nodes'][number],
      { name: 'w1', ready: false, detail: 'NodeStatusUnknown: Kubelet stopped posting node status.' },
    ];
    expect(problemsIn(DEPS, s).map((p) => `${p.key} | ${p.subject} ${p.state} | ${p.detail}`)).to.deep.equal([
      'node/w1 | node w1 not Ready | NodeStatusUnknown: Kubelet stopped posting node status.',
      'kube-system/calico-node@cp | calico-node on node cp not ready | DaemonSet kube-system/calico-node not found',
      'kube-system/calico-node@w1 | calico-node on node w1 not ready | DaemonSet kube-system/calico-node not found',
      'kube-system/coredns | coredns not ready | 0/1 replicas ready',
    ]);
  });
  it('ignores a Deployment scaled to zero before the watch began, not one scaled to zero since', () => {
    const typha: WorkloadInfo = {
      kind: 'Deployment',
      namespace: 'calico-system',
      name: 'calico-typha',
      podSelector: { 'k8s-app': 'calico-typha' },
      desired: 0,
      ready: 0,
    };
    const s = { ...healthy(), workloads: [calicoNode, controllers, coredns, typha] };
    expect(problemsIn([...DEPS, ...dependenciesOf([typha])], s)).to.deep.equal([]);
    s.workloads = [calicoNode, controllers, { ...coredns, desired: 0, ready: 0 }, typha];
    expect(problemsIn(DEPS, s).map((p) => `${p.subject} ${p.state}: ${p.detail}`)).to.deep.equal([
      'coredns not ready: 0/0 replicas ready',
    ]);
  });
});

describe('FaultRecorder', () => {
  it('opens an interval at the last healthy poll and closes it at the first healthy one again', () => {
    const r = new FaultRecorder(DEPS);
    r.observe(at(10), healthy());
    r.observe(at(11), healthy());
    r.observe(at(12), calicoGoneFromW1());
    r.observe(at(13), calicoGoneFromW1());
    r.observe(at(40), healthy());
    expect(r.faults()).to.deep.equal([
      {
        kind: 'state',
        key: 'kube-system/calico-node@w1',
        subject: 'calico-node on node w1',
        state: 'not ready',
        detail: 'no calico-node pod on the node',
        fromMs: 11_000,
        toMs: 40_200,
      },
    ]);
  });

  it('keeps a fault open when it lasts until the end, and says so', () => {
    const r = new FaultRecorder(DEPS);
    r.observe(at(10), healthy());
    r.observe(at(12), calicoGoneFromW1());
    const [f] = r.faults();
    expect(f?.toMs).to.equal(undefined);
    expect(describeFault(f as never)).to.equal(
      'calico-node on node w1 not ready from 00:00:10, still not ready at the end',
    );
  });

  it('records a restart between two polls as an event, once', () => {
    const r = new FaultRecorder(DEPS);
    r.observe(at(10), healthy());
    const restarted = healthy();
    restarted.pods = restarted.pods.map((p) => (p.name === 'calico-node-a' ? { ...p, restarts: 1 } : p));
    r.observe(at(11), restarted);
    r.observe(at(12), restarted);
    expect(r.faults().map((f) => describeFault(f))).to.deep.equal([
      'calico-node on node cp restarted between 00:00:10 and 00:00:11',
    ]);
    expect(r.faults()[0]?.detail).to.equal('pod calico-node-a: restart count 0 → 1');
  });

  it('records an agent replaced between two polls (a new pod, Ready at once) as an event', () => {
    const r = new FaultRecorder(DEPS);
    r.observe(at(10), healthy());
    const replaced = healthy();
    replaced.pods = replaced.pods.map((p) => (p.name === 'calico-node-b' ? { ...p, name: 'calico-node-c' } : p));
    r.observe(at(11), replaced);
    expect(r.faults().map((f) => `${describeFault(f)} (${f.detail})`)).to.deep.equal([
      'calico-node on node w1 replaced between 00:00:10 and 00:00:11 (pod calico-node-b → calico-node-c)',
    ]);
  });

  it('counts failed polls as a fault only after several in a row, from the last good poll', () => {
    const r = new FaultRecorder(DEPS);
    r.observe(at(10), healthy());
    for (let i = 1; i < FAILED_POLLS_BEFORE_FAULT; i++) r.pollFailed(at(10 + i), 'connect ECONNREFUSED');
    r.observe(at(20), healthy());
    expect(r.faults()).to.deep.equal([]);
    for (let i = 1; i <= FAILED_POLLS_BEFORE_FAULT; i++) r.pollFailed(at(20 + i), 'connect ECONNREFUSED');
    r.observe(at(30), healthy());
    expect(r.faults().map((f) => `${describeFault(f)} (${f.detail})`)).to.deep.equal([
      'the cluster state unreadable from 00:00:20 to 00:00:30 (connect ECONNREFUSED)',
    ]);
  });

  it('makes a cluster it cannot watch a fault from the start, open at the end', () => {
    const r = new FaultRecorder([]);
    r.unwatchable(at(5), 'list nodes: forbidden');
    expect(r.faults().map((f) => describeFault(f))).to.deep.equal([
      'the environment could not be watched from 00:00:05, still could not be watched at the end',
    ]);
  });
});

describe('timeOfDay', () => {
  it('shows UTC hours, minutes and seconds', () => {
    expect(timeOfDay(Date.UTC(2026, 10, 29, 12, 1, 7, 900))).to.equal('12:01:07');
  });
});
