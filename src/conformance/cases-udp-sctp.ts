import { ALL, check, nsIs, podIs, policy, port, type ConformanceCase, type Proto } from './spec.js';

/** The UDP and SCTP contexts ask the same three questions, each on its own protocol. */
function sameThree(context: 'udp' | 'sctp', protocol: Proto): ConformanceCase[] {
  return [
    {
      slug: 'default-deny-ingress',
      context,
      test: "should support a 'default-deny-ingress' policy",
      ports: [80],
      protocols: [protocol],
      pods: ['x/a', 'x/b', 'y/a', 'y/b'],
      policies: { 'deny-all': policy('x', 'deny-all', ALL, { ingress: [] }) },
      steps: [
        {
          name: 'deny-all (ingress) in x',
          apply: ['deny-all'],
          checks: [check(80, protocol, (t) => t.expectPeer({}, { ns: 'x' }, false))],
        },
      ],
    },
    {
      slug: 'ports',
      context,
      test: 'should enforce policy based on Ports',
      ports: [81],
      protocols: [protocol],
      pods: ['x/a', 'x/b', 'y/a', 'z/a'],
      policies: {
        'allow-ingress-on-port-81-ns-x': policy('x', 'allow-ingress-on-port-81-ns-x', podIs('a'), {
          ingress: [{ from: [{ namespaceSelector: nsIs('y') }], ports: [port(81, protocol)] }],
        }),
      },
      steps: [
        {
          name: `allow y on 81/${protocol}`,
          apply: ['allow-ingress-on-port-81-ns-x'],
          checks: [
            check(81, protocol, (t) =>
              t
                .expectPeer({ ns: 'x' }, { ns: 'x', pod: 'a' }, false)
                .expectPeer({ ns: 'z' }, { ns: 'x', pod: 'a' }, false),
            ),
          ],
        },
      ],
    },
    {
      slug: 'pod-in-other-namespace',
      context,
      test: 'should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector',
      ports: [80],
      protocols: [protocol],
      pods: ['x/a', 'x/b', 'y/a'],
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
          checks: [check(80, protocol, (t) => t.allIngress('x/a', false).expect('y/a', 'x/a', true))],
        },
      ],
    },
  ];
}

export const UDP_CASES: ConformanceCase[] = sameThree('udp', 'UDP');
export const SCTP_CASES: ConformanceCase[] = sameThree('sctp', 'SCTP');
