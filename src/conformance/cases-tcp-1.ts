import { ALL, check, expr, nsIs, NS_NAME, podIs, policy, type ConformanceCase } from './spec.js';

const X_A = 'x/a';

/** The TCP context, first half: selectors (namespace, pod, both, expressions). */
export const TCP_SELECTOR_CASES: ConformanceCase[] = [
  {
    slug: 'default-deny-ingress',
    context: 'tcp',
    test: "should support a 'default-deny-ingress' policy",
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'y/a', 'y/b'],
    policies: { 'deny-ingress': policy('x', 'deny-ingress', ALL, { ingress: [] }) },
    steps: [
      {
        name: 'deny-ingress in x',
        apply: ['deny-ingress'],
        checks: [check(80, 'TCP', (t) => t.expectPeer({}, { ns: 'x' }, false))],
      },
    ],
  },
  {
    slug: 'default-deny-all',
    context: 'tcp',
    test: "should support a 'default-deny-all' policy",
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'y/a'],
    policies: { 'deny-all': policy('x', 'deny-all', ALL, { ingress: [], egress: [] }) },
    steps: [
      {
        name: 'deny-all in x',
        apply: ['deny-all'],
        checks: [check(80, 'TCP', (t) => t.expectPeer({}, { ns: 'x' }, false).expectPeer({ ns: 'x' }, {}, false))],
      },
    ],
  },
  {
    slug: 'podselector-same-namespace',
    context: 'tcp',
    test: 'should enforce policy to allow traffic from pods within server namespace based on PodSelector',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'x/c', 'y/a'],
    policies: {
      'x-a-allows-x-b': policy('x', 'x-a-allows-x-b', podIs('a'), {
        ingress: [{ from: [{ podSelector: podIs('b') }] }],
      }),
    },
    steps: [
      {
        name: 'x-a-allows-x-b',
        apply: ['x-a-allows-x-b'],
        checks: [check(80, 'TCP', (t) => t.allIngress(X_A, false).expect('x/b', X_A, true))],
      },
    ],
  },
  {
    slug: 'allow-ingress-for-target',
    context: 'tcp',
    test: 'should enforce policy to allow ingress traffic for a target',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'y/a'],
    policies: {
      'deny-all': policy('x', 'deny-all', ALL, { ingress: [] }),
      'allow-all-to-a': policy('x', 'allow-all-to-a', podIs('a'), {
        ingress: [{ from: [{ podSelector: {}, namespaceSelector: {} }] }],
      }),
    },
    steps: [
      {
        name: 'deny-all and allow-all-to-a in x',
        apply: ['deny-all', 'allow-all-to-a'],
        checks: [check(80, 'TCP', (t) => t.allIngress(X_A, true).allIngress('x/b', false))],
      },
    ],
  },
  {
    slug: 'allow-from-all-namespaces',
    context: 'tcp',
    test: 'should enforce policy to allow ingress traffic from pods in all namespaces',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    policies: {
      'allow-from-another-ns': policy('x', 'allow-from-another-ns', podIs('a'), {
        ingress: [{ from: [{ namespaceSelector: {} }] }],
      }),
    },
    steps: [{ name: 'allow-from-another-ns', apply: ['allow-from-another-ns'], checks: [check(80, 'TCP')] }],
  },
  {
    slug: 'namespaceselector-other-namespace',
    context: 'tcp',
    test: 'should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    policies: {
      'allow-client-a-via-ns-selector': policy('x', 'allow-client-a-via-ns-selector', podIs('a'), {
        ingress: [{ from: [{ namespaceSelector: nsIs('y') }] }],
      }),
    },
    steps: [
      {
        name: 'allow-client-a-via-ns-selector',
        apply: ['allow-client-a-via-ns-selector'],
        checks: [
          check(80, 'TCP', (t) =>
            t
              .expectPeer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false)
              .expectPeer({ ns: 'z' }, { ns: 'x', pod: 'a' }, false),
          ),
        ],
      },
    ],
  },
  {
    slug: 'podselector-matchexpressions',
    context: 'tcp',
    test: 'should enforce policy based on PodSelector with MatchExpressions',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'y/a'],
    policies: {
      'x-a-allows-x-b': policy('x', 'x-a-allows-x-b', podIs('a'), {
        ingress: [{ from: [{ podSelector: expr('pod', 'In', ['b']) }] }],
      }),
    },
    steps: [
      {
        name: 'x-a-allows-x-b (matchExpressions)',
        apply: ['x-a-allows-x-b'],
        checks: [check(80, 'TCP', (t) => t.allIngress(X_A, false).expect('x/b', X_A, true))],
      },
    ],
  },
  {
    slug: 'namespaceselector-matchexpressions',
    context: 'tcp',
    test: 'should enforce policy based on NamespaceSelector with MatchExpressions',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    policies: {
      'allow-ns-y-match-selector': policy('x', 'allow-ns-y-match-selector', podIs('a'), {
        ingress: [{ from: [{ namespaceSelector: expr(NS_NAME, 'In', ['y']) }] }],
      }),
    },
    steps: [
      {
        name: 'allow-ns-y-match-selector',
        apply: ['allow-ns-y-match-selector'],
        checks: [
          check(80, 'TCP', (t) =>
            t
              .expectPeer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false)
              .expectPeer({ ns: 'z' }, { ns: 'x', pod: 'a' }, false),
          ),
        ],
      },
    ],
  },
  {
    slug: 'podselector-or-namespaceselector',
    context: 'tcp',
    test: 'should enforce policy based on PodSelector or NamespaceSelector',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'x/c', 'y/a'],
    policies: {
      'allow-ns-y-match-selector': policy('x', 'allow-ns-y-match-selector', podIs('a'), {
        ingress: [{ from: [{ namespaceSelector: expr(NS_NAME, 'NotIn', ['x']) }, { podSelector: podIs('b') }] }],
      }),
    },
    steps: [
      {
        name: 'allow-ns-y-match-selector (namespace or pod)',
        apply: ['allow-ns-y-match-selector'],
        checks: [check(80, 'TCP', (t) => t.expect(X_A, X_A, false).expect('x/c', X_A, false))],
      },
    ],
  },
  {
    slug: 'podselector-and-namespaceselector',
    context: 'tcp',
    test: 'should enforce policy based on PodSelector and NamespaceSelector',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'y/a', 'y/b', 'z/b'],
    policies: {
      'allow-ns-y-podselector-and-nsselector': policy('x', 'allow-ns-y-podselector-and-nsselector', podIs('a'), {
        ingress: [{ from: [{ namespaceSelector: expr(NS_NAME, 'NotIn', ['x']), podSelector: podIs('b') }] }],
      }),
    },
    steps: [
      {
        name: 'allow-ns-y-podselector-and-nsselector',
        apply: ['allow-ns-y-podselector-and-nsselector'],
        checks: [check(80, 'TCP', (t) => t.allIngress(X_A, false).expect('y/b', X_A, true).expect('z/b', X_A, true))],
      },
    ],
  },
  {
    slug: 'multiple-podselectors-and-namespaceselectors',
    context: 'tcp',
    test: 'should enforce policy based on Multiple PodSelectors and NamespaceSelectors',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'y/a', 'y/b', 'y/c'],
    policies: {
      'allow-ns-y-z-pod-b-c': policy('x', 'allow-ns-y-z-pod-b-c', podIs('a'), {
        ingress: [
          { from: [{ namespaceSelector: expr(NS_NAME, 'NotIn', ['x']), podSelector: expr('pod', 'In', ['b', 'c']) }] },
        ],
      }),
    },
    steps: [
      {
        name: 'allow-ns-y-z-pod-b-c',
        apply: ['allow-ns-y-z-pod-b-c'],
        checks: [
          check(80, 'TCP', (t) => t.expectPeer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false).expect('y/a', X_A, false)),
        ],
      },
    ],
  },
  {
    slug: 'any-podselectors',
    context: 'tcp',
    test: 'should enforce policy based on any PodSelectors',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'x/c'],
    policies: {
      'allow-ns-x-pod-b-c': policy('x', 'allow-ns-x-pod-b-c', podIs('a'), {
        ingress: [{ from: [{ podSelector: podIs('b') }, { podSelector: podIs('c') }] }],
      }),
    },
    steps: [
      {
        name: 'allow-ns-x-pod-b-c',
        apply: ['allow-ns-x-pod-b-c'],
        checks: [check(80, 'TCP', (t) => t.allIngress(X_A, false).expect('x/b', X_A, true).expect('x/c', X_A, true))],
      },
    ],
  },
  {
    slug: 'pod-in-other-namespace',
    context: 'tcp',
    test: 'should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'],
    policies: {
      'allow-ns-y-pod-a-via-namespace-pod-selector': policy(
        'x',
        'allow-ns-y-pod-a-via-namespace-pod-selector',
        podIs('a'),
        {
          ingress: [{ from: [{ namespaceSelector: nsIs('y'), podSelector: podIs('a') }] }],
        },
      ),
    },
    steps: [
      {
        name: 'allow-ns-y-pod-a-via-namespace-pod-selector',
        apply: ['allow-ns-y-pod-a-via-namespace-pod-selector'],
        checks: [check(80, 'TCP', (t) => t.allIngress(X_A, false).expect('y/a', X_A, true))],
      },
    ],
  },
  {
    slug: 'default-ns-label-matchlabels',
    context: 'tcp',
    test: 'should enforce policy to allow traffic based on NamespaceSelector with MatchLabels using default ns label',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    policies: {
      'allow-client-a-via-ns-selector-for-immutable-ns-label': policy(
        'x',
        'allow-client-a-via-ns-selector-for-immutable-ns-label',
        podIs('a'),
        {
          ingress: [{ from: [{ namespaceSelector: nsIs('y') }] }],
        },
      ),
    },
    steps: [
      {
        name: 'allow-client-a-via-ns-selector-for-immutable-ns-label',
        apply: ['allow-client-a-via-ns-selector-for-immutable-ns-label'],
        checks: [
          check(80, 'TCP', (t) =>
            t
              .expectPeer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false)
              .expectPeer({ ns: 'z' }, { ns: 'x', pod: 'a' }, false),
          ),
        ],
      },
    ],
  },
  {
    slug: 'default-ns-label-matchexpressions-egress',
    context: 'tcp',
    test: 'should enforce policy based on NamespaceSelector with MatchExpressions using default ns label',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    policies: {
      'allow-ns-y-match-selector-for-immutable-ns-label': policy(
        'x',
        'allow-ns-y-match-selector-for-immutable-ns-label',
        podIs('a'),
        {
          egress: [{ to: [{ namespaceSelector: expr(NS_NAME, 'NotIn', ['y']) }] }],
        },
      ),
    },
    steps: [
      {
        name: 'allow-ns-y-match-selector-for-immutable-ns-label (egress)',
        apply: ['allow-ns-y-match-selector-for-immutable-ns-label'],
        checks: [check(80, 'TCP', (t) => t.expectPeer({ ns: 'x', pod: 'a' }, { ns: 'y' }, false))],
      },
    ],
  },
];
