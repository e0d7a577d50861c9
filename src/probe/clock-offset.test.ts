import { expect } from 'chai';
import { ClockOffset, UPTIME_TICK_MS } from './clock-offset.js';

/** A container whose uptime is harness time plus `offsetMs`, read to the tick as /proc/uptime is. */
function uptimeCs(harnessMs: number, offsetMs: number): number {
  return Math.floor((harnessMs + offsetMs) / UPTIME_TICK_MS);
}

describe('ClockOffset', () => {
  it('places a probe that was slow on its way to within the quickest round trip seen, not its own', () => {
    const offset = new ClockOffset();
    const o = 123_456_789;
    // a quick probe: sent at 1000, started at 1002, answered at 1006
    offset.place(uptimeCs(1002, o), 1000, 1006);
    // a slow one: sent at 5000, its request took 400 ms to arrive, its reply 300 ms to come back
    const w = offset.place(uptimeCs(5400, o), 5000, 5700 + 20);
    expect(w.earliestMs).to.be.at.most(5400);
    expect(w.latestMs).to.be.at.least(5400);
    expect(w.latestMs - w.earliestMs).to.be.at.most(6 + 2 * UPTIME_TICK_MS);
  });

  it('always holds the true start, whatever the delays (random round trips, random offsets)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 50; run++) {
      const offset = new ClockOffset();
      const o = Math.floor(random() * 1e9) - 5e8;
      let t = 10_000;
      for (let i = 0; i < 40; i++) {
        const sent = t;
        const started = sent + random() * 300;
        const received = started + 20 + random() * 300;
        const w = offset.place(uptimeCs(started, o), sent, received);
        expect(w.earliestMs, `run ${run} probe ${i}`).to.be.at.most(started);
        expect(w.latestMs, `run ${run} probe ${i}`).to.be.at.least(started);
        expect(w.earliestMs).to.be.at.least(sent);
        expect(w.latestMs).to.be.at.most(received);
        t = received + random() * 100;
      }
    }
  });

  it('starts again from the latest reply when the bounds contradict each other (a clock that jumped)', () => {
    const offset = new ClockOffset();
    offset.place(uptimeCs(1002, 0), 1000, 1006);
    const w = offset.place(uptimeCs(2002, 60_000), 2000, 2006);
    expect(w.earliestMs).to.be.at.most(2002);
    expect(w.latestMs).to.be.at.least(2002);
  });
});
