import { ALL, check, labels, nsIs, podIs, policy, port, type ConformanceCase } from './spec.js';

const X_A = 'x/a';

/** The TCP context, second half: ports, named ports, egress, updates, relabelling, protocols. */
export const TCP_PORT_AND_CHANGE_CASES: ConformanceCase[] = [
  {
    slug: 'ports',
    context: 'tcp',
    test: 'should enforce policy based on Ports',
    ports: [81],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'],
    policies: {
      'allow-client-a-via-ns-selector': policy('x', 'allow-client-a-via-ns-selector', podIs('a'), {
        ingress: [{ from: [{ namespaceSelector: nsIs('y') }], ports: [port(81, 'TCP')] }],
      }),
    },
    steps: [
      {
        name: 'allow-client-a-via-ns-selector on 81',
        apply: ['allow-client-a-via-ns-selector'],
        checks: [
          check(81, 'TCP', (t) =>
            t
              .expectPeer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false)
              .expectPeer({ ns: 'y' }, { ns: 'x', pod: 'a' }, true)
              .expectPeer({ ns: 'z' }, { ns: 'x', pod: 'a' }, false),
          ),
        ],
      },
    ],
  },
  {
    slug: 'stacked-policies',
    context: 'tcp',
    test: 'should enforce multiple, stacked policies with overlapping podSelectors',
    ports: [80, 81],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'],
    policies: {
      'allow-81': policy('x', 'allow-client-a-via-ns-selector', podIs('a'), {
        ingress: [{ from: [{ namespaceSelector: nsIs('y') }], ports: [port(81, 'TCP')] }],
      }),
      'allow-80': policy('x', 'allow-client-a-via-ns-selector-80', podIs('a'), {
        ingress: [{ from: [{ namespaceSelector: nsIs('y') }], ports: [port(80, 'TCP')] }],
      }),
    },
    steps: [
      {
        name: 'allow-client-a-via-ns-selector (81 only)',
        apply: ['allow-81'],
        checks: [
          check(81, 'TCP', (t) =>
            t
              .expectPeer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false)
              .expectPeer({ ns: 'y' }, { ns: 'x', pod: 'a' }, true)
              .expectPeer({ ns: 'z' }, { ns: 'x', pod: 'a' }, false),
          ),
          check(80, 'TCP', (t) => t.allIngress(X_A, false)),
        ],
      },
      {
        name: 'allow-client-a-via-ns-selector-80 stacked on it',
        apply: ['allow-80'],
        checks: [
          check(80, 'TCP', (t) =>
            t
              .expectPeer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false)
              .expectPeer({ ns: 'y' }, { ns: 'x', pod: 'a' }, true)
              .expectPeer({ ns: 'z' }, { ns: 'x', pod: 'a' }, false),
          ),
        ],
      },
    ],
  },
  {
    slug: 'allow-all',
    context: 'tcp',
    test: 'should support allow-all policy',
    ports: [80, 81],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'y/a'],
    policies: { 'allow-all': policy('x', 'allow-all', ALL, { ingress: [{}] }) },
    steps: [{ name: 'allow-all in x', apply: ['allow-all'], checks: [check(80, 'TCP'), check(81, 'TCP')] }],
  },
  {
    slug: 'ingress-named-port',
    context: 'tcp',
    test: 'should allow ingress access on one named port',
    ports: [80, 81],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'y/a'],
    policies: { 'allow-all': policy('x', 'allow-all', ALL, { ingress: [{ ports: [port('serve-81-tcp')] }] }) },
    steps: [
      {
        name: 'allow only serve-81-tcp into x',
        apply: ['allow-all'],
        checks: [check(81, 'TCP'), check(80, 'TCP', (t) => t.expectPeer({}, { ns: 'x' }, false))],
      },
    ],
  },
  {
    slug: 'ingress-named-port-from-namespace',
    context: 'tcp',
    test: 'should allow ingress access from namespace on one named port',
    ports: [80, 81],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    policies: {
      'allow-client-a-via-ns-selector-80': policy('x', 'allow-client-a-via-ns-selector-80', podIs('a'), {
        ingress: [{ from: [{ namespaceSelector: nsIs('y') }], ports: [port('serve-80-tcp', 'TCP')] }],
      }),
    },
    steps: [
      {
        name: 'allow y on serve-80-tcp',
        apply: ['allow-client-a-via-ns-selector-80'],
        checks: [
          check(80, 'TCP', (t) =>
            t
              .expectPeer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false)
              .expectPeer({ ns: 'z' }, { ns: 'x', pod: 'a' }, false),
          ),
          check(81, 'TCP', (t) => t.allIngress(X_A, false)),
        ],
      },
    ],
  },
  {
    slug: 'egress-named-port',
    context: 'tcp',
    test: 'should allow egress access on one named port',
    ports: [80, 81],
    protocols: ['TCP'],
    pods: ['x/a', 'y/a'],
    policies: { 'allow-egress': policy('x', 'allow-egress', ALL, { egress: [{ ports: [port('serve-80-tcp')] }] }) },
    steps: [
      {
        name: 'allow egress from x on serve-80-tcp only',
        apply: ['allow-egress'],
        checks: [check(80, 'TCP'), check(81, 'TCP', (t) => t.expectPeer({ ns: 'x' }, {}, false))],
      },
    ],
  },
  {
    slug: 'updated-policy',
    context: 'tcp',
    test: 'should enforce updated policy',
    ports: [81],
    protocols: ['TCP'],
    pods: ['x/a', 'y/a'],
    policies: {
      'allow-all': policy('x', 'allow-all-mutate-to-deny-all', ALL, { ingress: [{}] }),
      'deny-all': policy('x', 'allow-all-mutate-to-deny-all', ALL, { ingress: [] }),
    },
    steps: [
      { name: 'allow-all-mutate-to-deny-all as allow all', apply: ['allow-all'], checks: [check(81, 'TCP')] },
      {
        name: 'the same policy updated to deny all',
        apply: ['deny-all'],
        checks: [check(81, 'TCP', (t) => t.expectPeer({}, { ns: 'x' }, false))],
      },
    ],
  },
  {
    slug: 'updated-namespace',
    context: 'tcp',
    test: 'should allow ingress access from updated namespace',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'y/a'],
    policies: {
      'allow-client-a-via-ns-selector': policy('x', 'allow-client-a-via-ns-selector', podIs('a'), {
        ingress: [{ from: [{ namespaceSelector: labels({ ns2: 'updated' }) }] }],
      }),
    },
    steps: [
      {
        name: 'allow from namespaces ns2=updated (none yet)',
        apply: ['allow-client-a-via-ns-selector'],
        checks: [check(80, 'TCP', (t) => t.allIngress(X_A, false))],
      },
      {
        name: 'namespace y labelled ns2=updated',
        label: [{ target: 'y', labels: { ns2: 'updated' } }],
        checks: [check(80, 'TCP', (t) => t.allIngress(X_A, false).expectPeer({ ns: 'y' }, {}, true))],
      },
    ],
  },
  {
    slug: 'updated-pod',
    context: 'tcp',
    test: 'should allow ingress access from updated pod',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b'],
    policies: {
      'allow-client-a-via-pod-selector': policy('x', 'allow-client-a-via-pod-selector', podIs('a'), {
        ingress: [{ from: [{ podSelector: labels({ pod: 'b', pod2: 'updated' }) }] }],
      }),
    },
    steps: [
      {
        name: 'allow from pods pod=b,pod2=updated (none yet)',
        apply: ['allow-client-a-via-pod-selector'],
        checks: [check(80, 'TCP', (t) => t.allIngress(X_A, false))],
      },
      {
        name: 'pod x/b labelled pod2=updated',
        label: [{ target: 'x/b', labels: { pod: 'b', pod2: 'updated' } }],
        checks: [check(80, 'TCP', (t) => t.allIngress(X_A, false).expect('x/b', X_A, true))],
      },
    ],
  },
  {
    slug: 'deny-ingress-other-namespaces',
    context: 'tcp',
    test: 'should deny ingress from pods on other namespaces',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'y/a', 'z/a'],
    policies: {
      'deny-empty-policy': policy('x', 'deny-empty-policy', ALL, { ingress: [{ from: [{ podSelector: {} }] }] }),
    },
    steps: [
      {
        name: 'deny-empty-policy in x',
        apply: ['deny-empty-policy'],
        checks: [
          check(80, 'TCP', (t) =>
            t.expectPeer({ ns: 'y' }, { ns: 'x' }, false).expectPeer({ ns: 'z' }, { ns: 'x' }, false),
          ),
        ],
      },
    ],
  },
  {
    slug: 'deny-ingress-updated-pod',
    context: 'tcp',
    test: 'should deny ingress access to updated pod',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'y/a'],
    policies: {
      'deny-ingress-via-label-selector': policy(
        'x',
        'deny-ingress-via-label-selector',
        labels({ target: 'isolated' }),
        { ingress: [] },
      ),
    },
    steps: [
      {
        name: 'deny ingress to target=isolated (none yet)',
        apply: ['deny-ingress-via-label-selector'],
        checks: [check(80, 'TCP')],
      },
      {
        name: 'pod x/a labelled target=isolated',
        label: [{ target: 'x/a', labels: { target: 'isolated' } }],
        checks: [check(80, 'TCP', (t) => t.allIngress(X_A, false))],
      },
    ],
  },
  {
    slug: 'deny-egress-podselector',
    context: 'tcp',
    test: 'should deny egress from pods based on PodSelector',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'y/a'],
    policies: { 'deny-egress-pod-a': policy('x', 'deny-egress-pod-a', podIs('a'), { egress: [] }) },
    steps: [
      {
        name: 'deny-egress-pod-a',
        apply: ['deny-egress-pod-a'],
        checks: [check(80, 'TCP', (t) => t.allEgress(X_A, false))],
      },
    ],
  },
  {
    slug: 'deny-egress-namespace',
    context: 'tcp',
    test: 'should deny egress from all pods in a namespace',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'y/a'],
    policies: { 'deny-egress-ns-x': policy('x', 'deny-egress-ns-x', ALL, { egress: [] }) },
    steps: [
      {
        name: 'deny-egress-ns-x',
        apply: ['deny-egress-ns-x'],
        checks: [check(80, 'TCP', (t) => t.expectPeer({ ns: 'x' }, {}, false))],
      },
    ],
  },
  {
    slug: 'ingress-and-egress-together',
    context: 'tcp',
    test: 'should work with Ingress, Egress specified together',
    ports: [80, 81],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'x/c', 'y/a'],
    policies: {
      'allow-client-a-via-pod-selector': policy('x', 'allow-client-a-via-pod-selector', podIs('a'), {
        ingress: [{ from: [{ podSelector: podIs('b') }] }],
        egress: [{ ports: [port(80)] }],
        policyTypes: ['Egress', 'Ingress'],
      }),
    },
    steps: [
      {
        name: 'ingress from x/b, egress to 80',
        apply: ['allow-client-a-via-pod-selector'],
        checks: [
          check(80, 'TCP', (t) => t.allIngress(X_A, false).expect('x/b', X_A, true)),
          check(81, 'TCP', (t) => t.allIngress(X_A, false).allEgress(X_A, false).expect('x/b', X_A, true)),
        ],
      },
    ],
  },
  {
    slug: 'egress-denied-on-client-side',
    context: 'tcp',
    test: 'should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'y/a', 'y/b'],
    policies: {
      'allow-to-ns-y-pod-a': policy('x', 'allow-to-ns-y-pod-a', podIs('a'), {
        egress: [{ to: [{ namespaceSelector: nsIs('y'), podSelector: podIs('a') }] }],
      }),
      'allow-from-xa-on-ya-match-selector': policy('y', 'allow-from-xa-on-ya-match-selector', podIs('a'), {
        ingress: [{ from: [{ namespaceSelector: nsIs('x'), podSelector: podIs('a') }] }],
      }),
      'allow-from-xa-on-yb-match-selector': policy('y', 'allow-from-xa-on-yb-match-selector', podIs('b'), {
        ingress: [{ from: [{ namespaceSelector: nsIs('x'), podSelector: podIs('a') }] }],
      }),
    },
    steps: [
      {
        name: 'egress from x/a to y/a only; y/a and y/b admit x/a',
        apply: ['allow-to-ns-y-pod-a', 'allow-from-xa-on-ya-match-selector', 'allow-from-xa-on-yb-match-selector'],
        checks: [
          check(80, 'TCP', (t) =>
            t
              .expectPeer({ ns: 'x', pod: 'a' }, {}, false)
              .expectPeer({}, { ns: 'y', pod: 'a' }, false)
              .expectPeer({ ns: 'x', pod: 'a' }, { ns: 'y', pod: 'a' }, true)
              .expectPeer({}, { ns: 'y', pod: 'b' }, false),
          ),
        ],
      },
    ],
  },
  {
    slug: 'egress-to-pod-in-other-namespace',
    context: 'tcp',
    test: 'should enforce egress policy allowing traffic to a server in a different namespace based on PodSelector and NamespaceSelector',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'y/a', 'y/b'],
    policies: {
      'allow-to-ns-y-pod-a': policy('x', 'allow-to-ns-y-pod-a', podIs('a'), {
        egress: [{ to: [{ namespaceSelector: nsIs('y'), podSelector: podIs('a') }] }],
      }),
    },
    steps: [
      {
        name: 'allow-to-ns-y-pod-a',
        apply: ['allow-to-ns-y-pod-a'],
        checks: [check(80, 'TCP', (t) => t.allEgress(X_A, false).expect(X_A, 'y/a', true))],
      },
    ],
  },
  {
    slug: 'ingress-any-port-one-protocol',
    context: 'tcp',
    test: 'should enforce ingress policy allowing any port traffic to a server on a specific protocol',
    ports: [80],
    protocols: ['TCP', 'UDP'],
    pods: ['x/a', 'y/a'],
    policies: {
      'allow-ingress-by-proto': policy('x', 'allow-ingress-by-proto', podIs('a'), {
        ingress: [{ ports: [{ protocol: 'TCP' }] }],
      }),
    },
    steps: [
      {
        name: 'allow TCP (any port) into x/a',
        apply: ['allow-ingress-by-proto'],
        checks: [check(80, 'TCP'), check(80, 'UDP', (t) => t.expectPeer({}, { ns: 'x', pod: 'a' }, false))],
      },
    ],
  },
  {
    slug: 'ingress-allow-all-precedence',
    context: 'tcp',
    test: 'should enforce multiple ingress policies with ingress allow-all policy taking precedence',
    ports: [81],
    protocols: ['TCP'],
    pods: ['x/a', 'y/a'],
    policies: {
      'allow-ingress-port-80': policy('x', 'allow-ingress-port-80', ALL, { ingress: [{ ports: [port(80)] }] }),
      'allow-ingress': policy('x', 'allow-ingress', ALL, { ingress: [{}] }),
    },
    steps: [
      {
        name: 'allow-ingress-port-80',
        apply: ['allow-ingress-port-80'],
        checks: [check(81, 'TCP', (t) => t.expectPeer({}, { ns: 'x' }, false))],
      },
      { name: 'allow-ingress (all ports) added', apply: ['allow-ingress'], checks: [check(81, 'TCP')] },
    ],
  },
  {
    slug: 'egress-allow-all-precedence',
    context: 'tcp',
    test: 'should enforce multiple egress policies with egress allow-all policy taking precedence',
    ports: [81],
    protocols: ['TCP'],
    pods: ['x/a', 'y/a'],
    policies: {
      'allow-egress-port-80': policy('x', 'allow-egress-port-80', ALL, { egress: [{ ports: [port(80)] }] }),
      'allow-egress': policy('x', 'allow-egress', ALL, { egress: [{}] }),
    },
    steps: [
      {
        name: 'allow-egress-port-80',
        apply: ['allow-egress-port-80'],
        checks: [check(81, 'TCP', (t) => t.expectPeer({ ns: 'x' }, {}, false))],
      },
      { name: 'allow-egress (all ports) added', apply: ['allow-egress'], checks: [check(81, 'TCP')] },
    ],
  },
  {
    slug: 'policies-deleted',
    context: 'tcp',
    test: 'should stop enforcing policies after they are deleted',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'y/a'],
    policies: { 'deny-all': policy('x', 'deny-all', ALL, { ingress: [], egress: [] }) },
    steps: [
      {
        name: 'deny-all in x',
        apply: ['deny-all'],
        checks: [check(80, 'TCP', (t) => t.expectPeer({ ns: 'x' }, {}, false).expectPeer({}, { ns: 'x' }, false))],
      },
      { name: 'every policy deleted', delete: ['deny-all'], checks: [check(80, 'TCP')] },
    ],
  },
  {
    slug: 'ingress-egress-independent',
    context: 'tcp',
    test: 'should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'y/a'],
    policies: {
      'allow-egress-for-target': policy('x', 'allow-egress-for-target', podIs('a'), { egress: [{}] }),
      'deny-ingress-via-label-selector': policy('x', 'deny-ingress-via-label-selector', podIs('a'), { ingress: [] }),
    },
    steps: [
      { name: 'allow-egress-for-target', apply: ['allow-egress-for-target'], checks: [check(80, 'TCP')] },
      {
        name: 'deny-ingress-via-label-selector added',
        apply: ['deny-ingress-via-label-selector'],
        checks: [check(80, 'TCP', (t) => t.allIngress(X_A, false))],
      },
    ],
  },
  {
    slug: 'sctp-policy-is-not-tcp',
    context: 'tcp',
    test: "should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP', even if the plugin doesn't support SCTP",
    ports: [81],
    protocols: ['TCP'],
    pods: ['x/a', 'y/a'],
    policies: {
      'deny-ingress': policy('x', 'deny-ingress', ALL, { ingress: [] }),
      'allow-only-sctp-ingress-on-port-81': policy('x', 'allow-only-sctp-ingress-on-port-81', podIs('a'), {
        ingress: [{ ports: [port(81, 'SCTP')] }],
      }),
    },
    steps: [
      {
        name: 'deny-ingress, then SCTP 81 allowed into x/a',
        apply: ['deny-ingress', 'allow-only-sctp-ingress-on-port-81'],
        checks: [check(81, 'TCP', (t) => t.expectPeer({}, { ns: 'x' }, false))],
      },
    ],
  },
  {
    slug: 'sctp-policy-isolates',
    context: 'tcp',
    test: "should properly isolate pods that are selected by a policy allowing SCTP, even if the plugin doesn't support SCTP",
    ports: [81],
    protocols: ['TCP'],
    pods: ['x/a', 'y/a'],
    policies: {
      'allow-only-sctp-ingress-on-port-80': policy('x', 'allow-only-sctp-ingress-on-port-80', podIs('a'), {
        ingress: [{ ports: [port(80, 'SCTP')] }],
      }),
    },
    steps: [
      {
        name: 'SCTP 80 allowed into x/a',
        apply: ['allow-only-sctp-ingress-on-port-80'],
        checks: [check(81, 'TCP', (t) => t.allIngress(X_A, false))],
      },
    ],
  },
  {
    slug: 'udp-policy-is-not-tcp',
    context: 'tcp',
    test: 'should not allow access by TCP when a policy specifies only UDP',
    ports: [81],
    protocols: ['TCP'],
    pods: ['x/a', 'y/a'],
    policies: {
      'allow-only-udp-ingress-on-port-81': policy('x', 'allow-only-udp-ingress-on-port-81', podIs('a'), {
        ingress: [{ ports: [port(81, 'UDP')] }],
      }),
    },
    steps: [
      {
        name: 'UDP 81 allowed into x/a',
        apply: ['allow-only-udp-ingress-on-port-81'],
        checks: [check(81, 'TCP', (t) => t.allIngress(X_A, false))],
      },
    ],
  },
];
