import { expect } from 'chai';
import { managedSelector, podInfoOf } from './client.js';

describe('ClusterKubeClient helpers', () => {
  it('selects managed objects, optionally of one run', () => {
    expect(managedSelector()).to.equal('app.kubernetes.io/managed-by=netpol-harness');
    expect(managedSelector('r1')).to.equal('app.kubernetes.io/managed-by=netpol-harness,netpol-harness.io/run-id=r1');
  });

  it('reads a pod into PodInfo (Ready from its condition)', () => {
    const pod = {
      metadata: { name: 'a', namespace: 'x', labels: { app: 'a' } },
      spec: { nodeName: 'n1', containers: [] },
      status: { podIP: '192.168.1.5', phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
    };
    expect(podInfoOf(pod as never)).to.deep.equal({ name: 'a', namespace: 'x', ready: true, labels: { app: 'a' }, ip: '192.168.1.5', node: 'n1', phase: 'Running' });
    expect(podInfoOf({ metadata: { name: 'b', namespace: 'x' } } as never)).to.deep.equal({ name: 'b', namespace: 'x', ready: false, labels: {} });
  });
});
