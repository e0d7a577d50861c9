// Two paths decide each side of a connection: evaluateDirection (probe, check, run) and
// decideDirection (explain, which prints every rule it tried). On random worlds they must agree
// cell by cell: isolation, the isolating policies, the deny-all policies, which rules allow, which
// are undecided and which miss (with the same port reasons), and the answer.
import { expect } from 'chai';
import { explainDisagreement } from '../testing/disagreement.js';
import { buildWorld, EXTERNAL_IPS, PROBE_PORTS, randomWorldSpec, type WorldSpec } from '../testing/random-world.js';
import { rng } from '../testing/synthetic.js';
import { decideDirection, type DirectionDecision } from './decision.js';
import { evaluateDirection } from './cnp-tiers.js';
import type { Direction, DirectionVerdict } from './direction.js';
import { describeEndpoint, type Endpoint } from './peers.js';
import { evaluateProbe } from './probe.js';
import type { Pod, Protocol, World } from './types.js';

const WORLDS = 60;
const MIN_CELLS = 5000;

interface Cell {
  pod: Pod;
  direction: Direction;
  other: Endpoint;
  port: number;
  protocol: Protocol;
}

const ref = (p: Pod): string => `${p.namespace}/${p.name}`;
const rule = (r: { policy: string; rule: string }): string => `${r.policy} ${r.rule}`;

function cellText(c: Cell): string {
  const where = c.direction === 'ingress' ? `ingress to ${ref(c.pod)} from` : `egress from ${ref(c.pod)} to`;
  const other = c.other.kind === 'external' ? `${c.other.host} (outside the cluster)` : describeEndpoint(c.other);
  return `${where} ${other} on ${c.port}/${c.protocol}`;
}

/** The pods and outside addresses at the far end of each cell, and two probe ports for each pair, drawn from the seed. */
function cells(world: World, spec: WorldSpec): Cell[] {
  const r = rng(spec.seed * 7919);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const out: Cell[] = [];
  for (const pod of world.pods) {
    for (const direction of ['ingress', 'egress'] as const) {
      const others: Endpoint[] = world.pods.filter((o) => o !== pod).map((o) => ({ kind: 'pod', pod: o }));
      for (let i = 0; i < 2; i++) {
        const ip = pick(EXTERNAL_IPS[spec.family]);
        others.push({ kind: 'external', ip, host: ip ?? 'example.com' });
      }
      for (const other of others) for (let i = 0; i < 2; i++) out.push({ pod, direction, other, ...pick(PROBE_PORTS) });
    }
  }
  return out;
}

/** Where the verdict and the full decision for one cell differ, in words. */
function differences(v: DirectionVerdict, d: DirectionDecision): string[] {
  const out: string[] = [];
  const same = (what: string, a: unknown, b: unknown): void => {
    if (JSON.stringify(a) !== JSON.stringify(b))
      out.push(`${what}: evaluateDirection ${JSON.stringify(a)}, decideDirection ${JSON.stringify(b)}`);
  };
  same('isolated', v.isolated, d.isolated);
  same('isolating policies', v.isolatingPolicies, d.isolatingPolicies);
  same('result', v.result, d.result);
  const none = `${v.direction}: none`;
  same(
    'deny-all policies',
    v.misses.filter((m) => m.rule === none).map((m) => m.policy),
    d.denyAll,
  );
  const rulesWith = (result: string): string[] => d.rules.filter((r) => r.result === result).map(rule);
  same('rules that allow', v.allowedBy.map(rule), rulesWith('yes'));
  same('undecided rules', v.undecidedBy.map(rule), rulesWith('undefined'));
  const misses = v.misses.filter((m) => m.rule !== none);
  same('rules that miss', misses.map(rule), rulesWith('no'));
  // A rule whose ports do not match misses for the same reason on both paths.
  same(
    'port reasons',
    misses.filter((m) => d.rules.some((r) => rule(r) === rule(m) && !r.portsMatch)).map((m) => m.reason),
    d.rules.filter((r) => !r.portsMatch).map((r) => r.portsReason),
  );
  // An allowing rule names, on both paths, the first of its peers that matches.
  for (const a of v.allowedBy) {
    const trial = d.rules.find((r) => rule(r) === rule(a));
    const first = trial?.peers?.find((p) => p.match === 'yes');
    if (first && !a.because?.includes(first.reason))
      out.push(
        `${rule(a)}: evaluateDirection allows because "${a.because}", decideDirection's first match is "${first.reason}"`,
      );
  }
  return out;
}

function directionDifferences(world: World, c: Cell): string[] {
  const args = [world, c.pod, c.direction, c.other, c.port, c.protocol] as const;
  return differences(evaluateDirection(...args), decideDirection(...args));
}

/** The same cell in a rebuilt world (the shrinker's): its pods looked up again by name. */
function sameCell(world: World, c: Cell): Cell {
  const find = (p: Pod): Pod => world.pods.find((q) => ref(q) === ref(p)) as Pod;
  return { ...c, pod: find(c.pod), other: c.other.kind === 'pod' ? { kind: 'pod', pod: find(c.other.pod) } : c.other };
}

function failWith(spec: WorldSpec, ips: boolean, c: Cell, diff: (w: World, c: Cell) => string[]): never {
  const pods = [ref(c.pod), ...(c.other.kind === 'pod' ? [ref(c.other.pod)] : [])];
  return expect.fail(
    explainDisagreement({
      spec,
      ips,
      cell: cellText(c),
      pods,
      differences: (s) => {
        const w = buildWorld(s, { ips });
        return diff(w, sameCell(w, c));
      },
    }),
  );
}

describe('model: decideDirection (explain) agrees with evaluateDirection (probe) on random worlds', () => {
  it(`in every cell of ${WORLDS} worlds (IPv4 and IPv6, pod IPs known and not)`, () => {
    let count = 0;
    const seen = new Set<string>();
    for (let seed = 1; seed <= WORLDS; seed++) {
      const spec = randomWorldSpec(seed);
      const ips = seed % 2 === 0;
      const world = buildWorld(spec, { ips });
      for (const c of cells(world, spec)) {
        count++;
        const d = decideDirection(world, c.pod, c.direction, c.other, c.port, c.protocol);
        seen.add(`result ${d.result}`);
        if (!d.isolated) seen.add('not isolated');
        if (d.denyAll.length) seen.add('deny-all policy');
        for (const r of d.rules) {
          seen.add(r.portsMatch ? (r.peers === undefined ? 'every peer' : `rule ${r.result}`) : 'ports miss');
          if (r.peers && r.peers.length > 1) seen.add('several peers');
        }
        if (directionDifferences(world, c).length) failWith(spec, ips, c, directionDifferences);
      }
    }
    expect(count).to.be.at.least(MIN_CELLS);
    // The property means something only if the worlds reach every kind of answer.
    expect([...seen].sort()).to.deep.equal(
      [
        'deny-all policy',
        'every peer',
        'not isolated',
        'ports miss',
        'result no',
        'result undefined',
        'result yes',
        'rule no',
        'rule undefined',
        'rule yes',
        'several peers',
      ].sort(),
    );
  });

  it("and explain's two decisions give evaluateProbe's answer for pod-to-pod flows", () => {
    const probeDifferences = (world: World, c: Cell): string[] => {
      if (c.other.kind !== 'pod') return [];
      const dest = c.other.pod;
      const result = evaluateProbe(world, {
        from: { namespace: c.pod.namespace, pod: c.pod.name },
        target: { kind: 'pod', namespace: dest.namespace, pod: dest.name },
        port: c.port,
        protocol: c.protocol,
      });
      const egress = decideDirection(world, c.pod, 'egress', c.other, c.port, c.protocol).result;
      const ingress = decideDirection(world, dest, 'ingress', { kind: 'pod', pod: c.pod }, c.port, c.protocol).result;
      const listens = dest.listening.some((l) => l.port === c.port && l.protocol === c.protocol);
      const expected =
        egress === 'no' || ingress === 'no'
          ? 'blocked'
          : egress === 'undefined' || ingress === 'undefined'
            ? 'undefined'
            : listens
              ? 'allowed'
              : 'refused';
      return result.outcome === expected
        ? []
        : [`evaluateProbe ${result.outcome}; decideDirection egress ${egress}, ingress ${ingress}: ${expected}`];
    };
    let count = 0;
    for (let seed = 1; seed <= WORLDS; seed++) {
      const spec = randomWorldSpec(seed);
      const ips = seed % 2 === 1;
      const world = buildWorld(spec, { ips });
      for (const c of cells(world, spec)) {
        if (c.direction !== 'egress' || c.other.kind !== 'pod') continue;
        count++;
        if (probeDifferences(world, c).length) failWith(spec, ips, { ...c, direction: 'egress' }, probeDifferences);
      }
    }
    expect(count).to.be.at.least(MIN_CELLS);
  });
});
