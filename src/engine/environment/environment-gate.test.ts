import { expect } from 'chai';
import { kindWithCalico } from '../../testing/kind-with-calico.js';
import { StepClock } from '../../testing/step-clock.js';
import { awaitHealthyEnvironment, obstacles, type GateResult } from './environment-gate.js';
import type { Fault } from './environment-health.js';

const OPTIONS = { deadlineSeconds: 60, settleSeconds: 10, pollIntervalMs: 1000 };

/** Ticks the clock until the gate answers, calling `each` with the seconds waited before each tick. */
async function drive(p: Promise<GateResult>, clock: StepClock, each: (second: number) => void): Promise<GateResult> {
  let answer: GateResult | undefined;
  void p.then((r) => (answer = r));
  for (let second = 0; second < 200 && !answer; second++) {
    each(second);
    await clock.tick();
  }
  if (!answer) throw new Error('the gate never answered');
  return answer;
}

describe('awaitHealthyEnvironment', () => {
  it('passes a healthy cluster at the first look, without waiting to settle', async () => {
    const clock = new StepClock();
    const lines: string[] = [];
    const r = await awaitHealthyEnvironment(kindWithCalico(), clock, { ...OPTIONS, progress: (l) => lines.push(l) });
    expect(r).to.deep.equal({ healthy: true, waitedMs: 0 });
    expect(lines).to.deep.equal([]);
  });

  it('waits for a restarting calico-node, then for it to stay up settleSeconds', async () => {
    const k = kindWithCalico();
    const pod = k.pods.get('kube-system/calico-node-abcde');
    if (!pod) throw new Error('no pod');
    pod.ready = false;
    pod.containerStates = 'calico-node: terminated Unknown (exit 255)';
    const clock = new StepClock();
    const lines: string[] = [];
    const r = await drive(
      awaitHealthyEnvironment(k, clock, { ...OPTIONS, progress: (l) => lines.push(l) }),
      clock,
      (second) => {
        if (second === 5) pod.ready = true; // up at 5 s
        if (second === 8) pod.restarts = 1; // and restarts once more at 8 s
      },
    );
    // healthy from the poll at 8 s (the restart between 7 s and 8 s), settled 10 s after it
    expect(r).to.deep.equal({ healthy: true, waitedMs: 18_000 });
    expect(lines[0]).to.equal(
      'environment: waiting before the run: calico-node on node kind-control-plane not ready (pod calico-node-abcde Running, not ready (calico-node: terminated Unknown (exit 255)))',
    );
    expect(lines.at(-1)).to.equal('environment healthy after 18.0 s: starting');
  });

  it('gives up at the deadline, naming what still stands and what happened', async () => {
    const k = kindWithCalico();
    const pod = k.pods.get('kube-system/calico-node-abcde');
    if (!pod) throw new Error('no pod');
    pod.ready = false;
    const clock = new StepClock();
    const r = await drive(awaitHealthyEnvironment(k, clock, OPTIONS), clock, () => undefined);
    expect(r.healthy).to.equal(false);
    if (r.healthy) return;
    expect(r.waitedMs).to.equal(60_000);
    expect(r.problems).to.deep.equal([
      'calico-node on node kind-control-plane not ready (pod calico-node-abcde Running, not ready)',
    ]);
    expect(r.history).to.deep.equal([
      'calico-node on node kind-control-plane not ready from 12:01:00, still not ready at the end',
    ]);
  });
});

describe('obstacles', () => {
  const restart: Fault = {
    kind: 'event',
    key: 'r',
    subject: 'calico-node on node n',
    state: 'restarted',
    fromMs: 1_000,
    toMs: 2_000,
  };
  const outage: Fault = { kind: 'state', key: 's', subject: 'coredns', state: 'not ready', fromMs: 0, toMs: 5_000 };

  it('keeps a fault that ended less than the settle time ago, and forgets it after', () => {
    expect(obstacles([restart, outage], 9_000, 10_000)).to.deep.equal([
      'calico-node on node n restarted 7 s ago',
      'coredns was not ready until 4 s ago',
    ]);
    expect(obstacles([restart, outage], 15_000, 10_000)).to.deep.equal([]);
  });

  it('keeps an open fault however old', () => {
    const open: Fault = { ...outage, toMs: undefined } as Fault;
    delete (open as { toMs?: number }).toMs;
    expect(obstacles([open], 1e9, 10_000)).to.deep.equal(['coredns not ready']);
  });
});
