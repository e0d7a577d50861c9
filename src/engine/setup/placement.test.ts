import { expect } from 'chai';
import type { NodeInfo } from '../../kube/types.js';
import type { NodePlacement } from '../../scenario/node-placement.js';
import type { ScenarioPod } from '../../scenario/types.js';
import { nodePairOf, placedOn, placementNodes, placePods } from './placement.js';
import { canaryManifests } from '../preflight/preflight-canary.js';

const pod = (name: string, node?: NodePlacement): ScenarioPod => ({
  name,
  namespace: 'default',
  labels: {},
  image: 'nginx',
  role: 'workload',
  kind: 'Pod',
  containerName: name,
  containerPorts: [],
  listening: [],
  line: 1,
  ...(node ? { node } : {}),
});

const CONTROL_PLANE = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

describe('placement: which nodes', () => {
  const cases: [string, NodeInfo[], { names: string[]; tolerateControlPlane: boolean }][] = [
    ['one node: nothing to place', [{ name: 'n1', ready: true }], { names: ['n1'], tolerateControlPlane: false }],
    [
      "kind's two nodes: the worker and the tolerated control plane",
      [
        { name: 'kind-worker', ready: true, taints: [] },
        { name: 'kind-control-plane', ready: true, taints: [CONTROL_PLANE] },
      ],
      { names: ['kind-control-plane', 'kind-worker'], tolerateControlPlane: true },
    ],
    [
      'two free workers: the control plane is left alone',
      [
        { name: 'cp', ready: true, taints: [CONTROL_PLANE] },
        { name: 'w2', ready: true },
        { name: 'w1', ready: true },
      ],
      { names: ['w1', 'w2'], tolerateControlPlane: false },
    ],
    [
      'a node not Ready, or tainted otherwise, is never used',
      [
        { name: 'w1', ready: true },
        { name: 'w2', ready: false },
        { name: 'w3', ready: true, taints: [{ key: 'dedicated', effect: 'NoSchedule' }] },
        { name: 'cp', ready: true, taints: [{ ...CONTROL_PLANE, effect: 'NoExecute' }] },
      ],
      { names: ['w1'], tolerateControlPlane: false },
    ],
  ];
  for (const [title, nodes, want] of cases) it(title, () => expect(placementNodes(nodes)).to.deep.equal(want));
});

describe('placement: where each pod goes', () => {
  const nodes = ['n1', 'n2'];

  it('spreads pods round the nodes in declared order, so that both pair types occur', () => {
    const placed = placePods([pod('web'), pod('a'), pod('b')], nodes);
    expect([...placed]).to.deep.equal([
      ['default/web', 'n1'],
      ['default/a', 'n2'],
      ['default/b', 'n1'],
    ]);
  });

  it('places same-as and other-than after their pod, follows chains, and leaves `any` to the scheduler', () => {
    const placed = placePods(
      [
        pod('c', { kind: 'same-as', pod: 'default/b' }),
        pod('b', { kind: 'other-than', pod: 'default/a' }),
        pod('a'),
        pod('s', { kind: 'any' }),
        pod('d'),
      ],
      nodes,
    );
    expect(Object.fromEntries(placed)).to.deep.equal({
      'default/a': 'n1',
      'default/d': 'n2',
      'default/b': 'n2',
      'default/c': 'n2',
    });
  });

  it('other-than goes to the next node on three', () => {
    const placed = placePods([pod('a'), pod('b'), pod('c', { kind: 'other-than', pod: 'default/b' })], ['x', 'y', 'z']);
    expect(placed.get('default/c')).to.equal('z');
  });

  it('places nothing on one node', () => {
    expect(placePods([pod('a'), pod('b', { kind: 'other-than', pod: 'default/a' })], ['n1']).size).to.equal(0);
  });

  it('binds the manifest to its node, with the control-plane toleration when asked', () => {
    const m = placedOn({ kind: 'Pod', spec: { containers: [] } }, 'kind-control-plane', true);
    expect(m.spec).to.deep.equal({
      containers: [],
      nodeName: 'kind-control-plane',
      tolerations: [
        { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
      ],
    });
    expect(placedOn({ spec: {} }, 'w1', false).spec).to.deep.equal({ nodeName: 'w1' });
  });

  it('names the pair type only when both nodes are known', () => {
    expect([nodePairOf('a', 'a'), nodePairOf('a', 'b'), nodePairOf(undefined, 'b')]).to.deep.equal([
      'same-node',
      'cross-node',
      undefined,
    ]);
  });
});

describe('placement: the preflight canaries', () => {
  const opts = { runId: 'r1', images: { images: {} }, offline: false, podReadyTimeoutSeconds: 1, pollIntervalMs: 0 };
  it('go to two different nodes when there are two, and where the scheduler puts them on one', () => {
    const nodeOf = (m: Record<string, unknown>) => (m.spec as { nodeName?: string }).nodeName;
    const two = canaryManifests('ns', opts, { names: ['cp', 'w'], tolerateControlPlane: true });
    expect(two.map(nodeOf)).to.deep.equal(['cp', 'w']);
    expect(canaryManifests('ns', opts, { names: ['n1'], tolerateControlPlane: false }).map(nodeOf)).to.deep.equal([
      undefined,
      undefined,
    ]);
  });
});
