import { expect } from 'chai';
import { preparePolicies } from './policy-rewrite.js';

const mapping = new Map([
  ['default', 'np05-r1-default'],
  ['netpol-backend', 'np05-r1-netpol-backend'],
]);

describe('preparePolicies', () => {
  it('maps the namespace, metadata.name selectors in both directions, and adds the harness labels', () => {
    const text = `kind: NetworkPolicy
apiVersion: networking.k8s.io/v1
metadata:
  name: allow-frontend
  namespace: netpol-backend
spec:
  podSelector: {}
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: default
      podSelector: { matchLabels: { app: web } }
  egress:
  - to:
    - namespaceSelector:
        matchExpressions:
        - { key: kubernetes.io/metadata.name, operator: In, values: [default, kube-system] }
    - namespaceSelector: { matchLabels: { role: db } }
`;
    const [p] = preparePolicies(text, 'default', mapping, 'r1');
    expect(p?.namespace).to.equal('np05-r1-netpol-backend');
    expect(p?.name).to.equal('allow-frontend');
    expect(p?.manifest).to.deep.equal({
      kind: 'NetworkPolicy',
      apiVersion: 'networking.k8s.io/v1',
      metadata: {
        name: 'allow-frontend',
        namespace: 'np05-r1-netpol-backend',
        labels: { 'app.kubernetes.io/managed-by': 'netpol-harness', 'netpol-harness.io/run-id': 'r1' },
      },
      spec: {
        podSelector: {},
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'np05-r1-default' } }, podSelector: { matchLabels: { app: 'web' } } }] }],
        egress: [
          {
            to: [
              { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['np05-r1-default', 'kube-system'] }] } },
              { namespaceSelector: { matchLabels: { role: 'db' } } },
            ],
          },
        ],
      },
    });
  });

  it('puts a manifest without namespace where the entry says, and keeps invalid fields as written', () => {
    const text = 'kind: NetworkPolicy\nmetadata: { name: bad }\nspec:\n  podSelector: {}\n  ingres: []\n---\nkind: NetworkPolicy\nmetadata: { name: two }\nspec: { podSelector: {} }\n';
    const prepared = preparePolicies(text, 'netpol-backend', mapping, 'r1');
    expect(prepared.map((p) => [p.namespace, p.name])).to.deep.equal([
      ['np05-r1-netpol-backend', 'bad'],
      ['np05-r1-netpol-backend', 'two'],
    ]);
    expect((prepared[0]?.manifest.spec as Record<string, unknown>).ingres).to.deep.equal([]);
  });
});
