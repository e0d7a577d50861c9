import { expect } from 'chai';
import { compareRuns, runsDiffer } from './diff.js';
import { runRecord } from './fixtures.js';
import type { RunRecord } from './records.js';

const side = (label: string, records: RunRecord[]) => ({ label, file: `${label}.json`, records });
const ALLOWED_BY_RULE = [
  'egress from y/a: not isolated (no policy selects it for Egress), allowed',
  'ingress to x/a: isolated by p; allowed by p ingress[0]',
];

describe('compare: two runs probe by probe', () => {
  it('finds nothing when every answer is the same (run ids differ)', () => {
    const c = compareRuns(
      side('calico', [runRecord({ runId: 'a-0' })]),
      side('kube-router', [runRecord({ runId: 'b-0' })]),
    );
    expect(c).to.include({ compared: 1, same: 1, modelChanged: 0 });
    expect(c.differences).to.deep.equal([]);
    expect(runsDiffer(c)).to.equal(false);
    expect(c.a.runIds).to.deep.equal(['a-0']);
  });

  it("groups the differences by scenario, then by rule kind, in the first run's order", () => {
    const a = [
      runRecord(),
      runRecord({ from: 'z/a', live: 'blocked' }),
      runRecord({ from: 'y/a', model: 'allowed', live: 'allowed', explanation: ALLOWED_BY_RULE }),
      runRecord({ scenario: 'e2e-udp-ports', protocol: 'UDP', live: 'blocked' }),
    ];
    const b = [
      runRecord({ live: 'refused', verdict: 'enforcement-mismatch' }),
      runRecord({ from: 'z/a', live: 'refused' }),
      runRecord({ from: 'y/a', model: 'allowed', live: 'blocked', explanation: ALLOWED_BY_RULE }),
      runRecord({ scenario: 'e2e-udp-ports', protocol: 'UDP', live: 'allowed' }),
    ];
    const c = compareRuns(side('calico', a), side('kube-router', b));
    expect(c).to.include({ compared: 4, same: 0 });
    expect(
      c.groups.map((g) => [g.scenario, g.kinds.map((k) => `${k.ruleKind} x${k.differences.length}`)]),
    ).to.deep.equal([
      ['e2e-tcp-ports', ['TCP: denied on ingress x2', 'TCP: allowed by an ingress rule x1']],
      ['e2e-udp-ports', ['UDP: denied on ingress x1']],
    ]);
    expect(runsDiffer(c)).to.equal(true);
  });

  it('names a run once, however many scenarios it ran', () => {
    const c = compareRuns(
      side('a', [
        runRecord({ runId: 'abc123-0' }),
        runRecord({ runId: 'abc123-1', port: 80 }),
        runRecord({ runId: 'abc123-1a', port: 82 }),
      ]),
      side('b', [runRecord({ runId: 'ffffff-0' })]),
    );
    expect(c.a.runIds).to.deep.equal(['abc123 (3 scenario runs)']);
    expect(c.b.runIds).to.deep.equal(['ffffff-0']);
  });

  it('counts a flaky answer as different from a steady one', () => {
    const c = compareRuns(side('a', [runRecord()]), side('b', [runRecord({ flaky: true, verdict: 'flaky' })]));
    expect(c.differences).to.have.length(1);
  });

  it('lists probes only one run made, and where the model itself changed', () => {
    const c = compareRuns(
      side('a', [runRecord(), runRecord({ port: 80 })]),
      side('b', [runRecord({ model: 'allowed' }), runRecord({ stepIndex: 2 })]),
    );
    expect(c.onlyA.map((r) => r.port)).to.deep.equal([80]);
    expect(c.onlyB.map((r) => r.stepIndex)).to.deep.equal([2]);
    expect(c).to.include({ compared: 1, same: 1, modelChanged: 1 });
    expect(runsDiffer(c)).to.equal(true);
  });
});
