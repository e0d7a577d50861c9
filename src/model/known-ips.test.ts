// Two moments decide the same cell: `check`, which knows pods by name only and decides ipBlocks
// and pod addresses from the pod CIDR, and a live run, which knows every pod's IP and writes the
// pod addresses in. Whatever check decides, the live run must decide the same; what check leaves
// "decided at run time" only for want of IPs, the live run must decide.
import { expect } from 'chai';
import { explainDisagreement } from '../testing/disagreement.js';
import { buildWorld, PROBE_PORTS, randomWorldSpec } from '../testing/random-world.js';
import { evaluateProbe, type ModelResult } from './probe.js';
import type { Pod, Protocol, World } from './types.js';

const WORLDS = 80;

const ref = (p: Pod): string => `${p.namespace}/${p.name}`;

function probe(world: World, src: string, dst: string, port: number, protocol: Protocol): ModelResult {
  const [fromNamespace, fromPod] = src.split('/') as [string, string];
  const [namespace, pod] = dst.split('/') as [string, string];
  return evaluateProbe(world, {
    from: { namespace: fromNamespace, pod: fromPod },
    target: { kind: 'pod', namespace, pod },
    port,
    protocol,
  });
}

/** How the answer without IPs (`unknown`) and the one with them (`known`) disagree, if they do. */
function differences(unknown: ModelResult, known: ModelResult): string[] {
  const decided = unknown.outcome !== 'undefined';
  if (decided ? known.outcome === unknown.outcome : !unknown.decidedAtRunTime || known.outcome !== 'undefined')
    return [];
  return [
    decided
      ? `without pod IPs ${unknown.outcome}, with them ${known.outcome}`
      : 'without pod IPs "decided at run time", with them still undefined',
    'without pod IPs:',
    ...unknown.explanation.map((l) => `  ${l}`),
    'with pod IPs:',
    ...known.explanation.map((l) => `  ${l}`),
  ];
}

describe('model: what check decides without pod IPs, a live run with them decides the same', () => {
  it(`in every pod-to-pod cell of ${WORLDS} random worlds`, () => {
    let count = 0;
    const seen = new Set<string>();
    for (let seed = 1; seed <= WORLDS; seed++) {
      const spec = randomWorldSpec(seed);
      const before = buildWorld(spec, { ips: false });
      const after = buildWorld(spec, { ips: true });
      for (const src of before.pods.map(ref))
        for (const dst of before.pods.map(ref))
          for (const { port, protocol } of PROBE_PORTS) {
            if (src === dst) continue;
            count++;
            const unknown = probe(before, src, dst, port, protocol);
            seen.add(unknown.decidedAtRunTime ? 'decided at run time' : unknown.outcome);
            if (differences(unknown, probe(after, src, dst, port, protocol)).length === 0) continue;
            expect.fail(
              explainDisagreement({
                spec,
                ips: true,
                cell: `${src} → ${dst} on ${port}/${protocol}`,
                pods: [src, dst],
                differences: (s) =>
                  differences(
                    probe(buildWorld(s, { ips: false }), src, dst, port, protocol),
                    probe(buildWorld(s, { ips: true }), src, dst, port, protocol),
                  ),
              }),
            );
          }
    }
    expect(count).to.be.at.least(5000);
    expect([...seen].sort()).to.deep.equal(['allowed', 'blocked', 'decided at run time', 'refused', 'undefined']);
  });
});
