import { expect } from 'chai';
import { capturePolicy } from './policy-manifest.js';

describe('capturePolicy', () => {
  it('removes what the server filled in, renames namespaces, and lists both', () => {
    const captured = capturePolicy(
      {
        metadata: {
          name: 'allow-frontend',
          namespace: 'shop-abc123-backend',
          uid: 'u-1',
          resourceVersion: '42',
          generation: 1,
          creationTimestamp: '2026-11-29T05:08:50Z',
          managedFields: [{ manager: 'kubectl' }],
          labels: { team: 'shop' },
          annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', owner: 'ops' },
        },
        spec: {
          podSelector: { matchLabels: { app: 'db' } },
          ingress: [
            {
              from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop-abc123-frontend' } } }],
            },
          ],
          policyTypes: ['Ingress'],
        },
        status: {},
      },
      new Map([
        ['shop-abc123-backend', 'backend'],
        ['shop-abc123-frontend', 'frontend'],
      ]),
    );
    expect(captured.removed).to.deep.equal([
      'metadata.uid',
      'metadata.resourceVersion',
      'metadata.generation',
      'metadata.creationTimestamp',
      'metadata.managedFields',
      'metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]',
      'status',
    ]);
    expect(captured.renamed).to.deep.equal([
      'metadata.namespace: shop-abc123-backend -> backend',
      'spec.ingress[0].from[0].namespaceSelector kubernetes.io/metadata.name: shop-abc123-frontend -> frontend',
    ]);
    expect(captured.text).to.equal(
      [
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata:',
        '  name: allow-frontend',
        '  namespace: backend',
        '  labels:',
        '    team: shop',
        '  annotations:',
        '    owner: ops',
        'spec:',
        '  podSelector:',
        '    matchLabels:',
        '      app: db',
        '  ingress:',
        '    - from:',
        '        - namespaceSelector:',
        '            matchLabels:',
        '              kubernetes.io/metadata.name: frontend',
        '  policyTypes:',
        '    - Ingress',
        '',
      ].join('\n'),
    );
  });
});
