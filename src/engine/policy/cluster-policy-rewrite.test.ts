import { expect } from 'chai';
import { preparePolicies } from './policy-rewrite.js';
import { ownNamespaces, scopeSuffix } from './cluster-policy-rewrite.js';

const mapping = new Map([
  ['default', 'cnp-r1-default'],
  ['gryffindor', 'cnp-r1-gryffindor'],
  ['ravenclaw', 'cnp-r1-ravenclaw'],
]);
const own = ['cnp-r1-default', 'cnp-r1-gryffindor', 'cnp-r1-ravenclaw'];
const within = { key: 'kubernetes.io/metadata.name', operator: 'In', values: own };

describe('a ClusterNetworkPolicy as sent', () => {
  const text = `apiVersion: policy.networking.k8s.io/v1beta1
kind: ClusterNetworkPolicy
metadata:
  name: egress-tcp
spec:
  tier: Admin
  priority: 8
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: ravenclaw
  egress:
    - name: to-gryffindor
      action: Deny
      to:
        - namespaces:
            matchLabels:
              kubernetes.io/metadata.name: gryffindor
        - pods:
            namespaceSelector: {}
            podSelector: { matchLabels: { app: db } }
        - networks: ['\${podIP:gryffindor/harry-potter-0}/host', 10.0.0.0/8]
`;

  it('is cluster-scoped, renamed with a suffix, labelled, its subject kept among the scenario’s namespaces', () => {
    const ipOf = (ns: string, pod: string) =>
      ns === 'gryffindor' && pod === 'harry-potter-0' ? '192.168.0.7' : undefined;
    const [p] = preparePolicies(text, 'default', mapping, 'r1', ipOf);
    const suffix = scopeSuffix(own);
    expect(p?.namespace).to.equal('');
    expect(p?.name).to.equal(`egress-tcp-${suffix}`);
    expect(p?.cluster).to.deep.equal({ apiVersion: 'policy.networking.k8s.io/v1beta1', writtenName: 'egress-tcp' });
    expect(p?.podAddresses).to.deep.equal([
      'egress[0].to[2].networks[0]: ${podIP:gryffindor/harry-potter-0}/host → 192.168.0.7/32',
    ]);
    expect(p?.manifest).to.deep.equal({
      apiVersion: 'policy.networking.k8s.io/v1beta1',
      kind: 'ClusterNetworkPolicy',
      metadata: {
        name: `egress-tcp-${suffix}`,
        labels: { 'app.kubernetes.io/managed-by': 'netpol-harness', 'netpol-harness.io/run-id': 'r1' },
      },
      spec: {
        tier: 'Admin',
        priority: 8,
        subject: {
          namespaces: {
            matchLabels: { 'kubernetes.io/metadata.name': 'cnp-r1-ravenclaw' },
            matchExpressions: [within],
          },
        },
        egress: [
          {
            name: 'to-gryffindor',
            action: 'Deny',
            to: [
              // Peers are mapped, never scoped: a rule only decides traffic of a subject pod.
              { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'cnp-r1-gryffindor' } } },
              { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'db' } } } },
              { networks: ['192.168.0.7/32', '10.0.0.0/8'] },
            ],
          },
        ],
      },
    });
  });

  it('scopes a pods subject through its namespace selector, adding to what it already requires', () => {
    const [p] = preparePolicies(
      `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: { name: all-pods }
spec:
  tier: Baseline
  priority: 1
  subject:
    pods:
      namespaceSelector:
        matchExpressions: [{ key: house, operator: Exists }]
      podSelector: {}
  ingress: [{ action: Deny, from: [{ namespaces: {} }] }]
`,
      'default',
      mapping,
      'r1',
    );
    const spec = p?.manifest.spec as { subject: unknown };
    expect(spec.subject).to.deep.equal({
      pods: {
        namespaceSelector: { matchExpressions: [{ key: 'house', operator: 'Exists' }, within] },
        podSelector: {},
      },
    });
  });

  it('gives a pods subject without a namespace selector (every namespace) one that keeps it among the scenario’s', () => {
    const [p] = preparePolicies(
      `apiVersion: policy.networking.k8s.io/v1beta1
kind: ClusterNetworkPolicy
metadata: { name: pod-selector-rules }
spec:
  tier: Admin
  priority: 20
  subject:
    pods:
      podSelector: { matchLabels: { conformance-house: gryffindor } }
  egress:
    - action: Deny
      to: [{ pods: { podSelector: { matchLabels: { conformance-house: ravenclaw } } } }]
`,
      'default',
      mapping,
      'r1',
    );
    const spec = p?.manifest.spec as { subject: unknown; egress: unknown };
    expect(spec.subject).to.deep.equal({
      pods: {
        podSelector: { matchLabels: { 'conformance-house': 'gryffindor' } },
        namespaceSelector: { matchExpressions: [within] },
      },
    });
    const [nulled] = preparePolicies(
      `apiVersion: policy.networking.k8s.io/v1beta1
kind: ClusterNetworkPolicy
metadata: { name: n }
spec:
  tier: Admin
  priority: 1
  subject: { pods: { namespaceSelector: null, podSelector: {} } }
`,
      'default',
      mapping,
      'r1',
    );
    expect((nulled?.manifest.spec as { subject: unknown }).subject).to.deep.equal({
      pods: { namespaceSelector: { matchExpressions: [within] }, podSelector: {} },
    });
    // A peer's missing namespace selector stays missing.
    expect(spec.egress).to.deep.equal([
      { action: 'Deny', to: [{ pods: { podSelector: { matchLabels: { 'conformance-house': 'ravenclaw' } } } }] },
    ]);
  });

  it('gives two copies of a world different names, and never counts the cluster’s own namespaces', () => {
    const other = new Map([...mapping].map(([k, v]) => [k, v.replace('r1', 'r2')]));
    expect(scopeSuffix(ownNamespaces(mapping))).not.to.equal(scopeSuffix(ownNamespaces(other)));
    expect(ownNamespaces(new Map([...mapping, ['kube-system', 'kube-system']]))).to.deep.equal(own);
  });
});
