import { expect } from 'chai';
import type { Verdict } from '../../reachability/verdict.js';
import type { Fault } from './environment-health.js';
import { environmentReason, faultsAffecting, withEnvironmentFaults } from './environment-verdicts.js';
import type { LiveRecord, ObservationWindow, ScenarioRun } from '../types.js';

const T0 = Date.UTC(2026, 10, 29, 12, 0, 0);
const s = (seconds: number) => T0 + seconds * 1000;

/** Only the verdict and the live observation matter here; the rest of the record is carried along untouched. */
function record(verdict: Verdict, windows: [number, number][], to = 'web'): LiveRecord {
  const observedMs: ObservationWindow[] = windows.map(([from, until]) => ({ fromMs: s(from), toMs: s(until) }));
  return {
    to,
    verdict: { verdict, reason: `was ${verdict}` },
    live: { key: to, sent: windows.length > 0, history: [], outcome: 'allowed', flaky: false, observedMs },
  } as unknown as LiveRecord;
}

const calicoGone: Fault = {
  kind: 'state',
  key: 'kube-system/calico-node@kind-control-plane',
  subject: 'calico-node on node kind-control-plane',
  state: 'not ready',
  fromMs: s(67),
  toMs: s(100),
};
const stillGone: Fault = {
  kind: 'state',
  key: calicoGone.key,
  subject: calicoGone.subject,
  state: 'not ready',
  fromMs: s(67),
};

function runOf(records: LiveRecord[]): ScenarioRun {
  return {
    scenario: { name: 'np02' },
    runId: 'r1-0',
    namespaces: [],
    steps: [],
    records,
    durationMs: 0,
  } as unknown as ScenarioRun;
}

describe('faultsAffecting', () => {
  it('counts a fault for every probe still observed after it started, even after it ended', () => {
    expect(
      faultsAffecting(
        record('pass', [
          [0, 10],
          [60, 66],
        ]),
        [calicoGone],
      ),
    ).to.deep.equal([]);
    expect(
      faultsAffecting(
        record('pass', [
          [0, 10],
          [60, 68],
        ]),
        [calicoGone],
      ),
    ).to.deep.equal([calicoGone]);
    expect(
      faultsAffecting(
        record('pass', [
          [0, 10],
          [150, 160],
        ]),
        [calicoGone],
      ),
    ).to.deep.equal([calicoGone]);
  });

  it('leaves records alone that sent nothing', () => {
    expect(faultsAffecting(record('inconclusive', []), [stillGone])).to.deep.equal([]);
  });
});

describe('withEnvironmentFaults', () => {
  it('makes pass, mismatch, document defect, flaky and disagrees inconclusive after a fault, keeping what they were', () => {
    const verdicts: Verdict[] = [
      'pass',
      'enforcement-mismatch',
      'document-defect',
      'flaky',
      'disagrees',
      'inconclusive',
    ];
    const [run] = withEnvironmentFaults(
      [
        runOf(
          verdicts.map((v) =>
            record(
              v,
              [
                [0, 10],
                [70, 80],
              ],
              v,
            ),
          ),
        ),
      ],
      [calicoGone],
      (ms) => `+${(ms - T0) / 1000}s`,
    );
    expect(
      run?.records.map(
        (r) =>
          `${r.to}: ${r.verdict.verdict} (${r.verdict.reason}) before ${r.live.environment?.verdictBefore.verdict ?? '-'}`,
      ),
    ).to.deep.equal([
      'pass: inconclusive (environment: calico-node on node kind-control-plane not ready from +67s to +100s) before pass',
      'enforcement-mismatch: inconclusive (environment: calico-node on node kind-control-plane not ready from +67s to +100s) before enforcement-mismatch',
      'document-defect: inconclusive (environment: calico-node on node kind-control-plane not ready from +67s to +100s) before document-defect',
      'flaky: inconclusive (environment: calico-node on node kind-control-plane not ready from +67s to +100s) before flaky',
      'disagrees: inconclusive (environment: calico-node on node kind-control-plane not ready from +67s to +100s) before disagrees',
      'inconclusive: inconclusive (was inconclusive) before -',
    ]);
  });

  it('keeps verdicts observed entirely before the fault, and returns the runs unchanged without faults', () => {
    const before = runOf([
      record('enforcement-mismatch', [
        [0, 10],
        [20, 30],
      ]),
    ]);
    expect(withEnvironmentFaults([before], [calicoGone])[0]?.records[0]?.verdict.verdict).to.equal(
      'enforcement-mismatch',
    );
    expect(withEnvironmentFaults([before], [])).to.deep.equal([before]);
  });

  it('says when a fault lasted until the end', () => {
    const [run] = withEnvironmentFaults(
      [
        runOf([
          record('pass', [
            [0, 10],
            [70, 80],
          ]),
        ]),
      ],
      [stillGone],
    );
    expect(run?.records[0]?.verdict.reason).to.equal(
      'environment: calico-node on node kind-control-plane not ready from 12:01:07, still not ready at the end',
    );
  });
});

describe('environmentReason', () => {
  it('names three faults and counts the rest', () => {
    const faults = [1, 2, 3, 4, 5].map((i): Fault => ({
      kind: 'event',
      key: `k${i}`,
      subject: `calico-node pod p${i}`,
      state: 'restarted',
      fromMs: s(i),
      toMs: s(i + 1),
    }));
    expect(environmentReason(faults)).to.equal(
      'environment: calico-node pod p1 restarted between 12:00:01 and 12:00:02; calico-node pod p2 restarted between 12:00:02 and 12:00:03; calico-node pod p3 restarted between 12:00:03 and 12:00:04; and 2 more',
    );
  });
});
