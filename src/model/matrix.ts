import { Bitset } from './bitset.js';
import type { Direction } from './direction.js';
import type { ModelOutcome } from './outcome.js';
import { peerMatches } from './peers.js';
import { policyPortMatches } from './ports.js';
import { selectorMatches } from './selector.js';
import type { NetworkPolicy, Pod, PolicyRule, Protocol, World } from './types.js';

export interface MatrixPort {
  port: number;
  protocol: Protocol;
}

/**
 * Pod-to-pod outcomes for every pair on a few ports, computed with bitsets: per pod, direction
 * and port, the set of peers its policies definitely allow and the set they may allow (the spec
 * leaves it open). Same semantics as evaluateProbe for pod-IP targets (a property test holds
 * them together); no explanations: ask evaluateProbe for one cell when you need the why.
 */
export class ReachabilityMatrix {
  private readonly n: number;
  private readonly isolated: Record<Direction, boolean[]>;
  /** [direction][portIndex][podIndex] → peers allowed / undecided. */
  private readonly yes: Record<Direction, Bitset[][]>;
  private readonly maybe: Record<Direction, Bitset[][]>;

  constructor(
    readonly world: World,
    readonly ports: readonly MatrixPort[],
  ) {
    if (world.clusterNetworkPolicies?.length)
      throw new Error(
        'ReachabilityMatrix models NetworkPolicy alone: ask evaluateProbe for worlds with ClusterNetworkPolicies',
      );
    this.n = world.pods.length;
    this.isolated = { ingress: [], egress: [] };
    this.yes = { ingress: [], egress: [] };
    this.maybe = { ingress: [], egress: [] };
    const peerSets = rulePeerSets(world);
    for (const direction of ['ingress', 'egress'] as const) this.addDirection(direction, peerSets);
  }

  /** Which policies select each pod in `direction`; then, per port and pod, the peers they allow. */
  private addDirection(direction: Direction, peerSets: PeerSetsOf): void {
    const { world, ports } = this;
    const pods = world.pods;
    const type = direction === 'ingress' ? 'Ingress' : 'Egress';
    const selecting: NetworkPolicy[][] = pods.map((p) =>
      world.policies.filter(
        (pol) =>
          pol.namespace === p.namespace && pol.policyTypes.includes(type) && selectorMatches(pol.podSelector, p.labels),
      ),
    );
    this.isolated[direction] = selecting.map((s) => s.length > 0);
    this.yes[direction] = ports.map(() => []);
    this.maybe[direction] = ports.map(() => []);
    ports.forEach((mp, k) => {
      const egressPortMask = destinationsOnPort(pods, mp);
      pods.forEach((pod, i) => {
        const { yes, maybe } = allowedPeers(this.n, direction, pod, mp, selecting[i] ?? [], peerSets, egressPortMask);
        (this.yes[direction][k] as Bitset[])[i] = yes;
        (this.maybe[direction][k] as Bitset[])[i] = maybe;
      });
    });
  }

  private side(direction: Direction, k: number, pod: number, peer: number): 'yes' | 'no' | 'undefined' {
    if (!this.isolated[direction][pod]) return 'yes';
    if (this.yes[direction][k]![pod]!.has(peer)) return 'yes';
    if (this.maybe[direction][k]![pod]!.has(peer)) return 'undefined';
    return 'no';
  }

  /** The outcome of a probe from pod index `src` to pod index `dst` on `ports[k]`. */
  outcome(src: number, dst: number, k: number): ModelOutcome {
    if (src === dst) return 'undefined';
    const e = this.side('egress', k, src, dst);
    const i = this.side('ingress', k, dst, src);
    if (e === 'no' || i === 'no') return 'blocked';
    if (e === 'undefined' || i === 'undefined') return 'undefined';
    const port = this.ports[k] as MatrixPort;
    const pod = this.world.pods[dst] as Pod;
    return pod.listening.some((l) => l.port === port.port && l.protocol === port.protocol) ? 'allowed' : 'refused';
  }
}

/** Pod indexes a rule's peers definitely match (yes) and may match (maybe). */
interface PeerSets {
  yes: Bitset;
  maybe: Bitset;
}

type PeerSetsOf = (policy: NetworkPolicy, rule: PolicyRule) => PeerSets;

/** Each rule's peer sets, computed on first use and shared by both directions and every port. */
function rulePeerSets(world: World): PeerSetsOf {
  const pods = world.pods;
  const ruleSets = new Map<PolicyRule, PeerSets>();
  return (policy, rule) => {
    let sets = ruleSets.get(rule);
    if (sets) return sets;
    sets = { yes: new Bitset(pods.length), maybe: new Bitset(pods.length) };
    if (rule.peers === undefined) sets.yes.fill();
    else {
      pods.forEach((other, j) => {
        let undecided = false;
        for (const peer of rule.peers ?? []) {
          const m = peerMatches(peer, policy, { kind: 'pod', pod: other }, world.namespaces, world.facts).match;
          if (m === 'yes') {
            sets!.yes.add(j);
            return;
          }
          if (m === 'undefined') undecided = true;
        }
        if (undecided) sets!.maybe.add(j);
      });
    }
    ruleSets.set(rule, sets);
    return sets;
  };
}

/**
 * Ingress: named ports resolve on the pod itself. Egress: on each destination, so a rule with
 * named ports gets a per-port set of destinations where the port matches (computed on first use).
 */
function destinationsOnPort(pods: readonly Pod[], mp: MatrixPort): (rule: PolicyRule) => Bitset {
  const portMask = new Map<PolicyRule, Bitset>();
  return (rule) => {
    let mask = portMask.get(rule);
    if (!mask) {
      mask = new Bitset(pods.length);
      pods.forEach((dst, j) => {
        if ((rule.ports ?? []).some((rp) => policyPortMatches(rp, mp.port, mp.protocol, dst).matches)) mask!.add(j);
      });
      portMask.set(rule, mask);
    }
    return mask;
  };
}

/** The peers that `policies`, the ones selecting `pod` in `direction`, allow on port `mp`: definitely and maybe. */
function allowedPeers(
  n: number,
  direction: Direction,
  pod: Pod,
  mp: MatrixPort,
  policies: readonly NetworkPolicy[],
  peerSets: PeerSetsOf,
  egressPortMask: (rule: PolicyRule) => Bitset,
): PeerSets {
  const yes = new Bitset(n);
  const maybe = new Bitset(n);
  for (const policy of policies) {
    for (const rule of direction === 'ingress' ? policy.ingress : policy.egress) {
      const sets = peerSets(policy, rule);
      if (rule.ports === undefined) {
        yes.orWith(sets.yes);
        maybe.orWith(sets.maybe);
      } else if (direction === 'ingress') {
        if (rule.ports.some((rp) => policyPortMatches(rp, mp.port, mp.protocol, pod).matches)) {
          yes.orWith(sets.yes);
          maybe.orWith(sets.maybe);
        }
      } else {
        const mask = egressPortMask(rule);
        yes.orAnd(sets.yes, mask);
        maybe.orAnd(sets.maybe, mask);
      }
    }
  }
  return { yes, maybe };
}
