import { expect } from 'chai';
import { pod, policy, world } from '../testing/world.js';
import { evaluateProbe, type ModelResult, type ProbeTarget } from './probe.js';
import type { ClusterFacts, NetworkPolicy, Pod, World } from './types.js';

// An IPv6 single-stack cluster: kind's IPv6 defaults.
const V6: Partial<ClusterFacts> = { podCIDR: 'fd00:10:244::/56', serviceCIDR: 'fd00:10:96::/112' };

const IPS: Record<string, string> = {
  'x/a': 'fd00:10:244:1::5',
  'x/b': 'fd00:10:244:1::9',
  'x/c': 'fd00:10:244:2::b',
  'y/a': 'fd00:10:244:2::12',
  'y/b': 'fd00:10:244:1::14',
};

/** The e2e suite's pods, labelled pod=NAME, with their IPv6 addresses when `known`. */
function pods(names: string[], known = true): Pod[] {
  return names.map((n) => {
    const [ns, name] = n.split('/') as [string, string];
    return pod(ns, name, { pod: name }, known ? { ip: IPS[n] } : {});
  });
}

/** The suite's allow-client-a-via-cidr-egress-rule: x/a's egress to one ipBlock. */
function egressTo(block: { cidr: string; except?: string[] }): NetworkPolicy {
  return policy('x', 'allow-client-a-via-cidr-egress-rule', {
    podSelector: { matchLabels: { pod: 'a' } },
    policyTypes: ['Egress'],
    egress: [{ to: [{ ipBlock: block }] }],
  });
}

function probe(w: World, from: string, target: ProbeTarget | string): ModelResult {
  const [ns, name] = from.split('/') as [string, string];
  const to: ProbeTarget =
    typeof target === 'string'
      ? { kind: 'pod', namespace: target.split('/')[0] as string, pod: target.split('/')[1] as string }
      : target;
  return evaluateProbe(w, { from: { namespace: ns, pod: name }, target: to, port: 80, protocol: 'TCP' });
}

/** Outcomes of `pairs` (`from>to`). */
function table(w: World, pairs: string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.map((p) => {
      const [from, to] = p.split('>') as [string, string];
      return [p, probe(w, from, to).outcome];
    }),
  );
}

describe('IPv6 ipBlocks: the e2e suite CIDR cases with IPv6 pods', () => {
  describe('should allow egress access to server in CIDR block (y/b /128)', () => {
    const expected = {
      'x/a>y/b': 'allowed',
      'x/a>y/a': 'blocked',
      'y/a>x/a': 'allowed',
      'y/a>y/b': 'allowed',
    };
    it('with the IPs known', () => {
      const w = world({
        pods: pods(['x/a', 'y/a', 'y/b']),
        policies: [egressTo({ cidr: 'fd00:10:244:1::14/128' })],
        facts: V6,
      });
      expect(table(w, Object.keys(expected))).to.deep.equal(expected);
      expect(probe(w, 'x/a', 'y/a').explanation).to.include(
        'egress from x/a: isolated by allow-client-a-via-cidr-egress-rule; no rule allows it (allow-client-a-via-cidr-egress-rule egress[0]: fd00:10:244:2::12 is not in fd00:10:244:1::14/128)',
      );
    });
    it('as the pod address ${podIP:y/b}/128, the IPs not known', () => {
      const w = world({
        pods: pods(['x/a', 'y/a', 'y/b'], false),
        policies: [egressTo({ cidr: '${podIP:y/b}/128' })],
        facts: V6,
      });
      expect(table(w, Object.keys(expected))).to.deep.equal(expected);
    });
  });

  describe('should enforce except clause while egress access to server in CIDR block', () => {
    const expected = { 'x/a>x/b': 'blocked', 'x/a>x/c': 'allowed', 'x/a>y/a': 'allowed' };
    it("the /4 around x/b's IP (makeLargeCIDRForIP: f000::/4), x/b's /128 excepted", () => {
      const w = world({
        pods: pods(['x/a', 'x/b', 'x/c', 'y/a']),
        policies: [egressTo({ cidr: 'f000::/4', except: ['fd00:10:244:1::9/128'] })],
        facts: V6,
      });
      expect(table(w, Object.keys(expected))).to.deep.equal(expected);
      expect(probe(w, 'x/a', 'x/b').explanation.join('\n')).to.include(
        'fd00:10:244:1::9 is in f000::/4 but excepted by fd00:10:244:1::9/128',
      );
    });
    it("the older suite's x/a IP/4, host bits set (the API server accepts it and clears them)", () => {
      const w = world({
        pods: pods(['x/a', 'x/b', 'x/c', 'y/a']),
        policies: [egressTo({ cidr: 'fd00:10:244:1::5/4', except: ['fd00:10:244:1::9/128'] })],
        facts: V6,
      });
      expect(table(w, Object.keys(expected))).to.deep.equal(expected);
    });
    it('as pod addresses, the IPs not known', () => {
      const w = world({
        pods: pods(['x/a', 'x/b', 'x/c', 'y/a'], false),
        policies: [egressTo({ cidr: '${podIP:x/b}/4', except: ['${podIP:x/b}/128'] })],
        facts: V6,
      });
      expect(table(w, Object.keys(expected))).to.deep.equal(expected);
      expect(probe(w, 'x/a', 'x/c').explanation.join('\n')).to.include(
        "${podIP:x/b}/4 is f000::/4 (x/b's IP is in pod CIDR fd00:10:244::/56, so the /4 around it is the /4 around fd00:10:244::/56): pod CIDR fd00:10:244::/56 is inside f000::/4",
      );
    });
  });

  it('should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed (the update to /128 alone)', () => {
    const before = world({
      pods: pods(['x/a', 'x/b', 'x/c']),
      policies: [egressTo({ cidr: 'f000::/4', except: ['fd00:10:244:1::9/128'] })],
      facts: V6,
    });
    const after = { ...before, policies: [egressTo({ cidr: 'fd00:10:244:1::9/128' })] };
    expect([table(before, ['x/a>x/b', 'x/a>x/c']), table(after, ['x/a>x/b', 'x/a>x/c'])]).to.deep.equal([
      { 'x/a>x/b': 'blocked', 'x/a>x/c': 'allowed' },
      { 'x/a>x/b': 'allowed', 'x/a>x/c': 'blocked' },
    ]);
  });

  it("ingress from a CIDR: the pod CIDR except x/b's /128", () => {
    const w = world({
      pods: pods(['x/a', 'x/b', 'y/a']),
      policies: [
        policy('x', 'allow-from-cidr', {
          podSelector: { matchLabels: { pod: 'a' } },
          ingress: [{ from: [{ ipBlock: { cidr: 'fd00:10:244::/56', except: ['fd00:10:244:1::9/128'] } }] }],
        }),
      ],
      facts: V6,
    });
    expect(table(w, ['y/a>x/a', 'x/b>x/a', 'x/a>x/b'])).to.deep.equal({
      'y/a>x/a': 'allowed',
      'x/b>x/a': 'blocked',
      'x/a>x/b': 'allowed',
    });
  });
});

describe('IPv4 and IPv6 ipBlocks never match the other family', () => {
  // [name, facts, pods known, ipBlock, outcome x/a -> x/b, the reason in the explanation]
  const cases: [string, Partial<ClusterFacts>, boolean, string, string, string][] = [
    [
      'an IPv4 /0 and an IPv6 pod, its IP known',
      V6,
      true,
      '0.0.0.0/0',
      'blocked',
      'fd00:10:244:1::9 is an IPv6 address, and 0.0.0.0/0 an IPv4 block',
    ],
    [
      'an IPv4 /0 and IPv6 pods, their IPs not known',
      V6,
      false,
      '0.0.0.0/0',
      'blocked',
      "pod CIDR fd00:10:244::/56 is IPv6, and 0.0.0.0/0 an IPv4 block: no pod's IP is in it",
    ],
    [
      'an IPv6 /0 and an IPv4 pod, its IP known',
      {},
      true,
      '::/0',
      'blocked',
      '192.168.1.9 is an IPv4 address, and ::/0 an IPv6 block',
    ],
    [
      'an IPv6 /0 and IPv4 pods, their IPs not known',
      {},
      false,
      '::/0',
      'blocked',
      "pod CIDR 192.168.0.0/16 is IPv4, and ::/0 an IPv6 block: no pod's IP is in it",
    ],
    ['an IPv6 /0 and IPv6 pods', V6, false, '::/0', 'allowed', 'pod CIDR fd00:10:244::/56 is inside ipBlock ::/0'],
  ];
  for (const [name, facts, known, cidr, outcome, reason] of cases) {
    it(name, () => {
      const v4 = facts.podCIDR === undefined;
      const w = world({
        pods: pods(['x/a', 'x/b'], known).map((p) =>
          v4 && p.ip ? { ...p, ip: p.name === 'a' ? '192.168.1.5' : '192.168.1.9' } : p,
        ),
        policies: [egressTo({ cidr })],
        facts,
      });
      const r = probe(w, 'x/a', 'x/b');
      expect([r.outcome, r.explanation.join('\n')]).to.satisfy(
        ([o, why]: [string, string]) => o === outcome && why.includes(reason),
        `${r.outcome}: ${r.explanation.join(' / ')}`,
      );
    });
  }
});

describe('IPv6 addresses outside the cluster', () => {
  const w = (block: { cidr: string; except?: string[] }): World =>
    world({ pods: pods(['x/a']), policies: [egressTo(block)], facts: V6 });
  const ip = (text: string): ProbeTarget => ({ kind: 'ip', ip: text });

  it('an address in the block is allowed, one excepted is blocked, written in any case', () => {
    const block = { cidr: '2001:db8::/32', except: ['2001:db8:0:1::/64'] };
    expect(
      [ip('2001:db8::1'), ip('2001:DB8:0:1::7'), ip('2001:db9::1')].map((t) => probe(w(block), 'x/a', t).outcome),
    ).to.deep.equal(['allowed', 'blocked', 'blocked']);
  });

  it('a target that is a pod IP written otherwise is that pod', () => {
    const world2 = world({ pods: pods(['x/a', 'x/b']), policies: [], facts: V6 });
    const r = probe(world2, 'x/a', ip('FD00:10:244:1:0:0:0:9'));
    expect(r.destination).to.equal('x/b:80');
  });

  it("a name whose address is not known: ::/0 holds it in an IPv6 cluster; 0.0.0.0/0 is not the spec's to say", () => {
    const host: ProbeTarget = { kind: 'host', host: 'example.com' };
    const dns = { to: [{ ipBlock: { cidr: '::/0' } }] };
    const allowDns = (cidr: string): World =>
      world({
        pods: pods(['x/a']),
        policies: [
          policy('x', 'p', {
            podSelector: { matchLabels: { pod: 'a' } },
            egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }, { ...dns, to: [{ ipBlock: { cidr } }] }],
          }),
        ],
        facts: V6,
      });
    expect([
      probe(allowDns('::/0'), 'x/a', host).outcome,
      probe(allowDns('0.0.0.0/0'), 'x/a', host).outcome,
    ]).to.deep.equal(['allowed', 'undefined']);
  });
});

describe('IPv4-mapped IPv6 ipBlocks (accepted by the 1.34 API server)', () => {
  it('undefined for an IPv4 address inside the IPv4 reading, no for any other', () => {
    const v4 = world({
      pods: [pod('x', 'a', { pod: 'a' }, { ip: '192.168.1.5' }), pod('x', 'b', { pod: 'b' }, { ip: '192.168.1.9' })],
      policies: [egressTo({ cidr: '::ffff:192.168.1.0/120' })],
    });
    const r = probe(v4, 'x/a', 'x/b');
    expect(r.outcome).to.equal('undefined');
    expect(r.decidedAtRunTime).to.equal(undefined);
    expect(r.explanation.join('\n')).to.include(
      "192.168.1.9 is in 192.168.1.0/24, but ::ffff:192.168.1.0/120 is an IPv4-mapped IPv6 network: whether it holds IPv4 addresses (as 192.168.1.0/24) is not the spec's to say",
    );
    expect(probe(v4, 'x/a', { kind: 'ip', ip: '10.1.2.3' }).outcome).to.equal('blocked');
    const v6 = world({ pods: pods(['x/a', 'x/b']), policies: [egressTo({ cidr: '::ffff:0:0/96' })], facts: V6 });
    expect(probe(v6, 'x/a', 'x/b').outcome).to.equal('blocked');
  });
});
