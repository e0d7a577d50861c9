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

describe('evaluateProbe: an outside address with a stand-in', () => {
  const outside: World = { ...world, policies: [], outside: [{ name: 'external-api', ip: '52.1.2.3', listening: [{ port: 443, protocol: 'TCP' }] }] };
  const probe = (w: World, ip: string, port: number) => evaluateProbe(w, { from: { pod: 'backend', namespace: 'default' }, target: { kind: 'ip', ip }, port, protocol: 'TCP' });

  it('is allowed where egress allows and the stand-in listens, refused where it does not listen', () => {
    expect(probe(outside, '52.1.2.3', 443).outcome).to.equal('allowed');
    expect(probe(outside, '52.1.2.3', 80).outcome).to.equal('refused');
  });

  it('is blocked by egress as any outside address, and stays undefined for addresses without a stand-in', () => {
    expect(probe({ ...outside, policies: [denyAll] }, '52.1.2.3', 443).outcome).to.equal('blocked');
    expect(probe(outside, '8.8.8.8', 443).outcome).to.equal('undefined');
  });
});
