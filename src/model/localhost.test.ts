import { expect } from 'chai';
import { evaluateProbe } from './probe.js';
import { DEFAULT_CLUSTER_FACTS, type NetworkPolicy, type World } from './types.js';

const denyAll: NetworkPolicy = {
  name: 'deny-all',
  namespace: 'default',
  podSelector: { matchLabels: {}, matchExpressions: [] },
  policyTypes: ['Ingress', 'Egress'],
  policyTypesExplicit: true,
  ingress: [],
  egress: [],
};

const world: World = {
  namespaces: [{ name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } }],
  pods: [{ name: 'backend', namespace: 'default', labels: { app: 'backend' }, containerPorts: [], listening: [{ port: 5555, protocol: 'TCP' }] }],
  services: [],
  policies: [denyAll],
  facts: DEFAULT_CLUSTER_FACTS,
};

describe('evaluateProbe: localhost (container to container)', () => {
  const probe = (port: number) => evaluateProbe(world, { from: { pod: 'backend', namespace: 'default' }, target: { kind: 'localhost' }, port, protocol: 'TCP' });

  it('is allowed under a deny-all in both directions when a container listens: no policy governs loopback', () => {
    const r = probe(5555);
    expect(r.outcome).to.equal('allowed');
    expect(r.explanation).to.deep.equal([
      'to localhost inside pod default/backend: loopback, which NetworkPolicy does not govern (pods cannot block localhost access)',
      'a container of backend listens on 5555/TCP',
    ]);
  });

  it('is refused when nothing in the pod listens', () => {
    expect(probe(8080).outcome).to.equal('refused');
  });
});
