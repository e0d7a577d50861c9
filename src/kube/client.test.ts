import { expect } from 'chai';
import { managedSelector, nodeInfoOf, podInfoOf } from './client.js';

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
    expect(podInfoOf(pod as never)).to.deep.equal({
      name: 'a',
      namespace: 'x',
      ready: true,
      labels: { app: 'a' },
      ip: '192.168.1.5',
      node: 'n1',
      phase: 'Running',
    });
    expect(podInfoOf({ metadata: { name: 'b', namespace: 'x' } } as never)).to.deep.equal({
      name: 'b',
      namespace: 'x',
      ready: false,
      labels: {},
    });
  });

  it('reads restarts, deletion and waiting containers into PodInfo', () => {
    const pod = {
      metadata: { name: 'calico-node-x', namespace: 'kube-system', deletionTimestamp: new Date(0) },
      spec: { nodeName: 'n1', containers: [] },
      status: {
        phase: 'Running',
        initContainerStatuses: [
          {
            name: 'install-cni',
            ready: true,
            restartCount: 1,
            state: { terminated: { exitCode: 0, reason: 'Completed' } },
          },
        ],
        containerStatuses: [
          {
            name: 'calico-node',
            ready: false,
            restartCount: 2,
            state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s' } },
          },
        ],
      },
    };
    const info = podInfoOf(pod as never);
    expect(info.restarts).to.equal(3);
    expect(info.terminating).to.equal(true);
    expect(info.containerStates).to.equal('calico-node: waiting CrashLoopBackOff: back-off 10s');
  });

  it('reads a node into NodeInfo, with the reason when not Ready', () => {
    expect(
      nodeInfoOf({ metadata: { name: 'n1' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } } as never),
    ).to.deep.equal({ name: 'n1', ready: true });
    expect(
      nodeInfoOf({
        metadata: { name: 'cp' },
        spec: {
          podCIDRs: ['10.244.0.0/24', 'fd00:10:244::/64'],
          taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
        },
        status: {
          conditions: [{ type: 'Ready', status: 'True' }],
          nodeInfo: { kubeletVersion: 'v1.34.4' },
          addresses: [
            { type: 'InternalIP', address: '172.18.0.2' },
            { type: 'InternalIP', address: 'fc00:f853:ccd:e793::2' },
            { type: 'Hostname', address: 'cp' },
          ],
        },
      } as never),
    ).to.deep.equal({
      name: 'cp',
      ready: true,
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
      kubeletVersion: 'v1.34.4',
      podCIDRs: ['10.244.0.0/24', 'fd00:10:244::/64'],
      internalIPs: ['172.18.0.2', 'fc00:f853:ccd:e793::2'],
    });
    expect(
      nodeInfoOf({
        metadata: { name: 'n2' },
        status: {
          conditions: [
            {
              type: 'Ready',
              status: 'False',
              reason: 'KubeletNotReady',
              message: 'container runtime network not ready',
            },
          ],
        },
      } as never),
    ).to.deep.equal({
      name: 'n2',
      ready: false,
      detail: 'KubeletNotReady: container runtime network not ready',
    });
    expect(nodeInfoOf({ metadata: { name: 'n3' } } as never)).to.deep.equal({
      name: 'n3',
      ready: false,
      detail: 'no Ready condition yet',
    });
  });
});
