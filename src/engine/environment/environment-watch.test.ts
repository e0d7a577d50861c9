import { expect } from 'chai';
import { kindWithCalico } from '../../testing/kind-with-calico.js';
import { StepClock } from '../../testing/step-clock.js';
import { EnvironmentWatcher } from './environment-watch.js';
import { describeFault } from './environment-health.js';

describe('EnvironmentWatcher', () => {
  it('records calico-node leaving the node and coming back, and says so as it happens', async () => {
    const k = kindWithCalico();
    const clock = new StepClock();
    const lines: string[] = [];
    const w = await EnvironmentWatcher.start(k, { pollIntervalMs: 1000, progress: (l) => lines.push(l) }, clock);
    expect(w.dependencies.map((d) => d.name)).to.deep.equal(['calico-node', 'coredns']);
    await clock.tick(); // 12:01:01 healthy
    k.pods.delete('kube-system/calico-node-abcde');
    await clock.tick(); // 12:01:02 gone
    await clock.tick(); // 12:01:03 gone
    k.pods.set('kube-system/calico-node-fghij', {
      name: 'calico-node-fghij',
      namespace: 'kube-system',
      node: 'kind-control-plane',
      ready: true,
      labels: { 'k8s-app': 'calico-node' },
      restarts: 0,
    });
    await clock.tick(); // 12:01:04 back
    const report = await w.stop();
    expect(report.faults.map((f) => describeFault(f))).to.deep.equal([
      'calico-node on node kind-control-plane not ready from 12:01:01 to 12:01:04',
    ]);
    expect(report.nodes).to.deep.equal(['kind-control-plane']);
    expect(lines).to.deep.equal([
      'environment: calico-node on node kind-control-plane not ready (no calico-node pod on the node): probes observed from now on are inconclusive',
      'environment: calico-node on node kind-control-plane not ready from 12:01:01 to 12:01:04',
    ]);
  });

  it('polls once more when stopped, so a fault of the last second counts, still open', async () => {
    const k = kindWithCalico();
    const clock = new StepClock();
    const w = await EnvironmentWatcher.start(k, { pollIntervalMs: 1000 }, clock);
    k.nodes.set('kind-control-plane', { name: 'kind-control-plane', ready: false, detail: 'KubeletNotReady' });
    const report = await w.stop();
    expect(report.faults.map((f) => describeFault(f))).to.deep.equal([
      'node kind-control-plane not Ready from 12:01:00, still not Ready at the end',
    ]);
  });

  it('turns a cluster whose workloads cannot be listed into a fault for the whole run', async () => {
    const k = kindWithCalico();
    k.failures.set('listWorkloads', 'daemonsets.apps is forbidden: User "ci" cannot list resource "daemonsets"');
    const clock = new StepClock();
    const w = await EnvironmentWatcher.start(k, { pollIntervalMs: 1000 }, clock);
    const report = await w.stop();
    expect(report.faults.map((f) => `${describeFault(f)}: ${f.detail}`)).to.deep.equal([
      'the environment could not be watched from 12:01:00, still could not be watched at the end: daemonsets.apps is forbidden: User "ci" cannot list resource "daemonsets"',
    ]);
    expect(k.calls.filter((c) => c.method === 'listNodes')).to.have.length(0);
  });

  it('reads only what it watches: nodes, and the namespaces its dependencies live in', async () => {
    const k = kindWithCalico();
    const clock = new StepClock();
    const w = await EnvironmentWatcher.start(
      k,
      { pollIntervalMs: 1000, namespaces: ['kube-system', 'calico-system'] },
      clock,
    );
    k.calls.length = 0;
    await clock.tick();
    await w.stop();
    expect(k.calls.map((c) => `${c.method}(${c.args.filter((a) => a !== undefined).join(',')})`)).to.deep.equal([
      'listNodes()',
      'listWorkloads(kube-system)',
      'listPods(kube-system)',
      'listNodes()',
      'listWorkloads(kube-system)',
      'listPods(kube-system)',
    ]);
  });
});
