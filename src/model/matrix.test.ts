import { expect } from 'chai';
import { syntheticWorld } from '../testing/synthetic.js';
import { ReachabilityMatrix } from './matrix.js';
import { evaluateProbe } from './probe.js';

describe('model: the bitset matrix agrees with evaluateProbe', () => {
  const ports = [
    { port: 80, protocol: 'TCP' as const },
    { port: 9090, protocol: 'TCP' as const },
    { port: 53, protocol: 'UDP' as const },
  ];
  for (const [seed, withIps] of [
    [1, false],
    [2, true],
    [3, false],
    [4, true],
    [5, false],
  ] as const) {
    it(`on a random world (seed ${seed}, pod IPs ${withIps ? 'known' : 'unknown'})`, () => {
      const world = syntheticWorld({ pods: 60, namespaces: 4, policies: 25, withIps }, seed);
      const matrix = new ReachabilityMatrix(world, ports);
      const seen = new Set<string>();
      world.pods.forEach((src, i) =>
        world.pods.forEach((dst, j) =>
          ports.forEach((p, k) => {
            const slow = evaluateProbe(world, {
              from: { pod: src.name, namespace: src.namespace },
              target: { kind: 'pod', pod: dst.name, namespace: dst.namespace },
              port: p.port,
              protocol: p.protocol,
            });
            const fast = matrix.outcome(i, j, k);
            seen.add(fast);
            if (fast !== slow.outcome) {
              expect.fail(
                `${src.namespace}/${src.name} → ${dst.namespace}/${dst.name}:${p.port}/${p.protocol}: matrix ${fast}, evaluateProbe ${slow.outcome}\n${slow.explanation.join('\n')}`,
              );
            }
          }),
        ),
      );
      // The property means something only if the worlds produce varied outcomes.
      expect([...seen]).to.include.members(['allowed', 'blocked']);
    });
  }
});
