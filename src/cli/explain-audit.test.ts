import { expect } from 'chai';
import { installers } from './installers.js';
import { main } from './program.js';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), colorOut: false }, installers);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('cli: netpol-harness explain, what the answer rests on', () => {
  it('a step whose policy the API server rejected says so first, and the expectation stands beside the answer', async () => {
    const r = await cli(
      'explain',
      'anyone',
      'pod/web:8080',
      'scenarios/000-common-use-cases-admin-interface.yaml',
      '--step',
      '2',
    );
    expect(r.code).to.equal(0);
    expect(r.out.split('\n').slice(0, 6)).to.deep.equal([
      'web-admin was rejected: spec.ingress[0].ports[0].name: strict decoding error: unknown field "spec.ingress[0].ports[0].name"; spec.ingress[1].ports[0].name: strict decoding error: unknown field "spec.ingress[1].ports[0].name"; nothing it says is in force',
      'flow: default/anyone -> pod/web:8080 (8080/TCP)',
      'in: scenarios/000-common-use-cases-admin-interface.yaml, step 2/3 "apply web-admin as written"',
      'policies in force: none',
      'answer: allowed',
      'expected: blocked (line 101, nc: "# Admin access to admin port"); the model disagrees',
    ]);
    const fixed = await cli('explain', 'anyone', 'pod/web:8080', 'scenarios/000-common-use-cases-admin-interface.yaml');
    expect(fixed.out.split('\n').slice(0, 5)).to.deep.equal([
      'flow: default/anyone -> pod/web:8080 (8080/TCP)',
      'in: scenarios/000-common-use-cases-admin-interface.yaml, step 3/3 "apply the corrected variant"',
      'policies in force: default/web-admin',
      'answer: blocked',
      'expected: blocked (line 109, nc: "# Admin access to admin port"); the model agrees',
    ]);
  });

  it('a flow decided outside the policy engine says why: no such port, an outside address, loopback, a blocked lookup', async () => {
    const cases: [string[], string[]][] = [
      [
        ['test-monitoring', 'svc-ip/apiserver:9999', 'scenarios/000-mistake-service-ports.yaml'],
        [
          'answer: no-such-port',
          'expected: no row of the scenario probes this flow',
          'decided outside the policy engine: no such port: service default/apiserver exposes 8001/TCP, 5001/TCP, not 9999/TCP',
        ],
      ],
      [
        ['backend', '52.1.2.3:443', 'scenarios/002-allow-external-api.yaml'],
        [
          'answer: allowed',
          'expected: allowed (line 76, nc: "cidr: 52.1.2.3/32        # Specific external IP"); the model agrees',
          'decided partly outside the policy engine: 52.1.2.3 is outside the cluster, where no policy applies; policy decides only the egress of default/backend',
        ],
      ],
      [
        ['backend', 'localhost:5555', 'scenarios/003-container-to-container.yaml'],
        [
          'answer: allowed',
          'expected: allowed (line 55, nc: "Network Policies do not restrict internal Pod communication (Container to Container) in any way."); allowed (line 56, wget, derived); the model agrees',
          'decided outside the policy engine: loopback inside pod default/backend, which NetworkPolicy does not govern',
        ],
      ],
      [
        ['backend', 'kubernetes.default:443', 'scenarios/002-allow-dns-only.yaml'],
        [
          'answer: dns-failure',
          'expected: no row of the scenario probes this flow',
          'decided before the connection: the lookup of "kubernetes.default" is blocked by policy (the DNS line below), so no connection to 443/TCP is tried and no rule for it is consulted',
        ],
      ],
      [
        ['backend', 'nosuch.default:80', 'scenarios/002-allow-dns-only.yaml', '--step', '1'],
        [
          'answer: dns-failure',
          'expected: no row of the scenario probes this flow',
          'decided outside the policy engine: DNS failure: no service answers to "nosuch.default" from namespace default',
        ],
      ],
    ];
    for (const [args, want] of cases) {
      const r = await cli('explain', ...args);
      expect(r.code, args.join(' ')).to.equal(0);
      expect(r.out.split('\n').slice(3, 6), args.join(' ')).to.deep.equal(want);
    }
  });
});
