import { expect } from 'chai';
import { parseScenario } from '../scenario/parse.js';
import { checkScenario } from './check.js';
import { findingsOf } from './findings.js';
import { harnessReadingsOf } from './harness-reading.js';

/** A lab-like world: web in backend, a client in frontend, and the harness's own pods. */
const HEAD = `apiVersion: netpol-harness/v1
kind: Scenario
name: rules
source: { file: doc.txt, section: Steps }
namespaces:
  - { name: frontend, labels: { role: frontend } }
  - { name: backend, labels: { role: backend } }
workloads:
  - { name: web, namespace: backend, image: nginx, labels: { app: web }, listen: [80] }
  - { name: peer, namespace: backend, image: nginx, labels: { app: peer }, listen: [80], extra: true }
  - { name: other-web, namespace: frontend, image: nginx, labels: { app: other }, listen: [80], extra: true }
clients:
  - { name: client, namespace: frontend, image: alpine, labels: { app: client } }
  - { name: outsider, namespace: default, image: alpine, labels: { app: client }, extra: true }
policies:
  - id: deny-ingress
    namespace: backend
    manifest: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: deny-ingress, namespace: backend }
      spec: { podSelector: {}, policyTypes: [Ingress] }
  - id: or-peers
    namespace: backend
    manifest: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: or-peers, namespace: backend }
      spec:
        podSelector: { matchLabels: { app: web } }
        ingress:
          - from:
              - namespaceSelector: { matchLabels: { role: frontend } }
              - podSelector: { matchLabels: { app: client } }
  - id: ours
    namespace: backend
    origin: harness
    manifest: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: ours, namespace: backend }
      spec: { podSelector: { matchLabels: { app: web } }, policyTypes: [Ingress] }
  - id: drawn
    namespace: backend
    origin: described
    manifest: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: drawn, namespace: backend }
      spec:
        podSelector: {}
        ingress: [{ from: [{ podSelector: { matchLabels: { app: nobody } } }] }]
`;

function check(steps: string) {
  return checkScenario(parseScenario('rules.yaml', HEAD + steps, () => undefined));
}

describe("reading rules: what the harness reads into a document is not the document's defect", () => {
  it('a glossary sentence applies only where its condition holds (no egress policy, no block)', () => {
    const c = check(`steps:
  - name: deny ingress
    section: Steps
    apply: [deny-ingress]
    expect:
      - { from: web, to: "pod/frontend/other-web:80", expect: blocked, section: Glossary, quote: "all non-matching traffic is denied" }
      - { from: client, to: "pod/backend/web:80", expect: blocked, quote: "blocks ALL incoming traffic" }
`);
    const readings = harnessReadingsOf(c);
    expect(readings.map((r) => r.probe)).to.deep.equal(['backend/web → pod/frontend/other-web:80']);
    expect(readings[0]?.why).to.include('§ Glossary');
    expect(findingsOf(c)).to.deep.equal([]);
  });

  it("a block at the own side of a pod the harness added is the harness's; one at the document's pod stays a finding", () => {
    const c = check(`steps:
  - name: deny ingress
    section: Steps
    apply: [deny-ingress]
    expect:
      - { from: web, to: "pod/backend/peer:80", expect: allowed, quote: "# Allow traffic to pods within the same namespace" }
      - { from: client, to: "pod/backend/web:80", expect: allowed, quote: "client can reach web" }
`);
    expect(harnessReadingsOf(c).map((r) => r.why)).to.deep.equal([
      'the block is at the ingress of backend/peer, a pod the harness added (not in the document): deny-ingress select it there',
    ]);
    expect(findingsOf(c).map((f) => [f.kind, f.claim.split(':')[0]])).to.deep.equal([
      ['claim-contradicts-spec', 'frontend/client → pod/backend/web'],
    ]);
  });

  it("a rule that does not select a pod the harness placed says nothing of the document's", () => {
    const c = check(`steps:
  - name: or
    section: Steps
    apply: [or-peers]
    expect:
      - { from: outsider, to: "pod/backend/web:80", expect: allowed, quote: "## OR (either can match):" }
`);
    expect(harnessReadingsOf(c)[0]?.why).to.include(
      'a pod the harness added; the document says nothing about such a pod',
    );
    // Its bare podSelector matches nothing in backend: that finding is the document's manifest's own.
    expect(findingsOf(c).map((f) => f.kind)).to.deep.equal(['selector-matches-nothing']);
  });

  it("a block from a policy the harness added is the harness's", () => {
    const c = check(`steps:
  - name: ours
    section: Steps
    apply: [ours]
    expect:
      - { from: client, to: "pod/backend/web:80", expect: allowed, quote: "web is open" }
`);
    expect(harnessReadingsOf(c)[0]?.why).to.equal(
      'the block comes from ours, added by the harness (not in the document)',
    );
  });

  it("the document's probe that cannot reach the policy is a finding; the harness's probe is not, where the claim is a block", () => {
    const c = check(`steps:
  - name: deny ingress
    section: Steps
    apply: [deny-ingress]
    expect:
      - { from: client, to: "web:80", expect: blocked, quote: "curl web  # times out", command: "curl web" }
      - { from: client, to: "web:80", tool: wget, expect: blocked, quote: "web is closed" }
      - { from: client, to: "web:80", tool: curl, expect: allowed, quote: "web answers" }
`);
    expect(findingsOf(c).map((f) => [f.kind, f.quote])).to.deep.equal([
      ['probe-cannot-test', 'curl web'],
      ['claim-contradicts-spec', 'web answers'],
    ]);
    expect(harnessReadingsOf(c).map((r) => r.probe)).to.deep.equal(['frontend/client → web:80']);
  });

  it('"matches nothing" only on a manifest the document shows', () => {
    const c = check(`steps:
  - name: drawn
    section: Steps
    apply: [drawn]
`);
    expect(findingsOf(c).filter((f) => f.kind === 'selector-matches-nothing')).to.deep.equal([]);
  });
});
