import { expect } from 'chai';
import { evaluateProbe, type ModelProbe } from './probe.js';
import { pod, policy, service, world } from '../testing/world.js';
import type { World } from './types.js';

const A = pod('x', 'a', { app: 'a' });
const B = pod(
  'x',
  'b',
  { app: 'b' },
  {
    containerPorts: [
      { name: 'http', containerPort: 80, protocol: 'TCP' },
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
    ],
  },
);
const C = pod('y', 'c', { app: 'c' });

function probe(
  w: World,
  from: [string, string],
  to: [string, string],
  port = 80,
  protocol: 'TCP' | 'UDP' | 'SCTP' = 'TCP',
) {
  const p: ModelProbe = {
    from: { namespace: from[0], pod: from[1] },
    target: { kind: 'pod', namespace: to[0], pod: to[1] },
    port,
    protocol,
  };
  return evaluateProbe(w, p);
}

interface Case {
  name: string;
  policies: ReturnType<typeof policy>[];
  namespaces?: Record<string, Record<string, string>>;
  from: [string, string];
  to: [string, string];
  port?: number;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  want: string;
}

const cases: Case[] = [
  { name: 'no policy: allowed', policies: [], from: ['x', 'a'], to: ['x', 'b'], want: 'allowed' },
  { name: 'nothing listens: refused', policies: [], from: ['x', 'a'], to: ['x', 'b'], port: 9999, want: 'refused' },
  {
    name: 'default deny ingress (no rules)',
    policies: [policy('x', 'deny', { podSelector: {}, policyTypes: ['Ingress'] })],
    from: ['x', 'a'],
    to: ['x', 'b'],
    want: 'blocked',
  },
  {
    name: 'ingress: [] is deny all',
    policies: [policy('x', 'deny', { podSelector: {}, ingress: [] })],
    from: ['x', 'a'],
    to: ['x', 'b'],
    want: 'blocked',
  },
  {
    name: 'ingress: [{}] allows all',
    policies: [policy('x', 'all', { podSelector: {}, ingress: [{}] })],
    from: ['y', 'c'],
    to: ['x', 'b'],
    want: 'allowed',
  },
  {
    name: 'from: [] (empty) allows every source',
    policies: [policy('x', 'p', { podSelector: {}, ingress: [{ from: [], ports: [{ port: 80 }] }] })],
    from: ['y', 'c'],
    to: ['x', 'b'],
    want: 'allowed',
  },
  {
    name: 'missing from allows every source, ports still apply',
    policies: [policy('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 81 }] }] })],
    from: ['y', 'c'],
    to: ['x', 'b'],
    want: 'blocked',
  },
  {
    name: 'policy selecting another pod does not isolate',
    policies: [policy('x', 'p', { podSelector: { matchLabels: { app: 'zzz' } }, ingress: [] })],
    from: ['x', 'a'],
    to: ['x', 'b'],
    want: 'allowed',
  },
  {
    name: 'podSelector peer: same namespace only',
    policies: [
      policy('x', 'p', { podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'c' } } }] }] }),
    ],
    from: ['y', 'c'],
    to: ['x', 'b'],
    want: 'blocked',
  },
  {
    name: 'podSelector peer matches in same namespace',
    policies: [
      policy('x', 'p', { podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }] }] }),
    ],
    from: ['x', 'a'],
    to: ['x', 'b'],
    want: 'allowed',
  },
  {
    name: 'namespaceSelector AND podSelector (one peer): both must match',
    namespaces: { y: { team: 'y' } },
    policies: [
      policy('x', 'p', {
        podSelector: {},
        ingress: [
          {
            from: [
              { namespaceSelector: { matchLabels: { team: 'y' } }, podSelector: { matchLabels: { app: 'nope' } } },
            ],
          },
        ],
      }),
    ],
    from: ['y', 'c'],
    to: ['x', 'b'],
    want: 'blocked',
  },
  {
    name: 'namespaceSelector OR podSelector (two peers): either matches',
    namespaces: { y: { team: 'y' } },
    policies: [
      policy('x', 'p', {
        podSelector: {},
        ingress: [
          {
            from: [
              { namespaceSelector: { matchLabels: { team: 'y' } } },
              { podSelector: { matchLabels: { app: 'nope' } } },
            ],
          },
        ],
      }),
    ],
    from: ['y', 'c'],
    to: ['x', 'b'],
    want: 'allowed',
  },
  {
    name: 'empty namespaceSelector: all namespaces',
    policies: [policy('x', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] })],
    from: ['y', 'c'],
    to: ['x', 'b'],
    want: 'allowed',
  },
  {
    name: 'named port resolves on the destination pod',
    policies: [policy('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] })],
    from: ['x', 'a'],
    to: ['x', 'b'],
    want: 'allowed',
  },
  {
    name: 'named port absent on the pod matches nothing',
    policies: [policy('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'metrics' }] }] })],
    from: ['x', 'a'],
    to: ['x', 'b'],
    want: 'blocked',
  },
  {
    name: 'named port needs the protocol to match',
    policies: [policy('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'dns', protocol: 'TCP' }] }] })],
    from: ['x', 'a'],
    to: ['x', 'b'],
    port: 53,
    protocol: 'UDP',
    want: 'blocked',
  },
  {
    name: 'protocol defaults to TCP',
    policies: [policy('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 53 }] }] })],
    from: ['x', 'a'],
    to: ['x', 'b'],
    port: 53,
    protocol: 'UDP',
    want: 'blocked',
  },
  {
    name: 'UDP rule admits UDP',
    policies: [policy('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] })],
    from: ['x', 'a'],
    to: ['x', 'b'],
    port: 53,
    protocol: 'UDP',
    want: 'allowed',
  },
  {
    name: 'endPort: lower bound inclusive',
    policies: [policy('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 80, endPort: 81 }] }] })],
    from: ['x', 'a'],
    to: ['x', 'b'],
    port: 80,
    want: 'allowed',
  },
  {
    name: 'endPort: upper bound inclusive',
    policies: [policy('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 79, endPort: 81 }] }] })],
    from: ['x', 'a'],
    to: ['x', 'b'],
    port: 81,
    want: 'allowed',
  },
  {
    name: 'endPort: above the range',
    policies: [policy('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 70, endPort: 79 }] }] })],
    from: ['x', 'a'],
    to: ['x', 'b'],
    port: 80,
    want: 'blocked',
  },
  {
    name: 'matchExpressions In',
    policies: [
      policy('x', 'p', {
        podSelector: {},
        ingress: [
          { from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'q'] }] } }] },
        ],
      }),
    ],
    from: ['x', 'a'],
    to: ['x', 'b'],
    want: 'allowed',
  },
  {
    name: 'matchExpressions NotIn',
    policies: [
      policy('x', 'p', {
        podSelector: {},
        ingress: [
          { from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['a'] }] } }] },
        ],
      }),
    ],
    from: ['x', 'a'],
    to: ['x', 'b'],
    want: 'blocked',
  },
  {
    name: 'matchExpressions Exists',
    policies: [
      policy('x', 'p', {
        podSelector: {},
        ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] } }] }],
      }),
    ],
    from: ['x', 'a'],
    to: ['x', 'b'],
    want: 'allowed',
  },
  {
    name: 'matchExpressions DoesNotExist',
    policies: [
      policy('x', 'p', {
        podSelector: {},
        ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] } }] }],
      }),
    ],
    from: ['x', 'a'],
    to: ['x', 'b'],
    want: 'blocked',
  },
  {
    name: 'overlapping policies are a union',
    policies: [
      policy('x', 'p1', { podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'zzz' } } }] }] }),
      policy('x', 'p2', {
        podSelector: { matchLabels: { app: 'b' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }] }],
      }),
    ],
    from: ['x', 'a'],
    to: ['x', 'b'],
    want: 'allowed',
  },
  {
    name: 'egress isolation of the source blocks',
    policies: [policy('x', 'p', { podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Egress'] })],
    from: ['x', 'a'],
    to: ['x', 'b'],
    want: 'blocked',
  },
  {
    name: 'both ends: egress allowed but destination ingress denies',
    policies: [
      policy('x', 'e', { podSelector: { matchLabels: { app: 'a' } }, egress: [{}] }),
      policy('x', 'i', { podSelector: { matchLabels: { app: 'b' } }, ingress: [] }),
    ],
    from: ['x', 'a'],
    to: ['x', 'b'],
    want: 'blocked',
  },
  {
    name: 'policyTypes defaulting: egress rules make it an egress policy',
    policies: [policy('x', 'p', { podSelector: { matchLabels: { app: 'a' } }, egress: [{ ports: [{ port: 81 }] }] })],
    from: ['x', 'a'],
    to: ['x', 'b'],
    want: 'blocked',
  },
  {
    name: 'policyTypes defaulting: egress: [] is not an egress policy',
    policies: [policy('x', 'p', { podSelector: { matchLabels: { app: 'a' } }, egress: [] })],
    from: ['x', 'a'],
    to: ['x', 'b'],
    want: 'allowed',
  },
  {
    name: 'policyTypes [Egress] only does not isolate ingress',
    policies: [policy('x', 'p', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] })],
    from: ['x', 'a'],
    to: ['x', 'b'],
    want: 'allowed',
  },
  {
    name: 'ipBlock containing the pod CIDR matches pods',
    policies: [
      policy('x', 'p', {
        podSelector: { matchLabels: { app: 'b' } },
        ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }],
      }),
    ],
    from: ['x', 'a'],
    to: ['x', 'b'],
    want: 'allowed',
  },
  {
    name: 'ipBlock except covering the pod CIDR',
    policies: [
      policy('x', 'p', {
        podSelector: { matchLabels: { app: 'b' } },
        ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['192.168.0.0/16'] } }] }],
      }),
    ],
    from: ['x', 'a'],
    to: ['x', 'b'],
    want: 'blocked',
  },
  {
    name: 'ipBlock outside the pod CIDR',
    policies: [
      policy('x', 'p', {
        podSelector: { matchLabels: { app: 'b' } },
        ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }],
      }),
    ],
    from: ['x', 'a'],
    to: ['x', 'b'],
    want: 'blocked',
  },
  {
    name: 'ipBlock covering part of the pod CIDR: undefined',
    policies: [
      policy('x', 'p', {
        podSelector: { matchLabels: { app: 'b' } },
        ingress: [{ from: [{ ipBlock: { cidr: '192.168.1.0/24' } }] }],
      }),
    ],
    from: ['x', 'a'],
    to: ['x', 'b'],
    want: 'undefined',
  },
];

describe('model: evaluateProbe (pod to pod)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const w = world({ namespaces: c.namespaces, pods: [A, B, C], policies: c.policies });
      const r = probe(w, c.from, c.to, c.port, c.protocol);
      expect(r.outcome, r.explanation.join('\n')).to.equal(c.want);
    });
  }

  it('matches ipBlock exactly when pod IPs are known', () => {
    const w = world({
      pods: [
        { ...A, ip: '192.168.1.7' },
        { ...B, ip: '192.168.2.9' },
      ],
      policies: [
        policy('x', 'p', {
          podSelector: { matchLabels: { app: 'b' } },
          ingress: [{ from: [{ ipBlock: { cidr: '192.168.1.0/24', except: ['192.168.1.7/32'] } }] }],
        }),
      ],
    });
    const r = probe(w, ['x', 'a'], ['x', 'b']);
    expect(r.outcome).to.equal('blocked');
    expect(r.explanation.join('\n')).to.include('192.168.1.7 is in 192.168.1.0/24 but excepted by 192.168.1.7/32');
  });

  it('names the isolating and the allowing policies', () => {
    const w = world({
      pods: [A, B],
      policies: [
        policy('x', 'allow-a', {
          podSelector: { matchLabels: { app: 'b' } },
          ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }] }],
        }),
      ],
    });
    const r = probe(w, ['x', 'a'], ['x', 'b']);
    expect(r.explanation).to.deep.equal([
      'to the IP of pod x/b (no service, no DNS)',
      'egress from x/a: not isolated (no policy selects it for Egress), allowed',
      'ingress to x/b: isolated by allow-a; allowed by allow-a ingress[0] (x/a matches podSelector app=a)',
    ]);
  });

  it("names the peer that matched, and says a rule's peers are OR'd", () => {
    const w = world({
      pods: [A, B],
      policies: [
        policy('x', 'two', {
          podSelector: { matchLabels: { app: 'b' } },
          ingress: [
            {
              from: [{ podSelector: { matchLabels: { app: 'zzz' } } }, { podSelector: { matchLabels: { app: 'a' } } }],
            },
          ],
        }),
      ],
    });
    expect(probe(w, ['x', 'a'], ['x', 'b']).explanation[2]).to.equal(
      "ingress to x/b: isolated by two; allowed by two ingress[0] (from[1]: x/a matches podSelector app=a; the rule's 2 peers are OR'd, one match is enough)",
    );
  });

  it("lists every peer it tried when none matched, OR'd", () => {
    const w = world({
      pods: [A, B, C],
      policies: [
        policy('x', 'two', {
          podSelector: { matchLabels: { app: 'b' } },
          ingress: [
            {
              from: [{ podSelector: { matchLabels: { app: 'zzz' } } }, { podSelector: { matchLabels: { app: 'a' } } }],
            },
          ],
        }),
      ],
    });
    expect(probe(w, ['y', 'c'], ['x', 'b']).explanation[2]).to.equal(
      "ingress to x/b: isolated by two; no rule allows it (two ingress[0]: no peer matches (peers are OR'd): from[0]: podSelector without namespaceSelector selects only namespace x, not y; from[1]: podSelector without namespaceSelector selects only namespace x, not y)",
    );
  });

  it("says namespaceSelector and podSelector in one peer are AND'd", () => {
    const peer = { namespaceSelector: { matchLabels: { team: 'y' } }, podSelector: { matchLabels: { app: 'c' } } };
    const ns = { y: { team: 'y' } };
    const yes = world({
      pods: [B, C],
      namespaces: ns,
      policies: [policy('x', 'and', { podSelector: {}, ingress: [{ from: [peer] }] })],
    });
    expect(probe(yes, ['y', 'c'], ['x', 'b']).explanation[2]).to.equal(
      'ingress to x/b: isolated by and; allowed by and ingress[0] (y/c matches namespaceSelector team=y AND podSelector app=c (one peer: both must match, and both do))',
    );
    const C2 = pod('y', 'c2', { app: 'other' });
    const no = world({
      pods: [B, C2],
      namespaces: ns,
      policies: [policy('x', 'and', { podSelector: {}, ingress: [{ from: [peer] }] })],
    });
    expect(probe(no, ['y', 'c2'], ['x', 'b']).explanation[2]).to.equal(
      "ingress to x/b: isolated by and; no rule allows it (and ingress[0]: namespace y matches namespaceSelector team=y, but c2 does not match podSelector app=c (namespaceSelector and podSelector in one peer are AND'd: both must match))",
    );
  });

  it('marks an ipBlock over pod IPs not known yet as decided at run time', () => {
    const w = world({
      pods: [A, B],
      policies: [
        policy('x', 'p', {
          podSelector: { matchLabels: { app: 'b' } },
          ingress: [{ from: [{ ipBlock: { cidr: '192.168.1.0/24' } }] }],
        }),
      ],
    });
    const r = probe(w, ['x', 'a'], ['x', 'b']);
    expect([r.outcome, r.decidedAtRunTime]).to.deep.equal([
      'undefined',
      'decided at run time: the answer depends on pod IPs, which a live run knows',
    ]);
  });

  it('says why nothing allowed it', () => {
    const w = world({
      pods: [A, B],
      policies: [policy('x', 'only-81', { podSelector: {}, ingress: [{ ports: [{ port: 81 }] }] })],
    });
    const r = probe(w, ['x', 'a'], ['x', 'b']);
    expect(r.explanation[2]).to.equal(
      'ingress to x/b: isolated by only-81; no rule allows it (only-81 ingress[0]: port 81/TCP, not 80)',
    );
  });

  it('reports a pod probing itself as undefined by the spec', () => {
    const r = probe(world({ pods: [A] }), ['x', 'a'], ['x', 'a']);
    expect([r.outcome, r.decidedAtRunTime]).to.deep.equal(['undefined', undefined]);
  });
});

describe('model: services, DNS and names', () => {
  const svc = service('x', 'web', { app: 'b' }, [
    [8001, 80],
    [5001, 'http'],
  ]);
  const hostProbe = (
    w: World,
    host: string,
    port: number,
    from: [string, string] = ['x', 'a'],
    protocol: 'TCP' | 'UDP' = 'TCP',
  ) => evaluateProbe(w, { from: { namespace: from[0], pod: from[1] }, target: { kind: 'host', host }, port, protocol });

  it('maps the service port to the pod port, which the policy sees', () => {
    const w = world({
      pods: [A, B],
      services: [svc],
      policies: [policy('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] })],
    });
    const r = hostProbe(w, 'web', 8001);
    expect(r.outcome).to.equal('allowed');
    expect(r.destination).to.equal('x/b:80');
  });

  it('a policy on the service port does not admit traffic to the pod port', () => {
    const w = world({
      pods: [A, B],
      services: [svc],
      policies: [policy('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 8001 }] }] })],
    });
    expect(hostProbe(w, 'web', 8001).outcome).to.equal('blocked');
  });

  it('a named targetPort resolves on each endpoint', () => {
    const w = world({ pods: [A, B], services: [svc] });
    expect(hostProbe(w, 'web', 5001).destination).to.equal('x/b:80');
  });

  it('a port the service does not expose is no-such-port', () => {
    const r = hostProbe(world({ pods: [A, B], services: [svc] }), 'web', 80);
    expect(r.outcome).to.equal('no-such-port');
    expect(r.explanation.at(-1)).to.equal('service x/web exposes 8001/TCP, 5001/TCP, not 80/TCP');
  });

  it('a name that is no service does not resolve', () => {
    expect(hostProbe(world({ pods: [A, B], services: [svc] }), 'nope', 80).outcome).to.equal('dns-failure');
  });

  it('a short name resolves only in the client namespace', () => {
    expect(hostProbe(world({ pods: [A, B, C], services: [svc] }), 'web', 8001, ['y', 'c']).outcome).to.equal(
      'dns-failure',
    );
  });

  it('service FQDN and namespace-qualified forms resolve', () => {
    const w = world({ pods: [A, B, C], services: [svc] });
    expect(hostProbe(w, 'web.x', 8001, ['y', 'c']).outcome).to.equal('allowed');
    expect(hostProbe(w, 'web.x.svc.cluster.local', 8001, ['y', 'c']).outcome).to.equal('allowed');
  });

  it('an egress-isolated client without DNS egress cannot resolve names', () => {
    const w = world({
      pods: [A, B],
      services: [svc],
      policies: [
        policy('x', 'p', {
          podSelector: { matchLabels: { app: 'a' } },
          egress: [{ to: [{ podSelector: { matchLabels: { app: 'b' } } }] }],
        }),
      ],
    });
    expect(hostProbe(w, 'web', 8001).outcome).to.equal('dns-failure');
    expect(
      evaluateProbe(w, {
        from: { namespace: 'x', pod: 'a' },
        target: { kind: 'pod', namespace: 'x', pod: 'b' },
        port: 80,
        protocol: 'TCP',
      }).outcome,
    ).to.equal('allowed');
  });

  it('DNS egress to kube-system by its metadata.name label resolves', () => {
    const w = world({
      pods: [A, B],
      services: [svc],
      policies: [
        policy('x', 'p', {
          podSelector: { matchLabels: { app: 'a' } },
          egress: [
            { to: [{ podSelector: { matchLabels: { app: 'b' } } }] },
            {
              to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
              ports: [{ port: 53, protocol: 'UDP' }],
            },
          ],
        }),
      ],
    });
    expect(hostProbe(w, 'web', 8001).outcome).to.equal('allowed');
  });

  it('a namespaceSelector on k8s-app=kube-dns matches no namespace, so DNS fails', () => {
    const w = world({
      pods: [A, B],
      services: [svc],
      policies: [
        policy('x', 'p', {
          podSelector: { matchLabels: { app: 'a' } },
          policyTypes: ['Egress'],
          egress: [
            {
              to: [{ namespaceSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
              ports: [{ protocol: 'UDP', port: 53 }],
            },
          ],
        }),
      ],
    });
    expect(hostProbe(w, 'web', 8001).outcome).to.equal('dns-failure');
  });

  it('a service without endpoints refuses', () => {
    const w = world({ pods: [A], services: [service('x', 'empty', { app: 'none' }, [[80, 80]])] });
    expect(hostProbe(w, 'empty', 80).outcome).to.equal('refused');
  });

  it("external names and addresses get the spec's egress answer, marked not probeable", () => {
    const open = world({ pods: [A] });
    const r = hostProbe(open, 'example.com', 443);
    expect([r.outcome, r.notProbeable, r.explanation.at(-1)]).to.deep.equal([
      'allowed',
      'example.com is outside the cluster: the spec decides the egress, but no probe from here reaches it',
      "example.com is outside the cluster: the egress is allowed; whether anything answers there is not the spec's to say",
    ]);
    const byRule = world({
      pods: [A],
      policies: [policy('x', 'p', { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '52.1.2.3/32' } }] }] })],
    });
    const viaRule = evaluateProbe(byRule, {
      from: { namespace: 'x', pod: 'a' },
      target: { kind: 'ip', ip: '52.1.2.3' },
      port: 443,
      protocol: 'TCP',
    });
    expect([viaRule.outcome, viaRule.explanation[0]]).to.deep.equal([
      'allowed',
      'egress from x/a: isolated by p; allowed by p egress[0] (52.1.2.3 is in ipBlock 52.1.2.3/32)',
    ]);
    const denied = world({ pods: [A], policies: [policy('x', 'p', { podSelector: {}, policyTypes: ['Egress'] })] });
    expect(
      evaluateProbe(denied, {
        from: { namespace: 'x', pod: 'a' },
        target: { kind: 'ip', ip: '52.1.2.3' },
        port: 443,
        protocol: 'TCP',
      }).outcome,
    ).to.equal('blocked');
    const cidr = world({
      pods: [A],
      policies: [
        policy('x', 'p', {
          podSelector: {},
          egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['52.1.2.3/32'] } }] }],
        }),
      ],
    });
    expect(
      evaluateProbe(cidr, {
        from: { namespace: 'x', pod: 'a' },
        target: { kind: 'ip', ip: '52.1.2.3' },
        port: 443,
        protocol: 'TCP',
      }).outcome,
    ).to.equal('blocked');
  });

  it('an address inside the pod CIDR that nothing holds is not outside the cluster', () => {
    const target = { kind: 'ip' as const, ip: '192.168.1.100' };
    const open = evaluateProbe(world({ pods: [A] }), {
      from: { namespace: 'x', pod: 'a' },
      target,
      port: 80,
      protocol: 'TCP',
    });
    expect([open.outcome, open.notProbeable, open.explanation.at(-1)]).to.deep.equal([
      'undefined',
      undefined,
      "192.168.1.100 is inside 192.168.0.0/16 but no pod or service here holds it: whatever answers is not the spec's to say",
    ]);
    const except = world({
      pods: [A],
      policies: [
        policy('x', 'p', {
          podSelector: {},
          egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['192.168.1.100/32'] } }] }],
        }),
      ],
    });
    expect(
      evaluateProbe(except, { from: { namespace: 'x', pod: 'a' }, target, port: 80, protocol: 'TCP' }).outcome,
    ).to.equal('blocked');
  });

  it('endpoints that disagree make the outcome undefined', () => {
    const B2 = pod('x', 'b2', { app: 'b', tier: 'locked' });
    const w = world({
      pods: [A, B, B2],
      services: [svc],
      policies: [policy('x', 'p', { podSelector: { matchLabels: { tier: 'locked' } }, ingress: [] })],
    });
    expect(hostProbe(w, 'web', 8001).outcome).to.equal('undefined');
  });
});

describe('model: the API server behind kubernetes.default', () => {
  const A2 = pod('x', 'a', { app: 'a' });
  const probeApi = (policies: ReturnType<typeof policy>[], port = 443) =>
    evaluateProbe(world({ pods: [A2], policies }), {
      from: { namespace: 'x', pod: 'a' },
      target: { kind: 'host', host: 'kubernetes.default.svc' },
      port,
      protocol: 'TCP',
    });

  it('answers when egress is open', () => expect(probeApi([]).outcome).to.equal('allowed'));
  it('is seen by policies at its endpoint port, not 443', () => {
    const r = probeApi([
      policy('x', 'p', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }, { ports: [{ port: 443 }] }],
      }),
    ]);
    expect(r.outcome).to.equal('blocked');
    expect(r.explanation).to.include(
      "service default/kubernetes port 443 → the API server at the node's IP, port 6443; policies see 6443 (after the service translation)",
    );
  });
  it('is reached through an ipBlock covering every address', () => {
    expect(
      probeApi([
        policy('x', 'p', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }, { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }],
        }),
      ]).outcome,
    ).to.equal('allowed');
  });
  it('exposes only 443', () => expect(probeApi([], 80).outcome).to.equal('no-such-port'));
});

describe('evaluateProbe: a DNS lookup (dns:NAME)', () => {
  const web = service('x', 'web', { app: 'b' }, [[80, 80]]);
  const lookup = (w: World, name: string) =>
    evaluateProbe(w, {
      from: { namespace: 'x', pod: 'a' },
      target: { kind: 'lookup', name },
      port: 53,
      protocol: 'UDP',
    });
  const denyEgress = policy('x', 'deny-egress', {
    podSelector: { matchLabels: { app: 'a' } },
    policyTypes: ['Egress'],
  });
  const allowDns = policy('x', 'allow-dns', {
    podSelector: { matchLabels: { app: 'a' } },
    policyTypes: ['Egress'],
    egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }],
  });

  it('is answered when nothing isolates the client', () => {
    const r = lookup(world({ pods: [A, B], services: [web] }), 'web');
    expect([r.outcome, r.explanation[0], r.explanation[r.explanation.length - 1]]).to.deep.equal([
      'allowed',
      'lookup of "web" through the pod\'s resolver: a query to service kube-system/kube-dns on 53/UDP',
      'answer: service x/web',
    ]);
  });

  it('counts NXDOMAIN as an answer: the DNS path is open', () => {
    const r = lookup(world({ pods: [A, B], services: [web] }), 'nosuch');
    expect([r.outcome, r.explanation[r.explanation.length - 1]]).to.deep.equal([
      'allowed',
      'answer: NXDOMAIN (no service answers to "nosuch" from namespace x); an answer all the same, so the DNS path is open',
    ]);
  });

  it('is blocked when the client is egress-isolated without 53/UDP, answered when a rule allows it', () => {
    expect(lookup(world({ pods: [A, B], services: [web], policies: [denyEgress] }), 'web').outcome).to.equal('blocked');
    expect(lookup(world({ pods: [A, B], services: [web], policies: [denyEgress, allowDns] }), 'web').outcome).to.equal(
      'allowed',
    );
  });
});
