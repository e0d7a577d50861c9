import { expect } from 'chai';
import { preparePolicies, writePodAddresses } from './policy-rewrite.js';

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
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'np05-r1-default' } },
                podSelector: { matchLabels: { app: 'web' } },
              },
            ],
          },
        ],
        egress: [
          {
            to: [
              {
                namespaceSelector: {
                  matchExpressions: [
                    { key: 'kubernetes.io/metadata.name', operator: 'In', values: ['np05-r1-default', 'kube-system'] },
                  ],
                },
              },
              { namespaceSelector: { matchLabels: { role: 'db' } } },
            ],
          },
        ],
      },
    });
  });

  it('puts a manifest without namespace where the entry says, and keeps invalid fields as written', () => {
    const text =
      'kind: NetworkPolicy\nmetadata: { name: bad }\nspec:\n  podSelector: {}\n  ingres: []\n---\nkind: NetworkPolicy\nmetadata: { name: two }\nspec: { podSelector: {} }\n';
    const prepared = preparePolicies(text, 'netpol-backend', mapping, 'r1');
    expect(prepared.map((p) => [p.namespace, p.name])).to.deep.equal([
      ['np05-r1-netpol-backend', 'bad'],
      ['np05-r1-netpol-backend', 'two'],
    ]);
    expect((prepared[0]?.manifest.spec as Record<string, unknown>).ingres).to.deep.equal([]);
  });

  it("writes the pods' IPs into their addresses, cidr and except, and says what it wrote", () => {
    const text = `kind: NetworkPolicy
metadata: { name: allow-client-a-via-cidr-egress-rule }
spec:
  podSelector: { matchLabels: { pod: a } }
  egress:
  - to:
    - ipBlock:
        cidr: \${podIP:default/b}/4
        except: ["\${podIP:default/b}/32", 10.0.0.0/8]
`;
    const ips: Record<string, string> = { 'default/b': '192.168.0.9' };
    const [p] = preparePolicies(text, 'default', mapping, 'r1', (ns, name) => ips[`${ns}/${name}`]);
    expect((p?.manifest.spec as { egress: unknown }).egress).to.deep.equal([
      { to: [{ ipBlock: { cidr: '192.0.0.0/4', except: ['192.168.0.9/32', '10.0.0.0/8'] } }] },
    ]);
    expect(p?.podAddresses).to.deep.equal([
      'egress[0].to[0].ipBlock.cidr: ${podIP:default/b}/4 → 192.0.0.0/4',
      'egress[0].to[0].ipBlock.except[0]: ${podIP:default/b}/32 → 192.168.0.9/32',
    ]);
    expect(() => preparePolicies(text, 'default', mapping, 'r1')).to.throw(
      'egress[0].to[0].ipBlock.cidr: pod default/b has no IP to write into ${podIP:default/b}/4',
    );
  });

  it('leaves a policy without pod addresses, and other ${…} text, as written', () => {
    const manifest = { spec: { ingress: [{ from: [{ ipBlock: { cidr: '${EXTERNAL}/32' } }, { podSelector: {} }] }] } };
    expect(writePodAddresses(manifest, () => '192.168.0.9')).to.deep.equal([]);
    expect(manifest.spec.ingress[0]?.from[0]).to.deep.equal({ ipBlock: { cidr: '${EXTERNAL}/32' } });
    const [p] = preparePolicies(
      'kind: NetworkPolicy\nmetadata: { name: two }\nspec: { podSelector: {} }\n',
      'default',
      mapping,
      'r1',
    );
    expect(p).not.to.have.property('podAddresses');
  });
});
