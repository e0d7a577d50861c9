// The bitset matrix (check, bench, diff) and evaluateProbe decide the same pod-to-pod cells;
// matrix.test.ts holds them together on synthetic.ts's IPv4 worlds, this on random-world.ts's:
// IPv6, SCTP, named ports of every protocol, ipBlocks with except and pod addresses.
import { expect } from 'chai';
import { explainDisagreement } from '../testing/disagreement.js';
import { buildWorld, PROBE_PORTS, randomWorldSpec } from '../testing/random-world.js';
import { ReachabilityMatrix } from './matrix.js';
import { evaluateProbe } from './probe.js';
import type { Pod, World } from './types.js';

const WORLDS = 60;

const ref = (p: Pod): string => `${p.namespace}/${p.name}`;

/** How the matrix and evaluateProbe differ from `src` to `dst` on PROBE_PORTS[k]. */
function differences(world: World, src: string, dst: string, k: number): string[] {
  const i = world.pods.findIndex((p) => ref(p) === src);
  const j = world.pods.findIndex((p) => ref(p) === dst);
  const { port, protocol } = PROBE_PORTS[k] as (typeof PROBE_PORTS)[number];
  const fast = new ReachabilityMatrix(world, [PROBE_PORTS[k] as (typeof PROBE_PORTS)[number]]).outcome(i, j, 0);
  const [namespace, pod] = dst.split('/') as [string, string];
  const [fromNamespace, fromPod] = src.split('/') as [string, string];
  const slow = evaluateProbe(world, {
    from: { namespace: fromNamespace, pod: fromPod },
    target: { kind: 'pod', namespace, pod },
    port,
    protocol,
  });
  return fast === slow.outcome
    ? []
    : [`matrix ${fast}, evaluateProbe ${slow.outcome}`, ...slow.explanation.map((l) => `  ${l}`)];
}

describe('model: the bitset matrix agrees with evaluateProbe on random worlds', () => {
  it(`in every pod-to-pod cell of ${WORLDS} worlds on ${PROBE_PORTS.length} ports`, () => {
    let count = 0;
    const seen = new Set<string>();
    for (let seed = 1; seed <= WORLDS; seed++) {
      const spec = randomWorldSpec(seed);
      const ips = seed % 3 === 0;
      const world = buildWorld(spec, { ips });
      const matrix = new ReachabilityMatrix(world, PROBE_PORTS);
      world.pods.forEach((src, i) =>
        world.pods.forEach((dst, j) =>
          PROBE_PORTS.forEach(({ port, protocol }, k) => {
            count++;
            const fast = matrix.outcome(i, j, k);
            seen.add(fast);
            const slow = evaluateProbe(world, {
              from: { namespace: src.namespace, pod: src.name },
              target: { kind: 'pod', namespace: dst.namespace, pod: dst.name },
              port,
              protocol,
            }).outcome;
            if (fast === slow) return;
            const cell = `${ref(src)} → ${ref(dst)} on ${port}/${protocol}`;
            expect.fail(
              explainDisagreement({
                spec,
                ips,
                cell,
                pods: [ref(src), ref(dst)],
                differences: (s) => differences(buildWorld(s, { ips }), ref(src), ref(dst), k),
              }),
            );
          }),
        ),
      );
    }
    expect(count).to.be.at.least(5000);
    expect([...seen].sort()).to.deep.equal(['allowed', 'blocked', 'refused', 'undefined']);
  });
});
