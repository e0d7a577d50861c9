import { expect } from 'chai';
import { parseDocument } from 'yaml';
import { cnpCidrErrors, validateClusterNetworkPolicy } from './cluster-network-policy.js';

// The rules are the CRD's of sigs.k8s.io/network-policy-api v0.3.1
// (config/crd/experimental/policy.networking.k8s.io_clusternetworkpolicies.yaml): required fields,
// enums, min/max items and properties, and its CEL rules.

const HEAD = `apiVersion: policy.networking.k8s.io/v1beta1
kind: ClusterNetworkPolicy
metadata:
  name: p
spec:
`;

const GOOD_SPEC = `  tier: Admin
  priority: 10
  subject:
    namespaces: {}
`;

function issues(text: string) {
  const doc = parseDocument(text);
  const r = validateClusterNetworkPolicy(doc.contents);
  if (r.ok) return [];
  return r.issues.map((i) => {
    const offset = i.node?.range?.[0];
    const line = offset === undefined ? 0 : text.slice(0, offset).split('\n').length;
    return `${line} ${i.path}: ${i.message}`;
  });
}

const peers = (n: number, indent = '      ') => Array.from({ length: n }, () => `${indent}- namespaces: {}`).join('\n');

const ROWS: { name: string; spec: string; want: string[] }[] = [
  { name: 'a minimal policy', spec: GOOD_SPEC, want: [] },
  {
    name: 'tier is an enum',
    spec: GOOD_SPEC.replace('Admin', 'Developer'),
    want: ['6 spec.tier: Unsupported value: "Developer": supported values: "Admin", "Baseline"'],
  },
  {
    name: 'priority is 0 to 1000',
    spec: GOOD_SPEC.replace('10', '1001'),
    want: ['7 spec.priority: Invalid value: 1001: should be less than or equal to 1000'],
  },
  {
    name: 'tier and priority are required',
    spec: `  subject:\n    namespaces: {}\n`,
    want: ['6 spec.tier: Required value', '6 spec.priority: Required value'],
  },
  {
    name: 'subject: exactly one of namespaces and pods',
    spec: `  tier: Admin\n  priority: 1\n  subject:\n    namespaces: {}\n    pods:\n      podSelector: {}\n`,
    want: ['9 spec.subject: Too many: 2: must have at most 1 properties (namespaces, pods)'],
  },
  {
    name: 'pods needs a podSelector',
    spec: `  tier: Admin\n  priority: 1\n  subject:\n    pods:\n      namespaceSelector: {}\n`,
    want: ['10 spec.subject.pods.podSelector: Required value'],
  },
  {
    name: 'an unknown field (the v1alpha1 `ports`) is a strict decoding error',
    spec: `${GOOD_SPEC}  ingress:\n  - action: Deny\n    from:\n    - namespaces: {}\n    ports:\n    - portNumber: {port: 80}\n`,
    want: ['14 spec.ingress[0].ports: strict decoding error: unknown field "spec.ingress[0].ports"'],
  },
  {
    name: 'the v1alpha1 action Allow is now Accept',
    spec: `${GOOD_SPEC}  ingress:\n  - action: Allow\n    from:\n    - namespaces: {}\n`,
    want: ['11 spec.ingress[0].action: Unsupported value: "Allow": supported values: "Accept", "Deny", "Pass"'],
  },
  {
    name: 'from is required and has at least one peer',
    spec: `${GOOD_SPEC}  ingress:\n  - action: Deny\n    from: []\n`,
    want: ['12 spec.ingress[0].from: Invalid value: 0: should have at least 1 items'],
  },
  {
    name: 'at most 25 peers a rule',
    spec: `${GOOD_SPEC}  ingress:\n  - action: Deny\n    from:\n${peers(26, '    ')}\n`,
    want: ['13 spec.ingress[0].from: Too many: 26: must have at most 25 items'],
  },
  {
    name: 'at most 25 rules a direction',
    spec: `${GOOD_SPEC}  egress:\n${Array.from({ length: 26 }, () => '  - action: Deny\n    to:\n    - namespaces: {}').join('\n')}\n`,
    want: ['11 spec.egress: Too many: 26: must have at most 25 items'],
  },
  {
    name: 'an ingress peer cannot be networks',
    spec: `${GOOD_SPEC}  ingress:\n  - action: Deny\n    from:\n    - networks: [10.0.0.0/8]\n`,
    want: [
      '13 spec.ingress[0].from[0].networks: strict decoding error: unknown field "spec.ingress[0].from[0].networks"',
      '13 spec.ingress[0].from[0]: Required value: must set exactly one of namespaces, pods',
    ],
  },
  {
    name: 'networks: canonical CIDRs only (CEL)',
    spec: `${GOOD_SPEC}  egress:\n  - action: Deny\n    to:\n    - networks: [10.1.2.3/8, 10.0.0.0/8]\n`,
    want: ['13 spec.egress[0].to[0].networks[0]: Invalid value: "10.1.2.3/8": Invalid CIDR format provided'],
  },
  {
    name: 'networks is a set',
    spec: `${GOOD_SPEC}  egress:\n  - action: Deny\n    to:\n    - networks: [10.0.0.0/8, 10.0.0.0/8]\n`,
    want: ['13 spec.egress[0].to[0].networks[1]: Duplicate value: "10.0.0.0/8"'],
  },
  {
    name: 'a port range needs start < end (CEL)',
    spec: `${GOOD_SPEC}  egress:\n  - action: Deny\n    to:\n    - namespaces: {}\n    protocols:\n    - tcp:\n        destinationPort:\n          range: {start: 90, end: 80}\n`,
    want: [
      '17 spec.egress[0].protocols[0].tcp.destinationPort.range: Invalid value: "object": Start port must be less than End port',
    ],
  },
  {
    name: 'tcp needs a destinationPort (minProperties 1)',
    spec: `${GOOD_SPEC}  egress:\n  - action: Deny\n    to:\n    - namespaces: {}\n    protocols:\n    - tcp: {}\n`,
    want: ['15 spec.egress[0].protocols[0].tcp: Invalid value: 0: should have at least 1 properties'],
  },
  {
    name: 'a protocol entry sets exactly one field',
    spec: `${GOOD_SPEC}  egress:\n  - action: Deny\n    to:\n    - namespaces: {}\n    protocols:\n    - destinationNamedPort: web\n      udp: {destinationPort: {number: 53}}\n`,
    want: ['15 spec.egress[0].protocols[0]: Too many: 2: must have at most 1 properties (destinationNamedPort, udp)'],
  },
  {
    name: 'a named port cannot go with networks (CEL)',
    spec: `${GOOD_SPEC}  egress:\n  - action: Accept\n    to:\n    - networks: [10.0.0.0/8]\n    protocols:\n    - destinationNamedPort: web\n`,
    want: [
      '11 spec.egress[0]: Invalid value: "object": networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames',
    ],
  },
  {
    name: 'a port number is 1 to 65535',
    spec: `${GOOD_SPEC}  egress:\n  - action: Deny\n    to:\n    - namespaces: {}\n    protocols:\n    - udp: {destinationPort: {number: 70000}}\n`,
    want: [
      '15 spec.egress[0].protocols[0].udp.destinationPort.number: Invalid value: 70000: should be less than or equal to 65535',
    ],
  },
  {
    name: 'domain names follow the pattern',
    spec: `${GOOD_SPEC}  egress:\n  - action: Accept\n    to:\n    - domainNames: ["*.kubernetes.io", "kube*.io"]\n`,
    want: [
      `13 spec.egress[0].to[0].domainNames[1]: Invalid value: "kube*.io": should match '^(\\*\\.)?([a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.)+[a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.?$'`,
    ],
  },
  {
    name: 'a rule name is at most 100 characters',
    spec: `${GOOD_SPEC}  ingress:\n  - action: Deny\n    name: ${'n'.repeat(101)}\n    from:\n    - namespaces: {}\n`,
    want: ['12 spec.ingress[0].name: Too long: may not be more than 100 bytes'],
  },
];

describe('ClusterNetworkPolicy validation (manifest/cluster-network-policy)', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      expect(issues(HEAD + row.spec)).to.deep.equal(row.want);
    });
  }

  it('serves v1alpha2 and v1beta1, nothing else', () => {
    expect(issues((HEAD + GOOD_SPEC).replace('v1beta1', 'v1alpha2'))).to.deep.equal([]);
    expect(issues((HEAD + GOOD_SPEC).replace('v1beta1', 'v1alpha1'))).to.deep.equal([
      '1 apiVersion: Invalid value: "policy.networking.k8s.io/v1alpha1": no matches for kind "ClusterNetworkPolicy" in version "policy.networking.k8s.io/v1alpha1" (served: policy.networking.k8s.io/v1alpha2, policy.networking.k8s.io/v1beta1)',
    ]);
  });

  it('reads a CIDR as the CEL rule does: netip strict, host bits clear', () => {
    const table: [string, boolean][] = [
      ['0.0.0.0/0', true],
      ['::/0', true],
      ['10.0.0.0/8', true],
      ['fd00::/8', true],
      ['10.0.0.1/8', false],
      ['010.0.0.0/8', false],
      ['10.0.0.0/08', false],
      ['10.0.0.0', false],
      ['fd00::1/8', false],
      ['10.0.0.0/33', false],
    ];
    for (const [cidr, ok] of table) expect(cnpCidrErrors(cidr).length === 0, cidr).to.equal(ok);
  });
});
