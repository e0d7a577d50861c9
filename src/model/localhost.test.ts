import { expect } from 'chai';
import { OUTSIDE_NAMESPACE } from '../scenario/outside.js';
import { evaluateProbe, OUTSIDE_SOURCE_NAMESPACE } from './probe.js';
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
  pods: [
    {
      name: 'backend',
      namespace: 'default',
      labels: { app: 'backend' },
      containerPorts: [],
      listening: [{ port: 5555, protocol: 'TCP' }],
    },
  ],
  services: [],
  policies: [denyAll],
  facts: DEFAULT_CLUSTER_FACTS,
};

describe('evaluateProbe: localhost (container to container)', () => {
  const probe = (port: number) =>
    evaluateProbe(world, {
      from: { pod: 'backend', namespace: 'default' },
      target: { kind: 'localhost' },
      port,
      protocol: 'TCP',
    });

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
  const outside: World = {
    ...world,
    policies: [],
    outside: [{ name: 'external-api', ip: '52.1.2.3', listening: [{ port: 443, protocol: 'TCP' }] }],
  };
  const probe = (w: World, ip: string, port: number) =>
    evaluateProbe(w, {
      from: { pod: 'backend', namespace: 'default' },
      target: { kind: 'ip', ip },
      port,
      protocol: 'TCP',
    });

  it('is allowed where egress allows and the stand-in listens, refused where it does not listen', () => {
    expect(probe(outside, '52.1.2.3', 443).outcome).to.equal('allowed');
    expect(probe(outside, '52.1.2.3', 80).outcome).to.equal('refused');
  });

  it("is blocked by egress as any outside address; one without a stand-in gets the spec's egress answer, marked not probeable", () => {
    expect(probe({ ...outside, policies: [denyAll] }, '52.1.2.3', 443).outcome).to.equal('blocked');
    expect(probe({ ...outside, policies: [denyAll] }, '52.1.2.3', 443).notProbeable).to.equal(undefined);
    const unknown = probe(outside, '8.8.8.8', 443);
    expect([unknown.outcome, unknown.notProbeable]).to.deep.equal([
      'allowed',
      '8.8.8.8 is outside the cluster: the spec decides the egress, but no probe from here reaches it',
    ]);
  });
});

describe('evaluateProbe: a probe from outside the cluster', () => {
  const allowFrom10: NetworkPolicy = {
    ...denyAll,
    name: 'allow-from-ipblock',
    policyTypes: ['Ingress'],
    ingress: [{ peers: [{ ipBlock: { cidr: '10.0.0.0/8', except: [] } }], ports: [{ protocol: 'TCP', port: 443 }] }],
  };
  const w: World = {
    ...world,
    pods: [
      {
        ...(world.pods[0] as World['pods'][number]),
        listening: [
          { port: 443, protocol: 'TCP' },
          { port: 8080, protocol: 'TCP' },
        ],
      },
    ],
    policies: [allowFrom10],
    outside: [
      { name: 'office', ip: '10.0.0.5', listening: [] },
      { name: 'external', ip: '52.1.2.3', listening: [] },
    ],
  };
  const probe = (from: string, port: number) =>
    evaluateProbe(w, {
      from: { pod: from, namespace: OUTSIDE_SOURCE_NAMESPACE },
      target: { kind: 'pod', pod: 'backend', namespace: 'default' },
      port,
      protocol: 'TCP',
    });

  it('is decided by the destination ingress alone, the source matched by ipBlocks', () => {
    expect([probe('office', 443).outcome, probe('office', 8080).outcome, probe('external', 443).outcome]).to.deep.equal(
      ['allowed', 'blocked', 'blocked'],
    );
    expect(probe('office', 443).explanation[0]).to.equal(
      'from 10.0.0.5 (office), outside the cluster, to the IP of pod default/backend',
    );
  });

  it('uses the same marker as the scenario format', () => {
    expect(OUTSIDE_SOURCE_NAMESPACE).to.equal(OUTSIDE_NAMESPACE);
  });
});
