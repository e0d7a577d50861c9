import { expect } from 'chai';
import { evaluateProbe } from '../model/probe.js';
import { parseScenario } from '../scenario/parse.js';
import { worldsByStep } from './world.js';

const policy = (from: string, extra = '') => `
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: web-allow
      spec:
        podSelector:
          matchLabels: { app: web }
        ingress:
        - from:
          - podSelector:
              matchLabels: { app: ${from} }${extra}`;

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => (l ? `  ${l}` : l))
    .join('\n');

const SCENARIO = `apiVersion: netpol-harness/v1
kind: Scenario
name: replace-by-name
source: { file: doc.txt, section: S }
workloads:
  - { name: web, image: nginx, labels: { app: web }, ports: [{ containerPort: 80 }] }
clients:
  - { name: a, image: alpine, labels: { app: a } }
  - { name: b, image: alpine, labels: { app: b } }
policies:
  - id: v1
    manifest: |${indent(policy('a'))}
  - id: v2
    manifest: |${indent(policy('b'))}
  - id: v3-typo
    manifest: |${indent(policy('a', '\n          portz: []'))}
steps:
  - { name: v1, derived: true, apply: [v1] }
  - { name: v2, derived: true, apply: [v2] }
  - { name: v3, derived: true, apply: [v3-typo] }
  - { name: delete v1, derived: true, delete: [v1] }
`;

describe('worldsByStep: apply is kubectl apply', () => {
  const scenario = parseScenario('replace.yaml', SCENARIO, () => undefined);
  const steps = worldsByStep(scenario);
  const reach = (index: number, from: string) =>
    evaluateProbe(steps[index]!.world, {
      from: { pod: from, namespace: 'default' },
      target: { kind: 'pod', pod: 'web', namespace: 'default' },
      port: 80,
      protocol: 'TCP',
    }).outcome;

  it('a policy of the same namespace/name replaces the version in force', () => {
    expect(steps[0]!.applied).to.deep.equal([
      { policyId: 'v1', action: 'apply', accepted: ['web-allow'], replaced: [], rejected: [] },
    ]);
    expect(steps[1]!.applied).to.deep.equal([
      { policyId: 'v2', action: 'apply', accepted: ['web-allow'], replaced: ['web-allow'], rejected: [] },
    ]);
    expect(steps[1]!.world.policies.map((p) => p.name)).to.deep.equal(['web-allow']);
    expect([reach(0, 'a'), reach(0, 'b'), reach(1, 'a'), reach(1, 'b')]).to.deep.equal([
      'allowed',
      'blocked',
      'blocked',
      'allowed',
    ]);
  });

  it('a rejected new version leaves the old one in force', () => {
    const rejected = steps[2]!.applied[0]!;
    expect([rejected.accepted, rejected.replaced, rejected.rejected.map((r) => r.name)]).to.deep.equal([
      [],
      [],
      ['web-allow'],
    ]);
    expect([reach(2, 'a'), reach(2, 'b')]).to.deep.equal(['blocked', 'allowed']);
  });

  it('deleting by an older entry deletes the name, whichever version is in force (kubectl delete -f)', () => {
    expect(steps[3]!.applied).to.deep.equal([
      { policyId: 'v1', action: 'delete', accepted: ['web-allow'], replaced: [], rejected: [] },
    ]);
    expect(steps[3]!.world.policies).to.deep.equal([]);
  });
});
