import { expect } from 'chai';
import { parseDocument } from 'yaml';
import { validateNetworkPolicy } from './networkpolicy.js';

function issues(yamlText: string): string[] {
  const r = validateNetworkPolicy(parseDocument(yamlText).contents, 'default');
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
}

const head = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n';

describe('manifest: NetworkPolicy validation as the API server does it', () => {
  const cases: [string, string, string[]][] = [
    ['a valid policy', 'spec:\n  podSelector: {}\n  ingress:\n  - from: []\n', []],
    [
      'unknown field in a port (strict decoding)',
      'spec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - port: 80\n      name: http\n',
      ['spec.ingress[0].ports[0].name: strict decoding error: unknown field "spec.ingress[0].ports[0].name"'],
    ],
    [
      'endPort without port',
      'spec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - protocol: TCP\n      endPort: 10000\n',
      ['spec.ingress[0].ports[0].endPort: Invalid value: 10000: may not be specified when `port` is not specified'],
    ],
    [
      'endPort below port',
      'spec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - port: 90\n      endPort: 80\n',
      ['spec.ingress[0].ports[0].endPort: Invalid value: 90: must be greater than or equal to `port`'],
    ],
    [
      'endPort with a named port',
      'spec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - port: http\n      endPort: 80\n',
      ['spec.ingress[0].ports[0].endPort: Invalid value: 80: may not be specified when `port` is non-numeric'],
    ],
    [
      'bad protocol',
      'spec:\n  podSelector: {}\n  egress:\n  - ports:\n    - port: 53\n      protocol: ICMP\n',
      ['spec.egress[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"'],
    ],
    [
      'port out of range',
      'spec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - port: 70000\n',
      ['spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ],
    [
      'bad CIDR',
      'spec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.0/33\n',
      [
        'spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
      ],
    ],
    [
      'except outside cidr',
      'spec:\n  podSelector: {}\n  egress:\n  - to:\n    - ipBlock:\n        cidr: 10.0.0.0/8\n        except: [192.168.1.100/32]\n',
      ['spec.egress[0].to[0].ipBlock.except[0]: Invalid value: "192.168.1.100/32": must be a strict subset of `cidr`'],
    ],
    [
      'ipBlock with another peer',
      'spec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/8}\n      podSelector: {}\n',
      ['spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer'],
    ],
    [
      'an empty peer',
      'spec:\n  podSelector: {}\n  ingress:\n  - from:\n    - {}\n',
      ['spec.ingress[0].from[0]: Required value: must specify a peer'],
    ],
    [
      'In without values',
      'spec:\n  podSelector:\n    matchExpressions:\n    - {key: app, operator: In}\n',
      [
        "spec.podSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      ],
    ],
    [
      'Exists with values',
      'spec:\n  podSelector:\n    matchExpressions:\n    - {key: app, operator: Exists, values: [a]}\n',
      [
        "spec.podSelector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      ],
    ],
    [
      'bad operator',
      'spec:\n  podSelector:\n    matchExpressions:\n    - {key: app, operator: Equals, values: [a]}\n',
      ['spec.podSelector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator'],
    ],
    [
      'bad policy type',
      'spec:\n  podSelector: {}\n  policyTypes: [ingress]\n',
      ['spec.policyTypes[0]: Unsupported value: "ingress": supported values: "Egress", "Ingress"'],
    ],
    [
      'bad label value',
      'spec:\n  podSelector:\n    matchLabels: {app: "a b"}\n',
      [
        "spec.podSelector.matchLabels: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
      ],
    ],
    [
      'unknown field at spec level',
      'spec:\n  podSelector: {}\n  ingres: []\n',
      ['spec.ingres: strict decoding error: unknown field "spec.ingres"'],
    ],
    [
      'a pod address as cidr and except (the same pod, a longer prefix)',
      'spec:\n  podSelector: {}\n  egress:\n  - to:\n    - ipBlock:\n        cidr: ${podIP:x/b}/4\n        except: ["${podIP:x/b}/32"]\n',
      [],
    ],
    [
      'a pod address excepted from a wider one of the same pod only',
      'spec:\n  podSelector: {}\n  egress:\n  - to:\n    - ipBlock:\n        cidr: ${podIP:x/b}/24\n        except: ["${podIP:x/b}/24"]\n',
      ['spec.egress[0].to[0].ipBlock.except[0]: Invalid value: "${podIP:x/b}/24": must be a strict subset of `cidr`'],
    ],
    [
      'a malformed pod address is no CIDR to the API server',
      'spec:\n  podSelector: {}\n  egress:\n  - to:\n    - ipBlock:\n        cidr: ${podIP:b}/32\n',
      [
        'spec.egress[0].to[0].ipBlock.cidr: Invalid value: "${podIP:b}/32": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
      ],
    ],
  ];
  for (const [name, spec, want] of cases) {
    it(name, () => expect(issues(head + spec)).to.deep.equal(want));
  }

  it('keeps pod addresses as written, with the pod each names', () => {
    const r = validateNetworkPolicy(
      parseDocument(
        head +
          'spec:\n  podSelector: {}\n  egress:\n  - to:\n    - ipBlock:\n        cidr: ${podIP:x/b}/4\n        except: ["${podIP:x/b}/32", 10.0.0.0/8]\n',
      ).contents,
      'default',
    );
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
    expect(r.policy.egress[0]?.peers?.[0]?.ipBlock).to.deep.equal({
      cidr: '${podIP:x/b}/4',
      except: ['${podIP:x/b}/32', '10.0.0.0/8'],
      pods: {
        '${podIP:x/b}/4': { namespace: 'x', pod: 'b', bits: 4 },
        '${podIP:x/b}/32': { namespace: 'x', pod: 'b', bits: 32 },
      },
    });
  });

  it('requires a name', () => {
    expect(issues('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nspec:\n  podSelector: {}\n')).to.deep.equal([
      'metadata.name: Required value: name or generateName is required',
    ]);
  });

  it('rejects a name that is no RFC 1123 subdomain', () => {
    expect(
      issues(
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: Bad_Name\nspec:\n  podSelector: {}\n',
      )[0],
    ).to.match(/^metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
  });

  it('defaults policyTypes as the API server does', () => {
    const types = (spec: string) => {
      const r = validateNetworkPolicy(parseDocument(head + spec).contents, 'default');
      if (!r.ok) throw new Error('rejected');
      return r.policy.policyTypes;
    };
    expect(types('spec:\n  podSelector: {}\n')).to.deep.equal(['Ingress']);
    expect(types('spec:\n  podSelector: {}\n  egress:\n  - {}\n')).to.deep.equal(['Ingress', 'Egress']);
    expect(types('spec:\n  podSelector: {}\n  egress: []\n')).to.deep.equal(['Ingress']);
    expect(types('spec:\n  podSelector: {}\n  policyTypes: [Egress]\n')).to.deep.equal(['Egress']);
  });

  it('keeps empty and missing from apart from an empty rule list', () => {
    const r = validateNetworkPolicy(
      parseDocument(head + 'spec:\n  podSelector: {}\n  ingress:\n  - from: []\n  - ports: []\n').contents,
      'default',
    );
    if (!r.ok) throw new Error('rejected');
    expect(r.policy.ingress).to.deep.equal([
      { peers: undefined, ports: undefined },
      { peers: undefined, ports: undefined },
    ]);
  });
});

describe('manifest: IPv6 ipBlocks as the 1.34 API server validates them', () => {
  const block = (cidr: string, except: string[] = []): string =>
    head +
    `spec:\n  podSelector: {}\n  egress:\n  - to:\n    - ipBlock:\n        cidr: "${cidr}"\n` +
    (except.length ? `        except: [${except.map((e) => `"${e}"`).join(', ')}]\n` : '');
  const at = 'spec.egress[0].to[0].ipBlock';
  const notCidr = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
  const notSubset = 'must be a strict subset of `cidr`';
  // [name, cidr, except, issues]
  const cases: [string, string, string[], string[]][] = [
    ['a /64', 'fd00:10:244:1::/64', [], []],
    ['::/0 except a pod /128', '::/0', ['fd00:10:244:1::9/128'], []],
    ['host bits set (cleared, as without strict validation)', 'fd00:10:244:1::5/4', ['fd00:10:244:1::9/128'], []],
    ['upper case, zeros written out', 'FD00:0010:0244:0001:0:0:0:0/64', ['fd00:10:244:1::9/128'], []],
    ['an IPv4-mapped network', '::ffff:10.0.0.0/104', [], []],
    ['an IPv4-mapped except inside an IPv4 cidr (Go reads it as 10.0.0.0/8)', '0.0.0.0/0', ['::ffff:10.0.0.0/104'], []],
    ['prefix too long', 'fd00::/129', [], [`${at}.cidr: Invalid value: "fd00::/129": ${notCidr}`]],
    ['no prefix', 'fd00::1', [], [`${at}.cidr: Invalid value: "fd00::1": ${notCidr}`]],
    ['a zone', 'fe80::1%eth0/64', [], [`${at}.cidr: Invalid value: "fe80::1%eth0/64": ${notCidr}`]],
    ['brackets', '[fd00::]/64', [], [`${at}.cidr: Invalid value: "[fd00::]/64": ${notCidr}`]],
    ['two ::', 'fd00::1::/64', [], [`${at}.cidr: Invalid value: "fd00::1::/64": ${notCidr}`]],
    ['a group of five digits', 'fd000::/64', [], [`${at}.cidr: Invalid value: "fd000::/64": ${notCidr}`]],
    ['a bad except', 'fd00::/8', ['fd00::/8/8'], [`${at}.except[0]: Invalid value: "fd00::/8/8": ${notCidr}`]],
    ['except equal to cidr', 'fd00::/8', ['fd00::/8'], [`${at}.except[0]: Invalid value: "fd00::/8": ${notSubset}`]],
    [
      'except the same network written with host bits',
      'fd00:10:244::/56',
      ['fd00:10:244::9/56'],
      [`${at}.except[0]: Invalid value: "fd00:10:244::9/56": ${notSubset}`],
    ],
    [
      'except wider than cidr',
      'fd00:10:244::/56',
      ['fd00::/8'],
      [`${at}.except[0]: Invalid value: "fd00::/8": ${notSubset}`],
    ],
    [
      'except outside cidr',
      'fd00:10:244::/56',
      ['fd00:10:245::/64'],
      [`${at}.except[0]: Invalid value: "fd00:10:245::/64": ${notSubset}`],
    ],
    [
      'an IPv4 except in an IPv6 cidr',
      '::/0',
      ['10.0.0.0/8'],
      [`${at}.except[0]: Invalid value: "10.0.0.0/8": ${notSubset}`],
    ],
    [
      'an IPv6 except in an IPv4 cidr',
      '0.0.0.0/0',
      ['fd00::/8'],
      [`${at}.except[0]: Invalid value: "fd00::/8": ${notSubset}`],
    ],
    [
      'an IPv4-mapped except in ::/0 (Go reads it as IPv4)',
      '::/0',
      ['::ffff:10.0.0.0/104'],
      [`${at}.except[0]: Invalid value: "::ffff:10.0.0.0/104": ${notSubset}`],
    ],
    [
      'each except entry on its own',
      'fd00:10:244::/56',
      ['fd00:10:244:1::9/128', 'fd00::/8', 'nope'],
      [
        `${at}.except[1]: Invalid value: "fd00::/8": ${notSubset}`,
        `${at}.except[2]: Invalid value: "nope": ${notCidr}`,
      ],
    ],
    [
      'a bad cidr: its excepts are not checked',
      'fd00::/200',
      ['10.0.0.0/8'],
      [`${at}.cidr: Invalid value: "fd00::/200": ${notCidr}`],
    ],
  ];
  for (const [name, cidr, except, want] of cases) {
    it(name, () => expect(issues(block(cidr, except))).to.deep.equal(want));
  }

  it('keeps the values as written; the model reads them', () => {
    const r = validateNetworkPolicy(parseDocument(block('FD00::1/8', ['fd00:10:244::9/128'])).contents, 'default');
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
    expect(r.policy.egress[0]?.peers?.[0]?.ipBlock).to.deep.equal({
      cidr: 'FD00::1/8',
      except: ['fd00:10:244::9/128'],
    });
  });

  it('points at the bad entry itself: its line and column', () => {
    const doc = block('fd00::/8', ['fd00::/16', 'fd00::/4']);
    const r = validateNetworkPolicy(parseDocument(doc).contents, 'default');
    if (r.ok) throw new Error('accepted');
    const offset = r.issues[0]?.node?.range?.[0] ?? -1;
    const lines = doc.slice(0, offset).split('\n');
    expect([lines.length, (lines[lines.length - 1] as string).length + 1]).to.deep.equal([11, 31]);
  });
});
