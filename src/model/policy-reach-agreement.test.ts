// policyReach (explain's audit, diff's count of flows policy decides) says of a probe's answer how
// much of it the policies decide; evaluateProbe decides the answer. On random worlds with services,
// an outside host and every kind of target, they must agree:
// - "none": the answer is the same with no policy at all and with every pod denied everything but
//   DNS; denied DNS too, only a name's answer changes, to dns-failure (its lookup is policy's);
// - "policy" and "one-end": the answer with no policy differs from the answer with every pod denied
//   everything, but for a service whose endpoints disagree: undefined whatever the policies, as
//   one endpoint's answer (the client's own, loopback) is no policy's;
// - "lookup": the lookup is blocked or undecided, and denied DNS the answer is dns-failure.
import { expect } from 'chai';
import { explainDisagreement } from '../testing/disagreement.js';
import { buildWorld, EXTERNAL_IPS, PROBE_PORTS, randomWorldSpec, type WorldSpec } from '../testing/random-world.js';
import { rng } from '../testing/synthetic.js';
import { policy, service } from '../testing/world.js';
import { isValidIp } from './cidr.js';
import { policyReach, type PolicyReach } from './policy-reach.js';
import { evaluateProbe, OUTSIDE_SOURCE_NAMESPACE, type ModelProbe, type ProbeTarget } from './probe.js';
import type { World } from './types.js';

const WORLDS = 24;
const MIN_CELLS = 5000;
const OUTSIDE = { name: 'partner', ip: '203.0.113.7', listening: [{ port: 80, protocol: 'TCP' as const }] };

/** The random world, with two services in each namespace (one without endpoints) and an outside host. */
function worldOf(spec: WorldSpec, ips: boolean): World {
  const w = buildWorld(spec, { ips });
  const services = Object.keys(spec.namespaces).flatMap((ns) => [
    service(ns, 'web', { app: 'web' }, [
      [80, 80],
      [8080, 'http'],
      [53, 53, 'UDP'],
      [9000, 9000, 'SCTP'],
    ]),
    service(ns, 'empty', { app: 'nothing' }, [[80, 80]]),
  ]);
  return { ...w, services: [...services, ...w.services], outside: [OUTSIDE] };
}

type Policies = 'none' | 'deny-all' | 'deny-all-but-dns';

/** The same world under other policies: none, or every pod of every namespace isolated both ways, its DNS queries let out or not. */
function withPolicies(w: World, which: Policies): World {
  if (which === 'none') return { ...w, policies: [] };
  const dns = w.facts.dnsNamespace;
  const namespaces = w.namespaces.filter((n) => which === 'deny-all' || n.name !== dns);
  const egress =
    which === 'deny-all'
      ? []
      : [
          {
            to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': dns } } }],
            ports: [
              { port: 53, protocol: 'UDP' },
              { port: 53, protocol: 'TCP' },
            ],
          },
        ];
  const policies = namespaces.map((n) =>
    policy(n.name, 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'], egress }),
  );
  return { ...w, policies };
}

/** The probes of one world: from each pod (and the outside host) to every kind of target, on ports drawn from the seed. */
function probes(w: World, spec: WorldSpec): ModelProbe[] {
  const r = rng(spec.seed * 104729);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const pods = w.pods.filter((p) => p.namespace !== w.facts.dnsNamespace);
  const namespaces = Object.keys(spec.namespaces);
  const targets: ProbeTarget[] = [
    ...pods.map((p) => ({ kind: 'pod' as const, pod: p.name, namespace: p.namespace })),
    ...pods.filter((p) => p.ip).map((p) => ({ kind: 'ip' as const, ip: p.ip as string })),
    ...namespaces.flatMap((ns) => [
      { kind: 'service-ip' as const, service: 'web', namespace: ns },
      { kind: 'service-ip' as const, service: 'empty', namespace: ns },
      { kind: 'host' as const, host: `web.${ns}` },
      { kind: 'host' as const, host: `empty.${ns}.svc.cluster.local` },
    ]),
    { kind: 'host', host: 'web' },
    { kind: 'host', host: 'nosuch.x' },
    { kind: 'host', host: 'example.com' },
    { kind: 'host', host: 'kubernetes.default' },
    { kind: 'ip', ip: spec.family === 'ipv4' ? '192.168.250.250' : 'fd00:10:244:ff::ff' },
    { kind: 'ip', ip: OUTSIDE.ip },
    ...EXTERNAL_IPS[spec.family].flatMap((ip) => (ip ? [{ kind: 'ip' as const, ip }] : [])),
    { kind: 'lookup', name: 'web.x' },
    { kind: 'lookup', name: 'nosuch.x' },
    { kind: 'localhost' },
  ];
  const out: ModelProbe[] = [];
  for (const from of pods)
    for (const target of targets)
      for (let i = 0; i < 2; i++) {
        const { port, protocol } =
          target.kind === 'lookup' ? { port: 53, protocol: 'UDP' as const } : pick(PROBE_PORTS);
        out.push({ from: { namespace: from.namespace, pod: from.name }, target, port, protocol });
      }
  for (const p of pods)
    out.push({
      from: { namespace: OUTSIDE_SOURCE_NAMESPACE, pod: OUTSIDE.name },
      target: { kind: 'pod', pod: p.name, namespace: p.namespace },
      ...pick(PROBE_PORTS),
    });
  return out;
}

function probeText(p: ModelProbe): string {
  const t = p.target;
  const to =
    t.kind === 'pod'
      ? `pod ${t.namespace}/${t.pod}`
      : t.kind === 'service-ip'
        ? `service ${t.namespace}/${t.service}`
        : t.kind === 'host'
          ? t.host
          : t.kind === 'ip'
            ? t.ip
            : t.kind === 'lookup'
              ? `dns:${t.name}`
              : 'localhost';
  return `${p.from.namespace}/${p.from.pod} → ${to} on ${p.port}/${p.protocol}`;
}

/** Where policyReach's word for the probe and the answers under other policies disagree. */
function differences(w: World, probe: ModelProbe): string[] {
  const result = evaluateProbe(w, probe);
  const reach: PolicyReach = policyReach(w, probe, result);
  const under = (which: Policies): string => evaluateProbe(withPolicies(w, which), probe).outcome;
  const [open, closed, dnsOpen] = [under('none'), under('deny-all'), under('deny-all-but-dns')];
  const said = `policyReach ${reach.kind}${'reason' in reach ? ` (${reach.reason})` : ''}`;
  const answers = `${result.outcome} here, ${open} with no policy, ${dnsOpen} with every pod denied everything but DNS, ${closed} denied DNS too`;
  const isName = probe.target.kind === 'host' && !isValidIp(probe.target.host);
  switch (reach.kind) {
    case 'none':
      return open === result.outcome &&
        dnsOpen === result.outcome &&
        (closed === result.outcome || (isName && closed === 'dns-failure'))
        ? []
        : [`${said}; yet ${answers}`];
    case 'lookup':
      return ['dns-failure', 'undefined'].includes(result.outcome) && closed === 'dns-failure'
        ? []
        : [`${said}; yet ${answers}`];
    default: {
      const endpointsDisagree = result.explanation.some((l) => l.startsWith('endpoints disagree'));
      return open !== closed || (result.outcome === 'undefined' && endpointsDisagree)
        ? []
        : [`${said}; yet ${answers}`];
    }
  }
}

describe('model: policyReach agrees with evaluateProbe on which answers the policies decide', () => {
  it(`for every probe of ${WORLDS} random worlds, every kind of target`, () => {
    let count = 0;
    const seen = new Set<string>();
    for (let seed = 1; seed <= WORLDS; seed++) {
      const spec = randomWorldSpec(seed);
      const ips = seed % 2 === 0;
      const w = worldOf(spec, ips);
      for (const probe of probes(w, spec)) {
        count++;
        const result = evaluateProbe(w, probe);
        seen.add(`${policyReach(w, probe, result).kind} ${result.outcome}`);
        if (differences(w, probe).length === 0) continue;
        const pods = [probe.from, probe.target]
          .flatMap((x) => ('pod' in x && x.namespace !== OUTSIDE_SOURCE_NAMESPACE ? [`${x.namespace}/${x.pod}`] : []))
          .filter((p, i, all) => all.indexOf(p) === i);
        expect.fail(
          explainDisagreement({
            spec,
            ips,
            cell: probeText(probe),
            pods,
            differences: (s) => differences(worldOf(s, ips), probe),
          }),
        );
      }
    }
    expect(count).to.be.at.least(MIN_CELLS);
    // The property means something only if the worlds reach every kind of reach and answer.
    for (const kind of [
      'policy allowed',
      'policy blocked',
      'policy refused',
      'policy undefined',
      'one-end allowed',
      'one-end blocked',
      'lookup dns-failure',
      'none dns-failure',
      'none no-such-port',
      'none undefined',
      'none allowed',
    ])
      expect([...seen], kind).to.include(kind);
  });
});
