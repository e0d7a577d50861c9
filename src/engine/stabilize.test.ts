import { expect } from 'chai';
import type { ModelOutcome } from '../model/outcome.js';
import type { ProbeJob, ProbeResult, ProbeRunner } from '../probe/types.js';
import { probeUntilStable, type Clock } from './stabilize.js';

function job(key: string): ProbeJob {
  return {
    key,
    from: { namespace: 'ns', pod: 'c', container: 'c' },
    host: 'web',
    port: 80,
    protocol: 'TCP',
    tool: 'nc',
    timeoutSeconds: 1,
    logical: { from: { pod: 'c', namespace: 'default' }, target: { kind: 'host', host: 'web' }, port: 80, protocol: 'TCP' },
  };
}

function result(outcome: ModelOutcome): ProbeResult {
  return { outcome, detail: '', command: [], output: '', attempts: 1, durationMs: 0, repro: '' };
}

/** A runner that answers round n with script[n] (the last one repeats); each round takes 1 s. */
function scripted(script: ModelOutcome[][], clock: { t: number }): ProbeRunner {
  let round = 0;
  return {
    kind: 'model',
    run: async () => {
      const outcomes = script[Math.min(round++, script.length - 1)] as ModelOutcome[];
      clock.t += 1000;
      return outcomes.map(result);
    },
  };
}

function fakeClock(): Clock & { t: number } {
  const c = { t: 0, nowMs: () => c.t, waitMs: async (ms: number) => void (c.t += ms) };
  return c;
}

describe('probeUntilStable', () => {
  const opts = { deadlineSeconds: 30, settleSeconds: 10, pollIntervalMs: 500 };

  it('stops at two equal rounds matching the model, and bounds when the change took effect by the end of its first round', async () => {
    const clock = fakeClock();
    const runner = scripted([['allowed'], ['allowed'], ['blocked'], ['blocked']], clock);
    const r = await probeUntilStable(runner, [job('a')], { ...opts, expected: new Map([['a', 'blocked']]) }, clock);
    expect(r.stable).to.equal(true);
    expect(r.rounds).to.equal(4);
    expect(r.settledAfterMs).to.equal(4000);
    expect(r.history.get('a')).to.deep.equal(['allowed', 'allowed', 'blocked', 'blocked']);
    expect(r.final.get('a')?.attempts).to.equal(4);
    expect([...r.flaky]).to.deep.equal([]);
  });

  it('waits the settle time before trusting results that differ from the model', async () => {
    const clock = fakeClock();
    const r = await probeUntilStable(scripted([['allowed']], clock), [job('a')], { ...opts, expected: new Map([['a', 'blocked']]) }, clock);
    expect(r.stable).to.equal(true);
    expect(r.rounds).to.equal(7);
    expect(r.settledAfterMs).to.equal(1000);
  });

  it('marks what still changes at the deadline as flaky', async () => {
    const clock = fakeClock();
    const script: ModelOutcome[][] = Array.from({ length: 40 }, (_, i) => [i % 2 ? 'allowed' : 'blocked', 'allowed']);
    const r = await probeUntilStable(scripted(script, clock), [job('a'), job('b')], opts, clock);
    expect(r.stable).to.equal(false);
    expect([...r.flaky]).to.deep.equal(['a']);
  });
});
