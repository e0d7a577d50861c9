import { expect } from 'chai';
import { FakeKubeClient } from '../../testing/fake-kube.js';
import { impersonating } from '../../kube/api-request.js';
import { KubeConfig } from '@kubernetes/client-node';
import { parseScenario } from '../../scenario/parse.js';
import { manifestForRun, runApiCalls } from './api-steps.js';
import type { PolicyChange } from '../types.js';

const SCENARIO = `apiVersion: netpol-harness/v1
kind: Scenario
name: rbac
source: { file: 001_5f6841d6eea2b153.txt, section: Security Considerations }
namespaces:
  - name: production
clients:
  - name: malicious-pod
    namespace: production
    image: alpine
policies:
  - id: deny
    namespace: production
    manifest: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: deny }
      spec: { podSelector: {} }
steps:
  - name: rbac
    section: Security Considerations
    apply: [deny]
    api:
      - { applied: deny, expect: created }
      - create: |
          apiVersion: rbac.authorization.k8s.io/v1
          kind: RoleBinding
          metadata: { name: attacker-no-label-changes }
          roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: no-label-changes }
          subjects: [{ kind: ServiceAccount, name: attacker, namespace: production }]
        namespace: production
        expect: created
      - { label: { pod: malicious-pod, labels: { app: bookstore } }, namespace: production, as: production/attacker, expect: forbidden, reason: 'cannot patch resource "pods"' }
      - { get: pod/malicious-pod, namespace: production, as: production/attacker, expect: ok }
      - { get: networkpolicy/nope, namespace: production, expect: not-found }
      - { list: pods, namespace: production, as: production/attacker, expect: forbidden }
`;

describe('runApiCalls', () => {
  const scenario = parseScenario('s.yaml', SCENARIO, () => undefined);
  const mapping = new Map([['production', 'r1-production']]);
  const changes: PolicyChange[] = [
    {
      policyId: 'deny',
      action: 'apply',
      namespace: 'r1-production',
      name: 'deny',
      result: { accepted: true, operation: 'created' },
    },
  ];

  it('sends each request as written, as the service account where given, and classes the answers', async () => {
    // RBAC as the document's Role grants it: the attacker may get and list pods, not patch them.
    const kube = new FakeKubeClient({
      authorize: (user, verb, resource) => user === undefined || (resource === 'pods' && verb === 'get'),
    });
    await kube.createNamespace('r1-production', {});
    await kube.create({
      kind: 'Pod',
      metadata: { name: 'malicious-pod', namespace: 'r1-production', labels: { run: 'malicious-pod' } },
    });
    const calls = scenario.steps[0]?.api ?? [];
    const records = await runApiCalls(kube, calls, mapping, 'r1', changes, [
      { policyId: 'deny', action: 'apply', accepted: ['deny'], replaced: [], rejected: [] },
    ]);
    expect(records.map((r) => [r.call.text, r.model ?? '-', r.live, r.verdict])).to.deep.equal([
      ['apply deny', 'created', 'created', 'pass'],
      ['create rolebinding attacker-no-label-changes', '-', 'created', 'pass'],
      ['label pod malicious-pod app=bookstore as production/attacker', '-', 'forbidden', 'pass'],
      ['get pod malicious-pod as production/attacker', '-', 'ok', 'pass'],
      ['get networkpolicy nope', '-', 'not-found', 'pass'],
      ['list pods as production/attacker', '-', 'forbidden', 'pass'],
    ]);
    expect(records[2]?.message).to.equal(
      'pods "malicious-pod" is forbidden: User "system:serviceaccount:r1-production:attacker" cannot patch resource "pods" in API group "" in the namespace "r1-production"',
    );
    expect(kube.pods.get('r1-production/malicious-pod')?.labels).to.deep.equal({ run: 'malicious-pod' });
    const binding = kube.objects.get('RoleBinding/r1-production/attacker-no-label-changes')?.manifest as {
      subjects: { namespace: string }[];
      metadata: { labels: Record<string, string> };
    };
    expect(binding.subjects[0]?.namespace).to.equal('r1-production');
    expect(binding.metadata.labels).to.include({
      'app.kubernetes.io/managed-by': 'netpol-harness',
      'netpol-harness.io/run-id': 'r1',
    });
  });

  it('contradicts the document when the answer class or its words differ', async () => {
    const kube = new FakeKubeClient();
    await kube.createNamespace('r1-production', {});
    await kube.create({ kind: 'Pod', metadata: { name: 'malicious-pod', namespace: 'r1-production' } });
    const label = (scenario.steps[0]?.api ?? [])[2];
    if (!label) throw new Error('no label call');
    const [r] = await runApiCalls(kube, [label], mapping, 'r1', [], []);
    expect([r?.live, r?.verdict, r?.why]).to.deep.equal([
      'ok',
      'contradicted',
      'expected forbidden, the API server answered ok (200)',
    ]);
    const [applied] = await runApiCalls(
      kube,
      [{ ...(scenario.steps[0]?.api ?? [])[0]!, expected: ['configured'] }],
      mapping,
      'r1',
      changes,
      [],
    );
    expect([applied?.live, applied?.verdict, applied?.message]).to.deep.equal([
      'created',
      'contradicted',
      'networkpolicy "deny" created',
    ]);
  });
});

describe('manifestForRun', () => {
  it('puts the object in the real namespace with the harness labels; other subjects stay as written', () => {
    const m = manifestForRun(
      { kind: 'RoleBinding', metadata: { name: 'b', labels: { a: 'b' } }, subjects: [{ kind: 'User', name: 'jane' }] },
      'production',
      new Map([['production', 'real']]),
      'r9',
    );
    expect(m).to.deep.equal({
      kind: 'RoleBinding',
      metadata: {
        name: 'b',
        namespace: 'real',
        labels: { a: 'b', 'app.kubernetes.io/managed-by': 'netpol-harness', 'netpol-harness.io/run-id': 'r9' },
      },
      subjects: [{ kind: 'User', name: 'jane' }],
    });
  });
});

describe('impersonating', () => {
  it('keeps cluster and credentials and adds Impersonate-User to every request', async () => {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'c', server: 'https://127.0.0.1:6443', skipTLSVerify: true }],
      users: [{ name: 'admin', token: 't0k' }],
      contexts: [{ name: 'ctx', cluster: 'c', user: 'admin' }],
      currentContext: 'ctx',
    });
    const as = impersonating(kc, 'system:serviceaccount:ns:attacker');
    const opts: { headers?: Record<string, string> } = {};
    await as.applyToHTTPSOptions(opts as never);
    expect(opts.headers).to.deep.include({
      'Impersonate-User': 'system:serviceaccount:ns:attacker',
      Authorization: 'Bearer t0k',
    });
    expect(as.getCurrentCluster()?.server).to.equal('https://127.0.0.1:6443');
    const plain: { headers?: Record<string, string> } = {};
    await kc.applyToHTTPSOptions(plain as never);
    expect(plain.headers?.['Impersonate-User']).to.equal(undefined);
  });
});
