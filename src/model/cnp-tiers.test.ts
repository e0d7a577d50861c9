import { expect } from 'chai';
import { cnp, pod, policy, world } from '../testing/world.js';
import type { ClusterNetworkPolicy } from './cnp-types.js';
import { evaluateProbe, type ModelProbe } from './probe.js';
import type { NetworkPolicy, Pod, World } from './types.js';

// The examples are the API's own: the user stories of site-src/user-stories.md (their manifests in
// site-src/user-story-examples/) and the tier, action and priority rules of site-src/api-overview.md
// and the field documentation of apis/v1beta1, sigs.k8s.io/network-policy-api v0.3.1.

const LISTEN = [
  { port: 80, protocol: 'TCP' as const },
  { port: 8080, protocol: 'TCP' as const },
  { port: 53, protocol: 'UDP' as const },
];

const PODS: Pod[] = [
  pod('sensitive-ns', 'db', { app: 'db' }, { listening: LISTEN }),
  pod('monitoring-ns', 'prom', { app: 'prom' }, { listening: LISTEN }),
  pod('foo-ns-1', 'client', { app: 'client' }, { listening: LISTEN }),
  pod(
    'bar-ns-1',
    'pub',
    { app: 'svc-pub' },
    {
      listening: [...LISTEN, { port: 8081, protocol: 'TCP' }],
      containerPorts: [{ name: 'web-alt', containerPort: 8081, protocol: 'TCP' }],
    },
  ),
  pod('bar-ns-1', 'other', { app: 'other' }, { listening: LISTEN }),
  pod('dns-ns', 'dns', { app: 'kube-dns' }, { listening: LISTEN }),
];

const STORY_1 = cnp(`
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: { name: cluster-wide-deny-example }
spec:
  tier: Admin
  priority: 10
  subject: { namespaces: { matchLabels: { kubernetes.io/metadata.name: sensitive-ns } } }
  ingress:
    - action: Deny
      name: select-all-deny-all
      from: [ { namespaces: { matchLabels: {} } } ]
`);

const STORY_2 = cnp(`
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: { name: cluster-wide-allow-example }
spec:
  tier: Admin
  priority: 30
  subject: { namespaces: {} }
  ingress:
    - action: Accept
      name: allow-monitoring-ns-ingress
      from: [ { namespaces: { matchLabels: { kubernetes.io/metadata.name: monitoring-ns } } } ]
  egress:
    - action: Accept
      name: allow-kube-dns-egress
      to:
        - pods:
            namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: dns-ns } }
            podSelector: { matchLabels: { app: kube-dns } }
`);

const STORY_3 = cnp(`
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: { name: pub-svc-delegate-example }
spec:
  tier: Admin
  priority: 20
  subject: { namespaces: {} }
  egress:
    - action: Pass
      to:
        - pods:
            namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: bar-ns-1 } }
            podSelector: { matchLabels: { app: svc-pub } }
      protocols:
        - tcp: { destinationPort: { number: 8080 } }
        - destinationNamedPort: web-alt
        - udp: { destinationPort: { number: 53 } }
`);

const STORY_5 = cnp(`
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: { name: default }
spec:
  tier: Baseline
  priority: 10
  subject: { namespaces: {} }
  ingress:
    - action: Deny
      from: [ { namespaces: {} } ]
`);

/** A CNP of one rule, for the order and priority rows. */
function one(
  name: string,
  tier: 'Admin' | 'Baseline',
  priority: number,
  direction: 'ingress' | 'egress',
  action: string,
  extra = '',
): ClusterNetworkPolicy {
  const peer = direction === 'ingress' ? 'from' : 'to';
  return cnp(`
apiVersion: policy.networking.k8s.io/v1beta1
kind: ClusterNetworkPolicy
metadata: { name: ${name} }
spec:
  tier: ${tier}
  priority: ${priority}
  subject: { namespaces: {} }
  ${direction}:
    - action: ${action}
      name: r-${name}
      ${peer}: [ { namespaces: {} } ]
${extra}`);
}

const DENY_ALL_EGRESS_FOO = policy('foo-ns-1', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
const DENY_ALL_INGRESS_SENSITIVE = policy('sensitive-ns', 'deny-ingress', {
  podSelector: {},
  policyTypes: ['Ingress'],
});
const ALLOW_ALL_INGRESS_SENSITIVE = policy('sensitive-ns', 'allow-all', { podSelector: {}, ingress: [{}] });

interface Row {
  name: string;
  cnps: ClusterNetworkPolicy[];
  nps?: NetworkPolicy[];
  from: string;
  to: string;
  port?: number;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  want: string;
  /** Words the explanation must hold: the tier, the policy, its priority, the rule, what it overrode. */
  says?: string[];
}

const ROWS: Row[] = [
  // Story 1: a non-overridable deny.
  {
    name: 'story 1: Admin Deny wins over a NetworkPolicy that allows all',
    cnps: [STORY_1],
    nps: [ALLOW_ALL_INGRESS_SENSITIVE],
    from: 'foo-ns-1/client',
    to: 'sensitive-ns/db',
    want: 'blocked',
    says: [
      'Admin tier: ClusterNetworkPolicy cluster-wide-deny-example (Admin tier, priority 10) ingress[0] "select-all-deny-all" Deny denies it',
      'overrides NetworkPolicy allow-all',
    ],
  },
  {
    name: 'story 1: other namespaces are not its subject',
    cnps: [STORY_1],
    from: 'sensitive-ns/db',
    to: 'foo-ns-1/client',
    want: 'allowed',
  },
  // Story 2: a non-overridable allow.
  {
    name: 'story 2: Admin Accept from monitoring-ns wins over a deny-all NetworkPolicy',
    cnps: [STORY_2],
    nps: [DENY_ALL_INGRESS_SENSITIVE],
    from: 'monitoring-ns/prom',
    to: 'sensitive-ns/db',
    want: 'allowed',
    says: ['ClusterNetworkPolicy cluster-wide-allow-example (Admin tier, priority 30) ingress[0]', 'Accept accepts it'],
  },
  {
    name: 'story 2: other sources fall through to the NetworkPolicy, which denies',
    cnps: [STORY_2],
    nps: [DENY_ALL_INGRESS_SENSITIVE],
    from: 'foo-ns-1/client',
    to: 'sensitive-ns/db',
    want: 'blocked',
    says: ['Admin tier: no rule of cluster-wide-allow-example matches', 'NetworkPolicy: isolated by deny-ingress'],
  },
  {
    name: 'story 2: egress Accept to DNS wins over a deny-all egress NetworkPolicy',
    cnps: [STORY_2],
    nps: [DENY_ALL_EGRESS_FOO],
    from: 'foo-ns-1/client',
    to: 'dns-ns/dns',
    port: 53,
    protocol: 'UDP',
    want: 'allowed',
  },
  {
    name: 'Accept on egress does not override the destination ingress (Deny there)',
    cnps: [STORY_2, STORY_1],
    from: 'foo-ns-1/client',
    to: 'sensitive-ns/db',
    want: 'blocked',
  },
  // Story 3: delegation with Pass.
  {
    name: 'story 3: Pass on 8080/TCP hands over to the NetworkPolicy, which denies',
    cnps: [STORY_3],
    nps: [DENY_ALL_EGRESS_FOO],
    from: 'foo-ns-1/client',
    to: 'bar-ns-1/pub',
    port: 8080,
    want: 'blocked',
    says: [
      '"pub-svc-delegate-example"'.slice(1, -1),
      'Pass passes it to NetworkPolicy',
      'denied by the NetworkPolicy tier',
    ],
  },
  {
    name: 'story 3: Pass with no NetworkPolicy: allowed by default',
    cnps: [STORY_3],
    from: 'foo-ns-1/client',
    to: 'bar-ns-1/pub',
    port: 8080,
    want: 'allowed',
  },
  {
    name: 'story 3: Pass skips a lower-precedence Admin Deny',
    cnps: [STORY_3, one('deny-rest', 'Admin', 100, 'egress', 'Deny')],
    from: 'foo-ns-1/client',
    to: 'bar-ns-1/pub',
    port: 8080,
    want: 'allowed',
    says: ['overrides ClusterNetworkPolicy deny-rest (Admin tier, priority 100) egress[0] "r-deny-rest" Deny'],
  },
  {
    name: 'story 3: the named port web-alt is 8081/TCP on the destination',
    cnps: [STORY_3, one('deny-rest', 'Admin', 100, 'egress', 'Deny')],
    from: 'foo-ns-1/client',
    to: 'bar-ns-1/pub',
    port: 8081,
    want: 'allowed',
  },
  {
    name: 'story 3: 80/TCP matches none of its protocols: the Admin Deny after it decides',
    cnps: [STORY_3, one('deny-rest', 'Admin', 100, 'egress', 'Deny')],
    from: 'foo-ns-1/client',
    to: 'bar-ns-1/pub',
    port: 80,
    want: 'blocked',
  },
  {
    name: 'story 3: another pod of bar-ns-1 is no peer of the Pass rule',
    cnps: [STORY_3, one('deny-rest', 'Admin', 100, 'egress', 'Deny')],
    from: 'foo-ns-1/client',
    to: 'bar-ns-1/other',
    port: 8080,
    want: 'blocked',
  },
  // Story 5: default guardrails.
  {
    name: 'story 5: Baseline Deny when no NetworkPolicy selects the pod',
    cnps: [STORY_5],
    from: 'foo-ns-1/client',
    to: 'sensitive-ns/db',
    want: 'blocked',
    says: [
      'NetworkPolicy: not isolated',
      'Baseline tier: ClusterNetworkPolicy default (Baseline tier, priority 10) ingress[0] Deny',
    ],
  },
  {
    name: 'story 5: a NetworkPolicy overrides the Baseline tier',
    cnps: [STORY_5],
    nps: [ALLOW_ALL_INGRESS_SENSITIVE],
    from: 'foo-ns-1/client',
    to: 'sensitive-ns/db',
    want: 'allowed',
    says: ['overrides ClusterNetworkPolicy default (Baseline tier, priority 10) ingress[0] Deny'],
  },
  // Priorities and order (api-overview "Priorities"; the spec's ingress/egress field docs).
  {
    name: 'a lower priority value has precedence',
    cnps: [one('later', 'Admin', 50, 'ingress', 'Deny'), one('first', 'Admin', 5, 'ingress', 'Accept')],
    from: 'foo-ns-1/client',
    to: 'sensitive-ns/db',
    want: 'allowed',
    says: ['first (Admin tier, priority 5)', 'overrides ClusterNetworkPolicy later (Admin tier, priority 50)'],
  },
  {
    name: 'the same priority with different actions is left to the implementation',
    cnps: [one('a', 'Admin', 7, 'ingress', 'Deny'), one('b', 'Admin', 7, 'ingress', 'Accept')],
    from: 'foo-ns-1/client',
    to: 'sensitive-ns/db',
    want: 'undefined',
    says: ['the same priority 7 match with different actions'],
  },
  {
    name: 'the same priority with the same action decides',
    cnps: [one('a', 'Admin', 7, 'ingress', 'Deny'), one('b', 'Admin', 7, 'ingress', 'Deny')],
    from: 'foo-ns-1/client',
    to: 'sensitive-ns/db',
    want: 'blocked',
  },
  {
    name: 'Admin before Baseline whatever the priorities',
    cnps: [one('base', 'Baseline', 0, 'ingress', 'Accept'), one('adm', 'Admin', 1000, 'ingress', 'Deny')],
    from: 'foo-ns-1/client',
    to: 'sensitive-ns/db',
    want: 'blocked',
  },
  {
    name: 'Baseline Pass goes to the default: allowed',
    cnps: [one('pass', 'Baseline', 1, 'ingress', 'Pass'), one('deny', 'Baseline', 2, 'ingress', 'Deny')],
    from: 'foo-ns-1/client',
    to: 'sensitive-ns/db',
    want: 'allowed',
  },
  {
    name: 'Admin Pass then no NetworkPolicy: the Baseline tier decides',
    cnps: [one('pass', 'Admin', 1, 'ingress', 'Pass'), one('deny', 'Baseline', 2, 'ingress', 'Deny')],
    from: 'foo-ns-1/client',
    to: 'sensitive-ns/db',
    want: 'blocked',
  },
  {
    name: 'a CNP with only ingress rules leaves egress alone (no implicit isolation): the destination denies',
    cnps: [one('ing', 'Admin', 1, 'ingress', 'Deny')],
    from: 'sensitive-ns/db',
    to: 'foo-ns-1/client',
    port: 8080,
    want: 'blocked',
    says: ['egress from sensitive-ns/db: not isolated', 'ingress to foo-ns-1/client: Admin tier'],
  },
  {
    name: 'port range: 8080 is in 8000-8100',
    cnps: [
      one(
        'range',
        'Admin',
        1,
        'ingress',
        'Deny',
        `      protocols: [ { tcp: { destinationPort: { range: { start: 8000, end: 8100 } } } } ]`,
      ),
    ],
    from: 'foo-ns-1/client',
    to: 'sensitive-ns/db',
    port: 8080,
    want: 'blocked',
  },
  {
    name: 'port range: 80 is not in 8000-8100',
    cnps: [
      one(
        'range',
        'Admin',
        1,
        'ingress',
        'Deny',
        `      protocols: [ { tcp: { destinationPort: { range: { start: 8000, end: 8100 } } } } ]`,
      ),
    ],
    from: 'foo-ns-1/client',
    to: 'sensitive-ns/db',
    port: 80,
    want: 'allowed',
  },
  {
    name: 'protocol: a UDP rule does not match TCP on the same port',
    cnps: [
      one('udp', 'Admin', 1, 'ingress', 'Deny', `      protocols: [ { udp: { destinationPort: { number: 80 } } } ]`),
    ],
    from: 'foo-ns-1/client',
    to: 'sensitive-ns/db',
    port: 80,
    want: 'allowed',
  },
];

function probe(w: World, from: string, to: string, port: number, protocol: 'TCP' | 'UDP' | 'SCTP') {
  const [fns, fpod] = from.split('/') as [string, string];
  const [tns, tpod] = to.split('/') as [string, string];
  const p: ModelProbe = {
    from: { namespace: fns, pod: fpod },
    target: { kind: 'pod', namespace: tns, pod: tpod },
    port,
    protocol,
  };
  return evaluateProbe(w, p);
}

describe('ClusterNetworkPolicy with NetworkPolicy: the tiers (model/cnp-tiers)', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const w = world({ pods: PODS, policies: row.nps ?? [], clusterNetworkPolicies: row.cnps });
      const r = probe(w, row.from, row.to, row.port ?? 80, row.protocol ?? 'TCP');
      expect(r.outcome, r.explanation.join('\n')).to.equal(row.want);
      for (const words of row.says ?? []) expect(r.explanation.join('\n')).to.include(words);
    });
  }

  it('without ClusterNetworkPolicies the verdicts are the NetworkPolicy ones, unchanged', () => {
    const w = world({ pods: PODS, policies: [DENY_ALL_INGRESS_SENSITIVE] });
    const r = probe(w, 'foo-ns-1/client', 'sensitive-ns/db', 80, 'TCP');
    expect(r.outcome).to.equal('blocked');
    expect(r.ingress?.tiers).to.equal(undefined);
  });
});
