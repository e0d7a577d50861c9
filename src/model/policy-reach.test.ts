import { expect } from 'chai';
import { pod, policy, service, world } from '../testing/world.js';
import { policyReach, type PolicyReach } from './policy-reach.js';
import { evaluateProbe, OUTSIDE_SOURCE_NAMESPACE, type ProbeTarget } from './probe.js';
import type { World } from './types.js';

const base = world({
  pods: [pod('x', 'a', { app: 'a' }), pod('x', 'b', { app: 'b' })],
  services: [service('x', 'web', { app: 'b' }, [[80, 80]]), service('x', 'empty', { app: 'none' }, [[80, 80]])],
});
const denyEgress = { ...base, policies: [policy('x', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] })] };
const withOutside: World = { ...base, outside: [{ name: 'partner', ip: '52.1.2.3', listening: [] }] };

function reach(w: World, target: ProbeTarget, port = 80, from = 'a', namespace = 'x'): PolicyReach {
  const probe = { from: { pod: from, namespace }, target, port, protocol: 'TCP' as const };
  return policyReach(w, probe, evaluateProbe(w, probe));
}

describe('policyReach', () => {
  it('both ends pods: the policies decide', () => {
    expect(reach(base, { kind: 'pod', pod: 'b', namespace: 'x' })).to.deep.equal({ kind: 'policy' });
    expect(reach(base, { kind: 'service-ip', service: 'web', namespace: 'x' })).to.deep.equal({ kind: 'policy' });
    expect(reach(base, { kind: 'host', host: 'web' })).to.deep.equal({ kind: 'policy' });
  });

  it('one end no pod: the policies decide the other end only, and the line says what that end is', () => {
    const cases: [World, ProbeTarget, number, string, string][] = [
      [
        base,
        { kind: 'ip', ip: '52.1.2.3' },
        443,
        'a',
        '52.1.2.3 is outside the cluster, where no policy applies; policy decides only the egress of x/a',
      ],
      [
        base,
        { kind: 'ip', ip: '192.168.1.100' },
        80,
        'a',
        '192.168.1.100 is inside 192.168.0.0/16, but no pod or service here holds it; policy decides only the egress of x/a',
      ],
      [
        base,
        { kind: 'host', host: 'example.com' },
        443,
        'a',
        'example.com is outside the cluster, where no policy applies; policy decides only the egress of x/a',
      ],
      [
        base,
        { kind: 'host', host: 'kubernetes.default' },
        443,
        'a',
        "the API server (service default/kubernetes) runs on the node's network, where no policy applies; policy decides only the egress of x/a",
      ],
    ];
    for (const [w, target, port, from, reason] of cases) {
      expect(reach(w, target, port, from), reason).to.deep.equal({ kind: 'one-end', reason });
    }
    expect(
      reach(withOutside, { kind: 'pod', pod: 'b', namespace: 'x' }, 80, 'partner', OUTSIDE_SOURCE_NAMESPACE),
    ).to.deep.equal({
      kind: 'one-end',
      reason:
        'the source partner is outside the cluster, where no egress policy applies; policy decides only the ingress of x/b',
    });
  });

  it('a name whose lookup policy blocks: decided before the connection', () => {
    expect(reach(denyEgress, { kind: 'host', host: 'web' })).to.deep.equal({
      kind: 'lookup',
      reason:
        'the lookup of "web" is blocked by policy (the DNS line below), so no connection to 80/TCP is tried and no rule for it is consulted',
    });
  });

  it('no policy consulted: no such port, no such name, no endpoints, loopback, no such pod', () => {
    const cases: [ProbeTarget, number, string, string][] = [
      [
        { kind: 'service-ip', service: 'web', namespace: 'x' },
        8080,
        'a',
        'no such port: service x/web exposes 80/TCP, not 8080/TCP',
      ],
      [{ kind: 'host', host: 'nosuch' }, 80, 'a', 'DNS failure: no service answers to "nosuch" from namespace x'],
      [
        { kind: 'service-ip', service: 'empty', namespace: 'x' },
        80,
        'a',
        'service x/empty has no endpoints for port 80 (targetPort 80)',
      ],
      [{ kind: 'localhost' }, 80, 'a', 'loopback inside pod x/a, which NetworkPolicy does not govern'],
      [
        { kind: 'pod', pod: 'a', namespace: 'x' },
        80,
        'a',
        'a pod reaching itself: the spec leaves loopback to the implementation',
      ],
      [{ kind: 'pod', pod: 'b', namespace: 'x' }, 80, 'nobody', 'no pod x/nobody to probe from'],
    ];
    for (const [target, port, from, reason] of cases) {
      expect(reach(base, target, port, from), reason).to.deep.equal({ kind: 'none', reason });
    }
  });

  it('a pod reaching itself by its IP, or through a service whose one endpoint it is, is loopback too', () => {
    const w = world({
      pods: [pod('x', 'a', { app: 'a' }, { ip: '10.244.0.5', listening: [{ port: 80, protocol: 'TCP' }] })],
      services: [service('x', 'self', { app: 'a' }, [[80, 80]])],
    });
    const loopback = { kind: 'none', reason: 'a pod reaching itself: the spec leaves loopback to the implementation' };
    expect(reach(w, { kind: 'ip', ip: '10.244.0.5' })).to.deep.equal(loopback);
    expect(reach(w, { kind: 'host', host: '10.244.0.5' })).to.deep.equal(loopback);
    expect(reach(w, { kind: 'service-ip', service: 'self', namespace: 'x' })).to.deep.equal(loopback);
  });
});
