import { expect } from 'chai';
import { evaluateProbe } from '../model/probe.js';
import type { Flow } from '../reachability/flows.js';
import { worldsByStep } from '../reachability/world.js';
import { loadScenarios } from '../scenario/load.js';
import { parseScenario } from '../scenario/parse.js';
import { expectationLine, reachLine, rejectedLines } from './audit.js';

const webAllow = (from: string, extra = '') => `
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

// v1 is accepted, v2 (a typo) rejected while v1 stays in force, v3 replaces both.
const SCENARIO = `apiVersion: netpol-harness/v1
kind: Scenario
name: audit
source: { file: doc.txt, section: S }
workloads:
  - { name: web, image: nginx, labels: { app: web }, ports: [{ containerPort: 80 }] }
clients:
  - { name: a, image: alpine, labels: { app: a } }
  - { name: b, image: alpine, labels: { app: b } }
policies:
  - id: v1
    manifest: |${webAllow('a').replace(/\n/g, '\n  ')}
  - id: v2-typo
    manifest: |${webAllow('b', '\n          portz: []').replace(/\n/g, '\n  ')}
  - id: v3
    manifest: |${webAllow('b').replace(/\n/g, '\n  ')}
steps:
  - name: v1
    derived: true
    apply: [v1]
    expect: ["a -> pod/web:80 allowed", "b -> pod/web:80 blocked"]
  - name: v2
    derived: true
    apply: [v2-typo]
    expect: ["b -> pod/web:80 allowed", "b -> http://web allowed"]
  - name: v3
    derived: true
    apply: [v3]
    expect: ["b -> pod/web:80 allowed wget", "b -> pod/web:80 blocked nc"]
`;

const scenario = parseScenario('audit.yaml', SCENARIO, () => undefined);
const states = worldsByStep(scenario);
const flow = (from: string, pod = 'web'): Flow => ({
  from: { namespace: 'default', name: from },
  target: { kind: 'pod', pod, namespace: 'default' },
  targetText: `pod/${pod}:80`,
  port: 80,
  protocol: 'TCP',
});

describe('explain audit', () => {
  it('a rejected policy is named first, until something replaces it; an older version stays in force', () => {
    const typo = 'spec.ingress[0].portz: strict decoding error: unknown field "spec.ingress[0].portz"';
    expect(rejectedLines(states, 0)).to.deep.equal([]);
    expect(rejectedLines(states, 1)).to.deep.equal([
      `web-allow was rejected: ${typo}; nothing it says is in force (the version of web-allow applied before stays)`,
    ]);
    expect(rejectedLines(states, 2)).to.deep.equal([]);
    const [admin] = loadScenarios(['scenarios/000-common-use-cases-admin-interface.yaml']);
    const adminStates = worldsByStep(admin!);
    expect(rejectedLines(adminStates, 1)).to.deep.equal([
      'web-admin was rejected: spec.ingress[0].ports[0].name: strict decoding error: unknown field "spec.ingress[0].ports[0].name"; spec.ingress[1].ports[0].name: strict decoding error: unknown field "spec.ingress[1].ports[0].name"; nothing it says is in force',
    ]);
  });

  it("the scenario's own expectation for the flow, and whether the model agrees", () => {
    expect(expectationLine(states, 0, flow('b'), 'blocked')).to.equal(
      'expected: blocked (line 55, nc, derived); the model agrees',
    );
    expect(expectationLine(states, 1, flow('b'), 'blocked')).to.equal(
      'expected: allowed (line 59, nc, derived); the model disagrees',
    );
    expect(expectationLine(states, 2, flow('b'), 'allowed')).to.equal(
      'expected: allowed (line 63, wget, derived); blocked (line 63, nc, derived); the model disagrees with 1 of 2',
    );
    expect(expectationLine(states, 1, flow('a'), 'allowed')).to.equal(
      'expected: no row of this step probes this flow (step 1/3 "v1" expects allowed)',
    );
    expect(expectationLine(states, 1, flow('a', 'b'), 'allowed')).to.equal(
      'expected: no row of the scenario probes this flow',
    );
    expect(expectationLine(states, 1, flow('b'), 'undefined')).to.equal(
      'expected: allowed (line 59, nc, derived); the spec leaves it open',
    );
  });

  it('a flow decided outside the policy engine says why; one the policies decide adds nothing', () => {
    const world = states[2]!.world;
    const lineFor = (f: Flow) =>
      reachLine(world, f, evaluateProbe(world, { ...f, from: { pod: f.from.name, namespace: f.from.namespace } }));
    expect(lineFor(flow('b'))).to.equal(undefined);
    expect(lineFor({ ...flow('b'), target: { kind: 'ip', ip: '52.1.2.3' }, targetText: '52.1.2.3:80' })).to.equal(
      'decided partly outside the policy engine: 52.1.2.3 is outside the cluster, where no policy applies; policy decides only the egress of default/b',
    );
    expect(lineFor({ ...flow('b'), target: { kind: 'localhost' }, targetText: 'localhost:80' })).to.equal(
      'decided outside the policy engine: loopback inside pod default/b, which NetworkPolicy does not govern',
    );
  });
});
