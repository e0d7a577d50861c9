// Two paths decide whether a pod's name lookups reach the cluster DNS: dnsVerdict, which a probe
// to a name (`web:80`) asks before it connects, and a `dns:NAME` lookup (evaluateProbe's lookup),
// which sends the query to the kube-dns service. Both must see the client's egress and the CoreDNS
// pods' ingress: a lookup that is blocked is a name that cannot be resolved, and the other way round.
import { expect } from 'chai';
import { explainDisagreement } from '../testing/disagreement.js';
import { buildWorld, randomWorldSpec } from '../testing/random-world.js';
import { pod, policy, service, world } from '../testing/world.js';
import { dnsVerdict, evaluateProbe } from './probe.js';
import type { Pod, World } from './types.js';

const WORLDS = 300;

const ref = (p: Pod): string => `${p.namespace}/${p.name}`;

function lookup(w: World, client: Pod): string {
  return evaluateProbe(w, {
    from: { namespace: client.namespace, pod: client.name },
    target: { kind: 'lookup', name: 'kube-dns.kube-system' },
    port: 53,
    protocol: 'UDP',
  }).outcome;
}

/** The lookup's outcome for each answer of dnsVerdict; `undefined` also when the DNS pods answer differently. */
const LOOKUP_FOR: Record<string, readonly string[]> = {
  allowed: ['allowed'],
  'dns-failure': ['blocked', 'undefined'],
  undefined: ['undefined'],
};

function differences(w: World, clientRef: string): string[] {
  const client = w.pods.find((p) => ref(p) === clientRef) as Pod;
  const name = dnsVerdict(w, client);
  const query = lookup(w, client);
  const agree =
    (LOOKUP_FOR[name.allowed] ?? []).includes(query) && (query !== 'blocked' || name.allowed === 'dns-failure');
  return agree ? [] : [`dnsVerdict ${name.allowed} (${name.line}); lookup ${query}`];
}

describe('model: resolving a name and a dns: lookup agree on whether the cluster DNS answers', () => {
  it('when a policy in kube-system denies CoreDNS its ingress, a name cannot be resolved', () => {
    const w = world({
      pods: [pod('x', 'a'), pod('y', 'b', { app: 'web' })],
      services: [service('y', 'web', { app: 'web' }, [[80, 80]])],
      policies: [policy('kube-system', 'deny-all-ingress', { podSelector: {}, policyTypes: ['Ingress'] })],
    });
    const r = evaluateProbe(w, {
      from: { namespace: 'x', pod: 'a' },
      target: { kind: 'host', host: 'web.y' },
      port: 80,
      protocol: 'TCP',
    });
    expect(r.outcome).to.equal('dns-failure');
    expect(r.explanation[0]).to.equal(
      'DNS: ingress on 53/UDP to kube-system/coredns-a: isolated by deny-all-ingress; no rule allows it (deny-all-ingress ingress: none: no ingress rules: denies all)',
    );
    expect(lookup(w, w.pods[0] as Pod)).to.equal('blocked');
  });

  it(`for every pod of ${WORLDS} random worlds, some with policies in kube-system`, () => {
    let count = 0;
    const seen = new Set<string>();
    for (let seed = 1; seed <= WORLDS; seed++) {
      const spec = randomWorldSpec(seed);
      const ips = seed % 2 === 0;
      const w = buildWorld(spec, { ips });
      for (const client of w.pods.filter((p) => p.namespace !== 'kube-system')) {
        count++;
        seen.add(dnsVerdict(w, client).allowed);
        if (differences(w, ref(client)).length === 0) continue;
        expect.fail(
          explainDisagreement({
            spec,
            ips,
            cell: `name lookups from ${ref(client)}`,
            pods: [ref(client)],
            differences: (s) => differences(buildWorld(s, { ips }), ref(client)),
          }),
        );
      }
    }
    expect(count).to.be.at.least(2000);
    expect([...seen].sort()).to.deep.equal(['allowed', 'dns-failure', 'undefined']);
  });
});
